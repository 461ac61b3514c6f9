// Time travel's text: scrubber marks from the run record, the branch record, and diff rows as plain text.
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../sim/protocol';
import type { ClusterDiff } from '../../sim/view/time-travel-diff';
import { commandMarks, describeCommand, diffRows, diffSummary, justBefore, truncateRecord } from '../../src/features/timetravel/time-marks';

const RECORD: RunRecord = {
  format: 'kubesim-run', version: 1, options: { seed: 3 },
  commands: [
    { at: 0, command: { type: 'exec', line: 'kubectl create deployment web --image=nginx --replicas=2' } },
    { at: 60_000, command: { type: 'exec', line: 'kubectl delete pod web-abc' } },
    { at: 60_000, command: { type: 'interrupt', jobId: 2 } },
    { at: 90_000, command: { type: 'fault', fault: { kind: 'failProbe', namespace: 'default', name: 'web-x', probe: 'readiness', on: true } } },
    { at: 200_000, command: { type: 'traffic', flows: [] } },
  ],
};

const EMPTY: ClusterDiff = {
  fromMs: 59_999, toMs: 120_000, podsAdded: [], podsRemoved: [], podIpChanges: [], servicesAdded: [], servicesRemoved: [],
  serviceChanges: [], endpointChanges: [], events: [], eventsOmitted: 0,
};

describe('time travel marks', () => {
  it('puts a labelled mark per command within the span, leaving out Ctrl-C and what lies beyond the end', () => {
    const marks = commandMarks(RECORD, 120_000);
    expect(marks.map((m) => [m.index, m.clock, m.text, Math.round(m.percent)])).toEqual([
      [0, '00:00:00', 'kubectl create deployment web --image=nginx --replicas=2', 0],
      [1, '00:01:00', 'kubectl delete pod web-abc', 50],
      [3, '00:01:30', 'fault: fail readiness probe of web-x', 75],
    ]);
    expect(commandMarks(undefined, 10)).toEqual([]);
    expect(describeCommand({ type: 'traffic', flows: [] })).toBe('stop traffic');
    expect(justBefore(60_000)).toBe(59_999);
    expect(justBefore(0)).toBe(0);
  });

  it('branches with the commands stamped at or before the moment', () => {
    expect(truncateRecord(RECORD, 60_000).commands.map((c) => c.at)).toEqual([0, 60_000, 60_000]);
    expect(truncateRecord(RECORD, 59_999).commands).toHaveLength(1);
    expect(truncateRecord(RECORD, 59_999).options).toEqual({ seed: 3 });
  });

  it('writes a diff as rows of plain text, removals before additions, events last', () => {
    const diff: ClusterDiff = {
      ...EMPTY,
      podsRemoved: [{ namespace: 'default', name: 'web-abc', uid: 'u1', ip: '10.244.1.5', node: 'node-1', phase: 'Running' }],
      podsAdded: [{ namespace: 'default', name: 'web-def', uid: 'u2', ip: '10.244.2.7', node: 'node-2', phase: 'Running' }],
      podIpChanges: [{ namespace: 'default', name: 'p', from: undefined, to: '10.244.0.9' }],
      serviceChanges: [{ namespace: 'default', name: 'front', externalIPs: { from: [], to: ['20.1.2.3'] } }],
      endpointChanges: [{ namespace: 'default', service: 'web', added: [{ ip: '10.244.2.7', pod: 'web-def' }], removed: [{ ip: '10.244.1.5', pod: 'web-abc' }] }],
      events: [{ at: 60_000, type: 'Normal', reason: 'Killing', object: 'Pod/web-abc', namespace: 'default', message: 'Stopping container <b>nginx</b>', count: 1 }],
    };
    expect(diffRows(diff).map((r) => `${r.sign} ${r.text}`)).toEqual([
      '- pod default/web-abc IP 10.244.1.5 on node-1 removed',
      '+ pod default/web-def IP 10.244.2.7 on node-2 added',
      '~ pod default/p IP none → 10.244.0.9',
      '~ service default/front external IP none → 20.1.2.3',
      '- endpoints default/web lost 10.244.1.5 (web-abc)',
      '+ endpoints default/web gained 10.244.2.7 (web-def)',
      '• 00:01:00 Normal Killing Pod/web-abc: Stopping container <b>nginx</b>',
    ]);
    expect(diffSummary(diff)).toBe('00:00:59 → 00:02:00: 1 pod added, 1 pod removed, 1 Service with endpoint changes, 1 event');
    expect(diffRows(EMPTY)).toEqual([]);
  });
});
