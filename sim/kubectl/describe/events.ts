// The Events section of kubectl describe (searchEvents + DescribeEvents): Events whose involvedObject is the
// described object, oldest last-seen first, with `(xN over M)` for repeated ones, or `Events:  <none>`.
import type { K8sObject } from '../../model/types';
import type { ObjectStore } from '../../core/store';
import { parseTimestamp } from '../../model/time';
import { since, type DescribeWriter } from './writer';

type Any = Record<string, any>;

/** Events about `obj` (by name, namespace, kind and uid; pods match any kind, nodes also by name as uid). */
export function eventsFor(store: ObjectStore, obj: K8sObject): Any[] {
  const out: Any[] = [];
  const ns = obj.metadata.namespace;
  for (const e of store.iterate('Event', ns ?? undefined) as Iterable<Any>) {
    const ref = e.involvedObject ?? {};
    if (ref.name !== obj.metadata.name) continue;
    if (ns !== undefined && ref.namespace !== ns) continue;
    if (obj.kind !== 'Pod' && ref.kind !== obj.kind) continue;
    if (ref.uid && ref.uid !== obj.metadata.uid && !(obj.kind === 'Node' && ref.uid === obj.metadata.name)) continue;
    out.push(e);
  }
  return out.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/** DescribeEvents: flushes the writer, then the events table (sorted by last timestamp, stably); nothing at all when
 * events were not searched (`--show-events=false`). */
export function writeEvents(w: DescribeWriter, events: readonly Any[] | null, nowEpochMs: number): void {
  if (events === null) return;
  if (events.length === 0) { w.write(0, 'Events:\t<none>\n'); return; }
  w.flush();
  const last = (e: Any): number => parseTimestamp(String(e.lastTimestamp ?? '')) || 0;
  const sorted = [...events].sort((a, b) => last(a) - last(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, nowEpochMs) : since(e.firstTimestamp, nowEpochMs);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, nowEpochMs)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, nowEpochMs)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}
