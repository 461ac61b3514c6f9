// kube-controller-manager's namespace controller (pkg/controller/namespace/deletion/namespaced_resources_deleter.go,
// status_condition_utils.go): marks a deleted namespace Terminating, deletes every namespaced object in it,
// reports what remains as conditions, and removes the `kubernetes` finalizer once it is empty.
// SIMPLIFIED: objects are deleted one by one, kind by kind in discovery order, instead of by one deletecollection
// call per resource in map order.
import type { DeepReadonly, K8sObject, Namespace, ObjectKey, Pod } from '../model/types';
import { RESOURCES, type ResourceInfo } from '../model/resources';
import { formatTimestamp } from '../model/time';
import { clone } from '../core/clone';
import { deepEqual } from '../core/equal';
import { Retryable, type Controller, type ReconcileContext, type ReconcileResult } from '../core/controller';

type Ns = K8sObject & DeepReadonly<Namespace>;
type Condition = NonNullable<NonNullable<Namespace['status']>['conditions']>[number];

/** The finalizer the namespace controller owns (FinalizerKubernetes). */
export const KUBERNETES_FINALIZER = 'kubernetes';
/** finalizerEstimateSeconds: how long to wait for content held by finalizers. */
export const FINALIZER_ESTIMATE_SECONDS = 15;

const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining', 'NamespaceFinalizersRemaining',
] as const;
const OK: Record<(typeof CONDITION_TYPES)[number], [string, string]> = {
  NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
};

/** What deleteAllContent found left: instances per `resource.group`, instances per finalizer, and delete errors. */
export interface ContentTotals {
  readonly remaining: ReadonlyMap<string, number>;
  readonly finalizers: ReadonlyMap<string, number>;
  readonly errors: readonly string[];
}

/**
 * namespaceConditionUpdater.Update: every deletion condition, True with a message when something remains or
 * failed and False with its "ok" reason otherwise; lastTransitionTime moves only when the status flips. Pure.
 */
export function namespaceConditions(previous: readonly DeepReadonly<Condition>[] | undefined, totals: ContentTotals, nowEpochMs: number): Condition[] {
  const t = formatTimestamp(nowEpochMs);
  const failing = new Map<string, [string, string]>();
  if (totals.errors.length) {
    failing.set('NamespaceDeletionContentFailure', ['ContentDeletionFailed',
      `Failed to delete all resource types, ${totals.errors.length} remaining: ${[...totals.errors].sort().join(', ')}`]);
  }
  const list = (m: ReadonlyMap<string, number>, fmt: (k: string, n: number) => string): string =>
    [...m].filter(([, n]) => n > 0).map(([k, n]) => fmt(k, n)).sort().join(', ');
  if (totals.remaining.size) failing.set('NamespaceContentRemaining', ['SomeResourcesRemain', `Some resources are remaining: ${list(totals.remaining, (k, n) => `${k} has ${n} resource instances`)}`]);
  if (totals.finalizers.size) failing.set('NamespaceFinalizersRemaining', ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${list(totals.finalizers, (k, n) => `${k} in ${n} resource instances`)}`]);
  const out = clone([...(previous ?? [])]) as Condition[];
  for (const type of CONDITION_TYPES) {
    const [reason, message] = failing.get(type) ?? OK[type];
    const status = failing.has(type) ? 'True' : 'False';
    const old = out.find((c) => c.type === type);
    if (!old) out.push({ type, status, lastTransitionTime: t, reason, message });
    else if (old.status !== status || old.reason !== reason || old.message !== message) {
      if (old.status !== status) old.lastTransitionTime = t;
      Object.assign(old, { status, reason, message });
    }
  }
  return out;
}

/** estimateGracefulTerminationForPods: the longest terminationGracePeriodSeconds of the non-terminal pods. Pure. */
export function podTerminationEstimateSeconds(pods: readonly DeepReadonly<Pod>[]): number {
  let estimate = 0;
  for (const pod of pods) {
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 30);
  }
  return estimate;
}

/** deleteAllContentForGroupVersionResource for one kind: delete everything, then count what is left. */
function deleteKind(ctx: ReconcileContext, info: ResourceInfo, namespace: string, totals: { remaining: Map<string, number>; finalizers: Map<string, number>; errors: string[] }): number {
  const estimate = info.kind === 'Pod' ? podTerminationEstimateSeconds(ctx.store.list<K8sObject & DeepReadonly<Pod>>('Pod', namespace)) : 0;
  for (const obj of ctx.store.list(info.kind, namespace)) {
    if (obj.metadata.deletionTimestamp) continue;
    const res = ctx.api.delete(info.kind, namespace, obj.metadata.name, { propagationPolicy: 'Background' });
    if (!res.ok && res.status.reason !== 'NotFound') totals.errors.push(res.status.message);
  }
  const left = ctx.store.list(info.kind, namespace);
  if (left.length === 0) return 0;
  totals.remaining.set(`${info.plural}.${info.group}`, left.length);
  let withFinalizers = false;
  for (const obj of left) {
    for (const f of obj.metadata.finalizers ?? []) { totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1); withFinalizers = true; }
  }
  if (estimate > 0) return estimate;
  if (withFinalizers) return FINALIZER_ESTIMATE_SECONDS;
  totals.errors.push(`unexpected items still remain in namespace: ${namespace} for gvr: ${info.group ? `${info.group}/` : ''}${info.version}, Resource=${info.plural}`);
  return 0;
}

/** Delete(namespace): Terminating phase, delete content, report it, and finalize once nothing is left. */
function syncNamespace(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
  let ns = ctx.store.get(key) as Ns | undefined;
  if (!ns?.metadata.deletionTimestamp) return;
  if (ns.status?.phase !== 'Terminating') {
    const res = ctx.api.updateStatus(ns, { ...clone(ns.status ?? {}), phase: 'Terminating' }, ns.metadata.uid);
    if (!res.ok) return;
    ns = res.object as Ns;
  }
  const finalizers = ns.spec?.finalizers ?? [];
  if (!finalizers.includes(KUBERNETES_FINALIZER)) return;
  const totals = { remaining: new Map<string, number>(), finalizers: new Map<string, number>(), errors: [] as string[] };
  let estimate = 0;
  for (const info of RESOURCES) {
    if (info.namespaced && info.verbs.includes('deletecollection')) estimate = Math.max(estimate, deleteKind(ctx, info, ns.metadata.name, totals));
  }
  const conditions = namespaceConditions(ns.status?.conditions, totals, ctx.nowEpochMs);
  if (!deepEqual(conditions, ns.status?.conditions ?? [])) {
    const res = ctx.api.updateStatus(ns, { ...clone(ns.status ?? {}), conditions }, ns.metadata.uid);
    if (res.ok) ns = res.object as Ns;
  }
  if (totals.errors.length) throw new Retryable(totals.errors.join('; '));
  if (estimate > 0) return { requeueAfterMs: estimate * 1000 };
  const spec = { ...clone(ns.spec ?? {}), finalizers: finalizers.filter((f) => f !== KUBERNETES_FINALIZER) };
  ctx.api.update({ ...clone(ns), spec } as K8sObject);
}

/** The namespace controller: wakes on Namespaces and requeues itself while content drains. */
export const namespaceController: Controller = {
  name: 'namespace-controller',
  latencyMs: 5,
  watches: [{ kind: 'Namespace' }],
  reconcile: syncNamespace,
};
