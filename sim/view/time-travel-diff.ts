// What changed in the cluster between two moments, as `kubectl get pods,svc,endpoints -o wide` run at both times
// and compared by hand would show it: pods added and removed (by uid, with name, IP and node), pod IPs that
// changed, Service ClusterIPs and external IPs, the ready addresses of each Service's Endpoints, and the Events
// recorded in between. Pure: two sets of objects (and the events seen between them) in, plain data out.
import type { Endpoints, Event, K8sObject, Pod, Service, SimTime } from '../model/types';

/** A pod as the diff names it. */
export interface PodFacts {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly ip?: string;
  readonly node?: string;
  readonly phase?: string;
}

export interface PodIpChange {
  readonly namespace: string;
  readonly name: string;
  readonly from?: string;
  readonly to?: string;
}

/** A Service's addresses: its ClusterIP and the external IPs its load balancer published. */
export interface ServiceFacts {
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly clusterIP?: string;
  readonly externalIPs: readonly string[];
}

export interface ServiceChange {
  readonly namespace: string;
  readonly name: string;
  readonly clusterIP?: { readonly from?: string; readonly to?: string };
  readonly externalIPs?: { readonly from: readonly string[]; readonly to: readonly string[] };
}

/** One address of a Service's Endpoints, with the pod behind it when the controller named one. */
export interface EndpointAddressFacts {
  readonly ip: string;
  readonly pod?: string;
}

/** The ready addresses one Service gained and lost. */
export interface EndpointChange {
  readonly namespace: string;
  readonly service: string;
  readonly added: readonly EndpointAddressFacts[];
  readonly removed: readonly EndpointAddressFacts[];
}

/** An Event recorded (created, or counted again) between the two moments. */
export interface EventFacts {
  /** Virtual ms at which the event was recorded. */
  readonly at: SimTime;
  readonly type: string;
  readonly reason: string;
  /** `Kind/name` of the object the event is about. */
  readonly object: string;
  readonly namespace: string;
  readonly message: string;
  readonly count: number;
}

export interface ClusterDiff {
  readonly fromMs: SimTime;
  readonly toMs: SimTime;
  readonly podsAdded: readonly PodFacts[];
  readonly podsRemoved: readonly PodFacts[];
  readonly podIpChanges: readonly PodIpChange[];
  readonly servicesAdded: readonly ServiceFacts[];
  readonly servicesRemoved: readonly ServiceFacts[];
  readonly serviceChanges: readonly ServiceChange[];
  readonly endpointChanges: readonly EndpointChange[];
  /** Oldest first; at most `MAX_DIFF_EVENTS`, the most recent ones. */
  readonly events: readonly EventFacts[];
  /** Events left out to respect `MAX_DIFF_EVENTS`. */
  readonly eventsOmitted: number;
}

/** The most events a diff lists (a busy hour of traffic records far more). */
export const MAX_DIFF_EVENTS = 500;

const byNsName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }): number =>
  a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

/** A pod's facts. Pure. */
export function podFacts(obj: K8sObject): PodFacts {
  const pod = obj as unknown as Pod;
  return {
    namespace: obj.metadata.namespace ?? '', name: obj.metadata.name, uid: obj.metadata.uid ?? '',
    ip: pod.status?.podIP || undefined, node: pod.spec?.nodeName || undefined, phase: pod.status?.phase,
  };
}

