import { describe, expect, it } from 'vitest';
import {
  ALL_NAMESPACES, applyFrame, emptyView, listOf, namespaceFilter, namespacesOf, nodesOf, objectsOf, podsByNode,
  podsOf, servicesOf,
} from '../../src/lib/cluster-view';
import { frame, namespace, node, pod, service, updated } from './fixtures';

const n0 = node('aks-nodepool1-12345678-vmss000000', 'True', { podCIDR: '10.244.0.0/24' });
const n1 = node('aks-nodepool1-12345678-vmss000001', 'True', { podCIDR: '10.244.1.0/24' });
const web = pod('web-7d4b9c-x2k8p', { nodeName: n0.metadata.name, ready: true, podIP: '10.244.0.12' });
const api = pod('api-5f6d8-q9zt2', { nodeName: n1.metadata.name, ready: true, podIP: '10.244.1.7' });
const dns = pod('coredns-6d8b-abcde', { namespace: 'kube-system', nodeName: n0.metadata.name, ready: true });
const pending = pod('web-7d4b9c-zzzzz', { phase: 'Pending' });
const kubernetes = service('kubernetes', { clusterIP: '10.0.0.1', ports: [{ port: 443 }] });
const kubeDns = service('kube-dns', { namespace: 'kube-system', clusterIP: '10.0.0.10', ports: [{ port: 53, protocol: 'UDP' }] });

function booted() {
  return applyFrame(emptyView(), frame({
    rv: 10, full: true, time: 0,
    upserts: [n1, n0, web, api, dns, pending, kubernetes, kubeDns, namespace('default'), namespace('kube-system')],
  }));
}

describe('applyFrame', () => {
  it('fills an empty view from a full frame, with clock and status', () => {
    const view = applyFrame(emptyView(), frame({ rv: 10, full: true, time: 1500, epochMs: 42, status: 'behind', upserts: [n0, web] }));
    expect(view.rv).toBe(10);
    expect(view.time).toBe(1500);
    expect(view.epochMs).toBe(42);
    expect(view.status).toBe('behind');
    expect([...objectsOf(view, 'Node').keys()]).toEqual(['Node//aks-nodepool1-12345678-vmss000000']);
    expect(objectsOf(view, 'Pod').get('Pod/default/web-7d4b9c-x2k8p')).toBe(web);
  });

  it('replaces the whole view on a full frame: objects missing from it are gone', () => {
    const view = applyFrame(booted(), frame({ rv: 50, full: true, upserts: [n0] }));
    expect(objectsOf(view, 'Pod').size).toBe(0);
    expect(objectsOf(view, 'Service').size).toBe(0);
    expect(nodesOf(view).map((n) => n.metadata.name)).toEqual([n0.metadata.name]);
  });

  it('keeps objects whose uid and resourceVersion match across a full frame (a restore), and their kind map', () => {
    const before = booted();
    const copies = [n1, n0, web, api, dns, pending, kubernetes, kubeDns].map((o) => structuredClone(o));
    const changed = updated(web, (p) => { (p.status as { podIP: string }).podIP = '10.244.0.99'; });
    const after = applyFrame(before, frame({ rv: 60, full: true, upserts: [...copies.filter((o) => o.metadata.name !== web.metadata.name), changed] }));
    expect(objectsOf(after, 'Node')).toBe(objectsOf(before, 'Node'));
    expect(objectsOf(after, 'Pod').get('Pod/default/api-5f6d8-q9zt2')).toBe(api);
    expect(objectsOf(after, 'Pod').get('Pod/default/web-7d4b9c-x2k8p')).toBe(changed);
    expect(objectsOf(after, 'Namespace').size).toBe(0);
  });

  it('applies incremental upserts and deletes without touching the input view', () => {
    const before = booted();
    const ready = updated(pending, (p) => {
      (p.spec as { nodeName: string }).nodeName = n1.metadata.name;
      (p.status as { phase: string }).phase = 'Running';
    });
    const lb = service('web', { type: 'LoadBalancer', clusterIP: '10.0.211.4' });
    const after = applyFrame(before, frame({ rv: 14, upserts: [ready, lb], deletes: ['Pod/default/api-5f6d8-q9zt2'] }));

    expect(after.rv).toBe(14);
    expect(podsOf(after, 'default').map((p) => p.metadata.name)).toEqual(['web-7d4b9c-x2k8p', 'web-7d4b9c-zzzzz']);
    expect(objectsOf(after, 'Pod').get('Pod/default/web-7d4b9c-zzzzz')).toBe(ready);
    expect(servicesOf(after, 'default').map((s) => s.metadata.name)).toEqual(['kubernetes', 'web']);
    // The old view is as it was.
    expect(objectsOf(before, 'Pod').has('Pod/default/api-5f6d8-q9zt2')).toBe(true);
    expect(objectsOf(before, 'Service').has('Service/default/web')).toBe(false);
  });

  it('keeps the identity of unchanged objects and of kinds nothing touched', () => {
    const before = booted();
    const moved = updated(api, (p) => { (p.status as { podIP: string }).podIP = '10.244.1.8'; });
    const after = applyFrame(before, frame({ rv: 11, upserts: [moved] }));
    expect(objectsOf(after, 'Pod')).not.toBe(objectsOf(before, 'Pod'));
    expect(objectsOf(after, 'Pod').get('Pod/default/web-7d4b9c-x2k8p')).toBe(web);
    expect(objectsOf(after, 'Node')).toBe(objectsOf(before, 'Node'));
    expect(objectsOf(after, 'Service')).toBe(objectsOf(before, 'Service'));
  });

  it('ignores an upsert with the resourceVersion it already has, and a frame with no changes keeps every map', () => {
    const before = booted();
    const same = applyFrame(before, frame({ rv: 10, time: 900, upserts: [structuredClone(web)] }));
    expect(same.kinds).toBe(before.kinds);
    expect(same.time).toBe(900);
    const idle = applyFrame(before, frame({ rv: 10, time: 1000 }));
    expect(idle.kinds).toBe(before.kinds);
    expect(idle).not.toBe(before);
  });

  it('drops a kind when its last object is deleted, and ignores deletes of unknown keys', () => {
    const before = applyFrame(emptyView(), frame({ rv: 3, full: true, upserts: [n0, kubernetes] }));
    const after = applyFrame(before, frame({ rv: 4, deletes: ['Service/default/kubernetes', 'Pod/default/ghost'] }));
    expect(after.kinds.has('Service')).toBe(false);
    expect(after.kinds.has('Pod')).toBe(false);
    expect(objectsOf(after, 'Node')).toBe(objectsOf(before, 'Node'));
  });

  it('handles an object created and deleted within the same frame', () => {
    const before = booted();
    const after = applyFrame(before, frame({ rv: 12, upserts: [service('tmp')], deletes: ['Service/default/tmp'] }));
    expect(objectsOf(after, 'Service').has('Service/default/tmp')).toBe(false);
  });
});

