// The ReplicaSet controller's choice of pods to delete when scaling down (replica_set.go getPodsToDelete,
// controller_utils.go ActivePodsWithRanks) and pod availability (podutil.IsPodAvailable).
import type { DeepReadonly, Pod } from '../model/types';
import { isPodActive, isPodReady, podCondition } from '../model/pod';
import { parseTimestamp } from '../model/time';

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
function newerFirst(a: RankedPod, b: RankedPod, ta: number | undefined, tb: number | undefined, nowMs: number): boolean {
  if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
  const diff = logarithmicRankDiff(ta, tb, nowMs);
  if (diff === 0) return (a.pod.metadata?.uid ?? '') < (b.pod.metadata?.uid ?? '');
  return diff < 0;
}

function creationMs(pod: P): number | undefined {
  const text = pod.metadata?.creationTimestamp;
  if (!text) return undefined;
  const t = parseTimestamp(text);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * ActivePodsWithRanks.Less: whether `a` should be deleted before `b`. Unassigned < assigned; Pending < Unknown <
 * Running; not ready < ready; lower deletion cost first; more colocated pods first; ready for less time first;
 * more restarts first; newer first. Times compare in log-2 buckets of age, ties broken by uid. Pure.
 */
export function deletesBefore(a: RankedPod, b: RankedPod, nowEpochMs: number): boolean {
  const na = a.pod.spec?.nodeName ?? '', nb = b.pod.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const pa = PHASE_ORDINAL[a.pod.status?.phase ?? ''] ?? 0, pb = PHASE_ORDINAL[b.pod.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  const ra = isPodReady(a.pod), rb = isPodReady(b.pod);
  if (ra !== rb) return !ra;
  const ca = podDeletionCost(a.pod), cb = podDeletionCost(b.pod);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (ra && rb) {
    const ta = podReadyTimeMs(a.pod), tb = podReadyTimeMs(b.pod);
    if (ta !== tb) return newerFirst(a, b, ta, tb, nowEpochMs);
  }
  const xa = maxContainerRestarts(a.pod), xb = maxContainerRestarts(b.pod);
  if (xa !== xb) return xa > xb;
  const ta = creationMs(a.pod), tb = creationMs(b.pod);
  if (ta !== tb) return newerFirst(a, b, ta, tb, nowEpochMs);
  return false;
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
  const ranked = rankByColocation(pods, relatedPods);
  ranked.sort((a, b) => compareForDeletion(a, b, nowEpochMs));
  return ranked.slice(0, diff).map((r) => r.pod as T);
}
