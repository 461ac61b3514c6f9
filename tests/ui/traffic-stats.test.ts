import { describe, expect, it } from 'vitest';
import type { TrafficSample } from '../../sim/protocol';
import {
  RECENT_WINDOW, emptyStats, failureCounts, failureReason, foldSamples, forgetFlows, percent, podShares, recentSamples,
  recentSuccessRate,
} from '../../src/features/traffic/traffic-stats';

let seq = 0;
function sample(flowId: string, outcome: { toPod?: string; status?: number; error?: string }): TrafficSample {
  const ok = outcome.error === undefined;
  return {
    seq: ++seq, flowId, at: seq * 100, ok, elapsedMs: ok ? 2 : 2000, hops: [],
    ...(outcome.error ? { error: outcome.error } : {}), ...(outcome.toPod ? { toPod: outcome.toPod, toNamespace: 'default' } : {}),
    ...(ok ? { status: outcome.status ?? 200 } : {}),
  };
}

describe('traffic counters', () => {
  it('counts requests per pod and per flow with each pod\'s share, and failures by reason', () => {
    const samples = [
      sample('a', { toPod: 'web-1' }), sample('a', { toPod: 'web-2' }), sample('a', { toPod: 'web-1' }),
      sample('b', { error: 'ETIMEDOUT' }), sample('a', { toPod: 'web-3' }), sample('b', { error: 'ECONNREFUSED' }),
      sample('b', { error: 'ETIMEDOUT' }), sample('a', { toPod: 'web-2', status: 503 }),
    ];
    const stats = foldSamples(emptyStats(), samples);
    const a = stats.flows.get('a')!;
    expect([a.sent, a.succeeded, a.failed]).toEqual([5, 4, 1]);
    expect(podShares(a)).toEqual([
      { namespace: 'default', pod: 'web-1', count: 2, share: 0.4 }, { namespace: 'default', pod: 'web-2', count: 2, share: 0.4 },
      { namespace: 'default', pod: 'web-3', count: 1, share: 0.2 },
    ]);
    expect(failureCounts(a)).toEqual([{ reason: 'HTTP 503', count: 1 }]);
    const b = stats.flows.get('b')!;
    expect(b.byPod.size).toBe(0);
    expect(failureCounts(b)).toEqual([{ reason: 'ETIMEDOUT', count: 2 }, { reason: 'ECONNREFUSED', count: 1 }]);
    expect(percent(recentSuccessRate(a))).toBe('80%');
    expect(percent(recentSuccessRate(b))).toBe('0%');
    expect(percent(recentSuccessRate(undefined))).toBe('—');
    expect(failureReason(samples[0])).toBeUndefined();
  });

  it('folds each sample in once, by sequence number, from the bounded list the page keeps', () => {
    const first = [sample('a', { toPod: 'p' }), sample('a', { toPod: 'p' })];
    const once = foldSamples(emptyStats(), first);
    // The next frame's list: older samples dropped off the front, new ones at the end.
    const next = [first[1], sample('a', { toPod: 'q' })];
    const twice = foldSamples(once, next);
    expect(twice.flows.get('a')!.sent).toBe(3);
    expect(podShares(twice.flows.get('a')!).map((s) => [s.pod, s.count])).toEqual([['p', 2], ['q', 1]]);
    // Nothing new: the very same object comes back, so nothing downstream recomputes.
    expect(foldSamples(twice, next)).toBe(twice);
    expect(once.flows.get('a')!.sent).toBe(2);
  });

  it('starts over when the engine restarted and its sequence numbers went back', () => {
    const stats = foldSamples(emptyStats(), [sample('a', { toPod: 'p' }), sample('a', { toPod: 'p' })]);
    const replayed: TrafficSample = { ...sample('a', { toPod: 'r' }), seq: 1 };
    const after = foldSamples(stats, [replayed]);
    expect(after.flows.get('a')!.sent).toBe(1);
    expect(after.lastSeq).toBe(1);
  });

  it('keeps a window of recent outcomes and can forget some flows or everything before a reset', () => {
    const many = Array.from({ length: RECENT_WINDOW + 5 }, (_, i) => sample('a', i < 5 ? { error: 'ETIMEDOUT' } : { toPod: 'p' }));
    const stats = foldSamples(emptyStats(), many);
    const a = stats.flows.get('a')!;
    expect(a.recent).toHaveLength(RECENT_WINDOW);
    expect(recentSuccessRate(a)).toBe(1);
    expect(a.failed).toBe(5);
    expect(forgetFlows(stats, ['a']).flows.has('a')).toBe(false);
    expect(forgetFlows(stats, ['zzz'])).toBe(stats);
    const reset = emptyStats(stats.lastSeq);
    expect(foldSamples(reset, many)).toBe(reset);
  });

  it('lists the newest requests first, filtered by flow or to failures', () => {
    const samples = [sample('a', { toPod: 'p' }), sample('b', { error: 'ETIMEDOUT' }), sample('a', { toPod: 'q' }), sample('b', { toPod: 'r' })];
    expect(recentSamples(samples, 3).map((s) => s.seq)).toEqual([samples[3].seq, samples[2].seq, samples[1].seq]);
    expect(recentSamples(samples, 10, { flowId: 'a' }).map((s) => s.toPod)).toEqual(['q', 'p']);
    expect(recentSamples(samples, 10, { failuresOnly: true }).map((s) => s.error)).toEqual(['ETIMEDOUT']);
  });
});
