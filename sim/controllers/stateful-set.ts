// kube-controller-manager's StatefulSet controller (pkg/controller/statefulset/stateful_set.go,
// stateful_pod_control.go): claims the set's pods, creates each ordinal's PersistentVolumeClaims before its pod,
// carries out planStatefulSet's creates and deletes with the controller's events, and reports status.
// SIMPLIFIED: no ControllerRevision objects: the templates of past revisions are remembered in memory; the
// persistentVolumeClaimRetentionPolicy is always Retain (claims outlive pods and the set).
import type { DeepReadonly, K8sObject, ObjectKey, PodTemplateSpec } from '../model/types';
import { objectKey } from '../model/keys';
import { matchesRequirements } from '../model/labels';
import { deepEqual } from '../core/equal';
import type { Change, ObjectStore } from '../core/store';
import { Retryable, type Controller, type ReconcileContext, type ReconcileResult, type Watch } from '../core/controller';
import { claimObjects, controllerKeysOf, nextAvailabilityCheckMs, selectorRequirements } from './replica-set';
import { claimsFor, isMemberOf, newStatefulPod, revisionNameOf, statefulPodName, type P, type STS } from './stateful-set-util';
import { planStatefulSet, type StatefulSetAction } from './stateful-set-control';
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';

type Template = DeepReadonly<PodTemplateSpec> | undefined;

/** The status as the API serialises it: zero ready/current/updated counts and an unset generation are omitted. Pure. */
export function apiStatefulSetStatus(status: StatefulSetStatus): StatefulSetStatus {
  const out: StatefulSetStatus = { replicas: status.replicas };
  if (status.observedGeneration) out.observedGeneration = status.observedGeneration;
  if (status.readyReplicas) out.readyReplicas = status.readyReplicas;
  if (status.currentReplicas) out.currentReplicas = status.currentReplicas;
  if (status.updatedReplicas) out.updatedReplicas = status.updatedReplicas;
  if (status.currentRevision) out.currentRevision = status.currentRevision;
  if (status.updateRevision) out.updateRevision = status.updateRevision;
  out.collisionCount = status.collisionCount ?? 0;
  out.availableReplicas = status.availableReplicas ?? 0;
  return out;
}

/** Keys of the StatefulSets in the namespace whose selector matches `labels` (orphans they could adopt). */
function selectingSets(store: ObjectStore, namespace: string | undefined, labels: Readonly<Record<string, string>> | undefined): ObjectKey[] {
  const out: ObjectKey[] = [];
  for (const set of store.iterate('StatefulSet', namespace)) {
    const reqs = selectorRequirements(set);
    if (reqs.length > 0 && matchesRequirements(reqs, labels)) out.push(objectKey('StatefulSet', namespace, set.metadata.name));
  }
  return out.sort();
}

