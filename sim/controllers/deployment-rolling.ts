// The Deployment controller's RollingUpdate strategy (pkg/controller/deployment/rolling.go) and its proportional
// scaling of every active ReplicaSet when spec.replicas changes mid-rollout (sync.go scale()).
import type { ReconcileResult } from '../core/controller';
import {
  byCreation, isRollingUpdate, maxSurgeOf, maxUnavailableOf, newRSNewReplicas, replicasOf, specReplicas, statusReplicas,
  DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, type D, type RS,
} from './deployment-util';
import { deploymentComplete } from './deployment-progress';
import type { DeploymentSync, SyncedRS } from './deployment';

/** One ReplicaSet resize a plan asks for; `operation` is the event's word when the caller fixes it. */
export interface Resize<T extends RS = RS> {
  readonly rs: T;
  readonly size: number;
  readonly operation?: 'up' | 'down';
}

const sizeOf = (rs: RS): number => rs.spec?.replicas ?? 1;

/** FilterActiveReplicaSets: ReplicaSets with spec.replicas > 0. Pure. */
export function activeReplicaSets<T extends RS>(sets: readonly (T | undefined)[]): T[] {
  return sets.filter((rs): rs is T => rs !== undefined && sizeOf(rs) > 0);
}

/**
 * reconcileOldReplicaSets' bound: all pods − minAvailable − the new ReplicaSet's unavailable pods; nothing old
 * may be scaled down when it is ≤ 0. Pure.
 */
export function maxScaledDown(d: D, allRSs: readonly RS[], newRS: RS): number {
  const minAvailable = replicasOf(d) - maxUnavailableOf(d);
  const newUnavailable = sizeOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  return specReplicas(allRSs) - minAvailable - newUnavailable;
}

/** cleanupUnhealthyReplicas: scale old ReplicaSets (oldest first) down by their unavailable pods, up to `max`. Pure. */
export function unhealthyCleanupPlan<T extends RS>(oldRSs: readonly T[], max: number): Resize<T>[] {
  const plan: Resize<T>[] = [];
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= max) break;
    const available = rs.status?.availableReplicas ?? 0;
    if (sizeOf(rs) === 0 || sizeOf(rs) === available) continue;
    const count = Math.min(max - total, sizeOf(rs) - available);
    plan.push({ rs, size: sizeOf(rs) - count });
    total += count;
  }
  return plan;
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: while more pods are available than minAvailable, scale old
 * ReplicaSets down (oldest first) by at most the surplus. Pure.
 */
export function oldScaleDownPlan<T extends RS>(d: D, allRSs: readonly RS[], oldRSs: readonly T[]): Resize<T>[] {
  const minAvailable = replicasOf(d) - maxUnavailableOf(d);
  const available = statusReplicas(allRSs, 'availableReplicas');
  if (available <= minAvailable) return [];
  const plan: Resize<T>[] = [];
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (sizeOf(rs) === 0) continue;
    const count = Math.min(sizeOf(rs), target - total);
    plan.push({ rs, size: sizeOf(rs) - count });
    total += count;
  }
  return plan;
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; undefined when several are. Pure. */
export function findActiveOrLatest<T extends RS>(newRS: T | undefined, oldRSs: readonly T[]): T | undefined {
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, newRS]);
  if (active.length === 1) return active[0];
  if (active.length === 0) return newRS ?? newestFirst[0];
  return undefined;
}

