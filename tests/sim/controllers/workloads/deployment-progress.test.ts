import { describe, expect, it } from 'vitest';
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import { formatTimestamp } from '../../../../sim/model/time';
import type { D, RS } from '../../../../sim/controllers/deployment-util';
import {
  calculateStatus, deploymentComplete, deploymentProgressing, newCondition, pausedCondition, rolloutStatus, setCondition,
  stuckRecheckAfterMs,
} from '../../../../sim/controllers/deployment-progress';

const T0 = 1_767_258_000_000;

function d(status: DeploymentStatus, opts: { replicas?: number; paused?: boolean; generation?: number; deadline?: number } = {}): D {
  return {
    metadata: { name: 'web', generation: opts.generation ?? 2 },
    spec: {
      replicas: opts.replicas ?? 3, selector: {}, template: {}, paused: opts.paused,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      ...(opts.deadline !== undefined ? { progressDeadlineSeconds: opts.deadline } : {}),
    },
    status,
  };
}

function rs(name: string, spec: number, replicas: number, ready: number, available: number, failure?: string): RS {
  return {
    metadata: { name },
    spec: { replicas: spec, selector: {} },
    status: {
      replicas, readyReplicas: ready, availableReplicas: available,
      ...(failure ? { conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: failure, lastTransitionTime: formatTimestamp(T0) }] } : {}),
    },
  };
}

const progressing = (reason: string, atMs: number, status = 'True'): DeploymentCondition =>
  ({ ...newCondition('Progressing', status as 'True', reason, 'm', atMs) });

describe('calculateStatus', () => {
  it('sums the ReplicaSets and counts the new one as updated', () => {
    const s = calculateStatus([rs('old', 2, 2, 2, 2), rs('new', 2, 2, 1, 0)], rs('new', 2, 2, 1, 0), d({}), T0);
    expect(s).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 2, unavailableReplicas: 2 });
    expect(s.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    ]);
  });
  it('is Available with replicas − maxUnavailable available and omits zero counts', () => {
    const s = calculateStatus([rs('a', 4, 4, 3, 3)], rs('a', 4, 4, 3, 3), d({}, { replicas: 4 }), T0);
    expect(s.conditions?.[0]).toMatchObject({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    const empty = calculateStatus([], undefined, d({}, { replicas: 0 }), T0);
    expect(Object.keys(empty).sort()).toEqual(['conditions', 'observedGeneration']);
  });
});

describe('conditions', () => {
  it('keeps lastTransitionTime when only the reason changes', () => {
    const status: DeploymentStatus = { conditions: [progressing('NewReplicaSetCreated', T0)] };
    setCondition(status, progressing('ReplicaSetUpdated', T0 + 5000));
    expect(status.conditions?.[0]).toMatchObject({ reason: 'ReplicaSetUpdated', lastTransitionTime: formatTimestamp(T0), lastUpdateTime: formatTimestamp(T0 + 5000) });
  });
  it('does nothing when status and reason are unchanged', () => {
    const status: DeploymentStatus = { conditions: [progressing('ReplicaSetUpdated', T0)] };
    setCondition(status, progressing('ReplicaSetUpdated', T0 + 5000));
    expect(status.conditions?.[0].lastUpdateTime).toBe(formatTimestamp(T0));
  });
});

describe('rollout progress', () => {
  const newRS = rs('web-2', 1, 1, 0, 0);
  it('reports progress (refreshing lastUpdateTime) when more pods are updated', () => {
    const dep = d({ replicas: 3, updatedReplicas: 0, conditions: [progressing('NewReplicaSetCreated', T0)] });
    expect(deploymentProgressing(dep, { replicas: 4, updatedReplicas: 1 })).toBe(true);
    const s = rolloutStatus(dep, [rs('web-1', 3, 3, 3, 3), newRS], newRS, T0 + 2000);
    const cond = s.conditions?.find((c) => c.type === 'Progressing');
    expect(cond).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-2" is progressing.', lastTransitionTime: formatTimestamp(T0), lastUpdateTime: formatTimestamp(T0 + 2000) });
  });
  it('times out progressDeadlineSeconds after the last progress, and not before', () => {
    const dep = d({ replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, conditions: [progressing('ReplicaSetUpdated', T0)] });
    const all = [rs('web-1', 3, 3, 3, 3), newRS];
    expect(rolloutStatus(dep, all, newRS, T0 + 600_000).conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('ReplicaSetUpdated');
    const late = rolloutStatus(dep, all, newRS, T0 + 601_000).conditions?.find((c) => c.type === 'Progressing');
    expect(late).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-2" has timed out progressing.' });
  });
  it('rechecks the deadline a second after it passes', () => {
    const dep = d({ replicas: 4, updatedReplicas: 1, conditions: [progressing('ReplicaSetUpdated', T0)] });
    expect(stuckRecheckAfterMs(dep, { replicas: 4, updatedReplicas: 1 }, T0 + 100_000)).toBe(501_000);
    expect(stuckRecheckAfterMs(d({}), {}, T0)).toBeUndefined();
  });
  it('completes with NewReplicaSetAvailable and surfaces ReplicaSet failures', () => {
    const dep = d({ replicas: 3, updatedReplicas: 3, conditions: [progressing('ReplicaSetUpdated', T0)] });
    const done = rs('web-2', 3, 3, 3, 3);
    expect(deploymentComplete(dep, { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 })).toBe(true);
    const s = rolloutStatus(dep, [done], done, T0 + 1000);
    expect(s.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-2" has successfully progressed.' });
    const failing = rs('web-2', 3, 1, 1, 1, 'pods "web-2-x" is forbidden: exceeded quota');
    const f = rolloutStatus(dep, [failing], failing, T0 + 1000).conditions?.find((c) => c.type === 'ReplicaFailure');
    expect(f).toMatchObject({ status: 'True', reason: 'FailedCreate', message: 'pods "web-2-x" is forbidden: exceeded quota' });
  });
  it('drops the Progressing condition without a deadline', () => {
    const dep = d({ conditions: [progressing('ReplicaSetUpdated', T0)] }, { deadline: 2147483647 });
    expect(rolloutStatus(dep, [], undefined, T0).conditions?.map((c) => c.type)).toEqual(['Available']);
  });
});

describe('pause and resume conditions', () => {
  it('records DeploymentPaused, then DeploymentResumed', () => {
    expect(pausedCondition(d({}, { paused: true }), T0)).toMatchObject({ type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    expect(pausedCondition(d({ conditions: [progressing('DeploymentPaused', T0, 'Unknown')] }, { paused: true }), T0)).toBeUndefined();
    expect(pausedCondition(d({ conditions: [progressing('DeploymentPaused', T0, 'Unknown')] }), T0)).toMatchObject({ reason: 'DeploymentResumed', message: 'Deployment is resumed' });
    expect(pausedCondition(d({ conditions: [progressing('ProgressDeadlineExceeded', T0, 'False')] }, { paused: true }), T0)).toBeUndefined();
  });
});
