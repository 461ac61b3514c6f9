// kube-controller-manager's DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go,
// util/daemonset_util.go): one pod per eligible node, pinned there by node affinity for the scheduler to bind,
// with the DaemonSet tolerations added; rolling updates replace old pods within maxUnavailable.
// SIMPLIFIED: no ControllerRevision objects (controller-revision-hash is the template hash); maxSurge is treated
// as 0; failed daemon pods are deleted without the controller's back-off.
import type { Toleration } from 'kubernetes-types/core/v1';
import type { DaemonSet, DeepReadonly, K8sObject, Node, ObjectKey, Pod } from '../model/types';
import { objectKey } from '../model/keys';
import { isPodReady, isPodTerminal } from '../model/pod';
import { parseTimestamp } from '../model/time';
import { clone } from '../core/clone';
import { podTemplateHash } from '../core/names';
import { deepEqual } from '../core/equal';
import type { Controller, ReconcileContext, ReconcileResult } from '../core/controller';
import {
  claimObjects, controllerKeysOf, isNamespaceTerminatingError, podFromTemplate, runSlowStart, selectingKeys, selectorRequirements,
} from './replica-set';
import { isPodAvailable } from './replica-set-ranking';
import { matchesNodeAffinity, tolerates } from './scheduler-plugins';
import { scaledValue } from './deployment-util';

type DS = K8sObject & DeepReadonly<DaemonSet>;
type P = K8sObject & DeepReadonly<Pod>;
type N = DeepReadonly<Node> & { readonly metadata: { readonly name: string } };

/** The labels daemon pods carry (DefaultDaemonSetUniqueLabelKey, DaemonSetTemplateGenerationKey). */
export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
/** The DaemonSet controller's burstReplicas. */
const DS_BURST_REPLICAS = 250;

/**
 * AddOrUpdateDaemonPodTolerations: not-ready and unreachable NoExecute (no tolerationSeconds), disk-, memory- and
 * pid-pressure and unschedulable NoSchedule, and network-unavailable for hostNetwork pods; a toleration with the
 * same key, effect, operator and value is replaced. Pure.
 */
export function withDaemonTolerations(tolerations: readonly DeepReadonly<Toleration>[] | undefined, hostNetwork: boolean): Toleration[] {
  const out = clone([...(tolerations ?? [])]) as Toleration[];
  const add = (key: string, effect: 'NoExecute' | 'NoSchedule'): void => {
    const t: Toleration = { key, operator: 'Exists', effect };
    const i = out.findIndex((o) => o.key === key && o.effect === effect && o.operator === 'Exists' && (o.value ?? '') === '');
    if (i < 0) out.push(t); else out[i] = t;
  };
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
  return out;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: required node affinity pinned to `node` by metadata.name. Pure. */
export function pinnedAffinity(affinity: DeepReadonly<NonNullable<Pod['spec']>['affinity']>, node: string): NonNullable<Pod['spec']>['affinity'] {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] };
  const copy = clone(affinity ?? {}) as NonNullable<NonNullable<Pod['spec']>['affinity']>;
  copy.nodeAffinity = { ...copy.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } };
  return copy;
}

