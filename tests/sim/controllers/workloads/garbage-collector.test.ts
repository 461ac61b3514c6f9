import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../helpers/harness';
import type { K8sObject, OwnerReference } from '../../../../sim/model/types';
import { deploymentController } from '../../../../sim/controllers/deployment';
import { replicaSetController } from '../../../../sim/controllers/replica-set';
import {
  attemptToDeletePlan, classifyOwners, garbageCollector, isDeletingDependents,
} from '../../../../sim/controllers/garbage-collector';
import { deploymentManifest, kubeletStub, mustGet, pods, replicaSets } from './fixtures';

const ref = (name: string, uid: string, block = true): OwnerReference =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', name, uid, controller: false, blockOwnerDeletion: block });
const obj = (name: string, opts: { uid?: string; owners?: OwnerReference[]; deleting?: boolean; finalizers?: string[] } = {}) => ({
  kind: 'ConfigMap',
  metadata: {
    name, uid: opts.uid ?? `${name}-uid`, ownerReferences: opts.owners,
    ...(opts.deleting ? { deletionTimestamp: '2026-01-01T09:00:00Z' } : {}), ...(opts.finalizers ? { finalizers: opts.finalizers } : {}),
  },
});

describe('garbage collection decisions', () => {
  const owners = new Map([
    ['live', obj('live')],
    ['fg', obj('fg', { deleting: true, finalizers: ['foregroundDeletion'] })],
    ['other', obj('other', { uid: 'a-new-uid' })],
  ]);
  const lookup = (r: { name: string }) => owners.get(r.name);

  it('classifies owners as solid, dangling (gone or recreated) or waiting (foreground)', () => {
    const dep = obj('dep', { owners: [ref('live', 'live-uid'), ref('gone', 'gone-uid'), ref('other', 'other-uid'), ref('fg', 'fg-uid')] });
    const c = classifyOwners(dep, lookup);
    expect([c.solid, c.dangling, c.waiting].map((l) => l.map((r) => r.name))).toEqual([['live'], ['gone', 'other'], ['fg']]);
    expect(isDeletingDependents(owners.get('fg')!)).toBe(true);
  });

  it('keeps a dependent with a live owner but drops references to gone owners', () => {
    const dep = obj('dep', { owners: [ref('live', 'live-uid'), ref('gone', 'gone-uid')] });
    expect(attemptToDeletePlan(dep, classifyOwners(dep, lookup), false)).toEqual({ type: 'removeOwnerReferences', uids: ['gone-uid'] });
    const healthy = obj('dep', { owners: [ref('live', 'live-uid')] });
    expect(attemptToDeletePlan(healthy, classifyOwners(healthy, lookup), false)).toEqual({ type: 'none' });
  });

  it('deletes a dependent whose owners are all gone, in the background unless its finalizers ask otherwise', () => {
    const dep = obj('dep', { owners: [ref('gone', 'gone-uid')] });
    expect(attemptToDeletePlan(dep, classifyOwners(dep, lookup), false)).toEqual({ type: 'delete', propagationPolicy: 'Background' });
    const orphaning = obj('dep', { owners: [ref('gone', 'gone-uid')], finalizers: ['orphan'] });
    expect(attemptToDeletePlan(orphaning, classifyOwners(orphaning, lookup), false)).toEqual({ type: 'delete', propagationPolicy: 'Orphan' });
  });

  it('deletes in the foreground a dependent with dependents whose owner waits for it', () => {
    const dep = obj('dep', { owners: [ref('fg', 'fg-uid')] });
    expect(attemptToDeletePlan(dep, classifyOwners(dep, lookup), true)).toEqual({ type: 'delete', propagationPolicy: 'Foreground' });
    expect(attemptToDeletePlan(dep, classifyOwners(dep, lookup), false)).toEqual({ type: 'delete', propagationPolicy: 'Background' });
  });

  it('leaves objects without owners, and objects already being deleted, alone', () => {
    expect(attemptToDeletePlan(obj('x'), classifyOwners(obj('x'), lookup), false)).toEqual({ type: 'none' });
    const going = obj('dep', { owners: [ref('gone', 'gone-uid')], deleting: true });
    expect(attemptToDeletePlan(going, classifyOwners(going, lookup), false)).toEqual({ type: 'none' });
  });
});

function cluster(): Harness {
  const h = createHarness();
  h.manager.add(deploymentController);
  h.manager.add(replicaSetController);
  h.manager.add(garbageCollector);
  h.manager.add(kubeletStub());
  return h;
}

describe('garbage collector', () => {
  it('deletes the ReplicaSet and then its pods after the Deployment is deleted', () => {
    const h = cluster();
    h.mustCreate(deploymentManifest('web'));
    h.runUntil(5_000);
    expect(replicaSets(h)).toHaveLength(1);
    expect(pods(h)).toHaveLength(3);
    h.api.delete('Deployment', 'default', 'web');
    h.runUntil(10_000);
    expect(replicaSets(h)).toEqual([]);
    expect(pods(h)).toEqual([]);
    const gcWrites = h.trace.entries.flatMap((e) => (e.type === 'write' && e.actor === 'garbagecollector' ? [`${e.verb} ${e.key.split('/')[0]}`] : []));
    expect(gcWrites).toEqual(['remove ReplicaSet', 'remove Pod', 'remove Pod', 'remove Pod']);
  });

  it('deletes an object created with an owner that does not exist', () => {
    const h = cluster();
    h.mustCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stray', ownerReferences: [ref('ghost', 'no-such-uid')] }, data: {} });
    h.runUntil(1_000);
    expect(h.store.list('ConfigMap', 'default')).toEqual([]);
  });

  it('orphans nothing when a live owner remains, but drops the dangling reference', () => {
    const h = cluster();
    const owner = h.mustCreate<K8sObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' }, data: {} });
    const gone = h.mustCreate<K8sObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gone' }, data: {} });
    h.mustCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [ref('owner', owner.metadata.uid!), ref('gone', gone.metadata.uid!)] }, data: {} });
    h.api.delete('ConfigMap', 'default', 'gone');
    h.runUntil(1_000);
    expect(mustGet<K8sObject>(h, 'ConfigMap', 'dep').metadata.ownerReferences?.map((r) => r.name)).toEqual(['owner']);
  });

  it('foreground: deletes blocking dependents first, then lets the owner go by removing its finalizer', () => {
    const h = cluster();
    const owner = h.mustCreate<K8sObject>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', finalizers: ['foregroundDeletion'] }, data: {} });
    h.mustCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [ref('owner', owner.metadata.uid!)] }, data: {} });
    h.runUntil(1_000);
    expect(h.store.list('ConfigMap', 'default').map((c) => c.metadata.name)).toEqual(['dep', 'owner']);
    h.api.delete('ConfigMap', 'default', 'owner');
    expect(mustGet<K8sObject>(h, 'ConfigMap', 'owner').metadata.deletionTimestamp).toBeDefined();
    h.runUntil(2_000);
    expect(h.store.list('ConfigMap', 'default')).toEqual([]);
    const order = h.trace.entries.flatMap((e) => (e.type === 'write' && e.actor === 'garbagecollector' ? [`${e.verb} ${e.key}`] : []));
    expect(order).toEqual(['remove ConfigMap/default/dep', 'remove ConfigMap/default/owner']);
  });
});
