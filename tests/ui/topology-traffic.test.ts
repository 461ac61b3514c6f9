import { describe, expect, it } from 'vitest';
import type { TrafficSample } from '../../sim/protocol';
import { HistoryTracker } from '../../src/features/topology/history';
import { SceneBuilder } from '../../src/features/topology/scene';
import { locatorOf } from '../../src/features/topology/scene-locator';
import { bottomOf, recentSamples, routeOf, topOf, type Locator } from '../../src/features/topology/traffic-routes';
import { linkCurvePoints } from '../../src/features/topology/layout';
import { endpointsByService } from '../../src/features/topology/endpoints';
import { objectsOf } from '../../src/lib/cluster-view';
import { startPage } from './topology-sim-views';

const DEFAULT = { namespace: 'default', showSystem: false };

function trafficPage() {
  const page = startPage(7);
  page.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  page.run('kubectl expose deployment web --port=80 --type=LoadBalancer');
  page.run('kubectl create service clusterip empty --tcp=80:80');
  page.advance(40_000);
  return page;
}

const sample = (over: Partial<TrafficSample>): TrafficSample => ({ seq: 1, flowId: 'f', at: 0, ok: true, elapsedMs: 1, hops: [], ...over });

describe('traffic particles', () => {
  it('route along the real path: outside → load balancer → the pod DNAT picked; pod → Service → pod; refused at the Service', () => {
    const page = trafficPage();
    const lb = (objectsOf(page.view, 'Service').get('Service/default/web') as { status: { loadBalancer: { ingress: { ip: string }[] } } }).status.loadBalancer.ingress[0].ip;
    page.sim.dispatch({ type: 'traffic', flows: [
      { id: 'ext', from: { kind: 'external' }, host: lb, port: 80, path: '/', everyMs: 500 },
      { id: 'in', from: { kind: 'pods', namespace: 'default', selector: 'app=web' }, host: 'web', port: 80, path: '/', everyMs: 500 },
      { id: 'bad', from: { kind: 'pods', namespace: 'default', selector: 'app=web' }, host: 'empty', port: 80, path: '/', everyMs: 500 },
    ] });
    page.advance(1_000);
    const tracker = new HistoryTracker();
    const scene = new SceneBuilder().build({ view: page.view, filter: DEFAULT, width: 1000, history: tracker, historyVersion: tracker.observe(page.view) });
    const at = locatorOf(scene);
    expect(locatorOf(scene)).toBe(at);
    const anchorRect = (name: string) => scene.services.find((s) => s.facts.name === name)!.rect;
    const tokenRect = (name: string) => scene.nodes.flatMap((n) => n.tokens).find((x) => x.name === name)!.rect;
    const ext = page.traffic.find((s) => s.flowId === 'ext')!;
    const extRoute = routeOf(ext, at)!;
    expect(extRoute.ok).toBe(true);
    const web = anchorRect('web');
    // In through the anchor's left side, out of its bottom, then down the endpoint line to the pod's top.
    expect(extRoute.points.slice(0, 3)).toEqual([scene.outside, { x: web.x, y: web.y + web.height / 2 }, bottomOf(web)]);
    expect(extRoute.points[extRoute.points.length - 1]).toEqual(topOf(tokenRect(ext.toPod!)));
    expect(extRoute.points.slice(2)).toEqual([bottomOf(web), ...linkCurvePoints(bottomOf(web), topOf(tokenRect(ext.toPod!)))]);

    const internal = page.traffic.find((s) => s.flowId === 'in')!;
    const inside = routeOf(internal, at)!.points;
    expect(inside[0]).toEqual(topOf(tokenRect(internal.fromPod!)));
    expect(inside).toContainEqual(bottomOf(web));
    expect(inside[inside.length - 1]).toEqual(topOf(tokenRect(internal.toPod!)));

    const refused = routeOf(page.traffic.find((s) => s.flowId === 'bad')!, at)!;
    expect(refused.ok).toBe(false);
    expect(refused.reason).toBe('refused');
    expect(refused.endsAt).toBe('service');
    expect(extRoute.endsAt).toBe('pod');
    expect(refused.points[refused.points.length - 1]).toEqual(bottomOf(anchorRect('empty')));
  });

  it('stops a request to a dead pod IP short of the node that pod lived on, as a timeout', () => {
    const at: Locator = {
      outside: { x: 0, y: 0 },
      pod: (name) => (name === 'client' ? { x: 0, y: 100, width: 20, height: 10 } : undefined),
      podByIp: () => undefined,
      nodeByIp: (ip) => (ip.startsWith('10.244.1.') ? { x: 400, y: 300, width: 200, height: 100 } : undefined),
      service: () => undefined, serviceByAddress: () => undefined, serviceByNodePort: () => undefined,
    };
    const route = routeOf(sample({ fromPod: 'client', ok: false, error: 'ETIMEDOUT', hops: [
      { step: 'route', fromNode: 'n0', toNode: 'n1', ip: '10.244.1.9' }, { step: 'timeout', ip: '10.244.1.9', port: 80, reason: 'no answer' },
    ] }), at)!;
    expect(route.reason).toBe('timeout');
    expect(route.endsAt).toBe('pod');
    const full = linkCurvePoints({ x: 10, y: 100 }, { x: 500, y: 300 });
    expect(route.points).toEqual([{ x: 10, y: 100 }, ...full.slice(0, 6)]);
    expect(route.points[route.points.length - 1].x).toBeLessThan(500);
    expect(routeOf(sample({ fromPod: 'ghost' }), at)).toBeUndefined();
    expect(routeOf(sample({ fromPod: 'client', ok: false, error: 'ENOTFOUND', hops: [{ step: 'dns-query', name: 'x', server: '10.0.0.10', answer: 'NXDOMAIN' }] }), at)).toMatchObject({ reason: 'no such host', endsAt: 'start' });
  });

  it('draws only the newest samples of the last moments', () => {
    const samples = [0, 100, 900, 1000, 1100].map((at, i) => sample({ seq: i + 1, at }));
    expect(recentSamples(samples, 1100, 500, 10).map((s) => s.seq)).toEqual([3, 4, 5]);
    expect(recentSamples(samples, 1100, 5000, 2).map((s) => s.seq)).toEqual([4, 5]);
    expect(recentSamples([], 0, 1, 1)).toEqual([]);
  });
});

