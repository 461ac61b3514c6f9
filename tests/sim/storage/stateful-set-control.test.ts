import { describe, expect, it } from 'vitest';
import { planStatefulSet, completeRollingUpdate, statefulSetStatusOf } from '../../../sim/controllers/stateful-set-control';
import {
  claimsFor, isMemberOf, newStatefulPod, parentAndOrdinal, revisionNameOf, type P, type STS,
} from '../../../sim/controllers/stateful-set-util';

const NOW = 1_767_258_000_000;
const template = { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'mongo' }], volumes: [{ name: 'scratch', emptyDir: {} }] } };

function set(spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}): STS {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default', uid: 'set-uid', generation: 1 },
    spec: {
      replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template, podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      volumeClaimTemplates: [{ metadata: { name: 'data', labels: { tier: 'storage' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    },
    status: { replicas: 0, ...status },
  } as unknown as STS;
}

function pod(ordinal: number, state: 'ready' | 'pending' | 'running' | 'failed' | 'terminating', revision = 'db-new'): P {
  const ready = state === 'ready';
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `db-${ordinal}`, namespace: 'default', uid: `uid-${ordinal}`, labels: { app: 'db', 'controller-revision-hash': revision },
      ...(state === 'terminating' ? { deletionTimestamp: '2026-01-01T09:00:00Z' } : {}),
    },
    spec: { containers: [] },
    status: {
      phase: state === 'failed' ? 'Failed' : state === 'pending' ? 'Pending' : 'Running',
      conditions: [{ type: 'Ready', status: ready || state === 'terminating' ? 'True' : 'False', lastTransitionTime: '2026-01-01T08:00:00Z' }],
    },
  } as unknown as P;
}

const plan = (s: STS, pods: P[], current = 'db-new', update = 'db-new') => planStatefulSet(s, pods, current, update, NOW).actions;

describe('planStatefulSet (OrderedReady)', () => {
  it.each([
    ['creates ordinal 0 first', [], [{ type: 'create', ordinal: 0, revision: 'update' }]],
    ['waits for a pending pod, making sure its claims exist', [pod(0, 'pending')], [{ type: 'createClaims', ordinal: 0 }]],
    ['waits while a running pod is not ready', [pod(0, 'running')], []],
    ['creates the next ordinal once the previous is ready', [pod(0, 'ready')], [{ type: 'create', ordinal: 1, revision: 'update' }]],
    ['fills a gap before going on', [pod(0, 'ready'), pod(2, 'ready')], [{ type: 'create', ordinal: 1, revision: 'update' }]],
    ['replaces a failed pod', [pod(0, 'ready'), pod(1, 'failed')], [{ type: 'delete', pod: 'db-1', why: 'failed' }]],
    ['waits for a terminating pod to go', [pod(0, 'terminating')], []],
    ['does nothing when all are ready', [pod(0, 'ready'), pod(1, 'ready'), pod(2, 'ready')], []],
  ] as const)('%s', (_name, pods, expected) => {
    expect(plan(set(), [...pods])).toEqual(expected);
  });

  it('scales down from the highest ordinal, one at a time', () => {
    const pods = [pod(0, 'ready'), pod(1, 'ready'), pod(2, 'ready'), pod(3, 'ready')];
    expect(plan(set({ replicas: 2 }), pods)).toEqual([{ type: 'delete', pod: 'db-3', why: 'scale-down' }]);
    expect(plan(set({ replicas: 2 }), [pod(0, 'ready'), pod(1, 'ready'), pod(2, 'ready'), pod(3, 'terminating')])).toEqual([]);
  });

  it('rolls the highest ordinal not at the update revision, after the others are available', () => {
    const old = [pod(0, 'ready', 'db-old'), pod(1, 'ready', 'db-old'), pod(2, 'ready', 'db-old')];
    expect(plan(set(), old, 'db-old', 'db-new')).toEqual([{ type: 'delete', pod: 'db-2', why: 'update' }]);
    const halfway = [pod(0, 'ready', 'db-old'), pod(1, 'ready', 'db-old'), pod(2, 'running')];
    expect(plan(set(), halfway, 'db-old', 'db-new')).toEqual([]);
    const partitioned = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    expect(plan(partitioned, [pod(0, 'ready', 'db-old'), pod(1, 'ready', 'db-old'), pod(2, 'ready')], 'db-old', 'db-new')).toEqual([]);
    expect(plan(set({ updateStrategy: { type: 'OnDelete' } }), old, 'db-old', 'db-new')).toEqual([]);
  });

  it('creates pods below the partition at the current revision', () => {
    const partitioned = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    expect(plan(partitioned, [], 'db-old', 'db-new')).toEqual([{ type: 'create', ordinal: 0, revision: 'current' }]);
    expect(plan(partitioned, [pod(0, 'ready', 'db-old'), pod(1, 'ready', 'db-old')], 'db-old', 'db-new')).toEqual([{ type: 'create', ordinal: 2, revision: 'update' }]);
  });

  it('with Parallel management creates and deletes without waiting', () => {
    expect(plan(set({ podManagementPolicy: 'Parallel' }), [pod(1, 'pending')])).toEqual([
      { type: 'create', ordinal: 0, revision: 'update' }, { type: 'createClaims', ordinal: 1 }, { type: 'create', ordinal: 2, revision: 'update' },
    ]);
  });

  it('only reports status while the set is being deleted', () => {
    const deleting = { ...set(), metadata: { ...set().metadata, deletionTimestamp: '2026-01-01T09:00:00Z' } } as STS;
    expect(plan(deleting, [])).toEqual([]);
  });
});

describe('StatefulSet status', () => {
  it('counts created, ready, current and updated pods, and completes a rolling update', () => {
    const pods = [pod(0, 'ready', 'db-old'), pod(1, 'ready'), pod(2, 'running'), pod(3, 'terminating')];
    expect(statefulSetStatusOf(set(), pods, 'db-old', 'db-new', NOW)).toEqual({
      observedGeneration: 1, replicas: 4, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 2,
      currentRevision: 'db-old', updateRevision: 'db-new', collisionCount: 0, availableReplicas: 3,
    });
    const done = statefulSetStatusOf(set(), [pod(0, 'ready'), pod(1, 'ready'), pod(2, 'ready')], 'db-old', 'db-new', NOW);
    expect(completeRollingUpdate(set(), done)).toMatchObject({ currentRevision: 'db-new', currentReplicas: 3 });
  });
});

describe('StatefulSet identity and storage', () => {
  it('parses ordinals as the controller does', () => {
    expect(parentAndOrdinal('web-12')).toEqual({ parent: 'web', ordinal: 12 });
    expect(parentAndOrdinal('my-app-0')).toEqual({ parent: 'my-app', ordinal: 0 });
    expect(parentAndOrdinal('web')).toEqual({ parent: '', ordinal: -1 });
    expect(isMemberOf(set(), { metadata: { name: 'db-2' } })).toBe(true);
    expect(isMemberOf(set(), { metadata: { name: 'db-x-2' } })).toBe(false);
  });

  it('names claims <template>-<set>-<ordinal> with the selector labels added', () => {
    expect(claimsFor(set(), 4)).toEqual([{
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: 'data-db-4', namespace: 'default', labels: { tier: 'storage', app: 'db' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    }]);
  });

  it('builds a pod with its identity, the claim volume first and the revision label', () => {
    const p = newStatefulPod(set(), template as never, 1, 'db-abc');
    expect(p.metadata).toMatchObject({
      name: 'db-1', generateName: 'db-', namespace: 'default',
      labels: { app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': 'db-abc' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'set-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(p.spec).toMatchObject({ hostname: 'db-1', subdomain: 'db' });
    expect(p.spec!.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } }, { name: 'scratch', emptyDir: {} }]);
  });

  it('names revisions after the set and changes them with the template', () => {
    const a = revisionNameOf(set(), template as never);
    expect(a).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(revisionNameOf(set(), { ...template, spec: { containers: [{ name: 'db', image: 'mongo:7' }] } } as never)).not.toBe(a);
  });
});
