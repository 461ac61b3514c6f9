// The events timeline as `kubectl get events` prints it (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, after
// kubectl's printEvent in pkg/printers/internalversion), newest first and capped for large clusters.
import type { K8sObject } from '../../../sim/model/types';
import { humanDuration, parseTimestamp } from '../../../sim/model/time';
import type { ObjectsByKey } from '../../lib/cluster-view';

export interface EventRow {
  readonly uid: string;
  readonly namespace: string;
  /** Epoch ms the event was last seen (NaN when it carries no time). */
  readonly lastMs: number;
  readonly type: string;
  readonly reason: string;
  /** `kind/name` in lower case, as kubectl prints the involved object. */
  readonly object: string;
  readonly message: string;
  readonly count: number;
}

/** How many events the timeline lists at most. */
export const MAX_EVENT_ROWS = 200;

interface EventShape {
  readonly type?: string;
  readonly reason?: string;
  readonly message?: string;
  readonly count?: number;
  readonly firstTimestamp?: string;
  readonly lastTimestamp?: string;
  readonly eventTime?: string;
  readonly series?: { readonly count?: number; readonly lastObservedTime?: string };
  readonly involvedObject?: { readonly kind?: string; readonly name?: string };
}

const time = (text: string | undefined): number => (text ? parseTimestamp(text) : Number.NaN);

/** When an event was last seen: series.lastObservedTime, else lastTimestamp, else the first time, as kubectl reads it. Pure. */
export function lastSeenMs(e: EventShape): number {
  if (e.series?.lastObservedTime) return time(e.series.lastObservedTime);
  const last = time(e.lastTimestamp);
  if (!Number.isNaN(last)) return last;
  const first = time(e.firstTimestamp);
  return Number.isNaN(first) ? time(e.eventTime) : first;
}

/** One event as a row. Pure. */
export function eventRow(obj: K8sObject): EventRow {
  const e = obj as unknown as EventShape;
  const kind = (e.involvedObject?.kind ?? '').toLowerCase();
  const name = e.involvedObject?.name ?? '';
  return {
    uid: obj.metadata.uid ?? '',
    namespace: obj.metadata.namespace ?? '',
    lastMs: lastSeenMs(e),
    type: e.type ?? '',
    reason: e.reason ?? '',
    object: name ? `${kind}/${name}` : kind,
    message: (e.message ?? '').trim(),
    count: e.series?.count ?? (e.count || 1),
  };
}

/** The LAST SEEN cell: kubectl's HumanDuration since the event, `<unknown>` without a time. Pure. */
export function lastSeenText(lastMs: number, nowEpochMs: number): string {
  return Number.isNaN(lastMs) ? '<unknown>' : humanDuration(nowEpochMs - lastMs);
}

/**
 * The events of one namespace (or all, `undefined`), newest first (ties: the later write first), at most
 * `limit` of them; `total` counts them all. O(n log n) in the events, recomputed only when Events change. Pure.
 */
export function eventRows(events: ObjectsByKey, namespace: string | undefined, limit = MAX_EVENT_ROWS): { rows: EventRow[]; total: number } {
  const picked: { row: EventRow; rv: number }[] = [];
  for (const obj of events.values()) {
    if (namespace !== undefined && obj.metadata.namespace !== namespace) continue;
    picked.push({ row: eventRow(obj), rv: Number(obj.metadata.resourceVersion) || 0 });
  }
  const at = (ms: number): number => (Number.isNaN(ms) ? -Infinity : ms);
  picked.sort((a, b) => at(b.row.lastMs) - at(a.row.lastMs) || b.rv - a.rv);
  return { rows: picked.slice(0, limit).map((p) => p.row), total: picked.length };
}
