import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../../sim/model/types';
import {
  equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, maxRevision, maxSurgeOf, maxUnavailableOf, newReplicaSetFor,
  newRSNewReplicas, resolveFenceposts, scaledValue, setNewReplicaSetAnnotations, storedTemplatesEqual, type D, type RS,
} from '../../../../sim/controllers/deployment-util';
import {
  findActiveOrLatest, maxScaledDown, oldScaleDownPlan, scalePlan, unhealthyCleanupPlan,
} from '../../../../sim/controllers/deployment-rolling';

function deployment(replicas: number, opts: { surge?: number | string; unavailable?: number | string; recreate?: boolean; annotations?: Record<string, string>; statusReplicas?: number } = {}): D {
  const d: Deployment & { metadata: { name: string } } = {
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 1, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      replicas, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } },
      strategy: opts.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: opts.surge ?? '25%', maxUnavailable: opts.unavailable ?? '25%' } },
    },
    status: { replicas: opts.statusReplicas ?? replicas },
  };
  return d;
}

let seq = 0;
function rs(name: string, spec: number, opts: { available?: number; createdS?: number; revision?: string; image?: string; desired?: number; max?: number } = {}): RS {
  const annotations: Record<string, string> = {};
  if (opts.revision) annotations['deployment.kubernetes.io/revision'] = opts.revision;
  if (opts.desired !== undefined) annotations['deployment.kubernetes.io/desired-replicas'] = String(opts.desired);
  if (opts.max !== undefined) annotations['deployment.kubernetes.io/max-replicas'] = String(opts.max);
  const r: ReplicaSet & { metadata: { name: string } } = {
    metadata: { name, uid: `${name}-uid-${seq++}`, annotations, creationTimestamp: `2026-01-01T09:00:${String(opts.createdS ?? 0).padStart(2, '0')}Z` },
    spec: {
      replicas: spec, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': 'h' } }, spec: { containers: [{ name: 'app', image: opts.image ?? 'nginx:1.25' }] } },
    },
    status: { replicas: spec, availableReplicas: opts.available ?? spec },
  };
  return r;
}

describe('ResolveFenceposts (25%/25% unless given)', () => {
  const table: [number, number | string, number | string, number, number][] = [
    [1, '25%', '25%', 1, 0],
    [3, '25%', '25%', 1, 0],
    [4, '25%', '25%', 1, 1],
    [10, '25%', '25%', 3, 2],
    [0, '0%', '0%', 0, 1],
    [10, '39%', '39%', 4, 3],
    [10, 0, 0, 0, 1],
    [5, 2, '50%', 2, 2],
  ];
  for (const [desired, surge, unavailable, wantSurge, wantUnavailable] of table) {
    it(`${desired} replicas, surge ${surge}, unavailable ${unavailable} → ${wantSurge}/${wantUnavailable}`, () => {
      expect(resolveFenceposts(surge, unavailable, desired)).toEqual({ surge: wantSurge, unavailable: wantUnavailable });
    });
  }

  it('scales a percentage up or down and reads ints as they are', () => {
    expect(scaledValue('33%', 10, true)).toBe(4);
    expect(scaledValue('33%', 10, false)).toBe(3);
    expect(scaledValue(7, 10, false)).toBe(7);
    expect(scaledValue('7', 10, false)).toBe(0);
  });

  it('caps MaxUnavailable at replicas and makes it 0 for Recreate or 0 replicas', () => {
    expect(maxUnavailableOf(deployment(2, { unavailable: 5 }))).toBe(2);
    expect(maxUnavailableOf(deployment(0))).toBe(0);
    expect(maxUnavailableOf(deployment(4, { recreate: true }))).toBe(0);
    expect(maxSurgeOf(deployment(4, { recreate: true }))).toBe(0);
  });
});

describe('NewRSNewReplicas', () => {
  it('is 3 for a fresh 3-replica Deployment (created at full size)', () => {
    const n = rs('new', 0);
    expect(newRSNewReplicas(deployment(3), [n], n)).toBe(3);
  });
  it('surges by one over 3 old replicas', () => {
    const n = rs('new', 0);
    expect(newRSNewReplicas(deployment(3), [rs('old', 3), n], n)).toBe(1);
  });
  it('does not scale up while at replicas + maxSurge', () => {
    const n = rs('new', 1);
    expect(newRSNewReplicas(deployment(3), [rs('old', 3), n], n)).toBe(1);
  });
  it('never exceeds the desired count', () => {
    const n = rs('new', 9);
    expect(newRSNewReplicas(deployment(10), [rs('old', 0), n], n)).toBe(10);
  });
  it('is spec.replicas for Recreate', () => {
    const n = rs('new', 0);
    expect(newRSNewReplicas(deployment(5, { recreate: true }), [rs('old', 5), n], n)).toBe(5);
  });
});