describe('endpoints of a Service', () => {
  it('come from EndpointSlices (ready and not ready), else from Endpoints', () => {
    const page = startPage(8);
    page.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    page.run('kubectl expose deployment web --port=80');
    page.advance(1_500);
    const early = endpointsByService(objectsOf(page.view, 'EndpointSlice'), objectsOf(page.view, 'Endpoints')).get('default/web') ?? [];
    page.advance(15_000);
    const eps = endpointsByService(objectsOf(page.view, 'EndpointSlice'), objectsOf(page.view, 'Endpoints'));
    expect(eps.get('default/web')!.map((e) => e.ready)).toEqual([true, true]);
    expect(eps.get('default/web')!.every((e) => e.podName?.startsWith('web-') && e.podUid)).toBe(true);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((e) => !e.ready)).toBe(true);
    expect(eps.get('default/kubernetes')!.length).toBe(1);
    const legacyOnly = endpointsByService(new Map(), objectsOf(page.view, 'Endpoints'));
    expect(legacyOnly.get('default/web')!.map((e) => e.ip).sort()).toEqual(eps.get('default/web')!.map((e) => e.ip).sort());
    // An unchanged slice is read once: the same list comes back.
    expect(endpointsByService(objectsOf(page.view, 'EndpointSlice'), objectsOf(page.view, 'Endpoints')).get('default/web')).toBe(eps.get('default/web'));
  });
});
