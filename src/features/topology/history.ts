// The session's memory of the cluster, accumulated frame by frame: every name and IP a workload's pods have had,
// every address a Service has had, and which new pod replaced which deleted one (a pod of the same Deployment or
// ReplicaSet deleted shortly before while its ReplicaSet still wanted it, as the ReplicaSet controller replaces
// pods that stop being active; a pod removed by a scale-down or the end of a rollout is not replaced).
import type { Pod, ReplicaSet, Service, SimTime, Stored } from '../../../sim/model/types';
import { controllerOf, isTerminating, podIP } from '../../../sim/model/pod';
import { objectKey } from '../../../sim/model/keys';
import { objectsOf, type ClusterView, type ObjectsByKey } from '../../lib/cluster-view';
import { ownerOf } from './owners';
import { serviceFacts } from './service-facts';
import { claimReplacement, type Departure } from './replacements';
import { newServiceHistory, recordService, type ServiceHistory } from './service-history';

export interface PodRecord {
  readonly uid: string;
  readonly name: string;
  ip: string | undefined;
  node: string | undefined;
  readonly firstSeenMs: SimTime;
  goneMs: SimTime | undefined;
  readonly replaces: Departure | undefined;
}

export interface WorkloadHistory {
  /** `Deployment/default/web`, `DaemonSet/kube-system/kube-proxy`, `ReplicaSet/default/rs`. */
  readonly key: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The most recent pods (bounded); `podCount` counts them all. */
  readonly pods: PodRecord[];
  podCount: number;
  /** Every pod IP seen for this workload's pods, with the virtual ms it was first seen. */
  readonly ips: Map<string, SimTime>;
}

/** Pod records kept per workload (the counts are exact; the list keeps the newest). */
export const MAX_POD_RECORDS = 200;
/** How soon after a deletion a new pod of the same workload counts as its replacement (virtual ms). */
export const REPLACEMENT_WINDOW_MS = 60_000;

interface LivePod {
  readonly record: PodRecord;
  readonly groupKey: string | undefined;
  deleting: boolean;
}

/** Accumulates history from successive views; `observe` is idempotent per view and costs O(pods) only when pods changed. */
export class HistoryTracker {
  version = 0;
  private lastView: ClusterView | undefined;
  private lastPods: ObjectsByKey = new Map();
  private lastServices: ObjectsByKey = new Map();
  private readonly live = new Map<string, LivePod>();
  private readonly departures = new Map<string, Departure[]>();
  private readonly workloadMap = new Map<string, WorkloadHistory>();
  private readonly serviceMap = new Map<string, ServiceHistory>();
  private readonly replacements = new Map<string, Departure>();
  /** The frame being observed, for counting a ReplicaSet's active pods when one of them departs. */
  private frame: { pods: ObjectsByKey; replicaSets: ObjectsByKey; activeByOwner: Map<string, number> | undefined } =
    { pods: new Map(), replicaSets: new Map(), activeByOwner: undefined };

  /** Records what changed since the last view; returns the history version (bumped when anything was recorded). */
  observe(view: ClusterView): number {
    if (view === this.lastView) return this.version;
    this.lastView = view;
    const pods = objectsOf(view, 'Pod');
    if (pods !== this.lastPods) this.observePods(pods, objectsOf(view, 'ReplicaSet'), view.time);
    const services = objectsOf(view, 'Service');
    if (services !== this.lastServices) this.observeServices(services, view.time);
    return this.version;
  }

  /** The history of a workload by key (`Deployment/default/web`). */
  workload(key: string): WorkloadHistory | undefined {
    return this.workloadMap.get(key);
  }

  /** Every workload seen this session. */
  workloads(): IterableIterator<WorkloadHistory> {
    return this.workloadMap.values();
  }

  /** The history of a Service by `namespace/name`. */
  service(key: string): ServiceHistory | undefined {
    return this.serviceMap.get(key);
  }

  /** The deleted pod a pod replaced, if it replaced one. */
  replacementFor(uid: string): Departure | undefined {
    return this.replacements.get(uid);
  }

  private observePods(pods: ObjectsByKey, replicaSets: ObjectsByKey, now: SimTime): void {
    const last = this.lastPods;
    this.lastPods = pods;
    this.frame = { pods, replicaSets, activeByOwner: undefined };
    // Departures first, so a replacement that arrives in the same frame as its predecessor's deletion finds it.
    for (const [key, obj] of last) {
      const current = pods.get(key);
      // A pod recreated under the same name (a StatefulSet's) is a different pod: its predecessor departed.
      if (!current || current.metadata.uid !== obj.metadata.uid) this.removePod(obj as unknown as Stored<Pod>, now);
    }
    const arrivals: Stored<Pod>[] = [];
    for (const [key, obj] of pods) {
      if (last.get(key) === obj) continue;
      const pod = obj as unknown as Stored<Pod>;
      if (this.live.has(pod.metadata.uid ?? pod.metadata.name)) this.upsertPod(pod, replicaSets, now);
      else arrivals.push(pod);
    }
    for (const pod of arrivals) this.upsertPod(pod, replicaSets, now);
  }

