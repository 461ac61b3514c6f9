// Cluster invariants checked after every engine task in scenario tests: they hold in a real cluster too, once the
// controllers' reaction time (a few ms) has passed.
import type { K8sObject, Pod, Service, Endpoints, Node } from '../../sim/model/types';
import type { ObjectStore } from '../../sim/core/store';
import { parseTimestamp } from '../../sim/model/time';
import { podRequests } from '../../sim/controllers/scheduler-plugins';
import { cpuMillis, memoryBytes } from '../../sim/model/quantity';

/** How long a controller may take to catch up before a stale view counts as a violation. */
const LAG_MS = 2_000;

export class InvariantViolation extends Error {}

/** Checks the invariants after each task; remembers since when a reference dangles so GC lag is tolerated. */
export class InvariantChecker {
  private readonly danglingSince = new Map<string, number>();
  checks = 0;

  /** Throws with a description of the first violated invariant. */
  check(store: ObjectStore, nowEpochMs: number): void {
    this.checks++;
    this.checkOwners(store, nowEpochMs);
    checkEndpoints(store, nowEpochMs);
    checkCapacity(store);
    checkUniqueIPs(store);
  }

  private checkOwners(store: ObjectStore, nowEpochMs: number): void {
    const seen = new Set<string>();
    for (const o of store.all()) {
      if (o.metadata.deletionTimestamp) continue;
      for (const ref of o.metadata.ownerReferences ?? []) {
        if (store.getByUid(ref.uid)) continue;
        const id = `${o.metadata.uid}->${ref.uid}`;
        seen.add(id);
        const since = this.danglingSince.get(id) ?? nowEpochMs;
        this.danglingSince.set(id, since);
        if (nowEpochMs - since > LAG_MS) {
          throw new InvariantViolation(`${o.kind} ${o.metadata.namespace}/${o.metadata.name} keeps a missing owner ${ref.kind}/${ref.name}`);
        }
      }
    }
    for (const id of this.danglingSince.keys()) if (!seen.has(id)) this.danglingSince.delete(id);
  }
}

function checkEndpoints(store: ObjectStore, nowEpochMs: number): void {
  const pods = new Map(store.list<Pod & K8sObject>('Pod').map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  for (const ep of store.list<Endpoints & K8sObject>('Endpoints')) {
    for (const subset of ep.subsets ?? []) {
      for (const addr of subset.addresses ?? []) {
        if (addr.targetRef?.kind !== 'Pod') continue;
        const pod = pods.get(`${addr.targetRef.namespace}/${addr.targetRef.name}`);
        if (!pod) continue;
        const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
        const notReadySince = ready?.status === 'True' ? Infinity : parseTimestamp(ready?.lastTransitionTime ?? '');
        const deletingSince = pod.metadata.deletionTimestamp
          ? parseTimestamp(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000 : Infinity;
        const since = Math.min(notReadySince, deletingSince);
        if (since !== Infinity && nowEpochMs - since > LAG_MS) {
          throw new InvariantViolation(`Endpoints ${ep.metadata.namespace}/${ep.metadata.name} lists ${pod.metadata.name}, which is not ready`);
        }
      }
    }
  }
}

function checkCapacity(store: ObjectStore): void {
  const pods = store.list<Pod & K8sObject>('Pod');
  for (const node of store.list<Node & K8sObject>('Node')) {
    let cpu = 0, mem = 0, count = 0;
    for (const p of pods) {
      if (p.spec?.nodeName !== node.metadata.name || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      const r = podRequests(p);
      cpu += r.cpuMillis; mem += r.memoryBytes; count++;
    }
    const alloc = node.status?.allocatable ?? {};
    if (alloc.cpu && cpu > cpuMillis(alloc.cpu)) throw new InvariantViolation(`node ${node.metadata.name} is over its CPU: ${cpu}m`);
    if (alloc.memory && mem > memoryBytes(alloc.memory)) throw new InvariantViolation(`node ${node.metadata.name} is over its memory`);
    if (alloc.pods && count > Number(alloc.pods)) throw new InvariantViolation(`node ${node.metadata.name} runs ${count} pods`);
  }
}

function checkUniqueIPs(store: ObjectStore): void {
  const podIPs = new Map<string, string>();
  for (const p of store.list<Pod & K8sObject>('Pod')) {
    const ip = p.status?.podIP;
    if (!ip || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    // Pods on the host network share their node's address; it must be that node's and no pod-network pod's.
    if (p.spec?.hostNetwork) {
      const node = store.list<Node & K8sObject>('Node').find((n) => n.metadata.name === p.spec?.nodeName);
      const nodeIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
      if (ip !== nodeIP) throw new InvariantViolation(`host-network pod ${p.metadata.name} has ${ip}, not its node's ${nodeIP}`);
      continue;
    }
    const other = podIPs.get(ip);
    if (other) throw new InvariantViolation(`pod IP ${ip} is used by ${other} and ${p.metadata.name}`);
    podIPs.set(ip, p.metadata.name);
  }
  const clusterIPs = new Map<string, string>();
  for (const s of store.list<Service & K8sObject>('Service')) {
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const other = clusterIPs.get(ip);
    if (other) throw new InvariantViolation(`ClusterIP ${ip} is used by ${other} and ${s.metadata.name}`);
    clusterIPs.set(ip, s.metadata.name);
  }
}
