// The StatefulSet controller's decision (pkg/controller/statefulset/stateful_set_control.go updateStatefulSet):
// replace failed pods, create missing ordinals (in order and one at a time under OrderedReady), delete condemned
// pods from the highest ordinal down, then roll pods to the update revision in reverse ordinal order.
// SIMPLIFIED: maxUnavailable (the MaxUnavailableStatefulSet gate, off in 1.34) is not modelled; pods whose identity
// or storage drifted are not patched back.
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import {
  isCreated, isRunningAndAvailable, isRunningAndReady, isTerminatingPod, ordinalOf, podRevision, replicasOf, startOrdinal,
  type P, type STS,
} from './stateful-set-util';

/** One write the controller makes this sync. */
export type StatefulSetAction =
  | { readonly type: 'create'; readonly ordinal: number; readonly revision: 'current' | 'update' }
  | { readonly type: 'createClaims'; readonly ordinal: number }
  | { readonly type: 'delete'; readonly pod: string; readonly why: 'failed' | 'scale-down' | 'update' };

export interface StatefulSetPlan {
  readonly actions: readonly StatefulSetAction[];
  readonly status: StatefulSetStatus;
}

interface Slot {
  readonly ordinal: number;
  readonly pod: P | undefined;
}

/** computeReplicaStatus over `pods` plus the revisions and generation, as updateStatefulSet reports them. Pure. */
export function statefulSetStatusOf(set: STS, pods: readonly P[], currentRevision: string, updateRevision: string, nowEpochMs: number): StatefulSetStatus {
  const minReady = set.spec?.minReadySeconds ?? 0;
  let replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
  for (const pod of pods) {
    if (isCreated(pod)) replicas++;
    if (isRunningAndReady(pod)) {
      ready++;
      if (isRunningAndAvailable(pod, minReady, nowEpochMs)) available++;
    }
    if (isCreated(pod) && !isTerminatingPod(pod)) {
      if (podRevision(pod) === currentRevision) current++;
      if (podRevision(pod) === updateRevision) updated++;
    }
  }
  return {
    observedGeneration: set.metadata.generation, replicas, readyReplicas: ready, currentReplicas: current, updatedReplicas: updated,
    currentRevision, updateRevision, collisionCount: set.status?.collisionCount ?? 0, availableReplicas: available,
  };
}

/** completeRollingUpdate: once every wanted pod is updated and ready, the update revision becomes current. Pure. */
export function completeRollingUpdate(set: STS, status: StatefulSetStatus): StatefulSetStatus {
  const want = replicasOf(set);
  if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return status;
  if (status.updatedReplicas !== want || status.readyReplicas !== want || status.replicas !== want) return status;
  return { ...status, currentReplicas: status.updatedReplicas, currentRevision: status.updateRevision };
}

function isUnavailable(pod: P | undefined, minReadySeconds: number, nowEpochMs: number): boolean {
  return !pod || !isRunningAndAvailable(pod, minReadySeconds, nowEpochMs) || isTerminatingPod(pod);
}

/** The revision a missing ordinal is created at (newVersionedStatefulSetPod). Pure. */
function revisionForNew(set: STS, ordinal: number): 'current' | 'update' {
  const strategy = set.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return 'update';
  const partition = strategy?.rollingUpdate ? strategy.rollingUpdate.partition ?? 0 : undefined;
  const currentReplicas = set.status?.currentReplicas ?? 0;
  const below = partition === undefined ? ordinal < startOrdinal(set) + currentReplicas : ordinal < startOrdinal(set) + partition;
  return below ? 'current' : 'update';
}

/**
 * updateStatefulSet: what to create and delete now, and the status to report. `pods` are the set's claimed pods;
 * under OrderedReady each step stops at the first pod that is missing, not yet Running and Ready, or terminating. Pure.
 */
export function planStatefulSet(set: STS, pods: readonly P[], currentRevision: string, updateRevision: string, nowEpochMs: number): StatefulSetPlan {
  const start = startOrdinal(set);
  const count = replicasOf(set);
  const minReady = set.spec?.minReadySeconds ?? 0;
  const slots: Slot[] = Array.from({ length: count }, (_, i) => ({ ordinal: start + i, pod: undefined }));
  const condemned: P[] = [];
  for (const pod of pods) {
    const ord = ordinalOf(pod);
    if (ord >= start && ord < start + count) slots[ord - start] = { ordinal: ord, pod };
    else if (ord >= 0) condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  let status = statefulSetStatusOf(set, pods, currentRevision, updateRevision, nowEpochMs);
  const actions: StatefulSetAction[] = [];
  const done = (): StatefulSetPlan => ({ actions, status: completeRollingUpdate(set, status) });
  if (set.metadata.deletionTimestamp) return done();

  // The first unavailable replica, else the lowest unavailable condemned pod: the one scale-down may still remove.
  const firstSlot = slots.find((s) => isUnavailable(s.pod, minReady, nowEpochMs));
  const firstUnhealthy = firstSlot ? firstSlot.pod : [...condemned].reverse().find((p) => isUnavailable(p, minReady, nowEpochMs));
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';

  for (const slot of slots) {
    const pod = slot.pod;
    if (pod && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
      if (!isTerminatingPod(pod)) actions.push({ type: 'delete', pod: pod.metadata.name, why: 'failed' });
      if (monotonic) return done();
      continue;
    }
    if (!pod) {
      actions.push({ type: 'create', ordinal: slot.ordinal, revision: revisionForNew(set, slot.ordinal) });
      if (monotonic) return done();
      continue;
    }
    if (pod.status?.phase === 'Pending') actions.push({ type: 'createClaims', ordinal: slot.ordinal });
    if (monotonic && (isTerminatingPod(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, nowEpochMs))) return done();
  }

  for (const pod of condemned) {
    if (isTerminatingPod(pod)) {
      if (monotonic) return done();
      continue;
    }
    if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, nowEpochMs))) return done();
    actions.push({ type: 'delete', pod: pod.metadata.name, why: 'scale-down' });
    if (monotonic) return done();
  }

  const strategy = set.spec?.updateStrategy;
  if (strategy?.type === 'OnDelete') return done();
  const updateMin = strategy?.rollingUpdate?.partition ?? 0;
  for (let target = slots.length - 1; target >= updateMin; target--) {
    const pod = slots[target].pod;
    if (pod && podRevision(pod) !== updateRevision && !isTerminatingPod(pod)) {
      actions.push({ type: 'delete', pod: pod.metadata.name, why: 'update' });
      status = { ...status, currentReplicas: (status.currentReplicas ?? 0) - 1 };
      return done();
    }
    if (isUnavailable(pod, minReady, nowEpochMs)) return done();
  }
  return done();
}
