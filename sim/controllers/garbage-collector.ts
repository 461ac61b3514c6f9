// kube-controller-manager's garbage collector (pkg/controller/garbagecollector/garbagecollector.go
// attemptToDeleteItem, classifyReferences, processDeletingDependentsItem): deletes objects whose owners are all
// gone (background cascading deletion), drops references to gone owners when a live one remains, and for
// foreground deletion deletes an owner's dependents before removing its foregroundDeletion finalizer.
// SIMPLIFIED: no dependency graph or virtual nodes: owners are looked up in the store by uid; orphaning is done
// by the apiserver at delete time rather than through an `orphan` finalizer.
import type { DeepReadonly, K8sObject, Kind, ObjectKey, OwnerReference } from '../model/types';
import { keyOf } from '../model/keys';
import { RESOURCES } from '../model/resources';
import { clone } from '../core/clone';
import { deepEqual } from '../core/equal';
import type { Change, ObjectStore } from '../core/store';
import type { Controller, ReconcileContext } from '../core/controller';

/** metav1.FinalizerDeleteDependents: the owner waits for its blocking dependents. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** metav1.FinalizerOrphanDependents. */
export const ORPHAN_FINALIZER = 'orphan';

type Ref = DeepReadonly<OwnerReference>;
type Obj = { readonly kind: string; readonly metadata: DeepReadonly<K8sObject['metadata']> };

/** The owner references of one object, sorted by the state of their owners. */
export interface OwnerClasses {
  /** Owners that exist and are not waiting for their dependents. */
  readonly solid: readonly Ref[];
  /** Owners that no longer exist (or exist with another uid). */
  readonly dangling: readonly Ref[];
  /** Owners being deleted in the foreground. */
  readonly waiting: readonly Ref[];
}

/** What attemptToDeleteItem does with one object. */
export type GcAction =
  | { readonly type: 'none' }
  | { readonly type: 'removeOwnerReferences'; readonly uids: readonly string[] }
  | { readonly type: 'delete'; readonly propagationPolicy: 'Background' | 'Foreground' | 'Orphan' };

/** Whether an object is being deleted in the foreground (deletionTimestamp plus the foregroundDeletion finalizer). Pure. */
export function isDeletingDependents(obj: Obj): boolean {
  return !!obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
}

/** classifyReferences: sorts an object's owner references by the state of their owners. Pure. */
export function classifyOwners(obj: Obj, lookup: (ref: Ref) => Obj | undefined): OwnerClasses {
  const solid: Ref[] = [], dangling: Ref[] = [], waiting: Ref[] = [];
  for (const ref of obj.metadata.ownerReferences ?? []) {
    const owner = lookup(ref);
    if (!owner || owner.metadata.uid !== ref.uid) dangling.push(ref);
    else if (isDeletingDependents(owner)) waiting.push(ref);
    else solid.push(ref);
  }
  return { solid, dangling, waiting };
}

/**
 * attemptToDeleteItem's decision for a dependent: keep it while a solid owner exists (dropping references to gone
 * or foreground-deleting owners), otherwise delete it — in the foreground when it has dependents of its own and an
 * owner waits for it, else by the policy its own finalizers ask for. Pure.
 */
export function attemptToDeletePlan(obj: Obj, owners: OwnerClasses, hasDependents: boolean): GcAction {
  if (obj.metadata.deletionTimestamp && !isDeletingDependents(obj)) return { type: 'none' };
  if ((obj.metadata.ownerReferences ?? []).length === 0) return { type: 'none' };
  if (owners.solid.length > 0) {
    if (owners.dangling.length === 0 && owners.waiting.length === 0) return { type: 'none' };
    return { type: 'removeOwnerReferences', uids: [...owners.dangling, ...owners.waiting].map((r) => r.uid) };
  }
  if (owners.waiting.length > 0 && hasDependents) return { type: 'delete', propagationPolicy: 'Foreground' };
  const finalizers = obj.metadata.finalizers ?? [];
  if (finalizers.includes(ORPHAN_FINALIZER)) return { type: 'delete', propagationPolicy: 'Orphan' };
  if (finalizers.includes(FOREGROUND_FINALIZER)) return { type: 'delete', propagationPolicy: 'Foreground' };
  return { type: 'delete', propagationPolicy: 'Background' };
}

