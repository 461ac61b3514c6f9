// The Deployment controller's status and conditions (pkg/controller/deployment/sync.go calculateStatus,
// progress.go syncRolloutStatus/requeueStuckDeployment, deployment_util.go condition helpers): pure deciders.
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import { formatTimestamp, parseTimestamp } from '../model/time';
import {
  maxUnavailableOf, progressDeadlineSecondsOf, replicasOf, specReplicas, statusReplicas, type D, type RS,
} from './deployment-util';

/** Condition reasons, as deployment_util.go names them. */
export const NEW_RS_REASON = 'NewReplicaSetCreated';
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
export const RS_UPDATED_REASON = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
export const FAILED_RS_CREATE_REASON = 'ReplicaSetCreateError';
export const PAUSED_REASON = 'DeploymentPaused';
export const RESUMED_REASON = 'DeploymentResumed';

type Status = DeploymentStatus;

/** NewDeploymentCondition: both timestamps are now. Pure. */
export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, nowEpochMs: number): DeploymentCondition {
  const t = formatTimestamp(nowEpochMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** GetDeploymentCondition. Pure. */
export function getCondition(status: { readonly conditions?: readonly DeploymentCondition[] } | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** RemoveDeploymentCondition on a mutable status. */
export function removeCondition(status: Status, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length) status.conditions = rest; else delete status.conditions;
}

/**
 * SetDeploymentCondition on a mutable status: no change when status and reason are the same; otherwise the
 * condition replaces its type (keeping lastTransitionTime when only the reason changed) and goes last.
 */
export function setCondition(status: Status, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/**
 * calculateStatus: counts summed over the ReplicaSets (updated = the new one's pods), unavailable = spec total
 * minus available (never negative), and the Available condition. Zero counts are omitted as the API's JSON does. Pure.
 */
export function calculateStatus(allRSs: readonly (RS | undefined)[], newRS: RS | undefined, d: D, nowEpochMs: number): Status {
  const available = statusReplicas(allRSs, 'availableReplicas');
  const status: Status = {};
  const observedGeneration = d.metadata.generation ?? 0;
  if (observedGeneration) status.observedGeneration = observedGeneration;
  const replicas = statusReplicas(allRSs, 'replicas');
  if (replicas) status.replicas = replicas;
  const updated = newRS?.status?.replicas ?? 0;
  if (updated) status.updatedReplicas = updated;
  const ready = statusReplicas(allRSs, 'readyReplicas');
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  const unavailable = Math.max(0, specReplicas(allRSs) - available);
  if (unavailable) status.unavailableReplicas = unavailable;
  // Conditions are replaced, never changed in place, so the list is copied and its members shared.
  if (d.status?.conditions?.length) status.conditions = [...d.status.conditions] as DeploymentCondition[];
  if (available >= replicasOf(d) - maxUnavailableOf(d)) {
    setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', nowEpochMs));
  } else {
    setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', nowEpochMs));
  }
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  return status;
}

/** DeploymentComplete: every desired replica is updated and available, no old ones remain, generation observed. Pure. */
export function deploymentComplete(d: D, s: Status): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available pods than the stored status. Pure. */
export function deploymentProgressing(d: D, s: Status): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** DeploymentTimedOut: the Progressing condition's lastUpdateTime is more than progressDeadlineSeconds old. Pure. */
export function deploymentTimedOut(d: D, s: Status, nowEpochMs: number): boolean {
  const deadline = progressDeadlineSecondsOf(d);
  const cond = getCondition(s, 'Progressing');
  if (deadline === undefined || !cond) return false;
  if (cond.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (cond.reason === TIMED_OUT_REASON) return true;
  return parseTimestamp(cond.lastUpdateTime ?? '') + deadline * 1000 < nowEpochMs;
}

function subject(d: D, newRS: RS | undefined): string {
  return newRS ? `ReplicaSet ${JSON.stringify(newRS.metadata.name)}` : `Deployment ${JSON.stringify(d.metadata.name)}`;
}

/**
 * syncRolloutStatus's decision: the status with the Progressing condition moved on (complete, progressing or
 * timed out) and ReplicaSet failures surfaced as a ReplicaFailure condition. `d` holds the status as stored. Pure.
 */
export function rolloutStatus(d: D, allRSs: readonly (RS | undefined)[], newRS: RS | undefined, nowEpochMs: number): Status {
  const s = calculateStatus(allRSs, newRS, d, nowEpochMs);
  const hasDeadline = progressDeadlineSecondsOf(d) !== undefined;
  if (!hasDeadline) removeCondition(s, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const isComplete = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && current?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasDeadline && !isComplete) {
    if (deploymentComplete(d, s)) {
      setCondition(s, newCondition('Progressing', 'True', NEW_RS_AVAILABLE_REASON, `${subject(d, newRS)} has successfully progressed.`, nowEpochMs));
    } else if (deploymentProgressing(d, s)) {
      const cond = newCondition('Progressing', 'True', RS_UPDATED_REASON, `${subject(d, newRS)} is progressing.`, nowEpochMs);
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(s, 'Progressing');
      }
      setCondition(s, cond);
    } else if (deploymentTimedOut(d, s, nowEpochMs)) {
      setCondition(s, newCondition('Progressing', 'False', TIMED_OUT_REASON, `${subject(d, newRS)} has timed out progressing.`, nowEpochMs));
    }
  }
  // getReplicaFailures: the new ReplicaSet's failures win over the old ones'.
  const fromNew = failuresOf(newRS);
  const failures = fromNew.length ? fromNew : allRSs.flatMap(failuresOf);
  if (failures.length) setCondition(s, failures[0]); else removeCondition(s, 'ReplicaFailure');
  return s;
}

/** ReplicaSetToDeploymentCondition for each ReplicaFailure condition of a ReplicaSet. */
function failuresOf(rs: RS | undefined): DeploymentCondition[] {
  return (rs?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map((c) => ({
    type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime,
    reason: c.reason, message: c.message,
  }));
}

/**
 * requeueStuckDeployment: ms until the progress deadline should be re-checked (lastUpdateTime + deadline − now,
 * plus a second), or undefined when there is nothing to watch for. Pure.
 */
export function stuckRecheckAfterMs(d: D, s: Status, nowEpochMs: number): number | undefined {
  const deadline = progressDeadlineSecondsOf(d);
  const current = getCondition(d.status, 'Progressing');
  if (deadline === undefined || !current) return undefined;
  if (deploymentComplete(d, s) || current.reason === TIMED_OUT_REASON) return undefined;
  // A Deployment that once completed (NewReplicaSetAvailable) never times out (DeploymentTimedOut), so there is
  // no deadline to watch until a new rollout starts.
  if (current.reason === 'NewReplicaSetAvailable') return undefined;
  const after = parseTimestamp(current.lastUpdateTime ?? '') + deadline * 1000 - nowEpochMs;
  // SIMPLIFIED: under a second the real controller requeues through its rate limiter; here it rechecks just past
  // the deadline once (a deadline already passed is recorded by the status sync itself).
  if (after < 0) return undefined;
  return after < 1000 ? after + 1 : after + 1000;
}

/** checkPausedConditions' decision: the Progressing condition to record on pause or resume, if any. Pure. */
export function pausedCondition(d: D, nowEpochMs: number): DeploymentCondition | undefined {
  if (progressDeadlineSecondsOf(d) === undefined) return undefined;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === TIMED_OUT_REASON) return undefined;
  const pausedExists = cond?.reason === PAUSED_REASON;
  if (d.spec?.paused && !pausedExists) return newCondition('Progressing', 'Unknown', PAUSED_REASON, 'Deployment is paused', nowEpochMs);
  if (!d.spec?.paused && pausedExists) return newCondition('Progressing', 'Unknown', RESUMED_REASON, 'Deployment is resumed', nowEpochMs);
  return undefined;
}
