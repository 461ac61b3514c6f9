import { describe, expect, it } from 'vitest';
import { ObjectStore, type Change } from '../../../sim/core/store';
import { serviceSelectorRequirements, servicesForPodChange } from '../../../sim/net/service-index';
import type { K8sObject } from '../../../sim/model/types';
import { service } from './objects';

let rv = 0;
function put(store: ObjectStore, obj: K8sObject): Change {
  return store.put({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(++rv) } } as K8sObject);
}

function podObj(name: string, labels: Record<string, string>, ready: boolean): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, labels },
    status: { podIP: '10.244.0.5', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  } as K8sObject;
}

describe('servicesForPodChange', () => {
  it('answers once per change for every controller that asks, and afresh for the next change', () => {
    const store = new ObjectStore();
    put(store, service('web', { selector: { app: 'web' } }) as unknown as K8sObject);
    put(store, service('all', { selector: { tier: 'x' } }) as unknown as K8sObject);
    put(store, podObj('p', { app: 'web' }, false));
    const flip = put(store, podObj('p', { app: 'web' }, true));
    const first = servicesForPodChange(flip, store);
    expect(first).toEqual(['Service/default/web']);
    expect(servicesForPodChange(flip, store)).toBe(first);
    const relabel = put(store, podObj('p', { app: 'web', tier: 'x' }, true));
    expect(servicesForPodChange(relabel, store)).toEqual(['Service/default/all', 'Service/default/web']);
    const quiet = put(store, podObj('p', { app: 'web', tier: 'x' }, true));
    expect(servicesForPodChange(quiet, store)).toEqual([]);
  });
});

describe('serviceSelectorRequirements', () => {
  it('gives the selector as sorted equality requirements, the same list for the same stored selector', () => {
    const svc = service('web', { selector: { tier: 'front', app: 'web' } });
    const reqs = serviceSelectorRequirements(svc);
    expect(reqs).toEqual([{ key: 'app', operator: '=', values: ['web'] }, { key: 'tier', operator: '=', values: ['front'] }]);
    expect(serviceSelectorRequirements(svc)).toBe(reqs);
    expect(serviceSelectorRequirements(service('none', { selector: undefined }))).toEqual([]);
  });
});
