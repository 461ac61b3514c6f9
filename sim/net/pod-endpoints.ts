// What the endpoints and EndpointSlice controllers share about turning pods into endpoints
// (staging/src/k8s.io/endpointslice/util/controller_utils.go and utils.go FindPort).
import type { DeepReadonly, Pod, Service, ServicePort, Stored } from '../model/types';
import { isPodTerminal } from '../model/pod';
import { storedPodSummary } from '../model/pod-summary';

type P = DeepReadonly<Stored<Pod>>;
type S = DeepReadonly<Stored<Service>>;

/** A service port with the API defaults filled in (protocol TCP, targetPort = port). */
export interface ResolvedServicePort {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly targetPort: number | string;
  readonly nodePort?: number;
  readonly appProtocol?: string;
}

/** The service's ports with protocol and targetPort defaulted, as defaults.go would have stored them. Pure. */
export function servicePorts(service: S): ResolvedServicePort[] {
  return (service.spec?.ports ?? []).map((p: DeepReadonly<ServicePort>) => ({
    name: p.name ?? '',
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    targetPort: p.targetPort ?? p.port,
    ...(p.nodePort ? { nodePort: p.nodePort } : {}),
    ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
  }));
}

/** The Service type, defaulting to ClusterIP. Pure. */
export function serviceType(service: S): string {
  return service.spec?.type ?? 'ClusterIP';
}

/** ClusterIP is set and not `None` (helper.IsServiceIPSet). Pure. */
export function isServiceIPSet(service: S): boolean {
  const ip = service.spec?.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
}

/** A non-empty selector: services without one are left to whoever writes their endpoints. Pure. */
export function hasSelector(service: S): boolean {
  const selector = service.spec?.selector;
  return selector !== undefined && selector !== null && Object.keys(selector).length > 0;
}

/** The pod's IPv4 address (status.podIPs[0], else status.podIP). Pure. */
export function podIPv4(pod: P): string | undefined {
  const first = pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP;
  return first && first.includes('.') ? first : undefined;
}

/**
 * ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless `includeTerminating`
 * (the EndpointSlice controller includes terminating pods; the Endpoints controller only with
 * publishNotReadyAddresses). Pure.
 */
export function shouldPodBeInEndpoints(pod: P, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && (pod.status?.podIPs?.length ?? 0) === 0) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp !== undefined) return false;
  return true;
}

/** shouldPodBeInEndpoints for a stored pod, from its summary. Pure. */
export function shouldStoredPodBeInEndpoints(pod: P, includeTerminating: boolean): boolean {
  const summary = storedPodSummary(pod);
  return !summary.terminal && summary.hasIP && (includeTerminating || !summary.terminating);
}

/** ShouldSetHostname: the pod names this service as its subdomain and sets a hostname. Pure. */
export function shouldSetHostname(pod: P, service: S): boolean {
  const hostname = pod.spec?.hostname;
  return !!hostname && pod.spec?.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace;
}

/**
 * FindPort: a numeric targetPort is used as is; a named one is looked up among the pod's container ports
 * (and restartable init containers) with the same protocol. Undefined when the pod has no such port. Pure.
 */
export function findPort(pod: P, port: ResolvedServicePort): number | undefined {
  const target = port.targetPort;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const cp of c.ports ?? []) if (cp.name === target && (cp.protocol ?? 'TCP') === port.protocol) return cp.containerPort;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const cp of c.ports ?? []) if (cp.name === target && (cp.protocol ?? 'TCP') === port.protocol) return cp.containerPort;
  }
  return undefined;
}

/** Byte-wise string comparison, Go's `<` on strings. Pure. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
