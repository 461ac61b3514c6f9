// The inspector's History: every name and IP the pods behind an object have had (the cattle) next to every address
// its Service has had (the anchor), from the session's history.
import type { Deployment, K8sObject, Pod, ReplicaSet, Service, Stored } from '../../../sim/model/types';
import { controllerOf } from '../../../sim/model/pod';
import { matchesRequirements, requirementsOfMap } from '../../../sim/model/labels';
import { listOf, objectsOf, type ClusterView } from '../../lib/cluster-view';
import type { HistoryTracker, PodRecord } from '../topology/history';
import { servicesSelecting } from '../topology/address-book';

export interface PodRow {
  readonly uid: string;
  readonly name: string;
  readonly ip: string;
  readonly node: string;
  readonly seen: string;
  readonly gone: string;
  readonly replaces: string;
}

export interface AddressRow {
  readonly service: string;
  readonly kind: string;
  readonly address: string;
  readonly seen: string;
}

export interface ObjectHistory {
  /** The workloads whose pods are listed (`Deployment web`). */
  readonly workloads: readonly string[];
  readonly pods: readonly PodRow[];
  readonly podIps: number;
  readonly podNames: number;
  readonly addresses: readonly AddressRow[];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Virtual ms as the session clock shows it (HH:MM:SS). Pure. */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

function podRow(r: PodRecord): PodRow {
  return {
    uid: r.uid, name: r.name, ip: r.ip ?? '<none>', node: r.node ?? '<none>', seen: clockText(r.firstSeenMs),
    gone: r.goneMs === undefined ? '' : clockText(r.goneMs), replaces: r.replaces ? `${r.replaces.name}${r.replaces.ip ? ` (${r.replaces.ip})` : ''}` : '',
  };
}

/** The workload keys whose pods a Service selects (Deployments whose template labels match its selector). Pure. */
function workloadsOfService(view: ClusterView, svc: Stored<Service>): string[] {
  const selector = svc.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const reqs = requirementsOfMap(selector);
  return listOf<Deployment>(objectsOf(view, 'Deployment'), svc.metadata.namespace)
    .filter((d) => matchesRequirements(reqs, d.spec?.template?.metadata?.labels))
    .map((d) => `Deployment/${d.metadata.namespace}/${d.metadata.name}`);
}

/** The workload key a pod or ReplicaSet belongs to (its Deployment when it has one). Pure. */
function workloadOf(view: ClusterView, obj: K8sObject): string | undefined {
  const ns = obj.metadata.namespace ?? '';
  const ref = controllerOf(obj);
  if (!ref) return obj.kind === 'ReplicaSet' ? `ReplicaSet/${ns}/${obj.metadata.name}` : undefined;
  if (ref.kind === 'ReplicaSet' && obj.kind === 'Pod') {
    const rs = objectsOf(view, 'ReplicaSet').get(`ReplicaSet/${ns}/${ref.name}`) as Stored<ReplicaSet> | undefined;
    const owner = rs ? controllerOf(rs) : undefined;
    return owner?.kind === 'Deployment' ? `Deployment/${ns}/${owner.name}` : `ReplicaSet/${ns}/${ref.name}`;
  }
  return `${ref.kind}/${ns}/${ref.name}`;
}

/** The history shown for `obj`, or undefined for kinds without one. Pure over the tracker's state. */
export function historyOf(view: ClusterView, history: HistoryTracker, obj: K8sObject): ObjectHistory | undefined {
  let workloadKeys: string[];
  let services: Stored<Service>[];
  const allServices = listOf<Service>(objectsOf(view, 'Service'));
  if (obj.kind === 'Service') {
    workloadKeys = workloadsOfService(view, obj as unknown as Stored<Service>);
    services = [obj as unknown as Stored<Service>];
  } else if (obj.kind === 'Deployment') {
    workloadKeys = [`Deployment/${obj.metadata.namespace}/${obj.metadata.name}`];
    services = servicesSelecting(obj as unknown as Stored<Deployment>, allServices);
  } else if (obj.kind === 'Pod' || obj.kind === 'ReplicaSet' || obj.kind === 'DaemonSet' || obj.kind === 'StatefulSet') {
    const key = obj.kind === 'Pod' || obj.kind === 'ReplicaSet' ? workloadOf(view, obj) : `${obj.kind}/${obj.metadata.namespace}/${obj.metadata.name}`;
    workloadKeys = key ? [key] : [];
    const labels = (obj as unknown as Stored<Pod>).metadata.labels;
    services = obj.kind === 'Pod'
      ? allServices.filter((s) => s.metadata.namespace === obj.metadata.namespace && Object.keys(s.spec?.selector ?? {}).length > 0
        && matchesRequirements(requirementsOfMap(s.spec?.selector), labels))
      : workloadKeys[0]?.startsWith('Deployment/')
        ? servicesSelecting(objectsOf(view, 'Deployment').get(workloadKeys[0]) as unknown as Stored<Deployment>, allServices)
        : [];
  } else if (obj.kind === 'Node') {
    const pods: PodRecord[] = [];
    for (const w of history.workloads()) for (const r of w.pods) if (r.node === obj.metadata.name) pods.push(r);
    pods.sort((a, b) => a.firstSeenMs - b.firstSeenMs);
    return { workloads: [], pods: pods.map(podRow), podIps: new Set(pods.map((p) => p.ip).filter(Boolean)).size, podNames: pods.length, addresses: [] };
  } else return undefined;
  const records = workloadKeys.flatMap((k) => history.workload(k)?.pods ?? []);
  const ips = new Set<string>();
  for (const k of workloadKeys) for (const ip of history.workload(k)?.ips.keys() ?? []) ips.add(ip);
  const addresses = services.flatMap((s) => (history.service(`${s.metadata.namespace}/${s.metadata.name}`)?.addresses ?? [])
    .map((a) => ({ service: s.metadata.name, kind: a.kind, address: a.address, seen: clockText(a.firstSeenMs) })));
  return {
    workloads: workloadKeys.map((k) => k.split('/').filter((_, i) => i !== 1).join(' ')),
    pods: records.map(podRow), podIps: ips.size,
    podNames: workloadKeys.reduce((n, k) => n + (history.workload(k)?.podCount ?? 0), 0), addresses,
  };
}
