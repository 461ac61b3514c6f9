// kube-scheduler: binds each unscheduled pod to the best feasible node (filter → score → pick, ties at random),
// or records FailedScheduling and retries when the cluster changes.
// SIMPLIFIED: no preemption, no inter-pod affinity, no volume topology; scoring is a weighted sum of
// LeastAllocated, owner spreading and image locality.
import type { DeepReadonly, K8sObject, Node, ObjectKey, Pod } from '../model/types';
import { parseKey } from '../model/keys';
import { formatTimestamp } from '../model/time';
import { controllerOf, isTerminating } from '../model/pod';
import type { Controller, ReconcileContext, ReconcileResult, Watch } from '../core/controller';
import type { Change, ObjectStore } from '../core/store';
import type { Rng } from '../core/rng';
import { SchedulerCache } from './scheduler-cache';
import { filterNode, fitErrorMessage, podRequests, scoreNode } from './scheduler-plugins';

const UNSCHEDULABLE_RETRY_MS = 300_000;

function needsScheduling(pod: DeepReadonly<Pod>): boolean {
  return !pod.spec?.nodeName && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler' && !isTerminating(pod);
}

export type Placement = { node: string } | { reasons: string[]; nodeCount: number };

/** Filters and scores `nodes` for `pod` and picks one, reservoir-sampling among equal best scores. Pure but for `rng`. */
export function placePod(pod: DeepReadonly<Pod>, nodes: readonly DeepReadonly<Node>[], cache: SchedulerCache, rng: Rng, imagesOn: (node: string) => boolean): Placement {
  const req = podRequests(pod);
  const ownerUid = controllerOf(pod)?.uid;
  const reasons: string[] = [];
  const feasible: DeepReadonly<Node>[] = [];
  let maxOwner = 0;
  for (const node of nodes) {
    const usage = cache.usageOf(node.metadata!.name!);
    const reason = filterNode(pod, node, usage, req);
    if (reason) { reasons.push(reason); continue; }
    feasible.push(node);
    if (ownerUid) maxOwner = Math.max(maxOwner, usage.byOwner.get(ownerUid) ?? 0);
  }
  if (feasible.length === 0) return { reasons, nodeCount: nodes.length };
  let best = -1, chosen = '', ties = 0;
  for (const node of feasible) {
    const name = node.metadata!.name!;
    const score = scoreNode(node, cache.usageOf(name), req, ownerUid, maxOwner + 1, imagesOn(name));
    if (score > best) { best = score; chosen = name; ties = 1; }
    else if (score === best) { ties++; if (rng.int(ties) === 0) chosen = name; }
  }
  return { node: chosen };
}

export class Scheduler implements Controller {
  readonly name = 'default-scheduler';
  readonly latencyMs = 3;
  readonly watches: readonly Watch[];
  private readonly cache = new SchedulerCache();
  private readonly unschedulable = new Set<ObjectKey>();

  constructor(store: ObjectStore, private readonly imagesOnNode: (node: string, pod: DeepReadonly<Pod>) => boolean = () => false) {
    store.watch((change) => this.cache.observe(change));
    const retryAll = (): Iterable<ObjectKey> => [...this.unschedulable];
    this.watches = [
      { kind: 'Pod', keys: (change: Change) => this.podKeys(change, retryAll) },
      { kind: 'Node', keys: retryAll },
    ];
  }

  private podKeys(change: Change, retryAll: () => Iterable<ObjectKey>): Iterable<ObjectKey> {
    const pod = change.object as DeepReadonly<Pod> & K8sObject;
    if (change.type === 'DELETED' || (change.previous && pod.spec?.nodeName && isTerminating(pod))) {
      this.unschedulable.delete(change.key);
      return retryAll();
    }
    // A status-only write (our own FailedScheduling condition) is not a reason to retry an unschedulable pod.
    const statusOnly = change.type === 'MODIFIED' && (change.previous as DeepReadonly<Pod> | undefined)?.spec === pod.spec;
    if (statusOnly && this.unschedulable.has(change.key)) return [];
    return needsScheduling(pod) ? [change.key] : [];
  }

  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const pod = ctx.store.get(key) as (DeepReadonly<Pod> & K8sObject) | undefined;
    if (!pod || !needsScheduling(pod)) { this.unschedulable.delete(key); return; }
    const nodes = ctx.store.list<DeepReadonly<Node> & K8sObject>('Node');
    const placement = placePod(pod, nodes, this.cache, ctx.rng, (n) => this.imagesOnNode(n, pod));
    const { namespace, name } = parseKey(key);
    if ('node' in placement) {
      const res = ctx.api.bind(namespace, name, placement.node, pod.metadata.uid);
      if (!res.ok) return;
      this.cache.assume(key, placement.node, pod);
      this.unschedulable.delete(key);
      ctx.recordEvent(res.object, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${placement.node}`);
      return;
    }
    const message = fitErrorMessage(placement.nodeCount, placement.reasons);
    this.unschedulable.add(key);
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const previous = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const lastTransitionTime = previous?.status === 'False' ? previous.lastTransitionTime : formatTimestamp(ctx.nowEpochMs);
    const status = {
      ...pod.status, phase: 'Pending',
      conditions: [...conditions, { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime, reason: 'Unschedulable', message }],
    };
    const res = ctx.api.updateStatus(pod as K8sObject, status, pod.metadata.uid);
    ctx.recordEvent(res.ok ? res.object : pod, 'Warning', 'FailedScheduling', message);
    return { requeueAfterMs: UNSCHEDULABLE_RETRY_MS };
  }
}
