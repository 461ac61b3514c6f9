// The Deployment controller's Recreate strategy (pkg/controller/deployment/recreate.go): scale every old
// ReplicaSet to 0, wait until none of their pods is left (terminating ones included), then scale up the new one.
import type { DeepReadonly, K8sObject, Pod } from '../model/types';
import { controllerOf } from '../model/pod';
import { matchesRequirements } from '../model/labels';
import type { ReconcileContext, ReconcileResult } from '../core/controller';
import { replicasOf, statusReplicas, type D, type RS } from './deployment-util';
import { selectorRequirements } from './replica-set';
import { deploymentComplete } from './deployment-progress';
import { activeReplicaSets } from './deployment-rolling';
import type { DeploymentSync, SyncedRS } from './deployment';

/**
 * oldPodsRunning: whether an old ReplicaSet still reports pods, or any pod controlled by a ReplicaSet other than
 * the new one is not terminal (Pending, Running, Unknown or still terminating). `podsByRS` maps ReplicaSet uid to
 * the pods it controls. Pure.
 */
export function oldPodsRunning(newRS: RS | undefined, oldRSs: readonly RS[],
  podsByRS: ReadonlyMap<string, readonly DeepReadonly<Pod>[]>): boolean {
  if (statusReplicas(oldRSs, 'replicas') > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

/** getPodMapForDeployment: the pods each ReplicaSet controls among those the Deployment selects, terminating ones included. */
export function podsByReplicaSet(ctx: ReconcileContext, d: D, rsList: readonly SyncedRS[]): Map<string, DeepReadonly<Pod>[]> {
  const reqs = selectorRequirements(d);
  return new Map(rsList.map((rs) => [rs.metadata.uid!, ctx.store.ownedBy<K8sObject & DeepReadonly<Pod>>(rs.metadata.uid!, 'Pod')
    .filter((pod) => controllerOf(pod)?.uid === rs.metadata.uid && matchesRequirements(reqs, pod.metadata.labels))]));
}

/** rolloutRecreate: old down first; the new ReplicaSet is created and scaled up only once no old pod runs. */
export function rolloutRecreate(s: DeploymentSync, rsList: readonly SyncedRS[],
  podsByRS: ReadonlyMap<string, readonly DeepReadonly<Pod>[]>): ReconcileResult {
  // Don't create a new ReplicaSet yet, so that nothing is scaled up before the old pods are gone.
  let { newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(rsList, false);
  let allRSs = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if (s.scaleReplicaSetAndRecordEvent(rs, 0).scaled) scaledDown = true;
  }
  if (scaledDown) return s.syncRolloutStatus(allRSs, newRS);
  if (oldPodsRunning(newRS, oldRSs, podsByRS)) return s.syncRolloutStatus(allRSs, newRS);
  if (!newRS) {
    ({ newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) s.scaleReplicaSetAndRecordEvent(newRS, replicasOf(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanupDeployment(oldRSs);
  return s.syncRolloutStatus(allRSs, newRS);
}
