import { describe, expect, it } from 'vitest';
import { formatResolvConf, podResolvConf, searchCandidates } from '../../../sim/net/resolv-conf';
import { pod } from './objects';
import { netHarness, threeNodes } from './fixtures';
import type { Hop } from '../../../sim/net/types';

function dnsCluster() {
  const h = netHarness();
  const nodes = threeNodes(h);
  h.addClusterDns(nodes[0], '10.244.0.2');
  h.addNamespaceObj('shop');
  h.addPod({ name: 'mongodb-0', labels: { app: 'mongodb' }, node: nodes[1], ip: '10.244.1.10', ports: [['mongo', 27017]] });
  h.addService({ name: 'mongodb-svc', selector: { app: 'mongodb' }, clusterIP: '10.0.53.7', ports: [{ port: 27017 }] });
  h.addService({ name: 'data-api', selector: { app: 'data-api' }, clusterIP: '10.0.211.4', ports: [{ name: 'http', port: 80, targetPort: 4000 }] });
  h.addPod({ name: 'db-0', labels: { app: 'db' }, node: nodes[1], ip: '10.244.1.20', hostname: 'db-0', subdomain: 'db', ports: [['pg', 5432]] });
  h.addPod({ name: 'db-1', labels: { app: 'db' }, node: nodes[2], ip: '10.244.2.20', ports: [['pg', 5432]] });
  h.addPod({ name: 'db-2', labels: { app: 'db' }, node: nodes[2], ip: '10.244.2.21', ready: false, ports: [['pg', 5432]] });
  h.addService({ name: 'db', selector: { app: 'db' }, clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] });
  h.addService({ name: 'empty', selector: { app: 'none' }, clusterIP: 'None', ports: [{ name: 'x', port: 1 }] });
  h.addService({ name: 'ext', clusterIP: '', type: 'ExternalName', extra: { externalName: 'example.com', clusterIPs: undefined, ports: undefined } });
  const client = h.addPod({ name: 'client', node: nodes[2], ip: '10.244.2.30' });
  const shopClient = h.addPod({ name: 'shop-client', namespace: 'shop', node: nodes[2], ip: '10.244.2.31' });
  h.settle(3000);
  return { h, nodes, client, shopClient, q: (name: string, type: Parameters<typeof h.plane.dns.query>[1] = 'A') => h.plane.dns.query(name, type) };
}

const queries = (hops: readonly Hop[]) => hops.filter((x): x is Extract<Hop, { step: 'dns-query' }> => x.step === 'dns-query').map((x) => [x.name, x.answer]);

