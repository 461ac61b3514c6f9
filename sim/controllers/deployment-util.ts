// The Deployment controller's pure functions (pkg/controller/deployment/util/deployment_util.go and intstr):
// fenceposts, new ReplicaSet sizing, revisions and their annotations, template matching, ordering and sums.
import type { DeepReadonly, Deployment, LabelSelector, PodTemplateSpec, ReplicaSet } from '../model/types';
import { parseTimestamp } from '../model/time';
import { clone } from '../core/clone';
import { sortInPlace } from '../core/sort';
import { deepEqual, semanticEqual } from '../core/equal';

/** A Deployment or ReplicaSet as the pure functions read it. */
export type D = DeepReadonly<Deployment> & { readonly metadata: { readonly name: string } };
export type RS = DeepReadonly<ReplicaSet> & { readonly metadata: { readonly name: string } };

/** The annotations and label the Deployment controller maintains (util/deployment_util.go, apps/v1 types). */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** maxRevHistoryLengthInChars in sync.go: the revision-history annotation keeps at most ~2000 characters. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;
const MAX_INT32 = 2147483647;

/** annotationsToSkip: Deployment annotations never copied onto its ReplicaSets. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, 'deprecated.deployment.rollback.to',
]);

/** intstr.GetScaledValueFromIntOrPercent: an int as is, `N%` of total rounded up or down; malformed → 0. Pure. */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const m = /^(-?\d+)%$/.exec(value ?? '');
  if (!m) return 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down, and both 0 makes unavailable 1. Pure. */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined,
  desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

// The fields below are read with the apps/v1 API defaults (defaults.go), so an object behaves the same whether
// or not the apiserver defaulted it.

/** spec.replicas (default 1). Pure. */
export function replicasOf(d: D): number {
  return d.spec?.replicas ?? 1;
}

/** spec.strategy.type is RollingUpdate (the default). Pure. */
export function isRollingUpdate(d: D): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

function fenceposts(d: D): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', replicasOf(d));
}

/** MaxSurge: 0 unless rolling. Pure. */
export function maxSurgeOf(d: D): number {
  return isRollingUpdate(d) ? fenceposts(d).surge : 0;
}

/** MaxUnavailable: 0 unless rolling or when replicas is 0, capped at replicas. Pure. */
export function maxUnavailableOf(d: D): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicasOf(d));
}

/** HasProgressDeadline: progressDeadlineSeconds (default 600) is set and not MaxInt32. Pure. */
export function progressDeadlineSecondsOf(d: D): number | undefined {
  const pds = d.spec?.progressDeadlineSeconds ?? 600;
  return pds === MAX_INT32 ? undefined : pds;
}

/** HasRevisionHistoryLimit: revisionHistoryLimit (default 10), undefined when MaxInt32 (keep all). Pure. */
export function revisionHistoryLimitOf(d: D): number | undefined {
  const limit = d.spec?.revisionHistoryLimit ?? 10;
  return limit === MAX_INT32 ? undefined : limit;
}

/** Sum of spec.replicas. Pure. */
export function specReplicas(sets: readonly (RS | undefined)[]): number {
  return sets.reduce((n, rs) => n + (rs ? rs.spec?.replicas ?? 1 : 0), 0);
}

/** Sum of a status counter (replicas, readyReplicas, availableReplicas). Pure. */
export function statusReplicas(sets: readonly (RS | undefined)[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return sets.reduce((n, rs) => n + (rs?.status?.[field] ?? 0), 0);
}

/** NewRSNewReplicas: how many replicas the new ReplicaSet should have now. Pure. */
export function newRSNewReplicas(d: D, allRSs: readonly (RS | undefined)[], newRS: RS): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const newReplicas = newRS.spec?.replicas ?? 1;
  const maxTotalPods = replicasOf(d) + scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', replicasOf(d), true);
  const current = specReplicas(allRSs);
  if (current >= maxTotalPods) return newReplicas;
  return newReplicas + Math.min(maxTotalPods - current, replicasOf(d) - newReplicas);
}

