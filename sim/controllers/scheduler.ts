// kube-scheduler: binds each unscheduled pod to the best feasible node (filter → score → pick, ties at random),
// or records FailedScheduling and retries when the cluster changes.
// Pods with WaitForFirstConsumer claims wait in PreBind until their volumes are provisioned for the chosen node.
// SIMPLIFIED: no preemption, no inter-pod affinity; scoring is a weighted sum of LeastAllocated, owner spreading
// and image locality.
import type { DeepReadonly, K8sObject, Node, ObjectKey, Pod } from '../model/types';
import { objectKey, parseKey } from '../model/keys';
import { formatTimestamp } from '../model/time';
import { controllerOf, isTerminating } from '../model/pod';
import type { Controller, ReconcileContext, ReconcileResult, Watch } from '../core/controller';
import type { Change, ObjectStore } from '../core/store';
import type { Rng } from '../core/rng';
import { SchedulerCache } from './scheduler-cache';
import { type NodeUsage, filterNode, fitErrorMessage, podRequests, scoreNode } from './scheduler-plugins';
import { ANN_SELECTED_NODE, podsUsingClaim, type PV, type PVC, type SC } from './persistent-volume-binder';
import {
  BIND_TIMEOUT_MS, isClaimFullyBound, podVolumeClaims, preFilterFailureMessage, volumeBindingFilter, type VolumeLookup,
} from './scheduler-volume-binding';

const UNSCHEDULABLE_RETRY_MS = 300_000;

function needsScheduling(pod: DeepReadonly<Pod>): boolean {
  return !pod.spec?.nodeName && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler' && !isTerminating(pod);
}

export type Placement = { node: string } | { reasons: string[]; nodeCount: number };

let feasibleScratch = new Uint8Array(128);
/** Each node's usage as the filters read it, for the scores (the cache is not changed in between). */
const usageScratch: NodeUsage[] = [];

