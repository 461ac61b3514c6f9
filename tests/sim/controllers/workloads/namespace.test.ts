import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../helpers/harness';
import type { DeepReadonly, K8sObject, Namespace } from '../../../../sim/model/types';
import { formatTimestamp } from '../../../../sim/model/time';
import { deploymentController } from '../../../../sim/controllers/deployment';
import { replicaSetController } from '../../../../sim/controllers/replica-set';
import { garbageCollector } from '../../../../sim/controllers/garbage-collector';
import { namespaceConditions, namespaceController, podTerminationEstimateSeconds } from '../../../../sim/controllers/namespace';
import { deploymentManifest, edit, kubeletStub, pods } from './fixtures';

type StoredNs = K8sObject & DeepReadonly<Namespace>;
const T0 = 1_767_258_000_000;

describe('namespace deletion conditions', () => {
  it('reports every condition False with its ok reason when nothing remains', () => {
    const conds = namespaceConditions([], { remaining: new Map(), finalizers: new Map(), errors: [] }, T0);
    expect(conds.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
    ]);
  });

  it('names what remains, and moves lastTransitionTime only when the status flips', () => {
    const first = namespaceConditions([], { remaining: new Map([['pods.', 2], ['configmaps.', 1]]), finalizers: new Map([['example.com/hold', 2]]), errors: [] }, T0);
    expect(first[3]).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps. has 1 resource instances, pods. has 2 resource instances' });
    expect(first[4]).toMatchObject({ status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/hold in 2 resource instances' });
    const later = namespaceConditions(first, { remaining: new Map(), finalizers: new Map(), errors: [] }, T0 + 60_000);
    expect(later[3]).toMatchObject({ status: 'False', lastTransitionTime: formatTimestamp(T0 + 60_000) });
    expect(later[0].lastTransitionTime).toBe(formatTimestamp(T0));
  });

  it('estimates the wait from the longest grace period of non-terminal pods', () => {
    const pod = (grace: number | undefined, phase = 'Running') => ({ spec: { containers: [], terminationGracePeriodSeconds: grace }, status: { phase } });
    expect(podTerminationEstimateSeconds([pod(10), pod(45), pod(90, 'Succeeded')])).toBe(45);
    expect(podTerminationEstimateSeconds([])).toBe(0);
  });
});

function cluster(): Harness {
  const h = createHarness();
  for (const c of [deploymentController, replicaSetController, garbageCollector, namespaceController, kubeletStub()]) h.manager.add(c);
  h.mustCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  return h;
}

describe('namespace controller', () => {
  it('empties a deleted namespace, then removes the kubernetes finalizer so the namespace goes', () => {
    const h = cluster();
    h.mustCreate(deploymentManifest('web', { namespace: 'shop' }));
    h.mustCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: {} });
    h.runUntil(5_000);
    expect(pods(h, 'shop')).toHaveLength(3);
    h.api.delete('Namespace', undefined, 'shop');
    h.runUntil(5_004);
    const ns = h.store.get('Namespace//shop') as StoredNs;
    expect(ns.metadata.deletionTimestamp).toBeDefined();
    h.runUntil(10_000);
    expect(h.store.get('Namespace//shop')).toBeUndefined();
    for (const kind of ['Deployment', 'ReplicaSet', 'Pod', 'ConfigMap', 'Event'] as const) expect(h.store.list(kind, 'shop')).toEqual([]);
  });

  it('stays Terminating, saying what remains, while content holds finalizers', () => {
    const h = cluster();
    h.mustCreate(deploymentManifest('web', { namespace: 'shop', replicas: 2, podFinalizers: ['example.com/hold'] }));
    h.runUntil(5_000);
    h.api.delete('Namespace', undefined, 'shop');
    h.runUntil(6_000);
    const ns = h.store.get('Namespace//shop') as StoredNs;
    expect(ns.status?.phase).toBe('Terminating');
    const byType = Object.fromEntries((ns.status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));
    expect(byType.NamespaceContentRemaining).toBe('True SomeResourcesRemain: Some resources are remaining: pods. has 2 resource instances');
    expect(byType.NamespaceFinalizersRemaining).toBe('True SomeFinalizersRemain: Some content in the namespace has finalizers remaining: example.com/hold in 2 resource instances');
    expect(byType.NamespaceDeletionContentFailure).toBe('False ContentDeleted: All content successfully deleted, may be waiting on finalization');

    for (const pod of pods(h, 'shop')) edit<K8sObject>(h, 'Pod', pod.metadata.name, (p) => { p.metadata.finalizers = []; }, 'shop');
    h.runUntil(10_000);
    expect(h.store.get('Namespace//shop')).toBeDefined();
    h.runUntil(40_000);
    expect(h.store.get('Namespace//shop')).toBeUndefined();
  });
});
