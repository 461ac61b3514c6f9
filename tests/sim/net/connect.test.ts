import { describe, expect, it } from 'vitest';
import { answersPing } from '../../../sim/net/icmp';
import { isEndpointAlive } from '../../../sim/net/network';
import { isIPv4Literal } from '../../../sim/net/hosts';
import { netHarness, threeNodes } from './fixtures';

const GET = { method: 'GET', path: '/hello' };

function cluster() {
  const h = netHarness();
  const nodes = threeNodes(h);
  h.addClusterDns(nodes[0], '10.244.0.2');
  const web = h.addPod({ name: 'web-0', labels: { app: 'web' }, node: nodes[1], ip: '10.244.1.10', ports: [8080] });
  const client = h.addPod({ name: 'client', node: nodes[2], ip: '10.244.2.20' });
  h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.50.5', type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] });
  h.addService({ name: 'ext', clusterIP: '', type: 'ExternalName', extra: { externalName: 'example.com', clusterIPs: undefined, ports: undefined } });
  h.settle(3000);
  const from = { kind: 'pod' as const, podUid: client.sandbox.podUid };
  return { h, nodes, web, client, from, net: h.runtime.network };
}

describe('connect', () => {
  it('reaches a pod directly by IP across nodes', () => {
    const { net, from, nodes } = cluster();
    const r = net.connect(from, '10.244.1.10', 8080, GET);
    expect(r).toMatchObject({ ok: true, response: { status: 200, body: 'web-0 /hello' }, elapsedMs: 2 });
    expect(r.hops).toEqual([
      { step: 'route', fromNode: nodes[2], toNode: nodes[1], ip: '10.244.1.10' },
      { step: 'pod', pod: 'web-0', namespace: 'default', node: nodes[1], port: 8080 },
      { step: 'response', status: 200 },
    ]);
  });

  it('is refused by a live pod that does not listen on the port', () => {
    const { net, from } = cluster();
    expect(net.connect(from, '10.244.1.10', 9999)).toMatchObject({ ok: false, error: 'ECONNREFUSED', elapsedMs: 1 });
  });

  it('times out on a pod IP whose sandbox is gone, and on pods of a stopped node', () => {
    const { h, net, from, web, nodes } = cluster();
    h.runtime.unregisterSandbox(web.sandbox);
    const gone = net.connect(from, '10.244.1.10', 8080, GET, { timeoutMs: 3000 });
    expect(gone).toMatchObject({ ok: false, error: 'ETIMEDOUT', elapsedMs: 3000 });
    expect(gone.hops.at(-1)).toMatchObject({ step: 'timeout', ip: '10.244.1.10', port: 8080 });
    h.runtime.registerSandbox(web.sandbox);
    h.runtime.nodes.get(nodes[1])!.running = false;
    expect(net.connect(from, '10.244.1.10', 8080, GET, { timeoutMs: 3000 }).error).toBe('ETIMEDOUT');
    expect(isEndpointAlive(h.runtime, { ip: '10.244.1.10', port: 8080, podUid: web.sandbox.podUid })).toBe(false);
    h.runtime.nodes.get(nodes[1])!.running = true;
    expect(isEndpointAlive(h.runtime, { ip: '10.244.1.10', port: 8080, podUid: web.sandbox.podUid })).toBe(true);
    expect(isEndpointAlive(h.runtime, { ip: '10.244.1.10', port: 8081, podUid: web.sandbox.podUid })).toBe(false);
  });

  it('reaches a NodePort on any node, from outside and from a pod, with the target port resolved', () => {
    const { net, from } = cluster();
    const external = net.connect({ kind: 'external' }, '10.224.0.4', 30080, GET);
    expect(external).toMatchObject({ ok: true, endpoint: { ip: '10.244.1.10', port: 8080 } });
    expect(external.hops.slice(0, 3).map((x) => x.step)).toEqual(['route', 'node-port', 'rule']);
    expect(net.connect(from, '10.224.0.5', 30080, GET).ok).toBe(true);
    expect(net.connect({ kind: 'external' }, '10.224.0.4', 30081, undefined, { timeoutMs: 500 }).error).toBe('ETIMEDOUT');
    expect(net.connect(from, '10.224.0.4', 30081).error).toBe('ECONNREFUSED');
  });

  it('keeps cluster addresses unreachable from outside', () => {
    const { net } = cluster();
    expect(net.connect({ kind: 'external' }, '10.244.1.10', 8080, undefined, { timeoutMs: 500 })).toMatchObject({ error: 'ETIMEDOUT', elapsedMs: 500 });
    expect(net.connect({ kind: 'external' }, '10.0.50.5', 80, undefined, { timeoutMs: 500 }).error).toBe('ETIMEDOUT');
    expect(net.connect({ kind: 'external' }, 'web.default.svc.cluster.local', 80).error).toBe('ENOTFOUND');
  });

  it('reaches internet names from pods (through CoreDNS) and ExternalName services through their CNAME', () => {
    const { net, from } = cluster();
    const r = net.connect(from, 'kubernetes.io', 443, GET);
    expect(r).toMatchObject({ ok: true, response: { status: 200 } });
    expect(r.hops.filter((x) => x.step === 'dns-query').map((x) => (x as { name: string }).name)).toEqual([
      'kubernetes.io.default.svc.cluster.local', 'kubernetes.io.svc.cluster.local', 'kubernetes.io.cluster.local', 'kubernetes.io',
    ]);
    const viaCname = net.connect(from, 'ext', 80, GET);
    expect(viaCname).toMatchObject({ ok: true, response: { status: 200 } });
    expect(net.connect(from, 'no-such-thing.invalid', 80).error).toBe('ENOTFOUND');
  });

  it('answers ping on pod and node IPs but never on a ClusterIP', () => {
    const { h, nodes } = cluster();
    expect(answersPing(h.runtime, '10.244.1.10')).toBe(true);
    expect(answersPing(h.runtime, '10.224.0.4')).toBe(true);
    expect(answersPing(h.runtime, '10.0.50.5')).toBe(false);
    h.runtime.nodes.get(nodes[0])!.running = false;
    expect(answersPing(h.runtime, '10.224.0.4')).toBe(false);
  });

  it('recognises IPv4 literals without allocating', () => {
    expect(['10.0.0.1', '255.255.255.255'].map(isIPv4Literal)).toEqual([true, true]);
    expect(['web', '10.0.0', '10.0.0.1.', '1234.0.0.1', '10-0-0-1', ''].map(isIPv4Literal)).toEqual([false, false, false, false, false, false]);
  });
});
