// What a process started by `kubectl exec` sees inside the container: the pod's network namespace (its resolver,
// connections, ping), the files the kubelet and the runtime put there (/etc/resolv.conf, /etc/hosts,
// /etc/hostname, /etc/os-release), and the container's environment.
// SIMPLIFIED: the container file system holds only those files and what exec'd commands write (`curl -o`).
import type { Container, DeepReadonly } from '../model/types';
import type { Runtime, Sandbox } from '../core/runtime';
import type { ObjectStore } from '../core/store';
import type { ShellIO } from '../apps/shell-run';
import type { ImageToolbox } from '../apps/image-tools';
import { dataPlaneOf } from '../net/network';
import { formatResolvConf } from '../net/resolv-conf';
import { answersPing } from '../net/icmp';
import { containerEnv, serviceLinkEnv } from '../controllers/kubelet-env';
import { parseTimestamp } from '../model/time';
import type { Service } from '../model/types';
import { listeningApp } from '../net/hosts';
import { EMPTY_REPLY } from '../apps/http';
import type { ConnectResult, HttpRequest } from '../net/types';
import type { StoredPod } from './pod-target';

/** Linux's TCP connect timeout (SYN retries give up after about two minutes), when a tool sets none. */
export const OS_CONNECT_TIMEOUT_MS = 130_000;

const DIRS = ['/', '/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/var'];

/** The kubelet-managed /etc/hosts of a pod (kubelet_pods.go managedHostsFileContent). Pure. */
export function managedHosts(pod: StoredPod, ip: string): string {
  const host = pod.spec?.hostname ?? pod.metadata.name;
  const fqdn = pod.spec?.subdomain ? `${host}.${pod.spec.subdomain}.${pod.metadata.namespace}.svc.cluster.local\t${host}` : host;
  return '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n' +
    `fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${fqdn}\n`;
}

/** The files an exec'd process can read, by absolute path (plus what earlier exec'd commands wrote). */
export function containerFiles(runtime: Runtime, pod: StoredPod, sandbox: Sandbox, toolbox: ImageToolbox): Map<string, string> {
  const files = new Map<string, string>();
  const conf = dataPlaneOf(runtime)?.network.resolvConfOf({ kind: 'pod', podUid: sandbox.podUid });
  if (toolbox.os !== undefined || toolbox.programs.size > 0) {
    if (conf) files.set('/etc/resolv.conf', formatResolvConf(conf));
    files.set('/etc/hosts', managedHosts(pod, sandbox.ip));
    files.set('/etc/hostname', `${pod.spec?.hostname ?? pod.metadata.name}\n`);
  }
  if (toolbox.os) {
    const id = toolbox.os.split(' ')[0].toLowerCase();
    files.set('/etc/os-release', `PRETTY_NAME="${toolbox.os}"\nNAME="${toolbox.os.replace(/ v?[\d.].*$| GNU\/Linux.*$/, '')}"\nID=${id}\n`);
  }
  for (const [path, text] of sandbox.files) files.set(path, text);
  return files;
}

