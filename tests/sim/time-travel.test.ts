// Time travel: the cluster at a past moment rebuilt from the run record on replicas, and the diff between two
// moments (pods, IPs, Services, endpoints, events).
import { describe, expect, it } from 'vitest';
import { createSimulation, replay, type Simulation } from '../../sim/engine';
import type { K8sObject, Pod } from '../../sim/model/types';
import type { Frame, RunRecord } from '../../sim/protocol';
import { TimeMachine } from '../../sim/view/time-travel';
import { createWorkerApi } from '../../sim/worker/api';
import { diffClusters, MAX_DIFF_EVENTS, type EventFacts } from '../../sim/view/time-travel-diff';

function exec(sim: Simulation, line: string): void {
  const r = sim.dispatch({ type: 'exec', line });
  if (!r.ok) throw new Error(r.error);
  expect(r.exitCode ?? 0).toBe(0);
}

const webPods = (objects: Iterable<K8sObject>): Pod[] =>
  [...objects].filter((o) => o.kind === 'Pod' && o.metadata.name.startsWith('web-')) as unknown as Pod[];

/** A run: a deployment of two behind a Service, then one pod deleted at 60 s and replaced by 120 s. */
function podDeletionRun(): { sim: Simulation; record: RunRecord; victim: Pod; survivor: Pod } {
  const sim = createSimulation({ seed: 7 });
  exec(sim, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
  exec(sim, 'kubectl expose deployment web --port=80');
  sim.runUntil(60_000);
  const [victim, survivor] = webPods(sim.store.all()).sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
  expect(victim.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
  exec(sim, `kubectl delete pod ${victim.metadata!.name} --wait=false`);
  sim.runUntil(120_000);
  return { sim, record: sim.record(), victim, survivor };
}

const sorted = (frame: Frame): string =>
  JSON.stringify([...frame.upserts].sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)
    || `${a.kind}/${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.namespace}/${b.metadata.name}`)));

describe('TimeMachine.viewAt', () => {
  it('shows a deleted pod with its IP before the deletion, and its replacement after', () => {
    const { record, victim } = podDeletionRun();
    const tm = new TimeMachine();
    const before = tm.viewAt(record, 59_000);
    expect(before.full).toBe(true);
    expect(before.time).toBe(59_000);
    const old = webPods(before.upserts).find((p) => p.metadata!.name === victim.metadata!.name);
    expect(old?.status?.podIP).toBe(victim.status?.podIP);
    expect(webPods(before.upserts)).toHaveLength(2);

    const after = tm.viewAt(record, 120_000);
    const names = webPods(after.upserts).map((p) => p.metadata!.name);
    expect(names).not.toContain(victim.metadata!.name);
    expect(names).toHaveLength(2);
  });

  it('is deterministic: the same moment twice, from a fresh or a reused replica, gives the same frame', () => {
    const { record } = podDeletionRun();
    const a = new TimeMachine().viewAt(record, 90_000);
    const tm = new TimeMachine();
    tm.viewAt(record, 30_000);
    const continued = tm.viewAt(record, 90_000);
    expect(sorted(continued)).toBe(sorted(a));
    expect(sorted(new TimeMachine().viewAt(record, 90_000))).toBe(sorted(a));
  });

  it('matches the live cluster at its own time and replay of the record up to the moment', () => {
    const { sim, record } = podDeletionRun();
    const live = sim.frame(0);
    expect(sorted(new TimeMachine().viewAt(record, sim.now))).toBe(sorted(live));
    const truncated: RunRecord = { ...record, commands: record.commands.filter((c) => c.at <= 45_000) };
    const replica = replay(truncated);
    replica.runUntil(45_000);
    expect(sorted(new TimeMachine().viewAt(record, 45_000))).toBe(sorted(replica.frame(0)));
  });

  it('leaves the live simulation untouched', () => {
    const { sim, record } = podDeletionRun();
    const rv = sim.store.resourceVersion;
    const now = sim.now;
    const before = sorted(sim.frame(0));
    const tm = new TimeMachine();
    tm.viewAt(record, 10_000);
    tm.diffBetween(record, 10_000, 110_000);
    expect(sim.store.resourceVersion).toBe(rv);
    expect(sim.now).toBe(now);
    expect(sorted(sim.frame(0))).toBe(before);
  });

  it('keeps at most three replicas and never continues a replica past a command it did not see', () => {
    const { sim, record } = podDeletionRun();
    const tm = new TimeMachine();
    for (const t of [100_000, 80_000, 40_000, 20_000]) tm.viewAt(record, t);
    expect(tm.size).toBe(3);
    tm.clear();
    expect(tm.size).toBe(0);
    tm.viewAt(record, 100_000);
    // A branch: the same seed with a different command at 70 s; a replica at 100 s of the old run must not serve it.
    const branch: RunRecord = { ...record, commands: [...record.commands.filter((c) => c.at <= 60_000),
      { at: 70_000, command: { type: 'exec', line: 'kubectl scale deployment web --replicas=3' } }] };
    const view = tm.viewAt(branch, 110_000);
    expect(webPods(view.upserts)).toHaveLength(3);
    const fresh = replay(branch);
    fresh.runUntil(110_000);
    expect(sorted(view)).toBe(sorted(fresh.frame(0)));
    expect(sim.now).toBe(120_000);
  });
});

