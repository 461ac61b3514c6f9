import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/engine';
import { runLine } from '../../sim/cli/run-script';
import type { TrafficFlow, TrafficSample } from '../../sim/protocol';
import type { Hop } from '../../sim/net/types';
import { ruleProbability } from '../../sim/net/proxy-rules';
import { endpointNumber, hopStep, probabilityText, sampleSummary, traceSteps } from '../../src/features/traffic/hop-trace';
import { MONGO_DEPLOYMENT, MONGO_SERVICE, dataApiDeployment, writeFile } from '../scenarios/manifests';

function rule(probability: number, endpoints: number, mode: 'iptables' | 'ipvs' | 'affinity' = 'iptables'): Hop {
  return { step: 'rule', node: 'aks-nodepool1-1-vmss000000', chain: 'KUBE-SVC-ABCDEFGHIJKLMNOP', probability, endpoints, mode };
}

describe('hop trace wording', () => {
  it('tells which endpoint an iptables rule picked from its probability, as kube-proxy writes them', () => {
    for (const n of [1, 2, 3, 7]) {
      for (let i = 0; i < n; i++) expect(endpointNumber(ruleProbability(i, n), n)).toBe(i + 1);
    }
    expect(endpointNumber(0.3, 3)).toBeUndefined();
    expect(probabilityText(0.5)).toBe('0.5000000000');
    expect(hopStep(rule(0.5, 3)).text).toBe('KUBE-SVC-ABCDEFGHIJKLMNOP picked endpoint 2 of 3 with probability 0.5000000000');
    expect(hopStep(rule(ruleProbability(0, 3), 3)).text).toBe('KUBE-SVC-ABCDEFGHIJKLMNOP picked endpoint 1 of 3 with probability 0.3333333333');
    expect(hopStep(rule(1, 3)).text).toMatch(/picked endpoint 3 of 3: the last rule.*\(probability 1\)$/);
    expect(hopStep(rule(1, 3)).detail).toContain('each of the 3 endpoints gets 1/3 of new connections');
    expect(hopStep(rule(1, 1)).text).toBe('KUBE-SVC-ABCDEFGHIJKLMNOP picked its only endpoint (probability 1)');
    expect(hopStep(rule(1, 4, 'affinity')).text).toMatch(/sent this client back to the endpoint it used before$/);
    expect(hopStep({ ...rule(1, 4, 'ipvs'), chain: 'TCP 10.0.1.2:80 rr' } as Hop).text).toBe('TCP 10.0.1.2:80 rr picked the next of 4 endpoints (round robin)');
  });

  it('says where and why a request failed', () => {
    const refused = hopStep({ step: 'reject', node: 'n1', reason: 'default/web has no endpoints' });
    expect([refused.tone, refused.text, refused.detail]).toEqual(['fail', 'kube-proxy on n1 rejected the connection', 'default/web has no endpoints']);
    const stale: TrafficSample = {
      seq: 9, flowId: 'pets: by pod IP', at: 61_000, fromPod: 'client-1', ok: false, error: 'ETIMEDOUT', elapsedMs: 2000,
      hops: [{ step: 'timeout', ip: '10.244.1.10', port: 80, reason: 'no host answers at this address' }],
    };
    const steps = traceSteps(stale);
    expect(steps.map((s) => s.text)).toEqual([
      'GET from pod client-1', 'no answer from 10.244.1.10:80', 'ETIMEDOUT (timed out) after 2000 ms',
    ]);
    expect(steps.map((s) => s.tone)).toEqual(['plain', 'fail', 'fail']);
    expect(steps[1].detail).toBe('no host answers at this address');
    expect(sampleSummary(stale)).toEqual({ from: 'client-1', to: '10.244.1.10:80', outcome: 'ETIMEDOUT', ok: false });
    const nx: TrafficSample = {
      seq: 10, flowId: 'f', at: 0, fromPod: 'c', ok: false, error: 'ENOTFOUND', elapsedMs: 2,
      hops: [{ step: 'dns-query', name: 'nope.default.svc.cluster.local', server: '10.0.0.10', answer: 'NXDOMAIN' }, { step: 'dns-query', name: 'nope', server: '10.0.0.10', answer: 'NXDOMAIN' }],
    };
    expect(traceSteps(nx).map((s) => s.tone)).toEqual(['plain', 'miss', 'miss', 'fail']);
    expect(sampleSummary(nx).to).toBe('nope');
  });

  it('walks a real request from data-api to mongodb-svc: search list, DNS answer, VIP, rule, DNAT, node, pod', () => {
    const sim = createSimulation({ seed: 11 });
    for (const line of [
      writeFile('m.yaml', MONGO_DEPLOYMENT), 'kubectl apply -f m.yaml', writeFile('s.yaml', MONGO_SERVICE), 'kubectl apply -f s.yaml',
      writeFile('d.yaml', dataApiDeployment('mongodb://mongodb-svc.default')), 'kubectl apply -f d.yaml',
    ]) runLine(sim, line);
    sim.advance(60_000);
    const flow: TrafficFlow = { id: 'data-api → mongodb-svc', from: { kind: 'pods', namespace: 'default', selector: 'app=data-api' }, host: 'mongodb-svc', port: 27017, path: '/', everyMs: 500 };
    expect(sim.dispatch({ type: 'traffic', flows: [flow] }).ok).toBe(true);
    sim.frame(0);
    sim.advance(1_000);
    const [s] = sim.frame(sim.store.resourceVersion).traffic;
    const clusterIP = (sim.get('Service', 'default', 'mongodb-svc') as { spec: { clusterIP: string } }).spec.clusterIP;
    const mongo = sim.store.list('Pod', 'default').find((p) => p.metadata.name.startsWith('mongodb-'))!;
    const podIP = (mongo.status as { podIP: string }).podIP;
    const steps = traceSteps(s, flow);
    const text = steps.map((x) => `${x.title}: ${x.text}`);
    expect(text[0]).toBe(`request: GET mongodb-svc:27017/ from pod ${s.fromPod}`);
    expect(text[1]).toMatch(/^resolv\.conf: "mongodb-svc" has fewer dots than ndots/);
    expect(text[2]).toBe(`DNS: mongodb-svc.default.svc.cluster.local → ${clusterIP}`);
    expect(text[3]).toBe(`Service VIP: ${clusterIP}:27017 is the ClusterIP of Service default/mongodb-svc`);
    expect(text[4]).toMatch(/^kube-proxy rule: KUBE-SVC-[A-Z2-7]{16} picked its only endpoint \(probability 1\)$/);
    expect(text[5]).toBe(`DNAT: destination rewritten to ${podIP}:27017`);
    expect(text).toContain(`pod: pod ${mongo.metadata.name} (default) on ${(mongo.spec as { nodeName: string }).nodeName} accepted on port 27017`);
    expect(text.at(-1)).toMatch(new RegExp(`^done: answered by ${mongo.metadata.name} in \\d+ ms$`));
    expect(steps.every((x) => x.tone !== 'fail')).toBe(true);
  });
});
