import { describe, expect, it } from 'vitest';
import { endpointChainName, portProtoHash, servicePortChains } from '../../../sim/net/chain-names';
import { pickIptables, probabilityText, ruleProbability, serviceRulesFor, verdictFor } from '../../../sim/net/proxy-rules';
import type { Slice } from '../../../sim/net/endpoint-slice-model';
import { service } from './objects';

function slice(ports: { name: string; port: number; protocol?: string }[], endpoints: [string, string, Partial<{ ready: boolean; serving: boolean; terminating: boolean }>?][]): Slice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's', namespace: 'default' }, addressType: 'IPv4',
    ports: ports.map((p) => ({ protocol: 'TCP', ...p })),
    endpoints: endpoints.map(([ip, nodeName, c]) => ({
      addresses: [ip], nodeName, conditions: { ready: c?.ready ?? true, serving: c?.serving ?? c?.ready ?? true, terminating: c?.terminating ?? false },
      targetRef: { kind: 'Pod', name: ip, namespace: 'default', uid: `uid-${ip}` },
    })),
  } as Slice;
}

describe('chain names', () => {
  it('match the chains kube-proxy creates on a real cluster', () => {
    expect(servicePortChains('default/kubernetes:https', 'TCP').cluster).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(portProtoHash('kube-system/kube-dns:dns', 'UDP')).toBe('TCOU7JCQXEZGVUNU');
    expect(servicePortChains('default/web:http', 'tcp')).toEqual({
      cluster: 'KUBE-SVC-CDGGSHYLG3RE2FKL', local: 'KUBE-SVL-CDGGSHYLG3RE2FKL', external: 'KUBE-EXT-CDGGSHYLG3RE2FKL',
    });
    expect(endpointChainName('default/web:http', 'TCP', '10.244.1.5:8080')).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
    expect(endpointChainName('default/web:http', 'TCP', '10.244.1.5:8080')).not.toBe(endpointChainName('default/web:http', 'TCP', '10.244.1.6:8080'));
  });
});

describe('probabilities', () => {
  it('are 1/n, 1/(n-1), … printed as %0.10f, the last rule unconditional', () => {
    expect([5, 4, 3, 2].map(probabilityText)).toEqual(['0.2000000000', '0.2500000000', '0.3333333333', '0.5000000000']);
    expect(probabilityText(6)).toBe('0.1666666667');
    expect([0, 1, 2].map((i) => ruleProbability(i, 3))).toEqual([0.3333333333, 0.5, 1]);
  });

  it('walk the rules drawing one number per rule', () => {
    const draws = (xs: number[]) => { let i = 0; return () => xs[i++]; };
    expect(pickIptables(3, draws([0.2]))).toBe(0);
    expect(pickIptables(3, draws([0.5, 0.4]))).toBe(1);
    expect(pickIptables(3, draws([0.5, 0.6]))).toBe(2);
    expect(pickIptables(1, draws([]))).toBe(0);
  });
});

describe('serviceRulesFor', () => {
  const svc = service('web', { ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] });

  it('lists endpoints sorted by ip:port and balances over the ready ones', () => {
    const rules = serviceRulesFor('Service/default/web', svc, [slice([{ name: 'http', port: 8080 }], [
      ['10.244.1.9', 'n1'], ['10.244.1.10', 'n1', { ready: false }], ['10.244.0.7', 'n0'],
    ])]);
    const p = rules.ports[0];
    expect(p.portName).toBe('default/web:http');
    expect(p.endpoints.map((e) => e.address)).toEqual(['10.244.0.7:8080', '10.244.1.10:8080', '10.244.1.9:8080']);
    expect(p.clusterEndpoints.map((e) => e.address)).toEqual(['10.244.0.7:8080', '10.244.1.9:8080']);
    expect(verdictFor(p, 'n0', 'internal', false)).toMatchObject({ kind: 'forward', chain: 'KUBE-SVC-CDGGSHYLG3RE2FKL' });
  });

  it('falls back to serving terminating endpoints when none is ready', () => {
    const rules = serviceRulesFor('k', svc, [slice([{ name: 'http', port: 8080 }], [
      ['10.244.0.7', 'n0', { ready: false, serving: true, terminating: true }], ['10.244.0.8', 'n0', { ready: false, serving: false, terminating: true }],
    ])]);
    expect(rules.ports[0].clusterEndpoints.map((e) => e.ip)).toEqual(['10.244.0.7']);
  });

  it('REJECTs with no endpoints and DROPs Local-policy traffic on a node without local ones', () => {
    const empty = serviceRulesFor('k', svc, []).ports[0];
    expect(verdictFor(empty, 'n0', 'internal', false)).toEqual({ kind: 'reject', comment: 'default/web:http has no endpoints' });
    expect(verdictFor(empty, 'n0', 'external', false).kind).toBe('reject');
    const local = service('web', { type: 'NodePort', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 30080, protocol: 'TCP' }] });
    const p = serviceRulesFor('k', local, [slice([{ name: 'http', port: 80 }], [['10.244.0.7', 'n0']])]).ports[0];
    expect(verdictFor(p, 'n1', 'external', false)).toEqual({ kind: 'drop', comment: 'default/web:http has no local endpoints' });
    expect(verdictFor(p, 'n1', 'internal', false).kind).toBe('drop');
    expect(verdictFor(p, 'n1', 'external', true)).toMatchObject({ kind: 'forward', chain: p.chains.cluster });
    expect(verdictFor(p, 'n0', 'external', false)).toMatchObject({ kind: 'forward', chain: p.chains.local });
  });

  it('takes over unchanged endpoints from the rules published before, and rebuilds changed ones', () => {
    const before = serviceRulesFor('k', svc, [slice([{ name: 'http', port: 8080 }], [['10.244.0.7', 'n0'], ['10.244.0.8', 'n1']])]);
    const after = serviceRulesFor('k', svc, [slice([{ name: 'http', port: 8080 }], [
      ['10.244.0.7', 'n0'], ['10.244.0.8', 'n1', { ready: false, serving: false }], ['10.244.0.9', 'n1'],
    ])], before);
    const [kept, changed, added] = after.ports[0].endpoints;
    expect(kept).toBe(before.ports[0].endpoints[0]);
    expect(changed).not.toBe(before.ports[0].endpoints[1]);
    expect([changed.address, changed.ready, added.address]).toEqual(['10.244.0.8:8080', false, '10.244.0.9:8080']);
    const fresh = serviceRulesFor('k', svc, [slice([{ name: 'http', port: 8080 }], [
      ['10.244.0.7', 'n0'], ['10.244.0.8', 'n1', { ready: false, serving: false }], ['10.244.0.9', 'n1'],
    ])]);
    expect(after).toEqual(fresh);
  });

  it('has no rules for headless and ExternalName services, and takes LB IPs only from status', () => {
    expect(serviceRulesFor('k', service('db', { clusterIP: 'None' }), []).ports).toEqual([]);
    expect(serviceRulesFor('k', service('db', { type: 'ExternalName', externalName: 'example.com', clusterIP: undefined }), []).ports).toEqual([]);
    const lb = { ...service('web', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }), status: { loadBalancer: { ingress: [{ ip: '20.101.2.3' }] } } };
    const p = serviceRulesFor('k', lb, []).ports[0];
    expect([p.loadBalancerIPs, p.nodePort, p.portName]).toEqual([['20.101.2.3'], 31000, 'default/web']);
  });
});