describe('the worker API', () => {
  it('answers viewAt and diffBetween for the exported run without moving the live cluster', async () => {
    const api = createWorkerApi();
    await api.init({ seed: 7 });
    await api.dispatch({ type: 'exec', line: 'kubectl create deployment web --image=nginx:1.27 --replicas=2' });
    const live = await api.advance(60_000, 0);
    const victim = webPods(live.upserts)[0];
    await api.dispatch({ type: 'exec', line: `kubectl delete pod ${victim.metadata!.name} --wait=false` });
    const now = await api.advance(60_000, live.rv);
    const past = await api.viewAt(await api.exportRun(), 30_000);
    expect(webPods(past.upserts).map((p) => p.status?.podIP)).toContain(victim.status!.podIP);
    const diff = await api.diffBetween(await api.exportRun(), 30_000, now.time);
    expect(diff.podsRemoved.map((p) => p.name)).toEqual([victim.metadata!.name]);
    const after = await api.advance(0, now.rv);
    expect(after.time).toBe(now.time);
    expect(after.upserts).toEqual([]);
  });
});

describe('TimeMachine.diffBetween', () => {
  it('lists the deleted pod with its IP, its replacement, the endpoint change and the events in between', () => {
    const { record, victim, survivor } = podDeletionRun();
    const diff = new TimeMachine().diffBetween(record, 59_000, 120_000);
    expect(diff.fromMs).toBe(59_000);
    expect(diff.toMs).toBe(120_000);
    expect(diff.podsRemoved).toEqual([expect.objectContaining({
      namespace: 'default', name: victim.metadata!.name, ip: victim.status!.podIP, node: victim.spec!.nodeName,
    })]);
    expect(diff.podsAdded).toHaveLength(1);
    const added = diff.podsAdded[0];
    expect(added.name).toMatch(/^web-/);
    expect(added.name).not.toBe(victim.metadata!.name);
    expect(added.ip).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(added.ip).not.toBe(victim.status!.podIP);
    expect(diff.podIpChanges).toEqual([]);
    expect(diff.serviceChanges).toEqual([]);
    const web = diff.endpointChanges.find((c) => c.service === 'web');
    expect(web).toEqual({ namespace: 'default', service: 'web', added: [{ ip: added.ip, pod: added.name }],
      removed: [{ ip: victim.status!.podIP, pod: victim.metadata!.name }] });
    expect(diff.endpointChanges.some((c) => c.service === 'web' && c.removed.some((a) => a.pod === survivor.metadata!.name))).toBe(false);
    const reasons = diff.events.map((e) => `${e.reason} ${e.object}`);
    expect(reasons).toContain(`Killing Pod/${victim.metadata!.name}`);
    expect(reasons).toContain(`Scheduled Pod/${added.name}`);
    expect(reasons).toContain(`SuccessfulCreate ReplicaSet/${added.name.split('-').slice(0, 2).join('-')}`);
    for (const e of diff.events) {
      expect(e.at).toBeGreaterThan(59_000);
      expect(e.at).toBeLessThanOrEqual(120_000);
    }
    expect(diff.events.map((e) => e.at)).toEqual([...diff.events.map((e) => e.at)].sort((a, b) => a - b));
  });

  it('takes the moments in time order and is empty between a moment and itself', () => {
    const { record } = podDeletionRun();
    const tm = new TimeMachine();
    const back = tm.diffBetween(record, 120_000, 59_000);
    expect(back.fromMs).toBe(59_000);
    expect(back.podsRemoved).toHaveLength(1);
    const none = tm.diffBetween(record, 30_000, 30_000);
    expect([none.podsAdded, none.podsRemoved, none.endpointChanges, none.events]).toEqual([[], [], [], []]);
  });
});

const pod = (name: string, uid: string, ip?: string): K8sObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid },
  spec: { nodeName: 'node-1', containers: [] }, status: ip ? { phase: 'Running', podIP: ip } : { phase: 'Pending' },
});
const svc = (name: string, uid: string, clusterIP: string, lb?: string): K8sObject => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', uid },
  spec: { type: lb === undefined ? 'ClusterIP' : 'LoadBalancer', clusterIP }, status: { loadBalancer: { ingress: lb ? [{ ip: lb }] : [] } },
});

describe('diffClusters (pure)', () => {
  it('reports pod IPs assigned, a same-name pod recreated, and an external IP published', () => {
    const from = [pod('a', 'u1'), pod('db-0', 'u2', '10.244.0.5'), svc('front', 's1', '10.0.1.2', '')];
    const to = [pod('a', 'u1', '10.244.1.9'), pod('db-0', 'u3', '10.244.2.4'), svc('front', 's1', '10.0.1.2', '20.1.2.3'), svc('new', 's2', '10.0.3.3')];
    const diff = diffClusters(0, from, 1000, to, []);
    expect(diff.podIpChanges).toEqual([{ namespace: 'default', name: 'a', from: undefined, to: '10.244.1.9' }]);
    expect(diff.podsRemoved.map((p) => `${p.name} ${p.uid} ${p.ip}`)).toEqual(['db-0 u2 10.244.0.5']);
    expect(diff.podsAdded.map((p) => `${p.name} ${p.uid} ${p.ip}`)).toEqual(['db-0 u3 10.244.2.4']);
    expect(diff.serviceChanges).toEqual([{ namespace: 'default', name: 'front', externalIPs: { from: [], to: ['20.1.2.3'] } }]);
    expect(diff.servicesAdded.map((s) => `${s.name} ${s.clusterIP}`)).toEqual(['new 10.0.3.3']);
    expect(diff.servicesRemoved).toEqual([]);
  });

  it('keeps only the most recent events', () => {
    const events: EventFacts[] = Array.from({ length: MAX_DIFF_EVENTS + 5 }, (_, i) => ({
      at: i, type: 'Normal', reason: 'Pulled', object: 'Pod/x', namespace: 'default', message: `m${i}`, count: 1,
    }));
    const diff = diffClusters(0, [], 1, [], events);
    expect(diff.events).toHaveLength(MAX_DIFF_EVENTS);
    expect(diff.events[0].message).toBe('m5');
    expect(diff.eventsOmitted).toBe(5);
  });
});