describe('CoreDNS records', () => {
  it('answers A for ClusterIP services, case-insensitively, with or without the root dot', () => {
    const { q } = dnsCluster();
    expect(q('mongodb-svc.default.svc.cluster.local').answers).toEqual([{ name: 'mongodb-svc.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.0.53.7' }]);
    expect(q('MongoDB-Svc.Default.SVC.cluster.local.').answers.map((a) => a.data)).toEqual(['10.0.53.7']);
    expect(q('nope.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('mongodb-svc.shop.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('mongodb-svc.default.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('mongodb-svc.default.svc.cluster.local', 'AAAA')).toEqual({ rcode: 'NOERROR', answers: [] });
  });

  it('answers a headless service with its ready endpoints, NXDOMAIN when it has none, and hostnames', () => {
    const { q } = dnsCluster();
    expect(q('db.default.svc.cluster.local').answers.map((a) => a.data)).toEqual(['10.244.1.20', '10.244.2.20']);
    expect(q('empty.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('db-0.db.default.svc.cluster.local').answers.map((a) => a.data)).toEqual(['10.244.1.20']);
    expect(q('10-244-2-20.db.default.svc.cluster.local').answers.map((a) => a.data)).toEqual(['10.244.2.20']);
    expect(q('10-244-2-21.db.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('has SRV records for named ports only', () => {
    const { q } = dnsCluster();
    expect(q('_http._tcp.data-api.default.svc.cluster.local', 'SRV').answers.map((a) => a.data)).toEqual(['0 100 80 data-api.default.svc.cluster.local.']);
    expect(q('_pg._tcp.db.default.svc.cluster.local', 'SRV').answers.map((a) => a.data)).toEqual([
      '0 50 5432 db-0.db.default.svc.cluster.local.', '0 50 5432 10-244-2-20.db.default.svc.cluster.local.',
    ]);
    expect(q('_http._udp.data-api.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(q('__tcp.mongodb-svc.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(q('mongodb-svc.default.svc.cluster.local', 'SRV').answers).toEqual([]);
  });

  it('answers PTR for ClusterIPs and endpoint pod IPs, pod A records, ExternalName CNAMEs and dns-version', () => {
    const { q } = dnsCluster();
    expect(q('7.53.0.10.in-addr.arpa', 'PTR').answers.map((a) => a.data)).toEqual(['mongodb-svc.default.svc.cluster.local.']);
    expect(q('10.1.244.10.in-addr.arpa', 'PTR').answers.map((a) => a.data)).toEqual(['10-244-1-10.mongodb-svc.default.svc.cluster.local.']);
    expect(q('20.1.244.10.in-addr.arpa', 'PTR').answers.map((a) => a.data)).toEqual(['db-0.db.default.svc.cluster.local.']);
    expect(q('99.9.244.10.in-addr.arpa', 'PTR').rcode).toBe('NXDOMAIN');
    expect(q('10-244-1-10.default.pod.cluster.local').answers.map((a) => a.data)).toEqual(['10.244.1.10']);
    expect(q('10-244-1.default.pod.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('ext.default.svc.cluster.local').answers.map((a) => [a.type, a.data])).toEqual([['CNAME', 'example.com.'], ['A', '198.51.100.10']]);
    expect(q('dns-version.cluster.local', 'TXT').answers.map((a) => a.data)).toEqual(['"1.1.0"']);
    expect(q('kubernetes.io').answers.map((a) => a.data)).toEqual(['203.0.113.10']);
    expect(q('no-such-host.example').rcode).toBe('NXDOMAIN');
  });
});

describe('resolv.conf', () => {
  it('is what the kubelet writes for ClusterFirst, Default and None', () => {
    expect(formatResolvConf(podResolvConf(pod('p', { namespace: 'shop' })))).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.0.0.10\noptions ndots:5\n');
    expect(podResolvConf(pod('p'), { nodeSearch: ['abc.bx.internal.cloudapp.net'] }).search.at(-1)).toBe('abc.bx.internal.cloudapp.net');
    const withPolicy = (spec: Record<string, unknown>) => ({ ...pod('p'), spec: { ...pod('p').spec, ...spec } }) as ReturnType<typeof pod>;
    expect(formatResolvConf(podResolvConf(withPolicy({ dnsPolicy: 'Default' })))).toBe('nameserver 168.63.129.16\n');
    expect(formatResolvConf(podResolvConf(withPolicy({ hostNetwork: true })))).toBe('nameserver 168.63.129.16\n');
    expect(formatResolvConf(podResolvConf(withPolicy({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['corp.local'], options: [{ name: 'ndots', value: '2' }] } }))))
      .toBe('search corp.local\nnameserver 1.1.1.1\noptions ndots:2\n');
  });

  it('tries the search list first below ndots dots, the name first at or above it, and only the name with a trailing dot', () => {
    const conf = podResolvConf(pod('p'));
    expect(searchCandidates('a.b.c.d.e.f', conf)[0]).toBe('a.b.c.d.e.f');
    expect(searchCandidates('web', conf)).toEqual(['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
    expect(searchCandidates('web.default.svc.cluster.local.', conf)).toEqual(['web.default.svc.cluster.local']);
  });
});

describe('name resolution from a pod', () => {
  it('resolves the three spellings of a Service name from its own namespace, one dns-query hop per question', () => {
    const { h, client } = dnsCluster();
    const from = { kind: 'pod' as const, podUid: client.sandbox.podUid };
    const hopsFor = (name: string) => queries(h.runtime.network.connect(from, name, 27017).hops);
    expect(hopsFor('mongodb-svc')).toEqual([['mongodb-svc.default.svc.cluster.local', ['10.0.53.7']]]);
    expect(hopsFor('mongodb-svc.default')).toEqual([
      ['mongodb-svc.default.default.svc.cluster.local', 'NXDOMAIN'], ['mongodb-svc.default.svc.cluster.local', ['10.0.53.7']],
    ]);
    expect(hopsFor('mongodb-svc.default.svc.cluster.local')).toEqual([
      ['mongodb-svc.default.svc.cluster.local.default.svc.cluster.local', 'NXDOMAIN'],
      ['mongodb-svc.default.svc.cluster.local.svc.cluster.local', 'NXDOMAIN'],
      ['mongodb-svc.default.svc.cluster.local.cluster.local', 'NXDOMAIN'],
      ['mongodb-svc.default.svc.cluster.local', ['10.0.53.7']],
    ]);
    expect(hopsFor('mongodb-svc.default.svc.cluster.local.')).toEqual([['mongodb-svc.default.svc.cluster.local', ['10.0.53.7']]]);
    expect(h.runtime.network.connect(from, 'mongodb-svc', 27017).ok).toBe(true);
  });

  it('fails for a bare name from another namespace after every search domain, and works with the namespace', () => {
    const { h, shopClient } = dnsCluster();
    const from = { kind: 'pod' as const, podUid: shopClient.sandbox.podUid };
    const r = h.runtime.network.connect(from, 'mongodb-svc', 27017);
    expect(r).toMatchObject({ ok: false, error: 'ENOTFOUND' });
    expect(queries(r.hops)).toEqual([
      ['mongodb-svc.shop.svc.cluster.local', 'NXDOMAIN'], ['mongodb-svc.svc.cluster.local', 'NXDOMAIN'],
      ['mongodb-svc.cluster.local', 'NXDOMAIN'], ['mongodb-svc', 'NXDOMAIN'],
    ]);
    expect(h.runtime.network.connect(from, 'mongodb-svc.default', 27017).ok).toBe(true);
  });

  it('times out when no CoreDNS pod is running behind kube-dns', () => {
    const { h, client } = dnsCluster();
    const coredns = h.runtime.sandboxByIP('10.244.0.2')!;
    h.runtime.unregisterSandbox(coredns);
    h.api.delete('Pod', 'kube-system', coredns.name);
    h.settle(3000);
    const r = h.runtime.network.connect({ kind: 'pod', podUid: client.sandbox.podUid }, 'mongodb-svc', 27017, undefined, { timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: false, error: 'ETIMEDOUT', elapsedMs: 5000 });
    expect(r.hops).toEqual([{ step: 'timeout', ip: '10.0.0.10', port: 53, reason: 'connection timed out; no servers could be reached' }]);
    expect(h.runtime.network.connect({ kind: 'pod', podUid: client.sandbox.podUid }, '10.0.53.7', 27017).ok).toBe(true);
  });

  it('does not use cluster DNS from a node: only internet names resolve there', () => {
    const { h, nodes } = dnsCluster();
    const net = h.plane.network;
    expect(net.lookup({ kind: 'node', nodeName: nodes[0] }, 'mongodb-svc.default.svc.cluster.local').error).toBe('NXDOMAIN');
    expect(net.lookup({ kind: 'node', nodeName: nodes[0] }, 'github.com')).toMatchObject({ ok: true, server: '168.63.129.16', addresses: ['203.0.113.20'] });
  });
});