/** The environment an exec'd process starts with: PATH, HOSTNAME, the image's ENV, the pod's env, HOME. */
export function execEnvironment(store: ObjectStore, runtime: Runtime, pod: StoredPod, spec: DeepReadonly<Container>, sandbox: Sandbox,
  toolbox: ImageToolbox, tty: boolean): Map<string, string> {
  const env = new Map<string, string>([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', pod.spec?.hostname ?? pod.metadata.name]]);
  if (tty) env.set('TERM', 'xterm');
  for (const [k, v] of toolbox.env) env.set(k, v);
  const hostIP = runtime.nodes.get(sandbox.nodeName)?.internalIP ?? '';
  const own = containerEnv(store, pod, spec, sandbox.ip, hostIP);
  if (own.ok) for (const [k, v] of Object.entries(own.env)) env.set(k, v);
  for (const k of laterServiceLinks(store, pod, spec, sandbox)) env.delete(k);
  if (!env.has('HOME')) env.set('HOME', '/root');
  return env;
}

/**
 * An exec'd process inherits the container's environment, fixed when the kubelet started it: Services created
 * since then have no link variables in it. SIMPLIFIED: a Service deleted since then loses its variables here.
 */
function laterServiceLinks(store: ObjectStore, pod: StoredPod, spec: DeepReadonly<Container>, sandbox: Sandbox): string[] {
  const startedAtMs = sandbox.containers.get(spec.name)?.startedAtMs;
  if (startedAtMs === undefined) return [];
  const declared = new Set((spec.env ?? []).map((e) => e.name));
  const keys: string[] = [];
  for (const svc of store.list('Service', pod.metadata.namespace)) {
    const created = svc.metadata.creationTimestamp;
    if (created === undefined || parseTimestamp(created) <= startedAtMs) continue;
    for (const k of Object.keys(serviceLinkEnv(svc as DeepReadonly<Service>))) if (!declared.has(k)) keys.push(k);
  }
  return keys;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** A connection to the pod's own loopback: whatever listens on that port in the pod answers. */
function loopback(runtime: Runtime, sandbox: Sandbox, port: number, request: HttpRequest | undefined): ConnectResult {
  const app = listeningApp(sandbox, port);
  const at = runtime.clock.now;
  if (!app) return { ok: false, error: 'ECONNREFUSED', hops: [], elapsedMs: 0, at };
  const response = request ? (app.http ? app.http(port, { ...request, remoteAddress: '127.0.0.1' }) : EMPTY_REPLY) : undefined;
  return { ok: true, endpoint: { ip: '127.0.0.1', port, podUid: sandbox.podUid }, response, hops: [], elapsedMs: 0, at };
}

function absolute(path: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop(); else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

/** The ShellIO of a process in the pod: output to kubectl's streams, network from the pod, its files. */
export function execShellIO(runtime: Runtime, pod: StoredPod, sandbox: Sandbox, toolbox: ImageToolbox,
  out: (text: string) => void, err: (text: string) => void, now: () => number, stdin: string | undefined): ShellIO {
  const origin = { kind: 'pod' as const, podUid: sandbox.podUid };
  const files = containerFiles(runtime, pod, sandbox, toolbox);
  const dirs = (): Set<string> => {
    const set = new Set(DIRS);
    for (const f of files.keys()) for (let d = f.slice(0, f.lastIndexOf('/')); d !== ''; d = d.slice(0, d.lastIndexOf('/'))) set.add(d);
    return set;
  };
  return {
    out: (line) => out(`${line}\n`),
    err: (line) => err(`${line}\n`),
    write: (text) => out(text),
    nowEpochMs: now,
    hostname: pod.spec?.hostname ?? pod.metadata.name,
    podIP: sandbox.ip,
    flavour: toolbox.flavour,
    legacyNslookup: toolbox.legacyNslookup,
    stdin,
    connect: (host, port, request, timeoutMs) => (LOOPBACK.has(host)
      ? loopback(runtime, sandbox, port, request)
      : runtime.network.connect(origin, host, port, request, { timeoutMs: timeoutMs ?? OS_CONNECT_TIMEOUT_MS })),
    lookup: (name, qtype, search) => {
      const plane = dataPlaneOf(runtime);
      if (!plane) return { ok: false, error: 'TIMEOUT', server: '', answers: [], addresses: [], hops: [], elapsedMs: 0 };
      return plane.network.lookup(origin, name, qtype, search);
    },
    pingable: (ip) => answersPing(runtime, ip),
    readFile: (path) => files.get(absolute(path)),
    listDir: (path) => {
      const dir = absolute(path);
      if (!dirs().has(dir)) return undefined;
      const prefix = dir === '/' ? '/' : `${dir}/`;
      const names = new Set<string>();
      for (const p of [...dirs(), ...files.keys()]) if (p !== dir && p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
      return [...names].sort();
    },
    writeFile: (path, text) => {
      const abs = absolute(path);
      if (abs === '/dev/null') return true;
      if (!dirs().has(abs.slice(0, abs.lastIndexOf('/')) || '/')) return false;
      files.set(abs, text);
      sandbox.files.set(abs, text);
      return true;
    },
  };
}
