// kube-controller-manager's Deployment controller (pkg/controller/deployment/deployment_controller.go, sync.go):
// owns ReplicaSets by template hash, rolls them per strategy, scales proportionally, keeps revision history and
// reports status. SIMPLIFIED: the Deployment's revision annotation is written by a metadata update just before
// the status write (the real controller's UpdateStatus carries it, since the status strategy keeps annotations).
import type { DeepReadonly, Deployment, K8sObject, ObjectKey, ReplicaSet } from '../model/types';
import { objectKey } from '../model/keys';
import { controllerOf } from '../model/pod';
import { clone } from '../core/clone';
import { sortInPlace } from '../core/sort';
import { podTemplateHash } from '../core/names';
import { deepEqual } from '../core/equal';
import { Retryable, type Controller, type ReconcileContext, type ReconcileResult } from '../core/controller';
import { claimObjects, controllerKeysOf, isNamespaceTerminatingError, selectingKeys, selectorRequirements } from './replica-set';
import {
  byRevision, equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, maxRevision, maxSurgeOf, newReplicaSetFor,
  newRSNewReplicas, progressDeadlineSecondsOf, replicasOf, setReplicasAnnotations, revisionHistoryLimitOf,
  setNewReplicaSetAnnotations, isRollingUpdate, REVISION_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, storedTemplatesEqual,
} from './deployment-util';
import {
  calculateStatus, FAILED_RS_CREATE_REASON, FOUND_NEW_RS_REASON, getCondition, NEW_RS_REASON, newCondition,
  pausedCondition, rolloutStatus, setCondition, stuckRecheckAfterMs,
} from './deployment-progress';
import { activeReplicaSets, rolloutRolling, scalePlan } from './deployment-rolling';
import { podsByReplicaSet, rolloutRecreate } from './deployment-recreate';

/** A ReplicaSet as stored: what the sync works with. */
export type SyncedRS = K8sObject & DeepReadonly<ReplicaSet>;
type StoredD = K8sObject & DeepReadonly<Deployment>;
type MutableD = Deployment & { metadata: { name: string } };

/** One syncDeployment pass: `d` is the working copy whose status and annotations change as the Go code mutates its DeepCopy. */
export class DeploymentSync {
  readonly d: MutableD;

  constructor(readonly ctx: ReconcileContext, private readonly stored: StoredD) {
    // Only status and annotations change during a sync, and status members are replaced, never changed in
    // place: the spec and the conditions are shared with the stored object, read-only.
    this.d = { ...stored, metadata: { ...stored.metadata, annotations: { ...(stored.metadata.annotations ?? {}) } }, status: { ...(stored.status ?? {}) } } as MutableD;
  }

  /** UpdateStatus(d): persists the working copy's annotations and status when they changed. */
  updateStatus(): void {
    const { ctx, d } = this;
    const current = ctx.store.get(objectKey('Deployment', d.metadata.namespace, d.metadata.name)) as StoredD | undefined;
    if (!current || current.metadata.uid !== d.metadata.uid) return;
    // UpdateStatus carries the revision annotations with the status, as the Deployment status strategy allows.
    const annotations = deepEqual(current.metadata.annotations ?? {}, d.metadata.annotations ?? {}) ? undefined : clone(d.metadata.annotations ?? {});
    if (annotations || !deepEqual(current.status ?? {}, d.status ?? {})) {
      ctx.api.updateStatus(current as K8sObject, { ...d.status }, d.metadata.uid, annotations);
    }
  }

