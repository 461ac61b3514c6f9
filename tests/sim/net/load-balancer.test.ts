import { describe, expect, it } from 'vitest';
import { LB_FINALIZER, loadBalancerSignature, planLoadBalancer, type CloudLoadBalancer } from '../../../sim/controllers/service-load-balancer';
import { service } from './objects';
import { netHarness, threeNodes } from './fixtures';

const lbSvc = (extra: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => {
  const s = service('web', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31080, protocol: 'TCP' }] });
  return { ...s, metadata: { ...s.metadata, ...meta }, ...extra } as typeof s;
};

describe('planLoadBalancer', () => {
  const ensured = (svc: ReturnType<typeof lbSvc>, over: Partial<CloudLoadBalancer> = {}): CloudLoadBalancer =>
    ({ uid: 'uid-svc-web', phase: 'ensured', readyAt: 0, signature: loadBalancerSignature(svc), hosts: 'a,b', ...over });
  const withIP = lbSvc({ status: { loadBalancer: { ingress: [{ ip: '20.120.1.2' }] } } }, { finalizers: [LB_FINALIZER] });

  it.each([
    ['a new LoadBalancer Service', lbSvc(), undefined, { type: 'start-ensure' }],
    ['an ensure still under way', lbSvc(), { phase: 'ensuring', readyAt: 25_000 }, { type: 'wait', ms: 15_000 }],
    ['an ensure that is done', lbSvc(), { phase: 'ensuring', readyAt: 5_000 }, { type: 'finish-ensure' }],
    ['an ensured, unchanged Service', withIP, {}, { type: 'none' }],
    ['a changed node set', withIP, { hosts: 'a' }, { type: 'update-hosts' }],
    ['a port change', lbSvc({ spec: { ...withIP.spec, ports: [{ port: 81, nodePort: 31080, protocol: 'TCP' }] }, status: withIP.status }, { finalizers: [LB_FINALIZER] }), {}, { type: 'start-ensure' }],
    ['a Service turned ClusterIP', service('web', {}), {}, { type: 'start-delete', existed: true }],
    ['a Service being deleted', lbSvc({}, { finalizers: [LB_FINALIZER], deletionTimestamp: '2026-01-01T09:00:10Z' }), {}, { type: 'start-delete', existed: true }],
    ['a finished delete', lbSvc({}, { finalizers: [LB_FINALIZER], deletionTimestamp: '2026-01-01T09:00:10Z' }), { phase: 'deleting', readyAt: 9_000 }, { type: 'finish-delete' }],
    ['a ClusterIP Service', service('web', {}), undefined, { type: 'none' }],
  ] as const)('%s', (_what, svc, cloud, expected) => {
    const state = cloud === undefined ? undefined : ensured(lbSvc(), cloud as Partial<CloudLoadBalancer>);
    expect(planLoadBalancer(svc, state, 10_000, 'a,b')).toEqual(expected);
  });

  it('forgets the cloud state of a Service that is gone or was recreated', () => {
    expect(planLoadBalancer(undefined, ensured(lbSvc()), 0, '')).toEqual({ type: 'forget' });
    expect(planLoadBalancer(lbSvc({}, { uid: 'other' }), ensured(lbSvc()), 0, '')).toEqual({ type: 'forget' });
  });
});

