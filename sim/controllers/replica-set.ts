// kube-controller-manager's ReplicaSet controller (pkg/controller/replicaset/replica_set.go, controller_utils.go,
// controller_ref_manager.go): keeps spec.replicas active pods by creating them from the template in slow-start
// batches and deleting the lowest-ranked ones, adopts and releases pods by selector, and reports status.
// SIMPLIFIED: no expectations cache; the store is read synchronously, so a sync always sees its own writes.
import type { DeepReadonly, K8sObject, LabelSelector, ObjectKey, OwnerReference, Pod, PodTemplateSpec, ReplicaSet } from '../model/types';
import { objectKey } from '../model/keys';
import { controllerOf } from '../model/pod';
import { storedPodSummary } from '../model/pod-summary';
import { matchesRequirements, requirementsOf, type Requirement } from '../model/labels';
import { formatTimestamp } from '../model/time';
import { clone } from '../core/clone';
import { sortInPlace } from '../core/sort';
import { deepEqual } from '../core/equal';
import type { ApiStatus } from '../core/errors';
import type { Change, ObjectStore } from '../core/store';
import { Retryable, type Controller, type ReconcileContext } from '../core/controller';
import { isAvailable, podsToDelete } from './replica-set-ranking';

type RS = K8sObject & DeepReadonly<ReplicaSet>;
type P = K8sObject & DeepReadonly<Pod>;
type Owner = { readonly apiVersion: string; readonly kind: string; readonly metadata: { readonly name: string; readonly uid?: string; readonly deletionTimestamp?: string } };

/** The most pods one sync creates or deletes (the controller's `burstReplicas`). */
export const BURST_REPLICAS = 500;

/** metav1.NewControllerRef: the owner reference a controller puts on what it creates. Pure. */
export function controllerRefTo(owner: Owner): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/**
 * GetPodFromTemplate + CreatePods: a pod with the template's labels, annotations, finalizers and spec, the
 * owner's controllerRef, and `generateName: <owner>-` (the apiserver appends 5 random characters). Pure.
 */
export function podFromTemplate(template: DeepReadonly<PodTemplateSpec> | undefined, owner: Owner, namespace: string): K8sObject {
  const meta = template?.metadata;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: '', generateName: `${owner.metadata.name}-`, namespace,
      ...(meta?.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta?.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta?.finalizers?.length ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRefTo(owner)],
    },
    spec: clone(template?.spec ?? { containers: [] }),
  };
}

/** Whether a create failed only because the namespace is terminating (NamespaceTerminatingCause). Pure. */
export function isNamespaceTerminatingError(status: ApiStatus): boolean {
  return status.reason === 'Forbidden' && status.message.endsWith('because it is being terminated');
}

const NO_REQUIREMENTS: readonly Requirement[] = [];
const requirementsBySelector = new WeakMap<object, readonly Requirement[]>();

/**
 * The requirements of an object's spec.selector (a metav1.LabelSelector); empty when it has none. Pure; the
 * answer is remembered per selector object, as stored objects never change.
 */
export function selectorRequirements(obj: { readonly spec?: unknown }): readonly Requirement[] {
  const selector = (obj.spec as { selector?: LabelSelector } | undefined)?.selector;
  if (!selector) return NO_REQUIREMENTS;
  let reqs = requirementsBySelector.get(selector);
  if (!reqs) { reqs = requirementsOf(selector); requirementsBySelector.set(selector, reqs); }
  return reqs;
}

/** The keys of the `kind` controllers named by a change's object and its previous version (watch key mapping). Pure. */
export function controllerKeysOf(change: Change, kind: string): ObjectKey[] {
  if (!change.previous || change.previous.metadata.ownerReferences === change.object.metadata.ownerReferences) {
    const ref = controllerOf(change.object);
    return ref && ref.kind === kind ? [`${kind}/${change.object.metadata.namespace ?? ''}/${ref.name}`] : [];
  }
  const keys = new Set<ObjectKey>();
  for (const obj of [change.object, change.previous]) {
    const ref = obj && controllerOf(obj);
    if (ref && ref.kind === kind) keys.add(`${kind}/${obj!.metadata.namespace ?? ''}/${ref.name}`);
  }
  return [...keys].sort();
}

