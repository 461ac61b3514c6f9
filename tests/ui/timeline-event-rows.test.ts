import { describe, expect, it } from 'vitest';
import type { K8sObject, ObjectKey } from '../../sim/model/types';
import { eventRow, eventRows, lastSeenText } from '../../src/features/timeline/event-rows';

let rv = 0;
function ev(name: string, extra: Record<string, unknown>, namespace = 'default'): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name, namespace, uid: `uid-${name}`, resourceVersion: String(++rv), creationTimestamp: '2026-01-01T09:00:00Z' },
    involvedObject: { kind: 'Pod', name: 'web-1', namespace },
    type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node-0', count: 1,
    ...extra,
  } as unknown as K8sObject;
}
const map = (...events: K8sObject[]) => new Map(events.map((e) => [`Event/${e.metadata.namespace}/${e.metadata.name}` as ObjectKey, e]));
const at = (hms: string) => `2026-01-01T${hms}Z`;

describe('events timeline rows', () => {
  it('prints an event as kubectl get events does', () => {
    const row = eventRow(ev('a', { lastTimestamp: at('09:04:00'), type: 'Warning', reason: 'BackOff', message: '  Back-off restarting failed container  ', count: 5 }));
    expect(row).toMatchObject({ type: 'Warning', reason: 'BackOff', object: 'pod/web-1', message: 'Back-off restarting failed container', count: 5 });
    expect(lastSeenText(row.lastMs, Date.UTC(2026, 0, 1, 9, 6, 30))).toBe('2m30s');
    expect(eventRow(ev('b', { involvedObject: { kind: 'Node' } })).object).toBe('node');
  });

  it('takes LAST SEEN from the series, then lastTimestamp, then the first time, and says <unknown> without one', () => {
    const now = Date.UTC(2026, 0, 1, 10, 0, 0);
    const seen = (extra: Record<string, unknown>) => lastSeenText(eventRow(ev('x', extra)).lastMs, now);
    expect(seen({ series: { count: 3, lastObservedTime: '2026-01-01T09:59:00.000000Z' }, lastTimestamp: at('09:00:00') })).toBe('60s');
    expect(seen({ lastTimestamp: at('09:50:00'), firstTimestamp: at('09:00:00') })).toBe('10m');
    expect(seen({ firstTimestamp: at('09:30:00') })).toBe('30m');
    expect(seen({ eventTime: '2026-01-01T09:58:00.000000Z' })).toBe('2m');
    expect(seen({})).toBe('<unknown>');
  });

  it('lists newest first (later writes first on a tie), in one namespace or all, capped', () => {
    const events = map(
      ev('old', { lastTimestamp: at('09:01:00') }),
      ev('new', { lastTimestamp: at('09:05:00') }),
      ev('tie', { lastTimestamp: at('09:05:00') }),
      ev('sys', { lastTimestamp: at('09:09:00') }, 'kube-system'),
      ev('none', {}),
    );
    expect(eventRows(events, 'default').rows.map((r) => r.uid)).toEqual(['uid-tie', 'uid-new', 'uid-old', 'uid-none']);
    expect(eventRows(events, undefined).rows[0]).toMatchObject({ uid: 'uid-sys', namespace: 'kube-system' });
    const capped = eventRows(events, undefined, 2);
    expect(capped.rows.map((r) => r.uid)).toEqual(['uid-sys', 'uid-tie']);
    expect(capped.total).toBe(5);
  });
});
