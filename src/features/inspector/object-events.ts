// The inspector's Events: the Event objects whose involvedObject is the inspected object, laid out as the Events
// section of `kubectl describe` (DescribeEvents: oldest last-seen first, `AGE (xN over FIRST)` for repeats).
import type { Event, K8sObject, Stored } from '../../../sim/model/types';
import { humanDuration, parseTimestamp } from '../../../sim/model/time';
import type { ObjectsByKey } from '../../lib/cluster-view';

export interface EventRow {
  readonly uid: string;
  readonly type: string;
  readonly reason: string;
  readonly age: string;
  readonly from: string;
  readonly message: string;
}

/** Events about `obj`: same name, namespace and kind (any kind for a pod's containers), and uid when recorded. Pure. */
export function eventsAbout(events: ObjectsByKey, obj: K8sObject): Stored<Event>[] {
  const out: Stored<Event>[] = [];
  for (const value of events.values()) {
    const e = value as unknown as Stored<Event>;
    const ref = e.involvedObject ?? {};
    if (ref.name !== obj.metadata.name || (ref.namespace ?? undefined) !== (obj.metadata.namespace ?? undefined)) continue;
    if (obj.kind !== 'Pod' && ref.kind !== obj.kind) continue;
    if (ref.uid && ref.uid !== obj.metadata.uid && !(obj.kind === 'Node' && ref.uid === obj.metadata.name)) continue;
    out.push(e);
  }
  return out;
}

const since = (timestamp: string | undefined, nowEpochMs: number): string => {
  const at = timestamp ? parseTimestamp(timestamp) : Number.NaN;
  return Number.isNaN(at) ? '<unknown>' : humanDuration(nowEpochMs - at);
};

/** Rows of the Events table, sorted by last timestamp (stable), ages relative to `nowEpochMs`. Pure. */
export function eventRows(events: readonly Stored<Event>[], nowEpochMs: number): EventRow[] {
  const last = (e: Stored<Event>): number => parseTimestamp(String(e.lastTimestamp ?? e.eventTime ?? '')) || 0;
  return [...events].sort((a, b) => last(a) - last(b)).map((e) => {
    const first = since(e.eventTime ?? e.firstTimestamp, nowEpochMs);
    const count = e.series?.count ?? e.count ?? 0;
    const lastSeen = e.series?.lastObservedTime ?? e.lastTimestamp;
    return {
      uid: e.metadata.uid ?? e.metadata.name,
      type: e.type ?? '', reason: e.reason ?? '',
      age: e.series || count > 1 ? `${since(lastSeen, nowEpochMs)} (x${count} over ${first})` : first,
      from: e.source?.component || e.reportingComponent || '',
      message: (e.message ?? '').trim(),
    };
  });
}