/** Keys of the `kind` objects in the namespace whose selector matches `labels`, for orphans that could be adopted. */
export function selectingKeys(store: ObjectStore, kind: 'ReplicaSet' | 'Deployment' | 'DaemonSet',
  namespace: string | undefined, labels: Readonly<Record<string, string>> | undefined): ObjectKey[] {
  const out: ObjectKey[] = [];
  for (const obj of store.iterate(kind, namespace)) {
    const reqs = selectorRequirements(obj);
    if (reqs.length > 0 && matchesRequirements(reqs, labels)) out.push(objectKey(kind, namespace, obj.metadata.name));
  }
  return out.sort();
}

/** The uid in a stored object's controller reference (pods' from their summary); null when it has none. */
function controllerUidOf(obj: DeepReadonly<K8sObject>): string | undefined | null {
  if (obj.kind === 'Pod') {
    const summary = storedPodSummary(obj as DeepReadonly<Pod>);
    return summary.hasController ? summary.controllerUid : null;
  }
  const ref = controllerOf(obj);
  return ref ? ref.uid : null;
}

/**
 * ClaimObjects (BaseControllerRefManager): keeps what `owner` controls and still selects, adopts matching orphans
 * unless either side is being deleted, and releases what it controls but no longer selects. Writes the
 * ownerReference changes through the API; returns the claimed objects in the given order.
 */
export function claimObjects<T extends DeepReadonly<K8sObject>>(ctx: ReconcileContext, owner: Owner, candidates: readonly T[],
  reqs: readonly Requirement[]): T[] {
  const claimed: T[] = [];
  const selects = (obj: T): boolean => reqs.length > 0 && matchesRequirements(reqs, obj.metadata.labels);
  for (const obj of candidates) {
    const uid = controllerUidOf(obj);
    if (uid !== null) {
      if (uid !== owner.metadata.uid) continue;
      if (selects(obj)) { claimed.push(obj); continue; }
      if (owner.metadata.deletionTimestamp) continue;
      const refs = (obj.metadata.ownerReferences ?? []) as readonly OwnerReference[];
      ctx.api.update({ ...clone(obj), metadata: { ...clone(obj.metadata), ownerReferences: refs.filter((r) => r.uid !== uid) } } as K8sObject, { handOver: true });
    } else if (selects(obj) && !owner.metadata.deletionTimestamp && !obj.metadata.deletionTimestamp) {
      const refs = (obj.metadata.ownerReferences ?? []) as readonly OwnerReference[];
      const res = ctx.api.update({ ...clone(obj), metadata: { ...clone(obj.metadata), ownerReferences: [...refs, controllerRefTo(owner)] } } as K8sObject, { handOver: true });
      if (res.ok) claimed.push(res.object as unknown as T);
    }
  }
  return claimed;
}

/** Batch sizes of slowStartBatch for `count` creations: 1, 2, 4, … capped by what remains. Pure. */
export function slowStartBatchSizes(count: number, initial = 1): number[] {
  const sizes: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    sizes.push(size);
    remaining -= size;
  }
  return sizes;
}

/** Runs `fn` count times in slow-start batches; a batch with a failure stops the rest. Returns the first error. */
export function runSlowStart(count: number, fn: () => string | undefined): { successes: number; error?: string } {
  let successes = 0;
  for (const size of slowStartBatchSizes(count)) {
    let error: string | undefined;
    for (let i = 0; i < size; i++) {
      const err = fn();
      if (err === undefined) successes++; else error ??= err;
    }
    if (error !== undefined) return { successes, error };
  }
  return { successes };
}

/** Why managing pods failed this sync: the ReplicaFailure condition's reason and message. */
export interface ManageFailure {
  readonly reason: 'FailedCreate' | 'FailedDelete';
  readonly message: string;
}

/**
 * calculateStatus: replicas, fully labeled, ready and available counts over the active pods, observedGeneration,
 * and the ReplicaFailure condition while pod management fails; zero counts are omitted as the API's JSON does. Pure.
 */