/** IsSaturated: the new ReplicaSet holds all desired replicas, says so in its annotation, and all are available. Pure. */
export function isSaturated(d: D, rs: RS | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  return desired !== undefined && /^\d+$/.test(desired) && Number(desired) === replicasOf(d) &&
    sizeOf(rs) === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** getReplicaSetFraction + GetProportion: this ReplicaSet's share of the replicas being added or removed. */
function proportion(rs: RS, d: D, toAdd: number, added: number, statusReplicasOfD: number): number {
  if (sizeOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) {
    fraction = -sizeOf(rs);
  } else {
    const annotated = rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] ?? '';
    const base = /^-?\d+$/.test(annotated) ? Number(annotated) : statusReplicasOfD;
    const exact = base === 0 ? sizeOf(rs) : (sizeOf(rs) * (replicasOf(d) + maxSurgeOf(d))) / base;
    fraction = Math.sign(exact) * Math.round(Math.abs(exact)) - sizeOf(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * scale(): the resizes for a scaling event or a paused Deployment. One active ReplicaSet takes the full count;
 * a saturated new one makes the old ones 0; otherwise a rolling Deployment spreads the change over the active
 * ReplicaSets in proportion to their size (larger first, newer first when adding, older first when removing). Pure.
 */
export function scalePlan<T extends RS>(d: D, newRS: T | undefined, oldRSs: readonly T[]): Resize<T>[] {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) return sizeOf(activeOrLatest) === replicasOf(d) ? [] : [{ rs: activeOrLatest, size: replicasOf(d) }];
  if (isSaturated(d, newRS)) return activeReplicaSets(oldRSs).map((rs) => ({ rs, size: 0 }));
  if (!isRollingUpdate(d)) return [];
  const all = activeReplicaSets([...[...oldRSs].sort((a, b) => byCreation(b, a)), newRS]);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurgeOf(d) : 0;
  const toAdd = allowed - specReplicas(all);
  const larger = (a: RS, b: RS): number => sizeOf(b) - sizeOf(a);
  if (toAdd > 0) all.sort((a, b) => larger(a, b) || byCreation(b, a));
  if (toAdd < 0) all.sort((a, b) => larger(a, b) || byCreation(a, b));
  const operation = toAdd > 0 ? 'up' : 'down';
  let added = 0;
  const sizes = all.map((rs) => {
    const p = proportion(rs, d, toAdd, added, d.status?.replicas ?? 0);
    added += p;
    return sizeOf(rs) + p;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
  return all.map((rs, i) => ({ rs, size: sizes[i], operation }));
}

/** rolloutRolling: scale the new ReplicaSet up if possible, else old ones down, then clean up and report status. */
export function rolloutRolling(s: DeploymentSync, rsList: readonly SyncedRS[]): ReconcileResult {
  const { newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (newRS && reconcileNewReplicaSet(s, allRSs, newRS)) return s.syncRolloutStatus(allRSs, newRS);
  if (newRS && reconcileOldReplicaSets(s, allRSs, activeReplicaSets(oldRSs), newRS)) return s.syncRolloutStatus(allRSs, newRS);
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanupDeployment(oldRSs);
  return s.syncRolloutStatus(allRSs, newRS);
}

function reconcileNewReplicaSet(s: DeploymentSync, allRSs: readonly (SyncedRS | undefined)[], newRS: SyncedRS): boolean {
  const replicas = replicasOf(s.d);
  if (sizeOf(newRS) === replicas) return false;
  if (sizeOf(newRS) > replicas) return s.scaleReplicaSetAndRecordEvent(newRS, replicas).scaled;
  return s.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(s.d, allRSs, newRS)).scaled;
}

function reconcileOldReplicaSets(s: DeploymentSync, allRSs: readonly (SyncedRS | undefined)[], oldRSs: SyncedRS[], newRS: SyncedRS): boolean {
  if (specReplicas(oldRSs) === 0) return false;
  const bound = maxScaledDown(s.d, present(allRSs), newRS);
  if (bound <= 0) return false;
  let cleaned = 0;
  const current = new Map(oldRSs.map((rs) => [rs.metadata.uid, rs]));
  for (const step of unhealthyCleanupPlan(oldRSs, bound)) {
    const res = s.scaleReplicaSetAndRecordEvent(step.rs, step.size);
    cleaned += sizeOf(step.rs) - step.size;
    current.set(step.rs.metadata.uid, res.rs);
  }
  const updatedOld = oldRSs.map((rs) => current.get(rs.metadata.uid)!);
  let scaled = 0;
  for (const step of oldScaleDownPlan(s.d, [...updatedOld, newRS], updatedOld)) {
    s.scaleReplicaSetAndRecordEvent(step.rs, step.size);
    scaled += sizeOf(step.rs) - step.size;
  }
  return cleaned + scaled > 0;
}

function present(sets: readonly (SyncedRS | undefined)[]): SyncedRS[] {
  return sets.filter((rs): rs is SyncedRS => rs !== undefined);
}