/** A Service's facts. Pure. */
export function serviceFacts(obj: K8sObject): ServiceFacts {
  const svc = obj as unknown as Service;
  const clusterIP = svc.spec?.clusterIP;
  const externalIPs = [
    ...(svc.spec?.externalIPs ?? []),
    ...(svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter((ip) => ip !== ''),
  ];
  return {
    namespace: obj.metadata.namespace ?? '', name: obj.metadata.name, type: svc.spec?.type ?? 'ClusterIP',
    clusterIP: clusterIP || undefined, externalIPs,
  };
}

// SIMPLIFIED: a Service's endpoints are read from its Endpoints object (ready addresses only); the EndpointSlices
// the endpoint-slice controller mirrors from the same pods would list the same addresses.
function readyAddresses(obj: K8sObject): EndpointAddressFacts[] {
  const out = new Map<string, EndpointAddressFacts>();
  for (const subset of (obj as unknown as Endpoints).subsets ?? []) {
    for (const a of subset.addresses ?? []) {
      if (!out.has(a.ip)) out.set(a.ip, a.targetRef?.name ? { ip: a.ip, pod: a.targetRef.name } : { ip: a.ip });
    }
  }
  return [...out.values()];
}

function ofKind(objects: Iterable<K8sObject>, kind: K8sObject['kind']): K8sObject[] {
  const out: K8sObject[] = [];
  for (const o of objects) if (o.kind === kind) out.push(o);
  return out;
}

const idOf = (o: K8sObject): string => o.metadata.uid ?? `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function diffPods(from: K8sObject[], to: K8sObject[]): Pick<ClusterDiff, 'podsAdded' | 'podsRemoved' | 'podIpChanges'> {
  const before = new Map(from.map((o) => [idOf(o), podFacts(o)]));
  const after = new Map(to.map((o) => [idOf(o), podFacts(o)]));
  const podsAdded = [...after].filter(([id]) => !before.has(id)).map(([, p]) => p).sort(byNsName);
  const podsRemoved = [...before].filter(([id]) => !after.has(id)).map(([, p]) => p).sort(byNsName);
  const podIpChanges: PodIpChange[] = [];
  for (const [id, p] of after) {
    const old = before.get(id);
    if (old && old.ip !== p.ip) podIpChanges.push({ namespace: p.namespace, name: p.name, from: old.ip, to: p.ip });
  }
  return { podsAdded, podsRemoved, podIpChanges: podIpChanges.sort(byNsName) };
}

function diffServices(from: K8sObject[], to: K8sObject[]): Pick<ClusterDiff, 'servicesAdded' | 'servicesRemoved' | 'serviceChanges'> {
  const before = new Map(from.map((o) => [idOf(o), serviceFacts(o)]));
  const after = new Map(to.map((o) => [idOf(o), serviceFacts(o)]));
  const servicesAdded = [...after].filter(([id]) => !before.has(id)).map(([, s]) => s).sort(byNsName);
  const servicesRemoved = [...before].filter(([id]) => !after.has(id)).map(([, s]) => s).sort(byNsName);
  const serviceChanges: ServiceChange[] = [];
  for (const [id, s] of after) {
    const old = before.get(id);
    if (!old) continue;
    const ipChanged = old.clusterIP !== s.clusterIP;
    const extChanged = !sameList(old.externalIPs, s.externalIPs);
    if (!ipChanged && !extChanged) continue;
    serviceChanges.push({
      namespace: s.namespace, name: s.name,
      ...(ipChanged ? { clusterIP: { from: old.clusterIP, to: s.clusterIP } } : {}),
      ...(extChanged ? { externalIPs: { from: old.externalIPs, to: s.externalIPs } } : {}),
    });
  }
  return { servicesAdded, servicesRemoved, serviceChanges: serviceChanges.sort(byNsName) };
}

function diffEndpoints(from: K8sObject[], to: K8sObject[]): EndpointChange[] {
  const keyOf = (o: K8sObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const before = new Map(from.map((o) => [keyOf(o), o]));
  const after = new Map(to.map((o) => [keyOf(o), o]));
  const changes: EndpointChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    const old = a ? readyAddresses(a) : [];
    const now = b ? readyAddresses(b) : [];
    const oldIps = new Set(old.map((x) => x.ip));
    const nowIps = new Set(now.map((x) => x.ip));
    const added = now.filter((x) => !oldIps.has(x.ip)).sort((x, y) => x.ip.localeCompare(y.ip));
    const removed = old.filter((x) => !nowIps.has(x.ip)).sort((x, y) => x.ip.localeCompare(y.ip));
    if (added.length === 0 && removed.length === 0) continue;
    const obj = (b ?? a)!;
    changes.push({ namespace: obj.metadata.namespace ?? '', service: obj.metadata.name, added, removed });
  }
  return changes.sort((x, y) => x.namespace.localeCompare(y.namespace) || x.service.localeCompare(y.service));
}

/** An Event object's facts, recorded at `at`. Pure. */
export function eventFacts(obj: K8sObject, at: SimTime): EventFacts {
  const ev = obj as unknown as Event;
  return {
    at, type: ev.type ?? 'Normal', reason: ev.reason ?? '', object: `${ev.involvedObject?.kind ?? ''}/${ev.involvedObject?.name ?? ''}`,
    namespace: obj.metadata.namespace ?? '', message: ev.message ?? '', count: ev.count ?? 1,
  };
}

/**
 * The changes from the objects at `fromMs` to those at `toMs`, with the events recorded in between (oldest first).
 * Pods and Services are matched by uid, so a pod deleted and recreated under the same name counts as removed and
 * added. Pure.
 */
export function diffClusters(fromMs: SimTime, from: Iterable<K8sObject>, toMs: SimTime, to: Iterable<K8sObject>,
  events: readonly EventFacts[]): ClusterDiff {
  const a = [...from];
  const b = [...to];
  const kept = events.slice(-MAX_DIFF_EVENTS);
  return {
    fromMs, toMs,
    ...diffPods(ofKind(a, 'Pod'), ofKind(b, 'Pod')),
    ...diffServices(ofKind(a, 'Service'), ofKind(b, 'Service')),
    endpointChanges: diffEndpoints(ofKind(a, 'Endpoints'), ofKind(b, 'Endpoints')),
    events: kept,
    eventsOmitted: events.length - kept.length,
  };
}
