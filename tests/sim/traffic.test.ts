import { describe, expect, it } from 'vitest';
import { createSimulation, replay } from '../../sim/engine';
import { runLine } from '../../sim/cli/run-script';
import type { TrafficSample } from '../../sim/protocol';

function cluster(seed: number) {
  const sim = createSimulation({ seed });
  runLine(sim, 'kubectl create deployment web --image=nginx:v1 --replicas=3 --port=80');
  runLine(sim, 'kubectl expose deployment web --port=80 --type=LoadBalancer');
  sim.advance(40_000);
  return sim;
}

describe('steady traffic and faults', () => {
  it('sends one request per interval through the LoadBalancer and spreads it over the pods', () => {
    const sim = cluster(5);
    const ip = (sim.get('Service', 'default', 'web') as { status: { loadBalancer: { ingress: { ip: string }[] } } }).status.loadBalancer.ingress[0].ip;
    expect(sim.dispatch({ type: 'traffic', flows: [{ id: 'clients', from: { kind: 'external' }, host: ip, port: 80, path: '/', everyMs: 100 }] }).ok).toBe(true);
    sim.frame(0);
    sim.advance(10_000);
    const samples = sim.frame(sim.store.resourceVersion).traffic;
    expect(samples).toHaveLength(100);
    expect(samples.every((s) => s.ok && s.status === 200)).toBe(true);
    expect(new Set(samples.map((s) => s.toPod)).size).toBe(3);
    expect(samples[0].hops.map((h) => h.step)).toEqual(['load-balancer', 'node-port', 'rule', 'dnat', 'route', 'pod', 'response']);
  });

  it('shows failed requests when every pod is failing its readiness probe', () => {
    const sim = cluster(6);
    sim.dispatch({ type: 'traffic', flows: [{ id: 'c', from: { kind: 'pods', namespace: 'kube-system', selector: 'k8s-app=kube-dns' }, host: 'web.default', port: 80, path: '/', everyMs: 200 }] });
    for (const p of sim.store.list('Pod', 'default')) {
      expect(sim.dispatch({ type: 'fault', fault: { kind: 'failProbe', namespace: 'default', name: p.metadata.name, probe: 'readiness', on: true } }).ok).toBe(true);
    }
    sim.frame(0);
    sim.advance(20_000);
    const late: TrafficSample[] = sim.frame(sim.store.resourceVersion).traffic.filter((s) => s.at > sim.now - 10_000);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((s) => !s.ok && s.error === 'ECONNREFUSED')).toBe(true);
  });

  it('replays traffic and faults exactly', () => {
    const sim = cluster(7);
    sim.dispatch({ type: 'traffic', flows: [{ id: 'c', from: { kind: 'external' }, host: '10.224.0.4', port: 80, path: '/', everyMs: 500 }] });
    const pod = sim.store.list('Pod', 'default')[0].metadata.name;
    sim.dispatch({ type: 'fault', fault: { kind: 'deletePod', namespace: 'default', name: pod } });
    sim.advance(30_000);
    const again = replay(sim.record());
    again.runUntil(sim.now, Number.POSITIVE_INFINITY);
    expect(again.store.list('Pod', 'default').map((p) => `${p.metadata.name} ${(p.status as { podIP?: string }).podIP}`))
      .toEqual(sim.store.list('Pod', 'default').map((p) => `${p.metadata.name} ${(p.status as { podIP?: string }).podIP}`));
  });
});
