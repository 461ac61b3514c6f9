// The objects `kubectl create deployment|service|secret|configmap|namespace` build client-side, field for field as
// the Go structs serialise (empty structs such as `strategy: {}`, `resources: {}` and `status: {}` included).
import type { K8sObject } from '../../model/types';
import { fnv1a32, NAME_ALPHABET } from '../../core/names';
import { encodeBase64 } from '../../registry/base64';

type Obj = K8sObject & Record<string, unknown>;

function meta(name: string, namespace: string | undefined, labels?: Record<string, string>): K8sObject['metadata'] {
  return { ...(labels ? { labels } : {}), name, ...(namespace ? { namespace } : {}) };
}

/**
 * buildPodSpec's container name: the image's last path segment without tag or digest; `.` and `_` become `-`
 * plus a 5-character suffix. SIMPLIFIED: the suffix is derived from the name and `salt`, not random. Pure.
 */
export function containerNameFor(image: string, salt: string): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (/[_.]/.test(name)) {
    let h = fnv1a32(`${name}/${salt}`);
    let suffix = '';
    for (let i = 0; i < 5; i++) { suffix += NAME_ALPHABET[h % NAME_ALPHABET.length]; h = Math.floor(h / NAME_ALPHABET.length) + 7919 * (i + 1); }
    name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${suffix}`;
  }
  return name;
}

/** createDeployment: labels and selector app=NAME, one container per image, the port on the first. Pure. */
export function deploymentFor(name: string, namespace: string | undefined, images: readonly string[], replicas: number, port: number, command: readonly string[], salt: string): Obj {
  const labels = { app: name };
  const containers = images.map((image, i) => ({
    ...(command.length > 0 ? { command: [...command] } : {}), image, name: containerNameFor(image, `${salt}/${i}`),
    ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}), resources: {},
  }));
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name, namespace, labels),
    spec: { replicas, selector: { matchLabels: { ...labels } }, strategy: {}, template: { metadata: { labels: { ...labels } }, spec: { containers } } },
    status: {},
  };
}

/** parsePorts for --tcp: `port[:targetPort]`; a non-numeric target is a named port (IsValidPortName). Pure. */
export function parseTcp(spec: string): { port: number; targetPort: number | string } | { error: string } {
  const [portText, target] = spec.split(':');
  if (!/^\d+$/.test(portText)) return { error: `strconv.ParseUint: parsing ${JSON.stringify(portText)}: invalid syntax` };
  const port = Number(portText);
  if (port > 65535) return { error: `strconv.ParseUint: parsing ${JSON.stringify(portText)}: value out of range` };
  if (target === undefined) return { port, targetPort: port };
  if (/^-?\d+$/.test(target)) {
    const t = Number(target);
    return t < 1 || t > 65535 ? { error: 'must be between 1 and 65535, inclusive' } : { port, targetPort: t };
  }
  const errs: string[] = [];
  if (target.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(target)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(target)) errs.push('must contain at least one letter (a-z)');
  if (target.includes('--')) errs.push('must not contain consecutive hyphens');
  if (/^-|-$/.test(target)) errs.push('must not begin or end with a hyphen');
  return errs.length > 0 ? { error: errs.join(',') } : { port, targetPort: target };
}

/** createService: type, selector app=NAME, one `80-8080`-named TCP port per --tcp. Pure. */
export function serviceFor(name: string, namespace: string | undefined, type: string, ports: readonly { spec: string; port: number; targetPort: number | string }[],
  extra: { nodePort?: number; clusterIP?: string; externalName?: string }): Obj {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: meta(name, namespace, { app: name }),
    spec: {
      ...(extra.clusterIP ? { clusterIP: extra.clusterIP } : {}), ...(extra.externalName ? { externalName: extra.externalName } : {}),
      ports: ports.map((p) => ({ name: p.spec.replace(/:/g, '-'), ...(extra.nodePort ? { nodePort: extra.nodePort } : {}), port: p.port, protocol: 'TCP', targetPort: p.targetPort })),
      selector: { app: name }, type,
    },
    status: { loadBalancer: {} },
  };
}

/** A Secret or ConfigMap's data from --from-literal / --from-file pairs (Secret values base64-encoded). Pure. */
export function dataObject(kind: 'Secret' | 'ConfigMap', name: string, namespace: string | undefined, data: ReadonlyMap<string, string>, type?: string): Obj {
  const entries = [...data].map(([k, v]) => [k, kind === 'Secret' ? encodeBase64(v) : v] as const);
  return {
    apiVersion: 'v1', ...(entries.length > 0 ? { data: Object.fromEntries(entries) } : {}), kind, metadata: meta(name, namespace),
    ...(type ? { type } : {}),
  };
}

/** createSecretDockerRegistry: `.dockerconfigjson` = {"auths":{server:{username,password,email,auth}}}, auth = base64(user:password). Pure. */
export function dockerRegistrySecret(name: string, namespace: string | undefined, server: string, username: string, password: string, email: string): Obj {
  const entry = { ...(username ? { username } : {}), ...(password ? { password } : {}), ...(email ? { email } : {}), auth: encodeBase64(`${username}:${password}`) };
  const json = JSON.stringify({ auths: { [server]: entry } }).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return dataObject('Secret', name, namespace, new Map([['.dockerconfigjson', json]]), 'kubernetes.io/dockerconfigjson');
}

/** createServiceAccount: only the name (and the namespace when -n is given). Pure. */
export function serviceAccountFor(name: string, namespace: string | undefined): Obj {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, ...(namespace ? { namespace } : {}) } };
}

/** createNamespace: just the name, with the empty spec and status the struct carries. Pure. */
export function namespaceFor(name: string): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} };
}
