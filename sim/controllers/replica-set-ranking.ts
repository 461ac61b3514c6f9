// The ReplicaSet controller's choice of pods to delete when scaling down (replica_set.go getPodsToDelete,
// controller_utils.go ActivePodsWithRanks) and pod availability (podutil.IsPodAvailable).
import type { DeepReadonly, Pod } from '../model/types';
import { isPodActive, isPodReady, podCondition } from '../model/pod';
import { parseTimestamp } from '../model/time';
import type { PodSummary } from '../model/pod-summary';

type P = DeepReadonly<Pod>;

/** The annotation that lets users rank pods for deletion (lower cost goes first). */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** A pod with its colocation rank: how many active related pods share its node. */
export interface RankedPod {
  readonly pod: P;
  readonly rank: number;
}

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** The Ready condition's lastTransitionTime in epoch ms, or undefined when not ready (podReadyTime). Pure. */
export function podReadyTimeMs(pod: P): number | undefined {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True' || !ready.lastTransitionTime) return undefined;
  const t = parseTimestamp(ready.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

/** podutil.IsPodAvailable over a stored pod's summary. Pure. */
export function isAvailable(summary: PodSummary, minReadySeconds: number, nowEpochMs: number): boolean {
  if (!summary.ready) return false;
  if (minReadySeconds <= 0) return true;
  const since = summary.readyTransitionMs;
  return since !== undefined && since + minReadySeconds * 1000 < nowEpochMs;
}

/**
 * podutil.IsPodAvailable: Ready, and Ready for strictly longer than minReadySeconds at `nowEpochMs`. Pure.
 */
export function isPodAvailable(pod: P, minReadySeconds: number, nowEpochMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadyTimeMs(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowEpochMs;
}

/** GetDeletionCostFromPodAnnotations: the int32 cost, 0 when missing or malformed. Pure. */
export function podDeletionCost(pod: P): number {
  const text = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (text === undefined || !/^-?\d+$/.test(text)) return 0;
  const value = Number(text);
  return value >= -2147483648 && value <= 2147483647 ? value : 0;
}

function maxContainerRestarts(pod: P): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

/** logarithmicRankDiff: compares the base-2 log of two ages in nanoseconds (LogarithmicScaleDown, GA in 1.31). */
function logarithmicRankDiff(t1Ms: number, t2Ms: number, nowMs: number): number {
  const rank = (t: number): number => {
    const ageNs = (nowMs - t) * 1e6;
    return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
  };
  return rank(t1Ms) - rank(t2Ms);
}

/** afterOrZero: a zero time sorts first, otherwise the later time does. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** The newer-first time comparison with log-scale buckets, tie-broken by uid (steps 6 and 8). */
function newerFirst(a: DeletionFacts, b: DeletionFacts, ta: number | undefined, tb: number | undefined, nowMs: number): boolean {
  if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
  const diff = logarithmicRankDiff(ta, tb, nowMs);
  if (diff === 0) return a.uid < b.uid;
  return diff < 0;
}

function creationMs(pod: P): number | undefined {
  const text = pod.metadata?.creationTimestamp;
  if (!text) return undefined;
  const t = parseTimestamp(text);
  return Number.isNaN(t) ? undefined : t;
}

/** What the deletion order looks at in one ranked pod, read once however often the sort compares it. */
interface DeletionFacts {
  readonly ranked: RankedPod;
  readonly node: string;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly readyTime: number | undefined;
  readonly restarts: number;
  readonly creation: number | undefined;
  readonly uid: string;
}

function factsOf(ranked: RankedPod): DeletionFacts {
  const pod = ranked.pod;
  return {
    ranked, node: pod.spec?.nodeName ?? '', phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0, ready: isPodReady(pod),
    cost: podDeletionCost(pod), readyTime: podReadyTimeMs(pod), restarts: maxContainerRestarts(pod), creation: creationMs(pod),
    uid: pod.metadata?.uid ?? '',
  };
}

/** ActivePodsWithRanks.Less over the facts of two ranked pods. Pure. */
function factsBefore(a: DeletionFacts, b: DeletionFacts, nowEpochMs: number): boolean {
  if (a.node !== b.node && (a.node === '' || b.node === '')) return a.node === '';
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.ranked.rank !== b.ranked.rank) return a.ranked.rank > b.ranked.rank;
  if (a.ready && b.ready && a.readyTime !== b.readyTime) return newerFirst(a, b, a.readyTime, b.readyTime, nowEpochMs);
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.creation !== b.creation) return newerFirst(a, b, a.creation, b.creation, nowEpochMs);
  return false;
}

/**
 * ActivePodsWithRanks.Less: whether `a` should be deleted before `b`. Unassigned < assigned; Pending < Unknown <
 * Running; not ready < ready; lower deletion cost first; more colocated pods first; ready for less time first;
 * more restarts first; newer first. Times compare in log-2 buckets of age, ties broken by uid. Pure.
 */
export function deletesBefore(a: RankedPod, b: RankedPod, nowEpochMs: number): boolean {
  return factsBefore(factsOf(a), factsOf(b), nowEpochMs);
}

/** `deletesBefore` as a sort comparator (negative: `a` goes first). Pure. */
export function compareForDeletion(a: RankedPod, b: RankedPod, nowEpochMs: number): number {
  if (deletesBefore(a, b, nowEpochMs)) return -1;
  if (deletesBefore(b, a, nowEpochMs)) return 1;
  return 0;
}

/**
 * getPodsRankedByRelatedPodsOnSameNode: ranks each pod by the number of active related pods (pods of every
 * ReplicaSet with the same controller) on its node. Pure.
 */
export function rankByColocation(pods: readonly P[], relatedPods: readonly P[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/**
 * getPodsToDelete: the `diff` pods to delete, ranked as the ReplicaSet controller does; when every pod goes,
 * they go in the given order. Pure; input order breaks exact ties, so callers pass pods sorted by name.
 */
export function podsToDelete<T extends P>(pods: readonly T[], relatedPods: readonly P[], diff: number, nowEpochMs: number): T[] {
  if (diff >= pods.length) return [...pods];
  const facts = rankByColocation(pods, relatedPods).map(factsOf);
  facts.sort((a, b) => (factsBefore(a, b, nowEpochMs) ? -1 : factsBefore(b, a, nowEpochMs) ? 1 : 0));
  return facts.slice(0, diff).map((f) => f.ranked.pod as T);
}
