import { describe, expect, it } from 'vitest';
import type { DeepReadonly, Pod } from '../../../../sim/model/types';
import { formatTimestamp } from '../../../../sim/model/time';
import {
  compareForDeletion, deletesBefore, isPodAvailable, podDeletionCost, podsToDelete, rankByColocation,
} from '../../../../sim/controllers/replica-set-ranking';

const NOW = 1_767_258_000_000 + 3_600_000;
const ago = (s: number): string => formatTimestamp(NOW - s * 1000);

interface Spec {
  name: string; node?: string; phase?: string; ready?: boolean; readySecondsAgo?: number; restarts?: number;
  createdSecondsAgo?: number; cost?: string; uid?: string;
}

function pod(s: Spec): DeepReadonly<Pod> {
  return {
    metadata: {
      name: s.name, uid: s.uid ?? s.name, creationTimestamp: ago(s.createdSecondsAgo ?? 100),
      ...(s.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': s.cost } } : {}),
    },
    spec: { containers: [{ name: 'c' }], ...(s.node ? { nodeName: s.node } : {}) },
    status: {
      phase: s.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: s.ready === false ? 'False' : 'True', lastTransitionTime: ago(s.readySecondsAgo ?? 50) }],
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: s.ready !== false, restartCount: s.restarts ?? 0 }],
    },
  };
}

describe('ActivePodsWithRanks ordering (which pod is deleted first)', () => {
  const cases: { why: string; first: Spec; second: Spec; rank?: [number, number] }[] = [
    { why: 'unassigned before assigned', first: { name: 'a', phase: 'Pending', ready: false }, second: { name: 'b', node: 'n1', phase: 'Pending', ready: false } },
    { why: 'Pending before Unknown', first: { name: 'a', node: 'n1', phase: 'Pending', ready: false }, second: { name: 'b', node: 'n1', phase: 'Unknown', ready: false } },
    { why: 'Unknown before Running', first: { name: 'a', node: 'n1', phase: 'Unknown', ready: false }, second: { name: 'b', node: 'n1', phase: 'Running', ready: false } },
    { why: 'not ready before ready', first: { name: 'a', node: 'n1', ready: false }, second: { name: 'b', node: 'n1' } },
    { why: 'lower deletion cost first', first: { name: 'a', node: 'n1', cost: '-5' }, second: { name: 'b', node: 'n1', cost: '10' } },
    { why: 'more colocated pods first', first: { name: 'a', node: 'n1' }, second: { name: 'b', node: 'n2' }, rank: [3, 1] },
    { why: 'ready for a shorter time first', first: { name: 'a', node: 'n1', readySecondsAgo: 10 }, second: { name: 'b', node: 'n1', readySecondsAgo: 3000 } },
    { why: 'more restarts first', first: { name: 'a', node: 'n1', restarts: 4 }, second: { name: 'b', node: 'n1', restarts: 1 } },
    { why: 'newer first', first: { name: 'a', node: 'n1', createdSecondsAgo: 60 }, second: { name: 'b', node: 'n1', createdSecondsAgo: 3000 } },
    {
      why: 'ages in the same power-of-two bucket tie-break by uid', first: { name: 'a', node: 'n1', createdSecondsAgo: 70, uid: 'aaa' },
      second: { name: 'b', node: 'n1', createdSecondsAgo: 100, uid: 'bbb' },
    },
  ];
  for (const c of cases) {
    it(c.why, () => {
      const a = { pod: pod(c.first), rank: c.rank?.[0] ?? 1 };
      const b = { pod: pod(c.second), rank: c.rank?.[1] ?? 1 };
      expect(deletesBefore(a, b, NOW)).toBe(true);
      expect(deletesBefore(b, a, NOW)).toBe(false);
      expect(compareForDeletion(a, b, NOW)).toBe(-1);
      expect(compareForDeletion(b, a, NOW)).toBe(1);
    });
  }

  it('treats identical pods as equal', () => {
    const a = { pod: pod({ name: 'a', node: 'n1' }), rank: 1 };
    expect(compareForDeletion(a, { ...a }, NOW)).toBe(0);
  });

  it('reads a malformed deletion cost as 0', () => {
    expect(podDeletionCost(pod({ name: 'a', cost: 'lots' }))).toBe(0);
    expect(podDeletionCost(pod({ name: 'a', cost: '-7' }))).toBe(-7);
  });
});

describe('podsToDelete', () => {
  it('ranks colocation by active related pods on the same node', () => {
    const pods = [pod({ name: 'a', node: 'n1' }), pod({ name: 'b', node: 'n2' })];
    const related = [...pods, pod({ name: 'c', node: 'n1' }), { ...pod({ name: 'd', node: 'n2' }), metadata: { name: 'd', deletionTimestamp: ago(0) } }];
    expect(rankByColocation(pods, related).map((r) => r.rank)).toEqual([2, 1]);
  });

  it('deletes the doubled-up pod when everything else is equal', () => {
    const pods = [pod({ name: 'a', node: 'n1' }), pod({ name: 'b', node: 'n2' }), pod({ name: 'c', node: 'n2' })];
    expect(podsToDelete(pods, pods, 1, NOW).map((p) => p.metadata?.name)).toEqual(['b']);
  });

  it('returns all pods in the given order when every one goes', () => {
    const pods = [pod({ name: 'a', node: 'n1' }), pod({ name: 'b' })];
    expect(podsToDelete(pods, [], 2, NOW).map((p) => p.metadata?.name)).toEqual(['a', 'b']);
  });

  it('deletes unscheduled, then pending, then not-ready pods before ready ones', () => {
    const pods = [
      pod({ name: 'ready', node: 'n1' }), pod({ name: 'notready', node: 'n1', ready: false }),
      pod({ name: 'pending', node: 'n1', phase: 'Pending', ready: false }), pod({ name: 'unscheduled', phase: 'Pending', ready: false }),
    ];
    expect(podsToDelete(pods, pods, 3, NOW).map((p) => p.metadata?.name)).toEqual(['unscheduled', 'pending', 'notready']);
  });
});

describe('isPodAvailable', () => {
  it('needs Ready for strictly longer than minReadySeconds', () => {
    const p = pod({ name: 'a', readySecondsAgo: 10 });
    expect(isPodAvailable(p, 0, NOW)).toBe(true);
    expect(isPodAvailable(p, 9, NOW)).toBe(true);
    expect(isPodAvailable(p, 10, NOW)).toBe(false);
    expect(isPodAvailable(pod({ name: 'b', ready: false }), 0, NOW)).toBe(false);
  });
});
