// kubectl's kubeconfig (client-go clientcmd): kubesim's one cluster, user and context, and the context's namespace,
// which `kubectl config set-context --namespace` writes to ~/.kube/config as the real command does.
// SIMPLIFIED: the file appears the first time a context setting changes; until then kubectl uses the built-in
// config, and only the context's namespace is read back from the file.
import { parse } from 'yaml';
import type { ShellHost } from '../shell/program';
import { HOME, type VirtualFs } from '../shell/vfs';
import { toGoYaml } from './printers/go-yaml';

export const CLUSTER = 'kubesim';
export const USER = `clusterUser_${CLUSTER}-rg_${CLUSTER}`;
export const KUBECONFIG_PATH = `${HOME}/.kube/config`;

/** The API server address kubectl talks to, derived from the cluster's node pool id. Pure. */
export function serverUrl(host: ShellHost): string {
  const node = host.store.list('Node')[0]?.metadata.name ?? '';
  const id = /-(\d+)-vmss/.exec(node)?.[1] ?? '0';
  // SIMPLIFIED: the AKS FQDN suffix is derived from the node pool id rather than issued by Azure.
  return `https://${CLUSTER}-dns-${Number(id).toString(16).padStart(8, '0')}.hcp.eastus.azmk8s.io:443`;
}

/** The current context's namespace from ~/.kube/config, if one is set there. */
export function contextNamespace(fs: VirtualFs): string | undefined {
  const read = fs.read(KUBECONFIG_PATH);
  if (!read.ok) return undefined;
  try {
    const doc = parse(read.value) as { 'current-context'?: string; contexts?: { name?: string; context?: { namespace?: string } }[] } | null;
    const current = doc?.contexts?.find((c) => c.name === doc['current-context']);
    return current?.context?.namespace || undefined;
  } catch {
    return undefined;
  }
}

/** The kubeconfig as `kubectl config view` shows it (secrets omitted unless raw). Pure. */
export function kubeconfig(host: ShellHost, namespace: string | undefined, raw: boolean): unknown {
  const data = raw ? 'c2ltdWxhdGVkIGJ5IGt1YmVzaW0=' : 'DATA+OMITTED';
  return {
    apiVersion: 'v1', clusters: [{ cluster: { 'certificate-authority-data': data, server: serverUrl(host) }, name: CLUSTER }],
    contexts: [{ context: { cluster: CLUSTER, ...(namespace ? { namespace } : {}), user: USER }, name: CLUSTER }],
    'current-context': CLUSTER, kind: 'Config', preferences: {},
    users: [{ name: USER, user: { 'client-certificate-data': data, 'client-key-data': data, token: raw ? 'kubesim-token' : 'REDACTED' } }],
  };
}

/** Writes the context's namespace to ~/.kube/config (an empty one removes it); false if the file cannot be written. */
export function writeContextNamespace(host: ShellHost, fs: VirtualFs, namespace: string): boolean {
  if (!fs.mkdir(`${HOME}/.kube`, true).ok && !fs.isDir(`${HOME}/.kube`)) return false;
  return fs.write(KUBECONFIG_PATH, toGoYaml(kubeconfig(host, namespace || undefined, true))).ok;
}