export function replicaSetStatus(rs: RS, activePods: readonly P[], failure: ManageFailure | undefined, nowEpochMs: number): ReplicaSet['status'] {
  const templateReqs = templateRequirements(rs.spec?.template?.metadata?.labels);
  let fullyLabeled = 0, ready = 0, available = 0;
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  for (const pod of activePods) {
    if (matchesRequirements(templateReqs, pod.metadata.labels)) fullyLabeled++;
    const summary = storedPodSummary(pod);
    if (!summary.ready) continue;
    ready++;
    if (isAvailable(summary, minReadySeconds, nowEpochMs)) available++;
  }
  type Cond = NonNullable<NonNullable<ReplicaSet['status']>['conditions']>[number];
  // The stored conditions are taken over as they are (status writes do not copy) unless this sync changes them.
  let conditions = (rs.status?.conditions ?? []) as Cond[];
  const existing = conditions.find((c) => c.type === 'ReplicaFailure');
  if (failure && !existing) {
    conditions = [...clone(conditions), { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTimestamp(nowEpochMs), reason: failure.reason, message: failure.message }];
  } else if (!failure && existing) {
    conditions = clone(conditions).filter((c) => c.type !== 'ReplicaFailure');
  }
  return {
    replicas: activePods.length,
    ...(fullyLabeled ? { fullyLabeledReplicas: fullyLabeled } : {}),
    ...(ready ? { readyReplicas: ready } : {}),
    ...(available ? { availableReplicas: available } : {}),
    ...(rs.metadata.generation ? { observedGeneration: rs.metadata.generation } : {}),
    ...(conditions.length ? { conditions } : {}),
  };
}

const requirementsByTemplateLabels = new WeakMap<object, readonly Requirement[]>();

/** `key=value` requirements for every template label, in the labels' order; remembered per stored labels object. Pure. */
function templateRequirements(labels: DeepReadonly<Record<string, string>> | undefined): readonly Requirement[] {
  if (!labels) return NO_REQUIREMENTS;
  let reqs = requirementsByTemplateLabels.get(labels);
  if (!reqs) {
    reqs = Object.keys(labels).map((key) => ({ key, operator: '=' as const, values: [labels[key]] }));
    requirementsByTemplateLabels.set(labels, reqs);
  }
  return reqs;
}

/** Ms until the next ready pod becomes available under minReadySeconds (for a precise recount); undefined if none. Pure. */
export function nextAvailabilityCheckMs(activePods: readonly P[], minReadySeconds: number, nowEpochMs: number): number | undefined {
  let next: number | undefined;
  if (minReadySeconds <= 0) return next;
  for (const pod of activePods) {
    const summary = storedPodSummary(pod);
    const since = summary.ready ? summary.readyTransitionMs : undefined;
    if (since === undefined || isAvailable(summary, minReadySeconds, nowEpochMs)) continue;
    const wait = since + minReadySeconds * 1000 - nowEpochMs + 1;
    next = next === undefined ? wait : Math.min(next, wait);
  }
  return next;
}

/** getIndirectlyRelatedPods: pods selected by every ReplicaSet sharing this one's controller. */
function relatedPods(ctx: ReconcileContext, rs: RS): P[] {
  const owner = controllerOf(rs);
  const out = new Map<string, P>();
  if (!owner) return [];
  for (const sibling of ctx.store.ownedBy<RS>(owner.uid, 'ReplicaSet')) {
    const reqs = selectorRequirements(sibling);
    if (reqs.length === 0) continue;
    for (const pod of ctx.store.select<P>('Pod', sibling.metadata.namespace, reqs)) if (!out.has(pod.metadata.uid!)) out.set(pod.metadata.uid!, pod);
  }
  return [...out.values()];
}