/** The statefulset-controller: one reconcile per StatefulSet, woken by the set and by the pods it owns or could adopt. */
export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  readonly latencyMs = 3;
  readonly watches: readonly Watch[] = [
    { kind: 'StatefulSet' },
    {
      kind: 'Pod',
      keys: (change: Change, store: ObjectStore) => {
        const keys = controllerKeysOf(change, 'StatefulSet');
        if (keys.length > 0 || change.type === 'DELETED') return keys;
        return selectingSets(store, change.object.metadata.namespace, change.object.metadata.labels);
      },
    },
  ];
  /** Pod templates by revision name, per set (what ControllerRevisions would hold). */
  private readonly history = new Map<ObjectKey, { uid: string; templates: Map<string, Template> }>();

  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const set = ctx.store.get(key) as STS | undefined;
    if (!set) { this.history.delete(key); return; }
    const reqs = selectorRequirements(set);
    const candidates = new Map<string, P>();
    for (const pod of ctx.store.ownedBy<P>(set.metadata.uid!, 'Pod')) candidates.set(pod.metadata.uid!, pod);
    if (reqs.length > 0) for (const pod of ctx.store.select<P>('Pod', set.metadata.namespace, reqs)) candidates.set(pod.metadata.uid!, pod);
    const members = [...candidates.values()].filter((p) => isMemberOf(set, p)).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const pods = claimObjects(ctx, set, members, reqs);

    const updateRevision = revisionNameOf(set, set.spec?.template);
    const templates = this.templatesOf(key, set);
    templates.set(updateRevision, set.spec?.template);
    const currentRevision = set.status?.currentRevision || updateRevision;
    // Like truncateHistory, but keeping only the two revisions new pods can be created at.
    for (const name of [...templates.keys()]) if (name !== currentRevision && name !== updateRevision) templates.delete(name);
    const plan = planStatefulSet(set, pods, currentRevision, updateRevision, ctx.nowEpochMs);
    const errors: string[] = [];
    for (const action of plan.actions) {
      const err = this.apply(action, set, currentRevision, updateRevision, templates, ctx);
      if (err) errors.push(err);
    }
    const status = apiStatefulSetStatus(plan.status);
    if (!deepEqual(status, set.status)) ctx.api.updateStatus(set as K8sObject, status, set.metadata.uid);
    if (errors.length > 0) throw new Retryable(errors.join(', '));
    const after = nextAvailabilityCheckMs(pods, set.spec?.minReadySeconds ?? 0, ctx.nowEpochMs);
    return after === undefined ? undefined : { requeueAfterMs: after };
  }

  private templatesOf(key: ObjectKey, set: STS): Map<string, Template> {
    let entry = this.history.get(key);
    if (!entry || entry.uid !== set.metadata.uid) {
      entry = { uid: set.metadata.uid!, templates: new Map() };
      this.history.set(key, entry);
    }
    return entry.templates;
  }

  private apply(action: StatefulSetAction, set: STS, currentRevision: string, updateRevision: string,
    templates: Map<string, Template>, ctx: ReconcileContext): string | undefined {
    const owner = set as K8sObject;
    if (action.type === 'delete') {
      const res = ctx.api.delete('Pod', set.metadata.namespace, action.pod);
      if (res.ok) ctx.recordEvent(owner, 'Normal', 'SuccessfulDelete', `delete Pod ${action.pod} in StatefulSet ${set.metadata.name} successful`);
      else if (res.status.reason !== 'NotFound') {
        ctx.recordEvent(owner, 'Warning', 'FailedDelete', `delete Pod ${action.pod} in StatefulSet ${set.metadata.name} failed error: ${res.status.message}`);
        return res.status.message;
      }
      return undefined;
    }
    const podName = statefulPodName(set.metadata.name, action.ordinal);
    const claimError = this.createClaims(set, action.ordinal, podName, ctx);
    if (action.type === 'createClaims') return claimError;
    if (claimError) {
      ctx.recordEvent(owner, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${claimError}`);
      return claimError;
    }
    const useCurrent = action.revision === 'current' && templates.has(currentRevision);
    const revision = useCurrent ? currentRevision : updateRevision;
    const res = ctx.api.create(newStatefulPod(set, templates.get(revision), action.ordinal, revision));
    if (res.ok) {
      ctx.recordEvent(owner, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${set.metadata.name} successful`);
      return undefined;
    }
    if (res.status.reason === 'AlreadyExists') return res.status.message;
    ctx.recordEvent(owner, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${res.status.message}`);
    return res.status.message;
  }

  /** createPersistentVolumeClaims: creates the ordinal's missing claims; an existing claim being deleted is an error. */
  private createClaims(set: STS, ordinal: number, podName: string, ctx: ReconcileContext): string | undefined {
    const errors: string[] = [];
    for (const claim of claimsFor(set, ordinal)) {
      const existing = ctx.store.get(objectKey('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name));
      if (existing) {
        if (existing.metadata.deletionTimestamp) errors.push(`pvc ${claim.metadata.name} is being deleted`);
        continue;
      }
      const res = ctx.api.create(claim);
      const where = `Pod ${podName} in StatefulSet ${set.metadata.name}`;
      if (res.ok) {
        ctx.recordEvent(set as K8sObject, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata.name} ${where} success`);
      } else {
        errors.push(`failed to create PVC ${claim.metadata.name}: ${res.status.message}`);
        if (res.status.reason !== 'AlreadyExists') {
          ctx.recordEvent(set as K8sObject, 'Warning', 'FailedCreate', `create Claim ${claim.metadata.name} for ${where} failed error: ${res.status.message}`);
        }
      }
    }
    if (errors.length === 0) return undefined;
    return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  }
}