/** Where a daemon pod may go on one node: whether it should run there, and whether an existing one may stay. */
export interface Placement {
  readonly shouldRun: boolean;
  readonly shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod: whether a daemon pod should run on `node` (node name, node affinity and taints) and
 * whether an existing one may keep running (only untolerated NoExecute taints evict it). Pure.
 */
export function nodeShouldRunDaemonPod(node: N, ds: DeepReadonly<DaemonSet>): Placement {
  return placementsFor(ds)(node);
}

/**
 * NodeShouldRunDaemonPod for one DaemonSet over many nodes: the daemon pod with its tolerations is built once,
 * and each node is judged once however often a sync asks. Pure.
 */
export function placementsFor(ds: DeepReadonly<DaemonSet>): (node: N) => Placement {
  const spec = ds.spec?.template?.spec;
  const tolerations = withDaemonTolerations(spec?.tolerations, spec?.hostNetwork === true);
  const judged = new Map<N, Placement>();
  return (node) => {
    let placement = judged.get(node);
    if (!placement) { placement = judge(node, spec, tolerations); judged.set(node, placement); }
    return placement;
  };
}

function judge(node: N, spec: DeepReadonly<NonNullable<Pod['spec']>> | undefined, tolerations: readonly Toleration[]): Placement {
  if (spec?.nodeName && spec.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  const pod = { spec: { ...spec, nodeName: node.metadata.name, tolerations } } as DeepReadonly<Pod>;
  if (!matchesNodeAffinity(pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  const untolerated = (effects: readonly string[]): boolean => (node.spec?.taints ?? []).some((taint) =>
    effects.includes(taint.effect) && !(pod.spec?.tolerations ?? []).some((t) => tolerates(t, taint)));
  if (untolerated(['NoSchedule', 'NoExecute'])) return { shouldRun: false, shouldContinueRunning: !untolerated(['NoExecute']) };
  return { shouldRun: true, shouldContinueRunning: true };
}

/** GetTargetNodeName: spec.nodeName, or the node a daemon pod's affinity pins it to. Pure. */
export function targetNodeName(pod: DeepReadonly<Pod>): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In') return f.values?.length === 1 ? f.values[0] : undefined;
  }
  return undefined;
}

/** IsPodUpdated: the pod carries the current template hash (or template generation). Pure. */
export function isPodUpdated(pod: DeepReadonly<Pod>, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  return labels[REVISION_HASH_LABEL] === hash || (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation);
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest, then by name. Pure. */
export function byScheduledThenAge(a: DeepReadonly<Pod>, b: DeepReadonly<Pod>): number {
  const sa = !!a.spec?.nodeName, sb = !!b.spec?.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  const ta = parseTimestamp(a.metadata?.creationTimestamp ?? ''), tb = parseTimestamp(b.metadata?.creationTimestamp ?? '');
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
}

/** What podsShouldBeOnNode decides for one node. */
export interface NodePlan {
  readonly create: boolean;
  readonly deletes: readonly string[];
  readonly events: readonly { readonly type: 'Normal' | 'Warning'; readonly reason: string; readonly message: string }[];
}

/** podsShouldBeOnNode: create a missing pod, delete failed, succeeded, excess or no-longer-wanted ones. Pure. */
export function podsShouldBeOnNode(node: N, daemonPods: readonly P[] | undefined, ds: DeepReadonly<DaemonSet>,
  placement: Placement = nodeShouldRunDaemonPod(node, ds)): NodePlan {
  const { shouldRun, shouldContinueRunning } = placement;
  const deletes: string[] = [];
  const events: NodePlan['events'][number][] = [];
  if (shouldRun && daemonPods === undefined) return { create: true, deletes, events };
  const live = (daemonPods ?? []).filter((p) => !p.metadata.deletionTimestamp);
  if (shouldContinueRunning) {
    const running: P[] = [];
    for (const pod of live) {
      const where = `${pod.metadata.namespace}/${pod.metadata.name} on node ${node.metadata.name}`;
      if (pod.status?.phase === 'Failed') {
        events.push({ type: 'Warning', reason: 'FailedDaemonPod', message: `Found failed daemon pod ${where}, will try to kill it` });
        deletes.push(pod.metadata.name);
      } else if (pod.status?.phase === 'Succeeded') {
        events.push({ type: 'Normal', reason: 'SucceededDaemonPod', message: `Found succeeded daemon pod ${where}, will try to delete it` });
        deletes.push(pod.metadata.name);
      } else {
        running.push(pod);
      }
    }
    deletes.push(...running.sort(byScheduledThenAge).slice(1).map((p) => p.metadata.name));
  } else {
    deletes.push(...live.map((p) => p.metadata.name));
  }
  return { create: false, deletes, events };
}

/**
 * The rolling update's deletions with maxSurge 0: old pods that are unavailable always go, and available old
 * ones go while fewer than maxUnavailable nodes lack an available updated pod; the core loop recreates them. Pure.
 */
export function rollingUpdateDeletions(ds: DeepReadonly<DaemonSet>, nodes: readonly N[], nodeToPods: ReadonlyMap<string, readonly P[]>,
  hash: string, nowEpochMs: number, placementOf: (node: N) => Placement = placementsFor(ds)): string[] {
  const desired = new Map(nodeToPods);
  let desiredCount = 0;
  for (const node of nodes) {
    if (!placementOf(node).shouldRun) continue;
    desiredCount++;
    if (!desired.has(node.metadata.name)) desired.set(node.metadata.name, []);
  }
  let maxUnavailable = scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desiredCount, true);
  if (desiredCount > 0 && maxUnavailable === 0) maxUnavailable = 1;
  const generation = ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  const minReady = ds.spec?.minReadySeconds ?? 0;
  let unavailable = 0;
  const replace: string[] = [], candidates: string[] = [];
  for (const name of [...desired.keys()].sort()) {
    const live = desired.get(name)!.filter((p) => !p.metadata.deletionTimestamp);
    const fresh = live.filter((p) => isPodUpdated(p, hash, generation));
    const old = live.filter((p) => !isPodUpdated(p, hash, generation));
    if (fresh.length > 1 || old.length > 1 || (fresh.length === 1) === (old.length === 1)) { unavailable++; continue; }
    if (fresh.length === 1) { if (!isPodAvailable(fresh[0], minReady, nowEpochMs)) unavailable++; continue; }
    if (!isPodAvailable(old[0], minReady, nowEpochMs)) { replace.push(old[0].metadata.name); unavailable++; }
    else if (unavailable < maxUnavailable) candidates.push(old[0].metadata.name);
  }
  return [...replace, ...candidates.slice(0, Math.max(0, Math.min(maxUnavailable - unavailable, candidates.length)))];
}

/** updateDaemonSetStatus's counts over the eligible nodes, zero optional counts omitted as the API's JSON does. Pure. */
export function daemonSetStatus(ds: DeepReadonly<DaemonSet> & { readonly metadata: { readonly generation?: number } }, nodes: readonly N[],
  nodeToPods: ReadonlyMap<string, readonly P[]>, hash: string, nowEpochMs: number,
  placementOf: (node: N) => Placement = placementsFor(ds)): NonNullable<DaemonSet['status']> {
  let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0;
  const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  for (const node of nodes) {
    const pods = nodeToPods.get(node.metadata.name) ?? [];
    if (!placementOf(node).shouldRun) { if (pods.length > 0) misscheduled++; continue; }
    desired++;
    if (pods.length === 0) continue;
    current++;
    const pod = [...pods].sort(byScheduledThenAge)[0];
    if (isPodReady(pod)) { ready++; if (isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, nowEpochMs)) available++; }
    if (isPodUpdated(pod, hash, generation)) updated++;
  }
  return {
    currentNumberScheduled: current, numberMisscheduled: misscheduled, desiredNumberScheduled: desired, numberReady: ready,
    ...(ds.metadata.generation ? { observedGeneration: ds.metadata.generation } : {}),
    ...(updated ? { updatedNumberScheduled: updated } : {}), ...(available ? { numberAvailable: available } : {}),
    ...(desired - available ? { numberUnavailable: desired - available } : {}),
    ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
    ...(ds.status?.conditions?.length ? { conditions: clone(ds.status.conditions) as NonNullable<DaemonSet['status']>['conditions'] } : {}),
  };
}

/** syncNodes: deletes the named pods and creates one pinned pod per node, in slow-start batches; returns whether it wrote. */
function syncNodes(ctx: ReconcileContext, ds: DS, deletes: readonly string[], nodesNeedingPods: readonly string[], hash: string): boolean {
  const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  const template = clone(ds.spec!.template) as NonNullable<DaemonSet['spec']>['template'];
  template.spec = { ...template.spec!, tolerations: withDaemonTolerations(template.spec?.tolerations, template.spec?.hostNetwork === true) };
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...(generation ? { [TEMPLATE_GENERATION_LABEL]: generation } : {}), [REVISION_HASH_LABEL]: hash } };
  const creates = nodesNeedingPods.slice(0, DS_BURST_REPLICAS);
  let next = 0;
  runSlowStart(creates.length, () => {
    const pod = podFromTemplate(template, ds, ds.metadata.namespace!) as K8sObject & Pod;
    pod.spec!.affinity = pinnedAffinity(template.spec?.affinity, creates[next++]);
    const res = ctx.api.create(pod);
    if (res.ok) { ctx.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${res.object.metadata.name}`); return undefined; }
    if (isNamespaceTerminatingError(res.status)) return undefined;
    ctx.recordEvent(ds, 'Warning', 'FailedCreate', `Error creating: ${res.status.message}`);
    return res.status.message;
  });
  for (const name of deletes.slice(0, DS_BURST_REPLICAS)) {
    const res = ctx.api.delete('Pod', ds.metadata.namespace, name);
    if (res.ok) ctx.recordEvent(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    else if (res.status.reason !== 'NotFound') ctx.recordEvent(ds, 'Warning', 'FailedDelete', `Error deleting: ${res.status.message}`);
  }
  return creates.length + deletes.length > 0;
}

/** syncDaemonSet: manage pods per node, then roll updates once nothing else is in flight, then write status. */
function syncDaemonSet(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
  const ds = ctx.store.get(key) as DS | undefined;
  if (!ds) return;
  const reqs = selectorRequirements(ds);
  if (reqs.length === 0) {
    ctx.recordEvent(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
    return;
  }
  if (ds.metadata.deletionTimestamp) return;
  const hash = podTemplateHash(ds.spec?.template, ds.status?.collisionCount);
  const nodes = ctx.store.list<K8sObject & N>('Node');
  const found = new Map<string, P>();
  for (const pod of ctx.store.ownedBy<P>(ds.metadata.uid!, 'Pod')) found.set(pod.metadata.uid!, pod);
  for (const pod of ctx.store.select<P>('Pod', ds.metadata.namespace, reqs)) found.set(pod.metadata.uid!, pod);
  const claimed = claimObjects(ctx, ds, [...found.values()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)), reqs);
  const nodeToPods = new Map<string, P[]>();
  for (const pod of claimed) {
    const node = targetNodeName(pod);
    if (node === undefined || (isPodTerminal(pod) && pod.metadata.deletionTimestamp)) continue;
    const onNode = nodeToPods.get(node);
    if (onNode) onNode.push(pod); else nodeToPods.set(node, [pod]);
  }

  const creates: string[] = [], deletes: string[] = [];
  const placementOf = placementsFor(ds);
  for (const node of nodes) {
    const plan = podsShouldBeOnNode(node, nodeToPods.get(node.metadata.name), ds, placementOf(node));
    for (const e of plan.events) ctx.recordEvent(ds, e.type, e.reason, e.message);
    if (plan.create) creates.push(node.metadata.name);
    deletes.push(...plan.deletes);
  }
  const known = new Set(nodes.map((n) => n.metadata.name));
  for (const [node, pods] of [...nodeToPods].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (!known.has(node)) deletes.push(...pods.filter((p) => !p.spec?.nodeName).map((p) => p.metadata.name));
  const wrote = syncNodes(ctx, ds, deletes, creates, hash);
  if (!wrote && (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    syncNodes(ctx, ds, rollingUpdateDeletions(ds, nodes, nodeToPods, hash, ctx.nowEpochMs, placementOf), [], hash);
  }

  // Counts reflect the pods as listed at the start of this sync, as the informer cache would.
  const status = daemonSetStatus(ds, nodes, nodeToPods, hash, ctx.nowEpochMs, placementOf);
  if (!deepEqual(status, ds.status)) ctx.api.updateStatus(ds, status, ds.metadata.uid);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  return minReady > 0 && status.numberReady !== (status.numberAvailable ?? 0) ? { requeueAfterMs: minReady * 1000 } : undefined;
}

/** The DaemonSet controller: wakes on DaemonSets, their pods, and every Node change. */
export const daemonSetController: Controller = {
  name: 'daemonset-controller',
  latencyMs: 3,
  watches: [
    { kind: 'DaemonSet' },
    {
      kind: 'Pod',
      keys: (change, store) => {
        const keys = controllerKeysOf(change, 'DaemonSet');
        if (keys.length > 0 || change.type === 'DELETED') return keys;
        return selectingKeys(store, 'DaemonSet', change.object.metadata.namespace, change.object.metadata.labels);
      },
    },
    { kind: 'Node', keys: (_change, store) => store.list('DaemonSet').map((ds) => objectKey('DaemonSet', ds.metadata.namespace, ds.metadata.name)) },
  ],
  reconcile: syncDaemonSet,
};
