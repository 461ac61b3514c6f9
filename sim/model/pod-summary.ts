// podutil's facts about one stored pod version (IsPodReady, the Ready condition's transition time,
// FilterActivePods, ShouldPodBeInEndpoints' inputs), worked out once per version: stored objects never change,
// and the controllers woken by every pod change would otherwise walk each pod's status again on every sync.
import type { DeepReadonly, Pod } from './types';
import { controllerOf, isPodActive, isPodReady, isPodTerminal, podCondition } from './pod';
import { parseTimestamp } from './time';

export interface PodSummary {
  /** The Ready condition is True (isPodReady). */
  readonly ready: boolean;
  /** The Ready condition's lastTransitionTime in epoch ms, whatever its status; undefined when absent or invalid. */
  readonly readyTransitionMs: number | undefined;
  /** Neither terminal nor being deleted (isPodActive). */
  readonly active: boolean;
  /** Whether an owner reference is marked controller (GetControllerOf), and that reference's uid. */
  readonly hasController: boolean;
  readonly controllerUid: string | undefined;
  /** Phase Succeeded or Failed (isPodTerminal). */
  readonly terminal: boolean;
  /** Has a deletionTimestamp. */
  readonly terminating: boolean;
  /** Has status.podIP or any status.podIPs. */
  readonly hasIP: boolean;
  /** spec.nodeName, '' when unscheduled. */
  readonly nodeName: string;
  /**
   * What other modules derive from this pod version, kept here rather than in maps of their own: its Endpoints
   * address (controllers/endpoints.ts) and its EndpointSlice endpoint (net/endpoint-slice-model.ts).
   */
  endpointsAddress?: unknown;
  sliceEndpoint?: unknown;
}

/**
 * Where a pod version keeps its summary: a non-enumerable symbol member, which JSON, structured cloning, spreads
 * and Object.keys all skip, so no copy or later version ever carries it. Frozen pods (tests freeze stored
 * objects) keep theirs in a WeakMap instead.
 */
const SUMMARY = Symbol('podSummary');
const frozenSummaries = new WeakMap<object, PodSummary>();

/** The summary of a pod version that is never changed again (a stored pod), worked out on first use. */
export function storedPodSummary(pod: DeepReadonly<Pod>): PodSummary {
  const kept = (pod as { [SUMMARY]?: PodSummary })[SUMMARY] ?? frozenSummaries.get(pod);
  if (kept) return kept;
  const text = podCondition(pod, 'Ready')?.lastTransitionTime;
  const ms = text ? parseTimestamp(text) : Number.NaN;
  const controller = controllerOf(pod);
  const summary: PodSummary = {
    ready: isPodReady(pod), readyTransitionMs: Number.isNaN(ms) ? undefined : ms, active: isPodActive(pod),
    hasController: controller !== undefined, controllerUid: controller?.uid,
    terminal: isPodTerminal(pod), terminating: pod.metadata?.deletionTimestamp !== undefined,
    hasIP: !!pod.status?.podIP || (pod.status?.podIPs?.length ?? 0) > 0, nodeName: pod.spec?.nodeName ?? '',
  };
  if (Object.isExtensible(pod)) Object.defineProperty(pod, SUMMARY, { value: summary });
  else frozenSummaries.set(pod, summary);
  return summary;
}