describe('selectors', () => {
  it('lists objects sorted by namespace then name, in one namespace or all', () => {
    const view = booted();
    expect(podsOf(view, 'default').map((p) => p.metadata.name)).toEqual(['api-5f6d8-q9zt2', 'web-7d4b9c-x2k8p', 'web-7d4b9c-zzzzz']);
    expect(podsOf(view).map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'default/api-5f6d8-q9zt2', 'default/web-7d4b9c-x2k8p', 'default/web-7d4b9c-zzzzz', 'kube-system/coredns-6d8b-abcde',
    ]);
    expect(servicesOf(view, 'kube-system').map((s) => s.spec?.clusterIP)).toEqual(['10.0.0.10']);
    expect(servicesOf(view).map((s) => s.metadata.name)).toEqual(['kubernetes', 'kube-dns']);
    expect(nodesOf(view).map((n) => n.metadata.name)).toEqual([n0.metadata.name, n1.metadata.name]);
    expect(listOf(objectsOf(view, 'Deployment'))).toEqual([]);
  });

  it('groups bound pods by node and leaves unbound pods out', () => {
    const groups = podsByNode(objectsOf(booted(), 'Pod'));
    expect([...groups.keys()].sort()).toEqual([n0.metadata.name, n1.metadata.name]);
    expect(groups.get(n0.metadata.name)!.map((p) => p.metadata.name)).toEqual(['web-7d4b9c-x2k8p', 'coredns-6d8b-abcde']);
    expect(groups.get(n1.metadata.name)!.map((p) => p.metadata.name)).toEqual(['api-5f6d8-q9zt2']);
  });

  it('names namespaces and maps the namespace filter', () => {
    expect(namespacesOf(booted())).toEqual(['default', 'kube-system']);
    expect(namespaceFilter(ALL_NAMESPACES)).toBeUndefined();
    expect(namespaceFilter('kube-system')).toBe('kube-system');
  });
});
