// The node's kubelet heartbeat and kube-controller-manager's node lifecycle and taint-eviction controllers:
// a silent node goes Unknown after the grace period, gets the unreachable taints, its pods are marked not ready,
// and pods without a matching toleration are evicted once their tolerationSeconds run out.
// SIMPLIFIED: heartbeats are read from the node's power state instead of Lease objects; condition heartbeat
// times are written on transitions only.
import type { DeepReadonly, K8sObject, Node, ObjectKey, Pod } from '../model/types';
import { parseTimestamp, formatTimestamp } from '../model/time';
import { isTerminating } from '../model/pod';
import type { Controller, ReconcileContext, ReconcileResult, Watch } from '../core/controller';
import type { Runtime } from '../core/runtime';
import { kubeletNodeStatus, unknownConditions, type NodeMachine } from './node-status';
import { tolerates } from './scheduler-plugins';

/** kube-controller-manager --node-monitor-grace-period (50 s since v1.29). */
export const NODE_MONITOR_GRACE_MS = 50_000;
export const PODS_BY_NODE_INDEX = 'pods-by-node';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];
type StoredNode = DeepReadonly<Node> & K8sObject;
type StoredPod = DeepReadonly<Pod> & K8sObject;

/** The taints a node should carry now, keeping timeAdded of ones already present. Pure. */
export function desiredTaints(node: DeepReadonly<Node>, unreachable: boolean, nowEpochMs: number): Taint[] {
  const existing = (node.spec?.taints ?? []) as readonly Taint[];
  const managed = new Set([UNREACHABLE, UNSCHEDULABLE]);
  const out: Taint[] = existing.filter((t) => !managed.has(t.key));
  const keep = (key: string, effect: string): void => {
    const old = existing.find((t) => t.key === key && t.effect === effect);
    out.push(old ?? { key, effect, timeAdded: formatTimestamp(nowEpochMs) } as Taint);
  };
  if (node.spec?.unschedulable) keep(UNSCHEDULABLE, 'NoSchedule');
  if (unreachable) { keep(UNREACHABLE, 'NoSchedule'); keep(UNREACHABLE, 'NoExecute'); }
  return out;
}

/**
 * When a pod on a node with a NoExecute taint is evicted (epoch ms), or undefined if it tolerates it forever:
 * no matching toleration evicts at once, otherwise the smallest tolerationSeconds counts (getMinTolerationTime). Pure.
 */
export function evictionTime(pod: DeepReadonly<Pod>, taint: DeepReadonly<Taint>): number | undefined {
  const added = taint.timeAdded ? parseTimestamp(taint.timeAdded) : 0;
  let minSeconds = Infinity;
  let matched = false;
  for (const t of pod.spec?.tolerations ?? []) {
    if (!tolerates(t, taint)) continue;
    matched = true;
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) return undefined;
    minSeconds = Math.min(minSeconds, Math.max(0, t.tolerationSeconds));
  }
  return added + (matched ? minSeconds * 1000 : 0);
}

export class NodeLifecycle implements Controller {
  readonly name = 'node-controller';
  readonly latencyMs = 5;
  readonly watches: readonly Watch[] = [{ kind: 'Node' }];

  constructor(private readonly runtime: Runtime, private readonly machines: ReadonlyMap<string, NodeMachine>) {}

  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const node = ctx.store.get(key) as StoredNode | undefined;
    if (!node) return;
    const rt = this.runtime.nodes.get(node.metadata.name);
    const machine = this.machines.get(node.metadata.name);
    if (!rt || !machine) return;
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (rt.running) {
      if (ready?.status !== 'True') {
        const res = ctx.api.updateStatus(node, kubeletNodeStatus(node, machine, ctx.nowEpochMs));
        const host = { host: node.metadata.name };
        if (ready) {
          ctx.recordEvent(node, 'Normal', 'Starting', 'Starting kubelet.', host);
          ctx.recordEvent(node, 'Normal', 'NodeReady', `Node ${node.metadata.name} status is now: NodeReady`, host);
        } else if (res.ok) {
          ctx.recordEvent(node, 'Normal', 'RegisteredNode', `Node ${node.metadata.name} event: Registered Node ${node.metadata.name} in Controller`);
        }
      }
      this.syncTaints(node, false, ctx);
      return;
    }
    const silentUntil = (rt.stoppedAt ?? ctx.now) + NODE_MONITOR_GRACE_MS;
    if (ctx.now < silentUntil) return { requeueAfterMs: silentUntil - ctx.now };
    const pods = ctx.store.byIndex<StoredPod>(PODS_BY_NODE_INDEX, node.metadata.name);
    if (ready?.status !== 'Unknown') {
      ctx.api.updateStatus(node, { ...node.status, conditions: unknownConditions(node, ctx.nowEpochMs) });
      ctx.recordEvent(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
      for (const pod of pods) this.markNotReady(pod, ctx);
    }
    const current = this.syncTaints(ctx.store.get(key) as StoredNode, true, ctx);
    const noExecute = current.find((t) => t.key === UNREACHABLE && t.effect === 'NoExecute');
    if (!noExecute) return;
    let next = Infinity;
    for (const pod of pods) {
      if (isTerminating(pod)) continue;
      const at = evictionTime(pod, noExecute);
      if (at === undefined) continue;
      if (at <= ctx.nowEpochMs) {
        ctx.recordEvent(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
        ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { uid: pod.metadata.uid });
      } else next = Math.min(next, at);
    }
    if (next !== Infinity) return { requeueAfterMs: next - ctx.nowEpochMs };
  }

  private syncTaints(node: StoredNode, unreachable: boolean, ctx: ReconcileContext): Taint[] {
    const taints = desiredTaints(node, unreachable, ctx.nowEpochMs);
    const before = JSON.stringify(node.spec?.taints ?? []);
    if (JSON.stringify(taints) === before) return taints;
    const spec = { ...node.spec } as NonNullable<Node['spec']>;
    if (taints.length > 0) spec.taints = taints; else delete spec.taints;
    ctx.api.update({ ...node, spec } as K8sObject);
    return taints;
  }

  private markNotReady(pod: StoredPod, ctx: ReconcileContext): void {
    const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' && c.status !== 'False'
      ? { ...c, status: 'False', lastTransitionTime: formatTimestamp(ctx.nowEpochMs) } : c));
    ctx.api.updateStatus(pod, { ...pod.status, conditions }, pod.metadata.uid);
    ctx.recordEvent(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
  }
}