function ownerOf(store: ObjectStore, ref: Ref): K8sObject | undefined {
  const owner = store.getByUid(ref.uid);
  return owner && owner.kind === ref.kind && owner.metadata.name === ref.name ? owner : undefined;
}

/** Dependents whose reference to `owner` blocks its deletion (blockOwnerDeletion: true). */
function blockingDependents(store: ObjectStore, owner: K8sObject): K8sObject[] {
  return store.ownedBy(owner.metadata.uid!).filter((dep) =>
    (dep.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion === true));
}

function attemptToDelete(ctx: ReconcileContext, obj: K8sObject): void {
  const plan = attemptToDeletePlan(obj, classifyOwners(obj, (ref) => ownerOf(ctx.store, ref)), ctx.store.ownedBy(obj.metadata.uid!).length > 0);
  if (plan.type === 'removeOwnerReferences') {
    const ownerReferences = (obj.metadata.ownerReferences ?? []).filter((r) => !plan.uids.includes(r.uid));
    ctx.api.update({ ...clone(obj), metadata: { ...clone(obj.metadata), ownerReferences } } as K8sObject);
  } else if (plan.type === 'delete') {
    ctx.api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name, { propagationPolicy: plan.propagationPolicy, uid: obj.metadata.uid });
  }
}

/** processDeletingDependentsItem: remove the finalizer once no dependent blocks, else delete the blocking ones. */
function processDeletingDependents(ctx: ReconcileContext, owner: K8sObject): void {
  const blocking = blockingDependents(ctx.store, owner);
  if (blocking.length === 0) {
    const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== FOREGROUND_FINALIZER);
    ctx.api.update({ ...clone(owner), metadata: { ...clone(owner.metadata), finalizers } } as K8sObject);
    return;
  }
  for (const dep of blocking) if (!isDeletingDependents(dep)) attemptToDelete(ctx, dep);
}

/** The keys a change makes worth a look: its own (owners added or changed), its dependents, owners waiting on it. */
export function gcKeysFor(change: Change, store: ObjectStore): ObjectKey[] {
  const obj = change.object;
  const prev = change.previous;
  // Most changes are status writes: nothing the collector's graph depends on moved.
  if (change.type === 'MODIFIED' && prev && prev.metadata.ownerReferences === obj.metadata.ownerReferences
    && prev.metadata.finalizers === obj.metadata.finalizers && prev.metadata.deletionTimestamp === obj.metadata.deletionTimestamp) return [];
  const keys = new Set<ObjectKey>();
  const refsChanged = !deepEqual(obj.metadata.ownerReferences ?? [], change.previous?.metadata.ownerReferences ?? []);
  const dependentsNeedLook = change.type === 'DELETED' || (isDeletingDependents(obj) && !(change.previous && isDeletingDependents(change.previous)));
  if (change.type !== 'DELETED' && ((obj.metadata.ownerReferences?.length && (change.type === 'ADDED' || refsChanged)) || isDeletingDependents(obj))) {
    keys.add(change.key);
  }
  if (dependentsNeedLook) for (const dep of store.ownedBy(obj.metadata.uid!)) keys.add(keyOf(dep));
  for (const ref of [...(obj.metadata.ownerReferences ?? []), ...(change.previous?.metadata.ownerReferences ?? [])]) {
    const owner = store.getByUid(ref.uid);
    if (owner && isDeletingDependents(owner)) keys.add(keyOf(owner));
  }
  return [...keys].sort();
}

/** The garbage collector: watches every kind that can own or be owned (it records no Events). */
export const garbageCollector: Controller = {
  name: 'garbagecollector',
  latencyMs: 5,
  watches: RESOURCES.filter((r) => r.kind !== 'Event').map((r) => ({ kind: r.kind as Kind, keys: gcKeysFor })),
  reconcile(key, ctx) {
    const obj = ctx.store.get(key);
    if (!obj) return;
    if (isDeletingDependents(obj)) processDeletingDependents(ctx, obj);
    else attemptToDelete(ctx, obj);
  },
};
