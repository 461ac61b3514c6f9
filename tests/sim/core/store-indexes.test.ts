import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../sim/core/store';
import type { K8sObject } from '../../../sim/model/types';

let rv = 0;
function pod(name: string, labels?: Record<string, string>, owners: string[] = [], namespace = 'default'): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace, uid: `uid-${namespace}-${name}`, resourceVersion: String(++rv), ...(labels ? { labels } : {}),
      ...(owners.length ? { ownerReferences: owners.map((uid) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid, controller: true })) } : {}),
    },
  } as K8sObject;
}

const names = (objs: readonly K8sObject[]): string[] => objs.map((o) => o.metadata.name);
const eq = (key: string, value: string) => ({ key, operator: '=' as const, values: [value] });

describe('ObjectStore indexes', () => {
  it('selects through the label index, for one requirement and for several', () => {
    const store = new ObjectStore({ freeze: true });
    store.put(pod('c', { app: 'web', tier: 'front' }));
    store.put(pod('a', { app: 'web', tier: 'back' }));
    store.put(pod('b', { app: 'db' }));
    store.put(pod('d', { app: 'web' }, [], 'other'));
    expect(names(store.select('Pod', 'default', [eq('app', 'web')]))).toEqual(['a', 'c']);
    expect(names(store.select('Pod', 'default', [eq('app', 'web'), eq('tier', 'front')]))).toEqual(['c']);
    expect(names(store.select('Pod', 'default', [{ key: 'tier', operator: 'exists', values: [] }]))).toEqual(['a', 'c']);
    expect(names(store.select('Pod', 'default', [eq('app', 'none')]))).toEqual([]);
    expect(names(store.select('Pod', 'missing', [eq('app', 'web')]))).toEqual([]);
    expect(names(store.select('Pod', undefined, [eq('app', 'web')]))).toEqual(['a', 'c', 'd']);
  });

  it('moves objects between label values when their labels change, and forgets removed ones', () => {
    const store = new ObjectStore();
    store.put(pod('a', { app: 'web' }));
    store.put(pod('b', { app: 'web' }));
    store.put(pod('a', { app: 'db' }));
    expect(names(store.select('Pod', 'default', [eq('app', 'web')]))).toEqual(['b']);
    expect(names(store.select('Pod', 'default', [eq('app', 'db')]))).toEqual(['a']);
    store.put(pod('b'));
    expect(names(store.select('Pod', 'default', [eq('app', 'web')]))).toEqual([]);
    store.remove('Pod/default/a');
    expect(names(store.select('Pod', 'default', [eq('app', 'db')]))).toEqual([]);
    expect(store.get('Pod/default/a')).toBeUndefined();
    expect(store.count('Pod', 'default')).toBe(1);
  });

  it('returns the latest version from every index after an update', () => {
    const store = new ObjectStore();
    store.put(pod('a', { app: 'web' }, ['rs-1']));
    const updated = pod('a', { app: 'web' }, ['rs-1']);
    store.put(updated);
    expect(store.get('Pod/default/a')).toBe(updated);
    expect(store.getByUid('uid-default-a')).toBe(updated);
    expect(store.select('Pod', 'default', [eq('app', 'web')])[0]).toBe(updated);
    expect(store.ownedBy('rs-1')[0]).toBe(updated);
    expect([...store.iterate('Pod')][0]).toBe(updated);
    expect(store.list('Pod', 'default')[0]).toBe(updated);
  });

  it('keeps owners indexed as ownerReferences change', () => {
    const store = new ObjectStore();
    store.put(pod('b', {}, ['rs-1']));
    store.put(pod('a', {}, ['rs-1']));
    expect(names(store.ownedBy('rs-1'))).toEqual(['a', 'b']);
    store.put(pod('a', {}, ['rs-2']));
    expect(names(store.ownedBy('rs-1'))).toEqual(['b']);
    expect(names(store.ownedBy('rs-2', 'Pod'))).toEqual(['a']);
    expect(names(store.ownedBy('rs-2', 'Service'))).toEqual([]);
  });

  it('iterates a kind in first-stored order, an update keeping its place and a re-created object moving last', () => {
    const store = new ObjectStore();
    for (const name of ['x', 'y', 'z']) store.put(pod(name));
    store.put(pod('x'));
    expect(names([...store.iterate('Pod', 'default')])).toEqual(['x', 'y', 'z']);
    store.remove('Pod/default/x');
    store.put(pod('x'));
    expect(names([...store.iterate('Pod', 'default')])).toEqual(['y', 'z', 'x']);
    expect(names([...store.all()])).toEqual(['y', 'z', 'x']);
  });
});
