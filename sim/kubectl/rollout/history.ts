// `kubectl rollout history` and `kubectl rollout undo` for Deployments (polymorphichelpers/history.go, rollback.go):
// revisions come from the ReplicaSets the Deployment controls; undo copies a ReplicaSet's template back into the
// Deployment (client side), keeping the Deployment's own bookkeeping annotations.
// SIMPLIFIED: DaemonSet and StatefulSet history lives in ControllerRevisions, which kubesim does not keep.
import type { DeepReadonly, Deployment, K8sObject, PodTemplateSpec, ReplicaSet } from '../../model/types';
import type { ObjectStore } from '../../core/store';
import { clone } from '../../core/clone';
import { equalIgnoreHash, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION } from '../../controllers/deployment-util';
import { describePodTemplate } from './pod-template';

/** The annotation whose value `rollout history` shows as CHANGE-CAUSE. */
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

type RS = K8sObject & DeepReadonly<ReplicaSet>;

/** The ReplicaSets a Deployment controls (GetAllReplicaSets), with their revision (0 when unannotated, NaN when bad). */
export function revisionsOf(store: ObjectStore, d: K8sObject): { rs: RS; revision: number }[] {
  const owned = store.ownedBy<RS>(d.metadata.uid ?? '', 'ReplicaSet')
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.uid === d.metadata.uid && r.controller));
  return owned.map((rs) => {
    const text = rs.metadata.annotations?.[REVISION_ANNOTATION];
    return { rs, revision: text === undefined ? 0 : /^-?\d+$/.test(text) ? Number(text) : Number.NaN };
  });
}

/** ViewHistory: the REVISION/CHANGE-CAUSE table (tabwriter minwidth 0, padding 2), one template, or an error. Pure. */
export function viewHistory(store: ObjectStore, d: K8sObject, revision: number): { text: string } | { error: string } {
  const info = new Map<number, DeepReadonly<PodTemplateSpec>>();
  for (const { rs, revision: v } of revisionsOf(store, d)) {
    if (Number.isNaN(v)) continue;
    const template = clone(rs.spec?.template ?? {}) as PodTemplateSpec;
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, ...(cause ? { [CHANGE_CAUSE_ANNOTATION]: cause } : {}) } };
    info.set(v, template);
  }
  if (info.size === 0) return { text: 'No rollout history found.' };
  if (revision > 0) {
    const t = info.get(revision);
    return t ? { text: describePodTemplate(t) } : { error: 'unable to find the specified revision' };
  }
  const revisions = [...info.keys()].sort((a, b) => a - b);
  const rows = revisions.map((r) => [String(r), info.get(r)!.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>']);
  const width = Math.max('REVISION'.length, ...rows.map((r) => r[0].length)) + 2;
  return { text: [['REVISION', 'CHANGE-CAUSE'], ...rows].map(([a, b]) => `${a.padEnd(width)}${b}\n`).join('') };
}

/** Annotations rollback keeps from the Deployment rather than copying from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', REVISION_ANNOTATION, 'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to',
]);

/** What `rollout undo` will do: fail, print the template (client dry run), skip, or write the Deployment. */
export type UndoPlan =
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'dry-run'; readonly text: string }
  | { readonly kind: 'skip'; readonly message: string }
  | { readonly kind: 'patch'; readonly deployment: K8sObject };

/** DeploymentRollbacker.Rollback: picks the revision (0 = the previous one) and builds the rolled-back Deployment. Pure. */
export function planUndo(store: ObjectStore, d: K8sObject, toRevision: number, clientDryRun: boolean): UndoPlan {
  if (toRevision < 0) return { kind: 'error', error: `unable to find specified revision ${toRevision} in history` };
  let target: RS | undefined;
  let latest = -1, previous = -1;
  let latestRS: RS | undefined;
  for (const { rs, revision: v } of revisionsOf(store, d)) {
    if (Number.isNaN(v)) continue;
    if (toRevision === 0) {
      if (latest < v) { previous = latest; target = latestRS; latest = v; latestRS = rs; } else if (previous < v) { previous = v; target = rs; }
    } else if (v === toRevision) { target = rs; break; }
  }
  if (!target) return { kind: 'error', error: toRevision > 0 ? `unable to find specified revision ${toRevision} in history` : `no rollout history found for deployment "${d.metadata.name}"` };
  if (clientDryRun) return { kind: 'dry-run', text: describePodTemplate(target.spec?.template ?? {}) };
  const dep = d as K8sObject & DeepReadonly<Deployment>;
  if (dep.spec?.paused) return { kind: 'error', error: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again` };
  if (equalIgnoreHash(target.spec?.template, dep.spec?.template)) {
    return { kind: 'skip', message: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  const template = clone(target.spec?.template ?? {}) as PodTemplateSpec;
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const next = clone(d) as K8sObject & Deployment;
  next.metadata.annotations = annotations;
  next.spec = { ...next.spec!, template };
  return { kind: 'patch', deployment: next };
}