/** manageReplicas: creates or deletes pods toward spec.replicas; returns the failure, if any. */
function manageReplicas(ctx: ReconcileContext, rs: RS, active: readonly P[]): ManageFailure | undefined {
  const diff = active.length - (rs.spec?.replicas ?? 1);
  const owner = rs as K8sObject;
  if (diff < 0) {
    const result = runSlowStart(Math.min(-diff, BURST_REPLICAS), () => {
      // The pod is built from copies and kept nowhere else, so the apiserver may take it without copying again.
      const res = ctx.api.create(podFromTemplate(rs.spec?.template, rs, rs.metadata.namespace!), { handOver: true });
      if (res.ok) {
        ctx.recordEvent(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${res.object.metadata.name}`);
        return undefined;
      }
      if (isNamespaceTerminatingError(res.status)) return undefined;
      ctx.recordEvent(owner, 'Warning', 'FailedCreate', `Error creating: ${res.status.message}`);
      return res.status.message;
    });
    return result.error === undefined ? undefined : { reason: 'FailedCreate', message: result.error };
  }
  let failure: ManageFailure | undefined;
  if (diff <= 0) return failure;
  for (const pod of podsToDelete(active, relatedPods(ctx, rs), Math.min(diff, BURST_REPLICAS), ctx.nowEpochMs)) {
    const res = ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name);
    if (res.ok) {
      ctx.recordEvent(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } else if (res.status.reason !== 'NotFound') {
      ctx.recordEvent(owner, 'Warning', 'FailedDelete', `Error deleting: ${res.status.message}`);
      failure ??= { reason: 'FailedDelete', message: `unable to delete pods: ${res.status.message}` };
    }
  }
  return failure;
}

/**
 * The pods the ReplicaSet owns followed by the others its selector matches. The store hands out one object per
 * stored pod, so the union is taken by identity (as by uid); usually both lists are the same pods in the same order.
 */
function candidatePods(ctx: ReconcileContext, rs: RS, reqs: readonly Requirement[]): P[] {
  const owned = ctx.store.ownedBy<P>(rs.metadata.uid!, 'Pod');
  if (reqs.length === 0) return owned;
  const selected = ctx.store.select<P>('Pod', rs.metadata.namespace, reqs);
  if (selected.length === owned.length && selected.every((pod, i) => pod === owned[i])) return owned;
  const union = new Set<P>(owned);
  for (const pod of selected) union.add(pod);
  return [...union];
}

/** syncReplicaSet: claim active pods, manage replicas, write status, and requeue for minReadySeconds. */
function syncReplicaSet(key: ObjectKey, ctx: ReconcileContext): { requeueAfterMs: number } | void {
  const rs = ctx.store.get(key) as RS | undefined;
  if (!rs) return;
  const reqs = selectorRequirements(rs);
  const byName = sortInPlace(candidatePods(ctx, rs, reqs).filter((pod) => storedPodSummary(pod).active),
    (a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const active = claimObjects(ctx, rs, byName, reqs);
  const failure = rs.metadata.deletionTimestamp ? undefined : manageReplicas(ctx, rs, active);

  // The status counts the pods as listed before this sync's creates and deletes, as the informer cache would.
  const status = replicaSetStatus(rs, active, failure, ctx.nowEpochMs);
  if (!deepEqual(status, rs.status)) ctx.api.updateStatus(rs as K8sObject, status, rs.metadata.uid);
  if (failure) throw new Retryable(failure.message);
  const after = nextAvailabilityCheckMs(active, rs.spec?.minReadySeconds ?? 0, ctx.nowEpochMs);
  return after === undefined ? undefined : { requeueAfterMs: after };
}

/** The ReplicaSet controller: wakes on ReplicaSets and on the pods they control or could adopt. */
export const replicaSetController: Controller = {
  name: 'replicaset-controller',
  latencyMs: 3,
  watches: [
    { kind: 'ReplicaSet' },
    {
      kind: 'Pod',
      keys: (change, store) => {
        const keys = controllerKeysOf(change, 'ReplicaSet');
        if (keys.length > 0 || change.type === 'DELETED') return keys;
        return selectingKeys(store, 'ReplicaSet', change.object.metadata.namespace, change.object.metadata.labels);
      },
    },
  ],
  reconcile: syncReplicaSet,
};
