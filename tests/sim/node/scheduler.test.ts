import { describe, expect, it } from 'vitest';
import { filterNode, fitErrorMessage, podRequests, tolerates } from '../../../sim/controllers/scheduler-plugins';
import { placePod } from '../../../sim/controllers/scheduler';
import { SchedulerCache } from '../../../sim/controllers/scheduler-cache';
import { Rng } from '../../../sim/core/rng';
import type { Node, Pod } from '../../../sim/model/types';

function node(name: string, extra: Partial<Node['spec']> = {}, cpu = '1900m'): Node {
  return { metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: { ...extra }, status: { allocatable: { cpu, memory: '5Gi', pods: '110' } } };
}

function pod(cpu?: string, extra: Partial<Pod['spec']> = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true }] },
    spec: { containers: [{ name: 'c', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) }], ...extra },
  };
}

describe('scheduler filters', () => {
  const empty = { cpuMillis: 0, memoryBytes: 0, pods: 0, byOwner: new Map<string, number>() };

  it('rejects nodes without room with the scheduler\'s reason', () => {
    expect(filterNode(pod('2'), node('n1'), empty, podRequests(pod('2')))).toBe('Insufficient cpu');
    expect(filterNode(pod('500m'), node('n1'), empty, podRequests(pod('500m')))).toBeUndefined();
  });

  it('respects cordon and taints unless tolerated', () => {
    expect(filterNode(pod(), node('n1', { unschedulable: true }), empty, podRequests(pod()))).toBe('node(s) were unschedulable');
    const tainted = node('n1', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }] });
    expect(filterNode(pod(), tainted, empty, podRequests(pod()))).toBe('node(s) had untolerated taint {node.kubernetes.io/unreachable: }');
    const tolerant = pod(undefined, { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }] });
    expect(filterNode(tolerant, tainted, empty, podRequests(tolerant))).toBeUndefined();
  });

  it('matches tolerations as v1helper does', () => {
    expect(tolerates({ operator: 'Exists' }, { key: 'a', effect: 'NoSchedule' })).toBe(true);
    expect(tolerates({ key: 'a', operator: 'Equal', value: 'x', effect: 'NoSchedule' }, { key: 'a', value: 'y', effect: 'NoSchedule' })).toBe(false);
    expect(tolerates({ key: 'a', operator: 'Exists', effect: 'NoExecute' }, { key: 'a', effect: 'NoSchedule' })).toBe(false);
  });

  it('words FailedScheduling like kube-scheduler, reasons counted and sorted', () => {
    expect(fitErrorMessage(3, ['Insufficient cpu', 'Insufficient cpu', 'node(s) were unschedulable'])).toBe(
      '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });
});

describe('placement', () => {
  it('spreads the replicas of one owner over the nodes', () => {
    const cache = new SchedulerCache();
    const nodes = [node('n1'), node('n2'), node('n3')];
    const rng = Rng.seeded(7);
    const chosen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = pod('100m');
      const placement = placePod(p, nodes, cache, rng, () => false);
      if (!('node' in placement)) throw new Error('unschedulable');
      chosen.push(placement.node);
      cache.assume(`Pod/default/p${i}`, placement.node, p);
    }
    expect(new Set(chosen).size).toBe(3);
  });

  it('reports every node\'s reason when nothing fits', () => {
    const placement = placePod(pod('3'), [node('n1'), node('n2')], new SchedulerCache(), Rng.seeded(1), () => false);
    expect(placement).toEqual({ reasons: ['Insufficient cpu', 'Insufficient cpu'], nodeCount: 2 });
  });
});
