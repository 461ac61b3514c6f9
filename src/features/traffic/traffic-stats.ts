// Counters over the traffic samples the engine streams: per flow, how many requests each pod answered and why the
// others failed. Folded in by sequence number, so each frame costs only its new samples.
import type { TrafficSample } from '../../../sim/protocol';

/** Outcomes kept per flow for its recent success rate. */
export const RECENT_WINDOW = 20;

export interface FlowStats {
  readonly flowId: string;
  readonly sent: number;
  /** Requests a pod (or a host) answered without a server error. */
  readonly succeeded: number;
  readonly failed: number;
  /** Requests answered per pod, keyed `namespace/name` (any status). */
  readonly byPod: ReadonlyMap<string, number>;
  /** Failures by reason: the socket error (ETIMEDOUT, …) or `HTTP 5xx`. */
  readonly byReason: ReadonlyMap<string, number>;
  /** The last RECENT_WINDOW outcomes, oldest first (true = success). */
  readonly recent: readonly boolean[];
}

export interface TrafficStats {
  /** The highest sample sequence number folded in. */
  readonly lastSeq: number;
  readonly flows: ReadonlyMap<string, FlowStats>;
}

/** Counters with nothing counted, ignoring samples up to `lastSeq` (a reset keeps what came before out). Pure. */
export function emptyStats(lastSeq = 0): TrafficStats {
  return { lastSeq, flows: new Map() };
}

/** Whether a sample counts as a success: connected and no server error. Pure. */
export function isSuccess(s: TrafficSample): boolean {
  return s.ok && (s.status === undefined || s.status < 500);
}

/** Why a sample failed (`undefined` for a success). Pure. */
export function failureReason(s: TrafficSample): string | undefined {
  if (isSuccess(s)) return undefined;
  return s.ok ? `HTTP ${s.status}` : (s.error ?? 'failed');
}

function bump(map: ReadonlyMap<string, number>, key: string): Map<string, number> {
  const next = new Map(map);
  next.set(key, (next.get(key) ?? 0) + 1);
  return next;
}

function add(flow: FlowStats, s: TrafficSample): FlowStats {
  const ok = isSuccess(s);
  const reason = failureReason(s);
  const recent = flow.recent.length >= RECENT_WINDOW ? [...flow.recent.slice(1 - RECENT_WINDOW), ok] : [...flow.recent, ok];
  return {
    flowId: flow.flowId,
    sent: flow.sent + 1,
    succeeded: flow.succeeded + (ok ? 1 : 0),
    failed: flow.failed + (ok ? 0 : 1),
    byPod: s.ok && s.toPod ? bump(flow.byPod, `${s.toNamespace ?? 'default'}/${s.toPod}`) : flow.byPod,
    byReason: reason ? bump(flow.byReason, reason) : flow.byReason,
    recent,
  };
}

function emptyFlow(flowId: string): FlowStats {
  return { flowId, sent: 0, succeeded: 0, failed: 0, byPod: new Map(), byReason: new Map(), recent: [] };
}

/**
 * Folds the samples newer than `stats.lastSeq` into new counters; `samples` is the page's bounded list, oldest
 * first. A list whose newest sample is older than what was counted means the engine started over (a restore):
 * counting starts again. Pure: returns `stats` itself when nothing is new.
 */
export function foldSamples(stats: TrafficStats, samples: readonly TrafficSample[]): TrafficStats {
  if (samples.length === 0) return stats;
  let base = stats;
  if (samples[samples.length - 1].seq < stats.lastSeq) base = emptyStats();
  let start = samples.length;
  while (start > 0 && samples[start - 1].seq > base.lastSeq) start--;
  if (start === samples.length) return base;
  const flows = new Map(base.flows);
  for (let i = start; i < samples.length; i++) {
    const s = samples[i];
    flows.set(s.flowId, add(flows.get(s.flowId) ?? emptyFlow(s.flowId), s));
  }
  return { lastSeq: samples[samples.length - 1].seq, flows };
}

/** The counters without some flows (they start again from zero). Pure. */
export function forgetFlows(stats: TrafficStats, flowIds: readonly string[]): TrafficStats {
  if (!flowIds.some((id) => stats.flows.has(id))) return stats;
  const flows = new Map(stats.flows);
  for (const id of flowIds) flows.delete(id);
  return { lastSeq: stats.lastSeq, flows };
}

export interface PodShare {
  readonly namespace: string;
  readonly pod: string;
  readonly count: number;
  /** Fraction of the flow's answered requests, 0…1. */
  readonly share: number;
}

/** Requests answered per pod with each pod's share, by namespace and name. Pure. */
export function podShares(flow: FlowStats): PodShare[] {
  let total = 0;
  for (const n of flow.byPod.values()) total += n;
  return [...flow.byPod].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => {
    const slash = key.indexOf('/');
    return { namespace: key.slice(0, slash), pod: key.slice(slash + 1), count, share: total ? count / total : 0 };
  });
}

/** Failure reasons, most frequent first. Pure. */
export function failureCounts(flow: FlowStats): { reason: string; count: number }[] {
  return [...flow.byReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** The share of the recent requests that succeeded, 0…1 (`undefined` before any). Pure. */
export function recentSuccessRate(flow: FlowStats | undefined): number | undefined {
  if (!flow || flow.recent.length === 0) return undefined;
  return flow.recent.filter(Boolean).length / flow.recent.length;
}

/** A fraction as a whole percentage (`—` when unknown). Pure. */
export function percent(fraction: number | undefined): string {
  return fraction === undefined ? '—' : `${Math.round(fraction * 100)}%`;
}

/** The newest `count` samples, newest first, optionally only one flow's or only failures. Pure; O(count) when unfiltered. */
export function recentSamples(samples: readonly TrafficSample[], count: number, filter: { flowId?: string; failuresOnly?: boolean } = {}): TrafficSample[] {
  const out: TrafficSample[] = [];
  for (let i = samples.length - 1; i >= 0 && out.length < count; i--) {
    const s = samples[i];
    if (filter.flowId !== undefined && s.flowId !== filter.flowId) continue;
    if (filter.failuresOnly && isSuccess(s)) continue;
    out.push(s);
  }
  return out;
}