describe('service-controller (cloud)', () => {
  function cluster() {
    const h = netHarness({ lbDelaySeconds: 20 });
    const nodes = threeNodes(h);
    h.addPod({ name: 'web-0', labels: { app: 'web' }, node: nodes[1], ip: '10.244.1.10' });
    h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.211.4', type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31080 }] });
    return { h, nodes };
  }
  const svcOf = (h: ReturnType<typeof netHarness>) => h.store.get('Service/default/web') as unknown as {
    metadata: { finalizers?: string[]; labels?: Record<string, string>; deletionTimestamp?: string };
    status: { loadBalancer: { ingress?: { ip: string; ipMode: string }[] } };
  };
  const reasons = (h: ReturnType<typeof netHarness>) => h.store.list('Event').filter((e) => (e as { source?: { component?: string } }).source?.component === 'service-controller')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)).map((e) => (e as unknown as { reason: string }).reason);

  it('keeps EXTERNAL-IP pending, then writes a public IP after the cloud delay, with events in order', () => {
    const { h } = cluster();
    h.settle(1000);
    expect(svcOf(h).metadata.finalizers).toEqual([LB_FINALIZER]);
    expect(svcOf(h).status.loadBalancer.ingress).toBeUndefined();
    expect(reasons(h)).toEqual(['EnsuringLoadBalancer']);
    h.settle(18_000);
    expect(svcOf(h).status.loadBalancer.ingress).toBeUndefined();
    h.settle(7_000);
    const ingress = svcOf(h).status.loadBalancer.ingress!;
    expect(ingress).toEqual([{ ip: expect.stringMatching(/^20\.(1\d\d|2[0-5]\d)\.\d+\.\d+$/), ipMode: 'VIP' }]);
    expect(reasons(h)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
    const ip = ingress[0].ip;
    const svc = h.store.get('Service/default/web')!;
    h.api.update({ ...svc, metadata: { ...svc.metadata, labels: { team: 'a' } } });
    h.settle(60_000);
    expect(svcOf(h).status.loadBalancer.ingress![0].ip).toBe(ip);
  });

  it('routes external traffic to the load-balancer IP through a node\'s NodePort to a pod', () => {
    const { h, nodes } = cluster();
    h.settle(30_000);
    const ip = svcOf(h).status.loadBalancer.ingress![0].ip;
    const r = h.runtime.network.connect({ kind: 'external' }, ip, 80, { method: 'GET', path: '/' });
    expect(r.ok).toBe(true);
    expect(r.response!.body).toBe('web-0 /');
    expect(r.hops.map((x) => x.step)).toEqual(['load-balancer', 'node-port', 'rule', 'dnat', 'route', 'pod', 'response']);
    expect(r.hops[0]).toMatchObject({ ip, port: 80, nodePort: 31080 });
    expect(nodes).toContain((r.hops[0] as { node: string }).node);
    expect(h.runtime.network.connect({ kind: 'external' }, '10.0.211.4', 80, undefined, { timeoutMs: 1000 }).error).toBe('ETIMEDOUT');
  });

  it('tears the load balancer down when the Service is deleted, then lets the apiserver remove it', () => {
    const { h } = cluster();
    h.settle(30_000);
    const ip = svcOf(h).status.loadBalancer.ingress![0].ip;
    h.api.delete('Service', 'default', 'web');
    expect(svcOf(h).metadata.deletionTimestamp).toBeDefined();
    h.settle(1000);
    expect(reasons(h).at(-1)).toBe('DeletingLoadBalancer');
    expect(h.store.get('Service/default/web')).toBeDefined();
    h.settle(10_000);
    expect(h.store.get('Service/default/web')).toBeUndefined();
    expect(reasons(h)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer', 'DeletingLoadBalancer', 'DeletedLoadBalancer']);
    expect(h.lb.pool.size).toBe(0);
    expect(h.runtime.network.connect({ kind: 'external' }, ip, 80, undefined, { timeoutMs: 1000 }).error).toBe('ETIMEDOUT');
  });

  it('clears the status and the finalizer when the Service stops being a LoadBalancer', () => {
    const { h } = cluster();
    h.settle(30_000);
    const svc = h.store.get('Service/default/web')!;
    const spec = svc.spec as Record<string, unknown>;
    const res = h.api.update({ ...svc, spec: { ...spec, type: 'ClusterIP', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], externalTrafficPolicy: undefined, allocateLoadBalancerNodePorts: undefined } });
    expect(res.ok).toBe(true);
    h.settle(10_000);
    expect(svcOf(h).metadata.finalizers ?? []).toEqual([]);
    expect(svcOf(h).status.loadBalancer).toEqual({});
    expect(reasons(h)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer', 'Type', 'DeletingLoadBalancer', 'DeletedLoadBalancer']);
  });

  it('records the type change when a ClusterIP Service becomes a LoadBalancer', () => {
    const h = netHarness();
    threeNodes(h);
    h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.211.4' });
    h.settle(1000);
    expect(reasons(h)).toEqual([]);
    const svc = h.store.get('Service/default/web')!;
    const res = h.api.update({ ...svc, spec: { ...(svc.spec as object), type: 'LoadBalancer' } });
    expect(res.ok).toBe(true);
    h.settle(30_000);
    expect(reasons(h)).toEqual(['Type', 'EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
    const typeEvent = h.store.list('Event').find((e) => (e as { reason?: string }).reason === 'Type') as unknown as { message: string };
    expect(typeEvent.message).toBe('ClusterIP -> LoadBalancer');
  });

  it('is deterministic: the same seed gives the same address and timing', () => {
    const run = () => {
      const { h } = cluster();
      h.settle(30_000);
      return [svcOf(h).status.loadBalancer.ingress![0].ip, h.store.list('Event').map((e) => (e as { lastTimestamp?: string }).lastTimestamp).join()];
    };
    expect(run()).toEqual(run());
  });
});
