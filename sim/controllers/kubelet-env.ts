// The kubelet's container environment (kubelet_pods.go makeEnvironmentVariables): Docker-style service links
// for the namespace's services, then the container's env with $(VAR) expansion and valueFrom sources.
import type { ConfigMap, Container, DeepReadonly, K8sObject, Pod, Secret, Service } from '../model/types';
import type { ObjectStore } from '../core/store';
import { objectKey } from '../model/keys';
import { decodeBase64, utf8Text } from '../registry/base64';

export type EnvResult = { ok: true; env: Readonly<Record<string, string>> } | { ok: false; message: string };

/** Secret data as text (empty when it is not valid base64). Pure. */
export function secretText(value: string): string {
  const decoded = decodeBase64(value);
  return decoded.ok ? utf8Text(decoded.bytes) : '';
}

function linkName(service: string): string {
  return service.toUpperCase().replace(/-/g, '_');
}

/** The `<SVC>_SERVICE_HOST`/`_PORT` variables for one service, as kubelet's envvars.FromServices. Pure. */
export function serviceLinkEnv(svc: DeepReadonly<Service>): Record<string, string> {
  const env: Record<string, string> = {};
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None') return env;
  const name = linkName(svc.metadata?.name ?? '');
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return env;
  env[`${name}_SERVICE_HOST`] = ip;
  env[`${name}_SERVICE_PORT`] = String(ports[0].port);
  for (const p of ports) if (p.name) env[`${name}_SERVICE_PORT_${linkName(p.name)}`] = String(p.port);
  const first = ports[0];
  const proto = (first.protocol ?? 'TCP').toLowerCase();
  env[`${name}_PORT`] = `${proto}://${ip}:${first.port}`;
  for (const p of ports) {
    const pr = (p.protocol ?? 'TCP');
    const prefix = `${name}_PORT_${p.port}_${pr}`;
    env[prefix] = `${pr.toLowerCase()}://${ip}:${p.port}`;
    env[`${prefix}_PROTO`] = pr.toLowerCase();
    env[`${prefix}_PORT`] = String(p.port);
    env[`${prefix}_ADDR`] = ip;
  }
  return env;
}

/** Expands `$(VAR)` references against earlier variables; `$$` escapes, unknown references stay as written. Pure. */
export function expandEnvRefs(value: string, env: Readonly<Record<string, string>>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return name !== undefined && Object.prototype.hasOwnProperty.call(env, name) ? env[name] : m;
  });
}

function fieldRefValue(pod: DeepReadonly<Pod>, path: string, podIP: string, hostIP: string): string {
  switch (path) {
    case 'metadata.name': return pod.metadata?.name ?? '';
    case 'metadata.namespace': return pod.metadata?.namespace ?? '';
    case 'metadata.uid': return pod.metadata?.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP': return podIP;
    case 'status.hostIP': return hostIP;
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]] ?? '';
      return '';
    }
  }
}

/**
 * The environment a container starts with, or the CreateContainerConfigError message when a referenced
 * ConfigMap/Secret or key is missing. Reads the store; otherwise pure.
 */