  /** getReplicaSetsForDeployment: the ReplicaSets this Deployment controls, adopting and releasing by selector. */
  claimReplicaSets(): SyncedRS[] {
    const reqs = selectorRequirements(this.d);
    const owned = this.ctx.store.ownedBy<SyncedRS>(this.d.metadata.uid!, 'ReplicaSet');
    const selected = this.ctx.store.select<SyncedRS>('ReplicaSet', this.d.metadata.namespace, reqs);
    // Usually both lists are the same ReplicaSets in the same order, and their union is either.
    let candidates = owned;
    if (selected.length !== owned.length || selected.some((rs, i) => rs !== owned[i])) {
      const found = new Map<string, SyncedRS>();
      for (const rs of owned) found.set(rs.metadata.uid!, rs);
      for (const rs of selected) found.set(rs.metadata.uid!, rs);
      candidates = [...found.values()];
    }
    return claimObjects(this.ctx, this.stored, sortInPlace(candidates, (a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)), reqs);
  }

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked and missing) and all old ones. */
  getAllReplicaSetsAndSyncRevision(rsList: readonly SyncedRS[], create: boolean): { newRS: SyncedRS | undefined; oldRSs: SyncedRS[] } {
    const oldRSs = findOldReplicaSets(this.d, rsList, storedTemplatesEqual).all as SyncedRS[];
    return { newRS: this.getNewReplicaSet(rsList, oldRSs, create), oldRSs };
  }

  private setRevision(revision: string): boolean {
    const annotations = (this.d.metadata.annotations ??= {});
    if (annotations[REVISION_ANNOTATION] === revision) return false;
    annotations[REVISION_ANNOTATION] = revision;
    return true;
  }

  /** getNewReplicaSet: syncs the existing new ReplicaSet's revision, or creates `<name>-<hash>` at its first size. */
  private getNewReplicaSet(rsList: readonly SyncedRS[], oldRSs: readonly SyncedRS[], create: boolean): SyncedRS | undefined {
    const { ctx, d } = this;
    const existing = findNewReplicaSet(d, rsList, storedTemplatesEqual) as SyncedRS | undefined;
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const annotations = { ...existing.metadata.annotations } as Record<string, string>;
      const changed = setNewReplicaSetAnnotations(d, annotations, newRevision, true);
      if (changed || (existing.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0)) {
        const copy = clone(existing) as ReplicaSet & K8sObject;
        copy.metadata.annotations = annotations;
        if (d.spec?.minReadySeconds) copy.spec!.minReadySeconds = d.spec.minReadySeconds; else delete copy.spec!.minReadySeconds;
        const res = ctx.api.update(copy, { handOver: true });
        if (!res.ok) throw new Retryable(res.status.message);
        return res.object as SyncedRS;
      }
      let needsUpdate = this.setRevision(existing.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
      if (progressDeadlineSecondsOf(d) !== undefined && !getCondition(d.status, 'Progressing')) {
        setCondition(d.status!, newCondition('Progressing', 'True', FOUND_NEW_RS_REASON, `Found new replica set ${JSON.stringify(existing.metadata.name)}`, ctx.nowEpochMs));
        needsUpdate = true;
      }
      if (needsUpdate) this.updateStatus();
      return existing;
    }
    if (!create) return undefined;
    const newRS = newReplicaSetFor(d, podTemplateHash(d.spec?.template, d.status?.collisionCount));
    newRS.spec!.replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    setNewReplicaSetAnnotations(d, (newRS.metadata.annotations = {}), newRevision, false);
    const res = ctx.api.create(newRS as ReplicaSet & K8sObject);
    let created: SyncedRS;
    let alreadyExists = false;
    if (res.ok) {
      created = res.object as SyncedRS;
    } else if (res.status.reason === 'AlreadyExists') {
      const found = ctx.store.get(objectKey('ReplicaSet', d.metadata.namespace, newRS.metadata.name)) as SyncedRS | undefined;
      if (!found || controllerOf(found)?.uid !== d.metadata.uid || !equalIgnoreHash(d.spec?.template, found.spec?.template)) {
        d.status!.collisionCount = (d.status?.collisionCount ?? 0) + 1;
        this.updateStatus();
        throw new Retryable(`hash collision for ReplicaSet ${newRS.metadata.name}`);
      }
      created = found;
      alreadyExists = true;
    } else {
      if (isNamespaceTerminatingError(res.status)) throw new Retryable(res.status.message);
      const msg = `Failed to create new replica set ${JSON.stringify(newRS.metadata.name)}: ${res.status.message}`;
      if (progressDeadlineSecondsOf(d) !== undefined) {
        setCondition(d.status!, newCondition('Progressing', 'False', FAILED_RS_CREATE_REASON, msg, ctx.nowEpochMs));
        this.updateStatus();
      }
      ctx.recordEvent(this.stored, 'Warning', FAILED_RS_CREATE_REASON, msg);
      throw new Retryable(msg);
    }
    const count = newRS.spec!.replicas!;
    if (!alreadyExists && count > 0) ctx.recordEvent(this.stored, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${count}`);
    let needsUpdate = this.setRevision(String(newRevision));
    if (!alreadyExists && progressDeadlineSecondsOf(d) !== undefined) {
      setCondition(d.status!, newCondition('Progressing', 'True', NEW_RS_REASON, `Created new replica set ${JSON.stringify(created.metadata.name)}`, ctx.nowEpochMs));
      needsUpdate = true;
    }
    if (needsUpdate) this.updateStatus();
    return created;
  }

  /** scaleReplicaSetAndRecordEvent: resizes when the size differs, naming the direction. */
  scaleReplicaSetAndRecordEvent(rs: SyncedRS, newScale: number): { scaled: boolean; rs: SyncedRS } {
    const size = rs.spec?.replicas ?? 1;
    if (size === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, size < newScale ? 'up' : 'down');
  }

  /** scaleReplicaSet: writes the size and desired/max-replicas annotations; a size change records ScalingReplicaSet. */
  scaleReplicaSet(rs: SyncedRS, newScale: number, operation: 'up' | 'down'): { scaled: boolean; rs: SyncedRS } {
    const { d, ctx } = this;
    const oldScale = rs.spec?.replicas ?? 1;
    const annotations = { ...rs.metadata.annotations } as Record<string, string>;
    const annotationsChanged = setReplicasAnnotations(annotations, replicasOf(d), replicasOf(d) + maxSurgeOf(d));
    if (oldScale === newScale && !annotationsChanged) return { scaled: false, rs };
    // Only the size and annotations change: the template stays the stored one (the apiserver may share it).
    const copy = { ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec!, replicas: newScale } } as ReplicaSet & K8sObject;
    const res = ctx.api.update(copy, { handOver: true });
    if (!res.ok) throw new Retryable(res.status.message);
    const scaled = oldScale !== newScale;
    if (scaled) ctx.recordEvent(this.stored, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    return { scaled, rs: res.object as SyncedRS };
  }

  /** cleanupDeployment: deletes the oldest old ReplicaSets beyond revisionHistoryLimit that are fully scaled down. */
  cleanupDeployment(oldRSs: readonly SyncedRS[]): void {
    const limit = revisionHistoryLimitOf(this.d);
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
    for (const rs of cleanable.slice(0, Math.max(0, cleanable.length - limit))) {
      if ((rs.status?.replicas ?? 0) !== 0 || (rs.spec?.replicas ?? 1) !== 0) continue;
      if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      const res = this.ctx.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
      if (!res.ok && res.status.reason !== 'NotFound') throw new Retryable(res.status.message);
    }
  }

  /** syncDeploymentStatus: calculateStatus, written when it changed. */
  syncDeploymentStatus(allRSs: readonly (SyncedRS | undefined)[], newRS: SyncedRS | undefined): void {
    const status = calculateStatus(allRSs, newRS, this.d, this.ctx.nowEpochMs);
    if (deepEqual(status, this.d.status)) return;
    this.d.status = status;
    this.updateStatus();
  }

  /** syncRolloutStatus: status with progress conditions; requeues to check the progress deadline. */
  syncRolloutStatus(allRSs: readonly (SyncedRS | undefined)[], newRS: SyncedRS | undefined): ReconcileResult {
    const status = rolloutStatus(this.d, allRSs, newRS, this.ctx.nowEpochMs);
    if (!deepEqual(status, this.d.status)) {
      this.d.status = status;
      this.updateStatus();
      return;
    }
    const after = stuckRecheckAfterMs(this.d, status, this.ctx.nowEpochMs);
    return after === undefined ? undefined : { requeueAfterMs: after };
  }

  /** sync: scaling events and paused Deployments scale proportionally, no rollout. */
  sync(rsList: readonly SyncedRS[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    for (const step of scalePlan(this.d, newRS, oldRSs)) {
      if (step.operation) this.scaleReplicaSet(step.rs, step.size, step.operation);
      else this.scaleReplicaSetAndRecordEvent(step.rs, step.size);
    }
    if (this.d.spec?.paused) this.cleanupDeployment(oldRSs);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS);
  }

  /** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
  isScalingEvent(rsList: readonly SyncedRS[]): boolean {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
      const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
      return desired !== undefined && /^\d+$/.test(desired) && Number(desired) !== replicasOf(this.d);
    });
  }
}

/** syncDeployment: the controller's reconcile. */
function syncDeployment(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
  const stored = ctx.store.get(key) as StoredD | undefined;
  if (!stored) return;
  const s = new DeploymentSync(ctx, stored);
  const d = s.d;
  if (selectorRequirements(d).length === 0) {
    ctx.recordEvent(stored, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) { d.status!.observedGeneration = d.metadata.generation; s.updateStatus(); }
    return;
  }
  const rsList = s.claimReplicaSets();
  if (d.metadata.deletionTimestamp) {
    const { newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(rsList, false);
    s.syncDeploymentStatus([...oldRSs, newRS], newRS);
    return;
  }
  const paused = pausedCondition(d, ctx.nowEpochMs);
  if (paused) { setCondition(d.status!, paused); s.updateStatus(); }
  if (d.spec?.paused || s.isScalingEvent(rsList)) { s.sync(rsList); return; }
  if (isRollingUpdate(d)) return rolloutRolling(s, rsList);
  return rolloutRecreate(s, rsList, podsByReplicaSet(ctx, d, rsList));
}

/** The Deployment controller: wakes on Deployments, the ReplicaSets they own or could adopt, and deleted pods. */
export const deploymentController: Controller = {
  name: 'deployment-controller',
  latencyMs: 3,
  watches: [
    { kind: 'Deployment' },
    {
      kind: 'ReplicaSet',
      keys: (change, store) => {
        const keys = controllerKeysOf(change, 'Deployment');
        if (keys.length > 0 || change.type === 'DELETED') return keys;
        return selectingKeys(store, 'Deployment', change.object.metadata.namespace, change.object.metadata.labels);
      },
    },
    {
      // deletePod: a Recreate rollout waits for the last old pod to disappear.
      kind: 'Pod',
      keys: (change, store) => {
        if (change.type !== 'DELETED') return [];
        return controllerKeysOf(change, 'ReplicaSet').flatMap((rsKey) => {
          const rs = store.get(rsKey);
          return rs ? controllerKeysOf({ ...change, object: rs, previous: undefined }, 'Deployment') : [];
        });
      },
    },
  ],
  reconcile: syncDeployment,
};