/** Filters and scores `nodes` for `pod` and picks one, reservoir-sampling among equal best scores. Pure but for `rng`. */
export function placePod(pod: DeepReadonly<Pod>, nodes: readonly DeepReadonly<Node>[], cache: SchedulerCache, rng: Rng, imagesOn: (node: string) => boolean,
  extraFilter: (node: DeepReadonly<Node>) => string | undefined = () => undefined): Placement {
  const req = podRequests(pod);
  const ownerUid = controllerOf(pod)?.uid;
  const reasons: string[] = [];
  // Which nodes passed the filters, in a buffer kept between calls: a cluster's every pod is placed here.
  if (feasibleScratch.length < nodes.length) feasibleScratch = new Uint8Array(nodes.length * 2);
  const feasible = feasibleScratch;
  const usages = usageScratch;
  let maxOwner = 0;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const usage = cache.usageOf(node.metadata!.name!);
    usages[i] = usage;
    const reason = filterNode(pod, node, usage, req) ?? extraFilter(node);
    feasible[i] = reason ? 0 : 1;
    if (reason) { reasons.push(reason); continue; }
    if (ownerUid) maxOwner = Math.max(maxOwner, usage.byOwner.get(ownerUid) ?? 0);
  }
  if (reasons.length === nodes.length) return { reasons, nodeCount: nodes.length };
  let best = -1, chosen = '', ties = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (feasible[i] === 0) continue;
    const node = nodes[i];
    const name = node.metadata!.name!;
    const score = scoreNode(node, usages[i], req, ownerUid, maxOwner + 1, imagesOn(name));
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
  /** The Nodes as listed, until one of them changes. */
  private nodeList: readonly (DeepReadonly<Node> & K8sObject)[] | undefined;
  private readonly unschedulable = new Set<ObjectKey>();
  /** Pods waiting in PreBind for their delayed claims to be bound: the node they will go to, and until when. */
  private readonly binding = new Map<ObjectKey, { node: string; claims: readonly string[]; deadline: number }>();

  /** `imagesFor(pod)` answers, node by node, whether the node already holds every image the pod runs. */
  constructor(store: ObjectStore, private readonly imagesFor: (pod: DeepReadonly<Pod>) => (node: string) => boolean = () => () => false) {
    store.watch((change) => {
      if (change.kind === 'Node') this.nodeList = undefined;
      this.cache.observe(change);
    });
    const retryAll = (): Iterable<ObjectKey> => [...this.unschedulable];
    this.watches = [
      { kind: 'Pod', keys: (change: Change) => this.podKeys(change, retryAll) },
      { kind: 'Node', keys: retryAll },
      { kind: 'PersistentVolumeClaim', keys: (change: Change) => this.claimKeys(change, store) },
    ];
  }

  private podKeys(change: Change, retryAll: () => Iterable<ObjectKey>): Iterable<ObjectKey> {
    const pod = change.object as DeepReadonly<Pod> & K8sObject;
    if (change.type === 'DELETED' || (change.previous && pod.spec?.nodeName && isTerminating(pod))) {
      this.unschedulable.delete(change.key);
      this.binding.delete(change.key);
      return retryAll();
    }
    // A status-only write (our own FailedScheduling condition) is not a reason to retry an unschedulable pod.
    const statusOnly = change.type === 'MODIFIED' && (change.previous as DeepReadonly<Pod> | undefined)?.spec === pod.spec;
    if (statusOnly && this.unschedulable.has(change.key)) return [];
    return needsScheduling(pod) ? [change.key] : [];
  }

  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const pod = ctx.store.get(key) as (DeepReadonly<Pod> & K8sObject) | undefined;
    if (!pod || !needsScheduling(pod)) { this.unschedulable.delete(key); this.binding.delete(key); return; }
    const waiting = this.binding.get(key);
    if (waiting) return this.finishBinding(key, pod, waiting, ctx);
    const nodes = (this.nodeList ??= ctx.store.list<DeepReadonly<Node> & K8sObject>('Node'));
    const claims = podVolumeClaims(pod, lookupIn(ctx.store));
    if (!claims.ok) return this.unschedulablePod(key, pod, preFilterFailureMessage(nodes.length, claims.reason), ctx);
    const placement = placePod(pod, nodes, this.cache, ctx.rng, this.imagesFor(pod), (n) => volumeBindingFilter(claims, n));
    if ('node' in placement) {
      if (claims.delayed.length > 0) return this.startBinding(key, placement.node, claims.delayed, ctx);
      this.bindPod(key, pod, placement.node, ctx);
      return;
    }
    return this.unschedulablePod(key, pod, fitErrorMessage(placement.nodeCount, placement.reasons), ctx);
  }

  private bindPod(key: ObjectKey, pod: DeepReadonly<Pod> & K8sObject, node: string, ctx: ReconcileContext): void {
    const { namespace, name } = parseKey(key);
    const res = ctx.api.bind(namespace, name, node, pod.metadata.uid);
    if (!res.ok) return;
    this.cache.assume(key, node, pod);
    this.unschedulable.delete(key);
    ctx.recordEvent(res.object, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`);
  }

  /** VolumeBinding PreBind: names the chosen node on each delayed claim, then waits for them to be bound. */
  private startBinding(key: ObjectKey, node: string, delayed: readonly PVC[], ctx: ReconcileContext): ReconcileResult {
    for (const claim of delayed) {
      if (claim.metadata.annotations?.[ANN_SELECTED_NODE] === node) continue;
      const annotations = { ...(claim.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: node };
      ctx.api.update({ ...claim, metadata: { ...claim.metadata, annotations } } as K8sObject);
    }
    this.binding.set(key, { node, claims: delayed.map((c) => c.metadata.name), deadline: ctx.now + BIND_TIMEOUT_MS });
    return { requeueAfterMs: BIND_TIMEOUT_MS };
  }

  private finishBinding(key: ObjectKey, pod: DeepReadonly<Pod> & K8sObject, waiting: { node: string; claims: readonly string[]; deadline: number },
    ctx: ReconcileContext): ReconcileResult {
    const lookup = lookupIn(ctx.store);
    if (waiting.claims.every((c) => isClaimFullyBound(lookup.claim(pod.metadata.namespace!, c)))) {
      this.binding.delete(key);
      this.bindPod(key, pod, waiting.node, ctx);
      return;
    }
    if (ctx.now < waiting.deadline) return { requeueAfterMs: waiting.deadline - ctx.now };
    this.binding.delete(key);
    return this.unschedulablePod(key, pod, 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded', ctx, 'SchedulerError');
  }

  /** Pods whose claim changed and that wait on it: in PreBind, or unschedulable because of it. */
  private claimKeys(change: Change, store: ObjectStore): ObjectKey[] {
    const pods = podsUsingClaim(store, change.object.metadata.namespace, change.object.metadata.name);
    return pods.map((p) => objectKey('Pod', p.metadata.namespace, p.metadata.name)).filter((k) => this.binding.has(k) || this.unschedulable.has(k));
  }

  private unschedulablePod(key: ObjectKey, pod: DeepReadonly<Pod> & K8sObject, message: string, ctx: ReconcileContext, reason = 'Unschedulable'): ReconcileResult {
    this.unschedulable.add(key);
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const previous = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const lastTransitionTime = previous?.status === 'False' ? previous.lastTransitionTime : formatTimestamp(ctx.nowEpochMs);
    const status = {
      ...pod.status, phase: 'Pending',
      conditions: [...conditions, { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime, reason, message }],
    };
    const res = ctx.api.updateStatus(pod as K8sObject, status, pod.metadata.uid);
    ctx.recordEvent(res.ok ? res.object : pod, 'Warning', 'FailedScheduling', message);
    return { requeueAfterMs: UNSCHEDULABLE_RETRY_MS };
  }
}

/** The scheduler's listers for claims, classes and volumes, over the store. */
function lookupIn(store: ObjectStore): VolumeLookup {
  return {
    claim: (namespace, name) => store.get(objectKey('PersistentVolumeClaim', namespace, name)) as PVC | undefined,
    storageClass: (name) => (name ? store.get(objectKey('StorageClass', undefined, name)) as SC | undefined : undefined),
    volume: (name) => store.get(objectKey('PersistentVolume', undefined, name)) as PV | undefined,
  };
}