export function containerEnv(store: ObjectStore, pod: DeepReadonly<Pod>, container: DeepReadonly<Container>, podIP: string, hostIP: string,
  links?: ServiceLinks): EnvResult {
  const ns = pod.metadata?.namespace ?? 'default';
  const env: Record<string, string> = {};
  const enabled = pod.spec?.enableServiceLinks !== false;
  const linked = links ? links.envFor(ns, enabled) : linkEnv(store, ns, enabled);
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = store.get(objectKey('ConfigMap', ns, from.configMapRef.name ?? '')) as DeepReadonly<ConfigMap> | undefined;
      if (!cm) { if (from.configMapRef.optional) continue; return { ok: false, message: `configmap "${from.configMapRef.name}" not found` }; }
      for (const [k, v] of Object.entries(cm.data ?? {})) env[prefix + k] = v;
    }
    if (from.secretRef) {
      const sec = store.get(objectKey('Secret', ns, from.secretRef.name ?? '')) as DeepReadonly<Secret> | undefined;
      if (!sec) { if (from.secretRef.optional) continue; return { ok: false, message: `secret "${from.secretRef.name}" not found` }; }
      for (const [k, v] of Object.entries(sec.data ?? {})) env[prefix + k] = secretText(v);
    }
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) { env[e.name] = expandEnvRefs(e.value, env); continue; }
    const src = e.valueFrom;
    if (!src) { env[e.name] = ''; continue; }
    if (src.fieldRef) env[e.name] = fieldRefValue(pod, src.fieldRef.fieldPath, podIP, hostIP);
    else if (src.configMapKeyRef) {
      const ref = src.configMapKeyRef;
      const cm = store.get(objectKey('ConfigMap', ns, ref.name ?? '')) as DeepReadonly<ConfigMap> | undefined;
      if (!cm) { if (ref.optional) continue; return { ok: false, message: `configmap "${ref.name}" not found` }; }
      const v = cm.data?.[ref.key];
      if (v === undefined) { if (ref.optional) continue; return { ok: false, message: `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}` }; }
      env[e.name] = v;
    } else if (src.secretKeyRef) {
      const ref = src.secretKeyRef;
      const sec = store.get(objectKey('Secret', ns, ref.name ?? '')) as DeepReadonly<Secret> | undefined;
      if (!sec) { if (ref.optional) continue; return { ok: false, message: `secret "${ref.name}" not found` }; }
      const v = sec.data?.[ref.key];
      if (v === undefined) { if (ref.optional) continue; return { ok: false, message: `couldn't find key ${ref.key} in Secret ${ns}/${ref.name}` }; }
      env[e.name] = secretText(v);
    } else env[e.name] = '';
  }
  env.HOSTNAME = pod.metadata?.name ?? '';
  return { ok: true, env: layered(linked, env) };
}

/** The service-link variables for a namespace (sorted by service name, as the kubelet lists them) plus `kubernetes`. */
function linkEnv(store: ObjectStore, namespace: string, enabled: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  if (enabled) for (const svc of store.list('Service', namespace)) Object.assign(env, serviceLinkEnv(svc as DeepReadonly<Service>));
  const master = store.get(objectKey('Service', 'default', 'kubernetes')) as DeepReadonly<Service> | undefined;
  if (master) Object.assign(env, serviceLinkEnv(master));
  return env;
}

/**
 * The service-link variables of each namespace, rebuilt only after a Service changes: with many Services every
 * container start would otherwise walk them all (the reason real clusters offer enableServiceLinks: false).
 */
export class ServiceLinks {
  private version = 0;
  private readonly cache = new Map<string, { version: number; env: Readonly<Record<string, string>> }>();

  constructor(private readonly store: ObjectStore) {
    store.watch((change) => { if (change.kind === 'Service') this.version++; });
  }

  /** The namespace's links (when enabled) plus the `kubernetes` Service's, frozen and shared. */
  envFor(namespace: string, enabled: boolean): Readonly<Record<string, string>> {
    const key = enabled ? namespace : '';
    const hit = this.cache.get(key);
    if (hit && hit.version === this.version) return hit.env;
    const frozen = Object.freeze(linkEnv(this.store, namespace, enabled));
    this.cache.set(key, { version: this.version, env: frozen });
    return frozen;
  }
}

/** A read-only view of `own` over `base` (own wins) that enumerates both, without copying the base. Pure. */
export function layered(base: Readonly<Record<string, string>>, own: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const has = (k: string | symbol): boolean => typeof k === 'string' && (Object.prototype.hasOwnProperty.call(own, k) || Object.prototype.hasOwnProperty.call(base, k));
  return new Proxy(own, {
    get: (_t, k) => (typeof k !== 'string' ? undefined : Object.prototype.hasOwnProperty.call(own, k) ? own[k] : base[k]),
    has: (_t, k) => has(k),
    ownKeys: () => [...new Set([...Object.keys(base), ...Object.keys(own)])],
    getOwnPropertyDescriptor: (_t, k) => (has(k) ? { value: (Object.prototype.hasOwnProperty.call(own, k as string) ? own : base)[k as string], enumerable: true, configurable: true, writable: false } : undefined),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  }) as Readonly<Record<string, string>>;
}