describe('revisions', () => {
  it('takes the highest parseable revision', () => {
    expect(maxRevision([rs('a', 0, { revision: '2' }), rs('b', 0, { revision: 'x' }), rs('c', 0, { revision: '5' }), rs('d', 0)])).toBe(5);
  });

  it('annotates a new ReplicaSet with revision, desired and max replicas and the change-cause', () => {
    const d = deployment(3, { annotations: { 'kubernetes.io/change-cause': 'upgrade', 'deployment.kubernetes.io/revision': '1', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } });
    const annotations: Record<string, string> = {};
    expect(setNewReplicaSetAnnotations(d, annotations, 2, false)).toBe(true);
    expect(annotations).toEqual({
      'kubernetes.io/change-cause': 'upgrade', 'deployment.kubernetes.io/revision': '2',
      'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4',
    });
  });

  it('moves a reused ReplicaSet to the next revision and remembers the old one (rollback)', () => {
    const annotations: Record<string, string> = { 'deployment.kubernetes.io/revision': '1' };
    expect(setNewReplicaSetAnnotations(deployment(3), annotations, 3, true)).toBe(true);
    expect(annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(annotations['deployment.kubernetes.io/revision-history']).toBe('1');
    setNewReplicaSetAnnotations(deployment(3), annotations, 5, true);
    expect(annotations['deployment.kubernetes.io/revision-history']).toBe('1,3');
  });

  it('never lowers a revision', () => {
    const annotations: Record<string, string> = { 'deployment.kubernetes.io/revision': '4' };
    expect(setNewReplicaSetAnnotations(deployment(3), annotations, 2, true)).toBe(false);
    expect(annotations['deployment.kubernetes.io/revision']).toBe('4');
  });
});

describe('EqualIgnoreHash and finding the new ReplicaSet', () => {
  const t = (labels: Record<string, string>, image = 'nginx') => ({ metadata: { labels }, spec: { containers: [{ name: 'a', image }] } });
  it('ignores only the pod-template-hash label', () => {
    expect(equalIgnoreHash(t({ app: 'x', 'pod-template-hash': '1' }), t({ app: 'x', 'pod-template-hash': '2' }))).toBe(true);
    expect(equalIgnoreHash(t({ app: 'x', 'pod-template-hash': '1' }), t({ app: 'x' }))).toBe(true);
    expect(equalIgnoreHash(t({ app: 'x' }), t({ app: 'y' }))).toBe(false);
    expect(equalIgnoreHash(t({ app: 'x' }), t({ app: 'x' }, 'httpd'))).toBe(false);
  });
  it('answers for stored templates as equalIgnoreHash does, per pair of template objects', () => {
    const rsTemplate = t({ app: 'x', 'pod-template-hash': '1' });
    const same = t({ app: 'x' }), other = t({ app: 'x' }, 'httpd');
    expect(storedTemplatesEqual(rsTemplate, same)).toBe(true);
    expect(storedTemplatesEqual(rsTemplate, same)).toBe(true);
    expect(storedTemplatesEqual(rsTemplate, other)).toBe(false);
    expect(storedTemplatesEqual(rsTemplate, same)).toBe(true);
    expect(storedTemplatesEqual(undefined, same)).toBe(equalIgnoreHash(undefined, same));
    expect(storedTemplatesEqual(rsTemplate, undefined)).toBe(false);
    const d = deployment(3);
    const cur = rs('web-new', 0, { image: 'nginx:1.26' });
    expect(findNewReplicaSet(d, [rs('web-old', 3), cur], storedTemplatesEqual)?.metadata.name).toBe('web-new');
  });
  it('treats empty and missing maps alike, as semantic equality does', () => {
    expect(equalIgnoreHash({ metadata: { labels: { 'pod-template-hash': '1' } }, spec: { containers: [] } }, { spec: { containers: [] } })).toBe(true);
  });
  it('splits new from old ReplicaSets', () => {
    const d = deployment(3);
    const old = rs('web-old', 3), cur = rs('web-new', 0, { image: 'nginx:1.26' });
    expect(findNewReplicaSet(d, [old, cur])?.metadata.name).toBe('web-new');
    const { required, all } = findOldReplicaSets(d, [old, cur, rs('web-older', 0)]);
    expect(all.map((r) => r.metadata.name)).toEqual(['web-old', 'web-older']);
    expect(required.map((r) => r.metadata.name)).toEqual(['web-old']);
  });
  it('builds <name>-<hash> with the hash on labels, selector and template', () => {
    const built = newReplicaSetFor(deployment(3), '5d59d67564');
    expect(built.metadata.name).toBe('web-5d59d67564');
    expect(built.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': '5d59d67564' });
    expect(built.spec?.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': '5d59d67564' });
    expect(built.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': '5d59d67564' });
    expect(built.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }]);
  });
});

describe('rolling scale-down plans', () => {
  it('bounds old scale-down by the new ReplicaSet\'s unavailable pods', () => {
    const d = deployment(3);
    expect(maxScaledDown(d, [rs('old', 3), rs('new', 1, { available: 0 })], rs('new', 1, { available: 0 }))).toBe(0);
    expect(maxScaledDown(d, [rs('old', 3), rs('new', 1)], rs('new', 1))).toBe(1);
  });
  it('cleans unhealthy replicas of the oldest ReplicaSets first', () => {
    const older = rs('a', 2, { available: 0, createdS: 1 }), old = rs('b', 3, { available: 1, createdS: 2 });
    expect(unhealthyCleanupPlan([old, older], 3).map((p) => [p.rs.metadata.name, p.size])).toEqual([['a', 0], ['b', 2]]);
  });
  it('scales old ReplicaSets down by the available surplus, oldest first', () => {
    const d = deployment(10);
    const older = rs('a', 2, { createdS: 1 }), old = rs('b', 6, { createdS: 2 }), cur = rs('c', 5, { createdS: 3 });
    expect(oldScaleDownPlan(d, [older, old, cur], [old, older]).map((p) => [p.rs.metadata.name, p.size])).toEqual([['a', 0], ['b', 3]]);
  });
});

describe('scale(): proportional scaling', () => {
  it('gives the only active ReplicaSet the full count', () => {
    const only = rs('a', 3);
    expect(scalePlan(deployment(5), only, [rs('b', 0)])).toEqual([{ rs: only, size: 5 }]);
    expect(findActiveOrLatest(undefined, [rs('x', 0, { createdS: 1 }), rs('y', 0, { createdS: 2 })])?.metadata.name).toBe('y');
  });
  it('spreads a scale-up from 10 to 15 mid-rollout as the documentation describes (3 old, 2 new)', () => {
    const d = deployment(15, { surge: 3, unavailable: 2, statusReplicas: 13 });
    const old = rs('old', 8, { max: 13, desired: 10, createdS: 1 }), cur = rs('new', 5, { max: 13, desired: 10, createdS: 2, available: 0 });
    const plan = scalePlan(d, cur, [old]);
    expect(plan.map((p) => [p.rs.metadata.name, p.size, p.operation])).toEqual([['old', 11, 'up'], ['new', 7, 'up']]);
  });
  it('spreads a scale-down, taking leftovers from the largest', () => {
    const d = deployment(5, { statusReplicas: 13 });
    const old = rs('old', 8, { max: 13, desired: 10, createdS: 1 }), cur = rs('new', 5, { max: 13, desired: 10, createdS: 2, available: 0 });
    const plan = scalePlan(d, cur, [old]);
    expect(plan.map((p) => [p.rs.metadata.name, p.size, p.operation])).toEqual([['old', 4, 'down'], ['new', 3, 'down']]);
    expect(plan.reduce((n, p) => n + p.size, 0)).toBe(5 + 2);
  });
  it('scales old ReplicaSets to 0 once the new one is saturated', () => {
    const d = deployment(3);
    const cur = rs('new', 3, { desired: 3 }), old = rs('old', 1);
    expect(scalePlan(d, cur, [old]).map((p) => [p.rs.metadata.name, p.size])).toEqual([['old', 0]]);
  });
});
