import { describe, expect, it } from 'vitest';
import type { Hop } from '../../../sim/net/types';
import { proxyRulesOf } from '../../../sim/net/proxy-view';
import { formatIptablesSave } from '../../../sim/net/iptables-save';
import { netHarness, threeNodes, type NetHarness } from './fixtures';

const GET = { method: 'GET', path: '/' };

function webCluster(opts: Parameters<typeof netHarness>[0] = {}, extra: Record<string, unknown> = {}) {
  const h = netHarness(opts);
  const nodes = threeNodes(h);
  h.addClusterDns(nodes[0], '10.244.0.2');
  for (let i = 0; i < 3; i++) h.addPod({ name: `web-${i}`, labels: { app: 'web' }, node: nodes[i], ip: `10.244.${i}.10` });
  const client = h.addPod({ name: 'client', labels: { app: 'client' }, node: nodes[2], ip: '10.244.2.20' });
  h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.50.5', ports: [{ name: 'http', port: 80 }], extra });
  h.settle(3000);
  const from = { kind: 'pod' as const, podUid: client.sandbox.podUid };
  return { h, nodes, from, get: () => h.runtime.network.connect(from, '10.0.50.5', 80, GET, { timeoutMs: 5000 }) };
}

const ruleHop = (hops: readonly Hop[]) => hops.find((x): x is Extract<Hop, { step: 'rule' }> => x.step === 'rule')!;

describe('kube-proxy (iptables)', () => {
  it('spreads 30,000 requests evenly over 3 endpoints, recording each matching rule\'s probability', () => {
    const { get } = webCluster();
    const counts = new Map<string, number>();
    const probabilities = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const r = get();
      expect(r.ok).toBe(true);
      counts.set(r.response!.body, (counts.get(r.response!.body) ?? 0) + 1);
      probabilities.set(r.endpoint!.ip, ruleHop(r.hops).probability);
    }
    expect([...counts.keys()].sort()).toEqual(['web-0 /', 'web-1 /', 'web-2 /']);
    for (const n of counts.values()) expect(Math.abs(n / 30_000 - 1 / 3)).toBeLessThan(0.015);
    expect(Object.fromEntries(probabilities)).toEqual({ '10.244.0.10': 0.3333333333, '10.244.1.10': 0.5, '10.244.2.10': 1 });
  });

  it('records the path: VIP, the node\'s KUBE-SVC chain, DNAT, the route to the pod\'s node, the pod, the response', () => {
    const { get, nodes } = webCluster({ seed: 3 });
    const r = get();
    const steps = r.hops.map((x) => x.step);
    expect(steps).toEqual(['vip', 'rule', 'dnat', 'route', 'pod', 'response']);
    expect(r.hops[0]).toEqual({ step: 'vip', ip: '10.0.50.5', port: 80, service: 'default/web' });
    expect(r.hops[1]).toMatchObject({ node: nodes[2], chain: 'KUBE-SVC-CDGGSHYLG3RE2FKL', endpoints: 3, mode: 'iptables' });
    expect(r.elapsedMs).toBeGreaterThan(0);
  });

  it('REJECTs a Service with no endpoints: connection refused at once', () => {
    const h = netHarness();
    const [n0] = threeNodes(h);
    const client = h.addPod({ name: 'client', node: n0, ip: '10.244.0.20' });
    h.addService({ name: 'web', selector: { app: 'nothing' }, clusterIP: '10.0.50.5' });
    h.settle(3000);
    const r = h.runtime.network.connect({ kind: 'pod', podUid: client.sandbox.podUid }, '10.0.50.5', 80, GET, { timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: false, error: 'ECONNREFUSED', elapsedMs: 1 });
    expect(r.hops[1]).toEqual({ step: 'reject', node: n0, reason: 'default/web has no endpoints' });
  });

  it('times out on a ClusterIP port the Service does not expose', () => {
    const { h, from } = webCluster();
    const r = h.runtime.network.connect(from, '10.0.50.5', 8080, GET, { timeoutMs: 3000 });
    expect(r).toMatchObject({ ok: false, error: 'ETIMEDOUT', elapsedMs: 3000 });
  });

  it('keeps sending to a deleted pod until the node\'s proxier syncs, then to the new one', () => {
    const h = netHarness({ seed: 11 });
    const [n0, n1] = threeNodes(h);
    const old = h.addPod({ name: 'web-old', labels: { app: 'web' }, node: n0, ip: '10.244.0.10' });
    const client = h.addPod({ name: 'client', node: n1, ip: '10.244.1.20' });
    h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.50.5' });
    h.settle(5000);
    h.addPod({ name: 'web-new', labels: { app: 'web' }, node: n1, ip: '10.244.1.11' });
    h.runtime.unregisterSandbox(old.sandbox);
    h.api.delete('Pod', 'default', 'web-old');
    const from = { kind: 'pod' as const, podUid: client.sandbox.podUid };
    const stale = h.runtime.network.connect(from, '10.0.50.5', 80, GET, { timeoutMs: 4000 });
    expect(stale).toMatchObject({ ok: false, error: 'ETIMEDOUT', elapsedMs: 4000 });
    expect(stale.hops.at(-1)).toMatchObject({ step: 'timeout', ip: '10.244.0.10' });
    const seq = h.plane.proxier.latestSeq;
    while (h.plane.proxier.latestSeq === seq) h.settle(1);
    expect(proxyRulesOf(h.runtime, n1)!.upToDate).toBe(false);
    expect(h.runtime.network.connect(from, '10.0.50.5', 80, GET, { timeoutMs: 4000 }).error).toBe('ETIMEDOUT');
    h.settle(1000);
    expect(proxyRulesOf(h.runtime, n1)!.upToDate).toBe(true);
    const fresh = h.runtime.network.connect(from, '10.0.50.5', 80, GET, { timeoutMs: 4000 });
    expect(fresh.ok).toBe(true);
    expect(fresh.response!.body).toBe('web-new /');
  });

  it('programs each node at most twice per minSyncPeriod, however often rules change', () => {
    const h = netHarness();
    const [n0] = threeNodes(h);
    const syncs: number[] = [];
    let last: number | undefined;
    for (let t = 0; t < 3000; t += 100) {
      h.addService({ name: `svc-${t}`, selector: { app: 'x' }, clusterIP: `10.0.60.${t / 100 + 1}` });
      for (let k = 0; k < 10; k++) {
        h.settle(10);
        const at = h.plane.proxier.node(n0).syncedAt;
        if (at !== undefined && at !== last) { syncs.push(at); last = at; }
      }
    }
    expect(syncs.length).toBeGreaterThanOrEqual(3);
    for (let i = 2; i < syncs.length; i++) expect(syncs[i] - syncs[i - 2]).toBeGreaterThanOrEqual(1000);
  });
});