  private upsertPod(pod: Stored<Pod>, replicaSets: ObjectsByKey, now: SimTime): void {
    const uid = pod.metadata.uid ?? pod.metadata.name;
    let live = this.live.get(uid);
    if (!live) {
      const groupKey = ownerOf(pod, replicaSets).groupKey;
      const replaces = groupKey ? claimReplacement(this.departures.get(groupKey), now, REPLACEMENT_WINDOW_MS) : undefined;
      if (replaces) this.replacements.set(uid, replaces);
      const record: PodRecord = { uid, name: pod.metadata.name, ip: undefined, node: undefined, firstSeenMs: now, goneMs: undefined, replaces };
      live = { record, groupKey, deleting: false };
      this.live.set(uid, live);
      if (groupKey) this.addToWorkload(groupKey, record);
      this.version++;
    }
    const { record } = live;
    const ip = podIP(pod);
    if (ip && record.ip !== ip) {
      record.ip = ip;
      const w = live.groupKey ? this.workloadMap.get(live.groupKey) : undefined;
      if (w && !w.ips.has(ip)) w.ips.set(ip, now);
      this.version++;
    }
    if (pod.spec?.nodeName && record.node !== pod.spec.nodeName) record.node = pod.spec.nodeName;
    if (isTerminating(pod) && !live.deleting) this.depart(live, pod, now);
  }

  private removePod(pod: Stored<Pod>, now: SimTime): void {
    const uid = pod.metadata.uid ?? pod.metadata.name;
    const live = this.live.get(uid);
    if (!live) return;
    if (!live.deleting) this.depart(live, pod, now);
    live.record.goneMs = now;
    this.live.delete(uid);
    // Its record keeps what it replaced; the lookup is only for pods still shown.
    this.replacements.delete(uid);
    this.version++;
  }

  private depart(live: LivePod, pod: Stored<Pod>, now: SimTime): void {
    live.deleting = true;
    this.version++;
    if (!live.groupKey || !this.wantsReplacement(pod)) return;
    const queue = (this.departures.get(live.groupKey) ?? []).filter((d) => !d.claimed && now - d.atMs <= REPLACEMENT_WINDOW_MS);
    queue.push({ name: live.record.name, ip: live.record.ip, atMs: now, claimed: false });
    this.departures.set(live.groupKey, queue);
  }

  /**
   * Whether the pod's ReplicaSet (or other controller) will create a pod in its place: it wants more replicas than
   * it had active pods left. Counted once per frame, and only when a pod departs.
   */
  private wantsReplacement(pod: Stored<Pod>): boolean {
    const owner = controllerOf(pod);
    if (!owner || owner.kind !== 'ReplicaSet') return true;
    const rs = this.frame.replicaSets.get(objectKey('ReplicaSet', pod.metadata.namespace, owner.name)) as Stored<ReplicaSet> | undefined;
    if (!rs) return false;
    if (!this.frame.activeByOwner) {
      const active = new Map<string, number>();
      for (const obj of this.frame.pods.values()) {
        const p = obj as unknown as Stored<Pod>;
        const uid = controllerOf(p)?.uid;
        // Pods new in this frame do not count: a replacement created within the same frame is one of them.
        if (uid && !isTerminating(p) && this.live.has(p.metadata.uid ?? p.metadata.name)) active.set(uid, (active.get(uid) ?? 0) + 1);
      }
      this.frame.activeByOwner = active;
    }
    return (rs.spec?.replicas ?? 1) > (this.frame.activeByOwner.get(owner.uid) ?? 0);
  }

  private addToWorkload(groupKey: string, record: PodRecord): void {
    let w = this.workloadMap.get(groupKey);
    if (!w) {
      const [kind, namespace, name] = groupKey.split('/');
      w = { key: groupKey, kind, namespace, name, pods: [], podCount: 0, ips: new Map() };
      this.workloadMap.set(groupKey, w);
    }
    w.pods.push(record);
    w.podCount++;
    if (w.pods.length > MAX_POD_RECORDS) w.pods.splice(0, w.pods.length - MAX_POD_RECORDS);
  }

  private observeServices(services: ObjectsByKey, now: SimTime): void {
    const last = this.lastServices;
    this.lastServices = services;
    for (const [key, obj] of services) if (last.get(key) !== obj) this.upsertService(obj as unknown as Stored<Service>, now);
  }

  private upsertService(svc: Stored<Service>, now: SimTime): void {
    const facts = serviceFacts(svc);
    const key = `${facts.namespace}/${facts.name}`;
    let h = this.serviceMap.get(key);
    if (!h) this.serviceMap.set(key, (h = newServiceHistory(key, facts)));
    if (recordService(h, facts, now)) this.version++;
  }
}