/** Revision: the revision annotation as a number (0 when absent, NaN when malformed). Pure. */
export function revisionOf(obj: { readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> } }): number {
  const text = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  if (text === undefined) return 0;
  return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** MaxRevision: the highest parseable revision. Pure. */
export function maxRevision(sets: readonly RS[]): number {
  return sets.reduce((max, rs) => { const v = revisionOf(rs); return Number.isNaN(v) || v <= max ? max : v; }, 0);
}

/** SetReplicasAnnotations on a mutable annotation map; returns whether anything changed. */
export function setReplicasAnnotations(annotations: Record<string, string>, desired: number, max: number): boolean {
  let changed = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) { annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired); changed = true; }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(max)) { annotations[MAX_REPLICAS_ANNOTATION] = String(max); changed = true; }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations on a mutable annotation map: copies the Deployment's annotations (except the
 * skipped ones), raises the revision to `newRevision` (moving the old one into revision-history, as a rollback
 * does), and for a new ReplicaSet sets desired/max replicas. Returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(d: D, annotations: Record<string, string>, newRevision: number, exists: boolean): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const oldText = annotations[REVISION_ANNOTATION];
  const had = oldText !== undefined;
  if (had && !/^-?\d+$/.test(oldText)) return false;
  const oldRevision = had ? Number(oldText) : 0;
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (had) {
      const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
      if (history === '') {
        annotations[REVISION_HISTORY_ANNOTATION] = oldText;
      } else {
        const parts = history.split(',');
        let total = history.length + oldText.length + 1, start = 0;
        while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < parts.length) total -= parts[start++].length + 1;
        if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...parts.slice(start), oldText].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(annotations, replicasOf(d), replicasOf(d) + maxSurgeOf(d))) changed = true;
  return changed;
}

/** EqualIgnoreHash: two pod templates are equal ignoring the pod-template-hash label (nil and empty alike). Pure. */
export function equalIgnoreHash(a: DeepReadonly<PodTemplateSpec> | undefined, b: DeepReadonly<PodTemplateSpec> | undefined): boolean {
  return semanticEqual(a ?? {}, b ?? {}, isHashLabel);
}

function isHashLabel(path: readonly string[]): boolean {
  return path.length === 3 && path[0] === 'metadata' && path[1] === 'labels' && path[2] === POD_TEMPLATE_HASH_LABEL;
}

function creationMs(rs: RS): number {
  const t = parseTimestamp(rs.metadata.creationTimestamp ?? '');
  return Number.isNaN(t) ? -Infinity : t;
}

/** ReplicaSetsByCreationTimestamp: older first (second precision), then by name. Pure. */
export function byCreation(a: RS, b: RS): number {
  const ta = creationMs(a), tb = creationMs(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** ReplicaSetsByRevision: lower revision first, by creation when equal or unparseable. Pure. */
export function byRevision(a: RS, b: RS): number {
  const ra = revisionOf(a), rb = revisionOf(b);
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreation(a, b);
  return ra - rb;
}

type Template = DeepReadonly<PodTemplateSpec> | undefined;

/** The last comparison made with each stored ReplicaSet template: the Deployment template and the answer. */
const lastComparison = new WeakMap<object, { readonly with: object; readonly equal: boolean }>();

/**
 * equalIgnoreHash for templates read from the store, which are never mutated: a ReplicaSet's template keeps its
 * identity across status writes, so the answer for the same pair of template objects is remembered.
 */
export function storedTemplatesEqual(rsTemplate: Template, dTemplate: Template): boolean {
  if (!rsTemplate || !dTemplate) return equalIgnoreHash(rsTemplate, dTemplate);
  const last = lastComparison.get(rsTemplate);
  if (last && last.with === dTemplate) return last.equal;
  const equal = equalIgnoreHash(rsTemplate, dTemplate);
  lastComparison.set(rsTemplate, { with: dTemplate, equal });
  return equal;
}

/**
 * FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, ignoring the hash. Pure
 * (`equal` compares two templates; stored ones may use storedTemplatesEqual).
 */
export function findNewReplicaSet(d: D, rsList: readonly RS[], equal: (a: Template, b: Template) => boolean = equalIgnoreHash): RS | undefined {
  return sortInPlace([...rsList], byCreation).find((rs) => equal(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: every other ReplicaSet (`all`), and those still with replicas (`required`). Pure. */
export function findOldReplicaSets(d: D, rsList: readonly RS[], equal: (a: Template, b: Template) => boolean = equalIgnoreHash): { required: RS[]; all: RS[] } {
  const newRS = findNewReplicaSet(d, rsList, equal);
  const all = rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
  return { required: all.filter((rs) => (rs.spec?.replicas ?? 1) !== 0), all };
}

/** The new ReplicaSet getNewReplicaSet creates: `<deployment>-<hash>`, hash label on it, its selector and template. Pure. */
export function newReplicaSetFor(d: D & { readonly apiVersion?: string; readonly kind?: string }, hash: string): ReplicaSet & { metadata: { name: string } } {
  const template = clone(d.spec!.template) as PodTemplateSpec;
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = clone(d.spec!.selector) as LabelSelector;
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...template.metadata.labels },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: 0, ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template,
    },
  };
}
