// The scheduler cache: per-node committed requests, pod counts and replicas per owner, kept incrementally from
// pod changes so a scheduling decision never walks every pod.
import type { DeepReadonly, K8sObject, Pod } from '../model/types';
import type { Change } from '../core/store';
import { controllerOf, isPodTerminal } from '../model/pod';
import { podRequests, type NodeUsage } from './scheduler-plugins';

interface Accounted {
  readonly node: string;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  readonly ownerUid: string | undefined;
}

/** Usage per node name, updated from every Pod change. */
export class SchedulerCache {
  private readonly usage = new Map<string, NodeUsage>();
  private readonly accounted = new Map<string, Accounted>();

  /** Usage of a node (zero when nothing runs there). */
  usageOf(node: string): NodeUsage {
    let u = this.usage.get(node);
    if (!u) { u = { cpuMillis: 0, memoryBytes: 0, pods: 0, byOwner: new Map() }; this.usage.set(node, u); }
    return u;
  }

  /** Applies one store change (Pods only). */
  observe(change: Change): void {
    if (change.kind !== 'Pod') return;
    const key = change.key;
    const pod = change.object as DeepReadonly<Pod> & K8sObject;
    const counts = change.type !== 'DELETED' && pod.spec?.nodeName !== undefined && !isPodTerminal(pod);
    const before = this.accounted.get(key);
    if (before && (!counts || before.node !== pod.spec?.nodeName)) this.remove(key, before);
    if (counts && !this.accounted.has(key)) {
      const req = podRequests(pod);
      this.add(key, { node: pod.spec!.nodeName!, cpuMillis: req.cpuMillis, memoryBytes: req.memoryBytes, ownerUid: controllerOf(pod)?.uid });
    }
  }

  /** Counts a pod the scheduler just bound, before the change arrives. */
  assume(key: string, node: string, pod: DeepReadonly<Pod>): void {
    if (this.accounted.has(key)) return;
    const req = podRequests(pod);
    this.add(key, { node, cpuMillis: req.cpuMillis, memoryBytes: req.memoryBytes, ownerUid: controllerOf(pod)?.uid });
  }

  private add(key: string, a: Accounted): void {
    const u = this.usageOf(a.node);
    u.cpuMillis += a.cpuMillis;
    u.memoryBytes += a.memoryBytes;
    u.pods += 1;
    if (a.ownerUid) u.byOwner.set(a.ownerUid, (u.byOwner.get(a.ownerUid) ?? 0) + 1);
    this.accounted.set(key, a);
  }

  private remove(key: string, a: Accounted): void {
    const u = this.usageOf(a.node);
    u.cpuMillis -= a.cpuMillis;
    u.memoryBytes -= a.memoryBytes;
    u.pods -= 1;
    if (a.ownerUid) {
      const n = (u.byOwner.get(a.ownerUid) ?? 1) - 1;
      if (n <= 0) u.byOwner.delete(a.ownerUid); else u.byOwner.set(a.ownerUid, n);
    }
    this.accounted.delete(key);
  }
}