describe('kube-proxy options', () => {
  it('IPVS mode balances round robin per node', () => {
    const { get } = webCluster({ plane: { proxyMode: 'ipvs' } });
    const ips = Array.from({ length: 6 }, () => get().endpoint!.ip);
    expect(ips).toEqual(['10.244.0.10', '10.244.1.10', '10.244.2.10', '10.244.0.10', '10.244.1.10', '10.244.2.10']);
  });

  it('ClientIP affinity pins a client to one endpoint until the timeout passes', () => {
    const { h, get, from } = webCluster({ seed: 5 }, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
    const first = get();
    const rest = Array.from({ length: 20 }, () => get());
    expect(new Set(rest.map((r) => r.endpoint!.ip))).toEqual(new Set([first.endpoint!.ip]));
    expect(ruleHop(rest[0].hops)).toMatchObject({ mode: 'affinity', probability: 1 });
    h.settle(61_000);
    const after = Array.from({ length: 30 }, () => h.runtime.network.connect(from, '10.0.50.5', 80, GET));
    expect(ruleHop(after[0].hops).mode).toBe('iptables');
    expect(new Set(after.map((r) => ruleHop(r.hops).mode))).toEqual(new Set(['iptables', 'affinity']));
  });

  it('internalTrafficPolicy Local DROPs ClusterIP traffic from a node without a local endpoint', () => {
    const h: NetHarness = netHarness();
    const [n0, n1] = threeNodes(h);
    h.addPod({ name: 'web-0', labels: { app: 'web' }, node: n0, ip: '10.244.0.10' });
    const far = h.addPod({ name: 'far', node: n1, ip: '10.244.1.20' });
    const near = h.addPod({ name: 'near', node: n0, ip: '10.244.0.20' });
    h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.50.5', extra: { internalTrafficPolicy: 'Local' } });
    h.settle(3000);
    const r = h.runtime.network.connect({ kind: 'pod', podUid: far.sandbox.podUid }, '10.0.50.5', 80, GET, { timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, error: 'ETIMEDOUT' });
    expect(r.hops[1]).toEqual({ step: 'drop', node: n1, reason: 'default/web has no local endpoints' });
    expect(h.runtime.network.connect({ kind: 'pod', podUid: near.sandbox.podUid }, '10.0.50.5', 80, GET).ok).toBe(true);
  });

  it('shows each node\'s programmed rules as data and as iptables-save', () => {
    const { h, nodes } = webCluster();
    const view = proxyRulesOf(h.runtime, nodes[1])!;
    const web = view.services.find((s) => s.service === 'default/web')!;
    expect(web).toMatchObject({ clusterIP: '10.0.50.5', clusterIPTarget: 'DNAT', portName: 'default/web:http' });
    expect(web.endpoints.map((e) => [e.address, e.probability, e.local])).toEqual([
      ['10.244.0.10:80', '0.3333333333', false], ['10.244.1.10:80', '0.5000000000', true], ['10.244.2.10:80', '', false],
    ]);
    const text = formatIptablesSave(view);
    expect(text).toContain('-A KUBE-SERVICES -d 10.0.50.5/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-CDGGSHYLG3RE2FKL');
    expect(text).toContain(`-A KUBE-SVC-CDGGSHYLG3RE2FKL -m comment --comment "default/web:http -> 10.244.0.10:80" -m statistic --mode random --probability 0.3333333333 -j ${web.endpoints[0].chain}`);
    expect(text).toContain(`-A ${web.endpoints[2].chain} -p tcp -m comment --comment default/web:http -m tcp -j DNAT --to-destination 10.244.2.10:80`);
  });

  it('externalTrafficPolicy Local DROPs NodePort traffic arriving at a node without a local endpoint', () => {
    const h = netHarness();
    const [n0, n1] = threeNodes(h);
    h.addPod({ name: 'web-0', labels: { app: 'web' }, node: n0, ip: '10.244.0.10' });
    h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.50.5', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }], extra: { externalTrafficPolicy: 'Local' } });
    h.settle(3000);
    const miss = h.runtime.network.connect({ kind: 'external' }, '10.224.0.5', 30080, GET, { timeoutMs: 2000 });
    expect(miss).toMatchObject({ ok: false, error: 'ETIMEDOUT', elapsedMs: 2000 });
    expect(miss.hops.at(-1)).toEqual({ step: 'drop', node: n1, reason: 'default/web has no local endpoints' });
    expect(h.runtime.network.connect({ kind: 'external' }, '10.224.0.4', 30080, GET).ok).toBe(true);
  });
});

