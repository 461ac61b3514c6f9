import { describe, expect, it } from 'vitest';
import { slicesFor } from '../../../sim/controllers/endpoint-slice';
import type { Slice } from '../../../sim/net/endpoint-slice-model';
import type { DeepReadonly, Node, Stored } from '../../../sim/model/types';
import { pod, service, type PodObj } from './objects';
import { netHarness, threeNodes } from './fixtures';

const node = (name: string, zone?: string) => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name, labels: zone ? { 'topology.kubernetes.io/zone': zone } : {} },
}) as DeepReadonly<Stored<Node>>;
const nodes = (name: string) => node(name, 'westeurope-1');
const addrs = (s: Slice) => (s.endpoints ?? []).map((e) => e.addresses[0]);

function many(n: number): PodObj[] {
  return Array.from({ length: n }, (_, i) => pod(`p${String(i).padStart(3, '0')}`, { ip: `10.244.${Math.floor(i / 200)}.${(i % 200) + 2}` }));
}

/** Applies a plan as the apiserver would, naming created slices web-0, web-1, … */
function apply(existing: Slice[], plan: ReturnType<typeof slicesFor>): Slice[] {
  const gone = new Set(plan.delete.map((s) => s.metadata.name));
  const updated = new Map(plan.update.map((s) => [s.metadata.name, s]));
  const kept = existing.filter((s) => !gone.has(s.metadata.name)).map((s) => updated.get(s.metadata.name) ?? s);
  const created = plan.create.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `web-new${existing.length + i}` } }) as Slice);
  return [...kept, ...created];
}

describe('slicesFor', () => {
  it('builds endpoints with ready/serving/terminating conditions, node, zone and target', () => {
    const plan = slicesFor(service('web'), [
      pod('a', { ip: '10.244.0.5' }),
      pod('b', { ip: '10.244.0.6', ready: false }),
      pod('c', { ip: '10.244.0.7', terminating: true }),
      pod('d', { ip: '10.244.0.8', terminating: true, ready: false }),
      pod('e', { ip: '10.244.0.9', phase: 'Failed' }),
    ], [], nodes);
    expect(plan.create).toHaveLength(1);
    const slice = plan.create[0];
    expect(slice.metadata).toMatchObject({
      generateName: 'web-', namespace: 'default',
      labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'uid-svc-web', controller: true, blockOwnerDeletion: true }],
    });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    expect(slice.endpoints!.map((e) => [e.addresses[0], e.conditions])).toEqual([
      ['10.244.0.5', { ready: true, serving: true, terminating: false }],
      ['10.244.0.6', { ready: false, serving: false, terminating: false }],
      ['10.244.0.7', { ready: false, serving: true, terminating: true }],
      ['10.244.0.8', { ready: false, serving: false, terminating: true }],
    ]);
    expect(slice.endpoints![0]).toMatchObject({ nodeName: 'node-a', zone: 'westeurope-1', targetRef: { kind: 'Pod', name: 'a', namespace: 'default', uid: 'uid-a' } });
  });

  it('groups pods by their resolved named targetPort into separate slices', () => {
    const svc = service('web', { ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] });
    const plan = slicesFor(svc, [
      pod('a', { ip: '10.244.0.5', ports: [['web', 8080]] }), pod('b', { ip: '10.244.0.6', ports: [['web', 9090]] }),
      pod('c', { ip: '10.244.0.7', ports: [['web', 8080]] }),
    ], [], nodes);
    expect(plan.create.map((s) => [s.ports, addrs(s)])).toEqual([
      [[{ name: 'http', port: 8080, protocol: 'TCP' }], ['10.244.0.5', '10.244.0.7']],
      [[{ name: 'http', port: 9090, protocol: 'TCP' }], ['10.244.0.6']],
    ]);
  });

  it('puts at most 100 endpoints in a slice and marks headless services', () => {
    const plan = slicesFor(service('web', { clusterIP: 'None' }), many(250), [], nodes);
    expect(plan.create.map((s) => s.endpoints!.length)).toEqual([100, 100, 50]);
    expect(plan.create[0].metadata.labels).toMatchObject({ 'service.kubernetes.io/headless': '' });
  });

  it('reuses slices: keeps endpoints in place, updates only the slice that changed, fills it before creating', () => {
    const svc = service('web');
    let slices = apply([], slicesFor(svc, many(150), [], nodes));
    expect(slices.map((s) => s.endpoints!.length)).toEqual([100, 50]);
    const victim = addrs(slices[1])[10];
    const pods = many(150).filter((p) => p.status!.podIP !== victim);
    pods.push(pod('p900', { ip: '10.244.9.9' }), pod('p901', { ip: '10.244.9.10' }));
    const plan = slicesFor(svc, pods, slices, nodes);
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update.map((s) => s.metadata.name)).toEqual(['web-new1']);
    slices = apply(slices, plan);
    expect(addrs(slices[1]).slice(-2)).toEqual(['10.244.9.10', '10.244.9.9']);
    expect(addrs(slices[1])).not.toContain(victim);
    expect(addrs(slices[1])).toHaveLength(51);
    expect(addrs(slices[0])).toEqual(addrs(apply([], slicesFor(svc, many(150), [], nodes))[0]));
  });

  it('turns the last slice into an empty placeholder (endpoints null) when no pod is left, keeping its name', () => {
    const svc = service('web');
    const slices = apply([], slicesFor(svc, many(3), [], nodes));
    const plan = slicesFor(svc, [], slices, nodes);
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update).toHaveLength(1);
    expect(plan.update[0]).toMatchObject({ metadata: { name: 'web-new0' }, endpoints: null, ports: null });
    expect(slicesFor(svc, [], apply(slices, plan), nodes)).toEqual({ create: [], update: [], delete: [], missingNodes: [] });
  });

  it('leaves out pods on unknown nodes and reports them', () => {
    const plan = slicesFor(service('web'), [pod('a', { ip: '10.244.0.5', node: 'gone' }), pod('b', { ip: '10.244.0.6' })], [],
      (n) => (n === 'gone' ? undefined : nodes(n)));
    expect(addrs(plan.create[0])).toEqual(['10.244.0.6']);
    expect(plan.missingNodes).toEqual(['gone']);
  });
});

describe('endpointslice-controller', () => {
  it('keeps one slice per Service in step with its pods, without waking itself on its own writes', () => {
    const h = netHarness();
    const [n0, n1] = threeNodes(h);
    h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.50.5' });
    h.settle(1000);
    const slices = () => h.store.list<Slice>('EndpointSlice', 'default');
    expect(slices()).toHaveLength(1);
    expect(slices()[0].endpoints).toBeNull();
    expect(slices()[0].metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const name = slices()[0].metadata.name;
    h.addPod({ name: 'web-1', labels: { app: 'web' }, node: n0, ip: '10.244.0.10' });
    h.addPod({ name: 'web-2', labels: { app: 'web' }, node: n1, ip: '10.244.1.10', ready: false });
    h.settle(1000);
    expect(slices().map((s) => s.metadata.name)).toEqual([name]);
    expect(slices()[0].endpoints!.map((e) => [e.addresses[0], e.conditions!.ready, e.zone])).toEqual([
      ['10.244.0.10', true, 'eastus-1'], ['10.244.1.10', false, 'eastus-2'],
    ]);
    const writes = h.trace.lines().filter((l) => l.includes('endpointslice-controller')).length;
    h.settle(5000);
    expect(h.trace.lines().filter((l) => l.includes('endpointslice-controller')).length).toBe(writes);
  });
});
