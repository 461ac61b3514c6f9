import { describe, expect, it } from 'vitest';
import type { Pod } from '../../sim/model/types';
import { listOf, objectsOf } from '../../src/lib/cluster-view';
import { HistoryTracker, REPLACEMENT_WINDOW_MS } from '../../src/features/topology/history';
import { claimReplacement, type Departure } from '../../src/features/topology/replacements';
import { addressBook } from '../../src/features/topology/address-book';
import { startPage } from './topology-sim-views';

const DEFAULT = { namespace: 'default', showSystem: false };

function module4Page() {
  const page = startPage(1);
  const tracker = new HistoryTracker();
  tracker.observe(page.view);
  page.run('kubectl create deployment data-api --image=nginx:1.27 --replicas=3');
  page.run('kubectl expose deployment data-api --name=data-api-svc --port=80 --target-port=80 --type=LoadBalancer');
  return { page, tracker, feed: (ms: number) => page.advance(ms, 250, (v) => tracker.observe(v)) };
}

const pods = (page: ReturnType<typeof startPage>) => listOf<Pod>(objectsOf(page.view, 'Pod'), 'default');

describe('history of a session', () => {
  it('records every pod name and IP of a Deployment, and the one ClusterIP and external IP of its Service', () => {
    const { page, tracker, feed } = module4Page();
    feed(1_000);
    const svc = tracker.service('default/data-api-svc')!;
    expect(svc.pendingSinceMs).toBeDefined();
    expect(svc.assignedMs).toBeUndefined();
    feed(40_000);
    expect(svc.assignedMs).toBeGreaterThan(svc.pendingSinceMs!);
    expect(svc.addresses.map((a) => a.kind)).toEqual(['ClusterIP', 'external']);
    const w = tracker.workload('Deployment/default/data-api')!;
    expect(w.podCount).toBe(3);
    expect(w.ips.size).toBe(3);
    expect(w.pods.map((p) => p.name).sort()).toEqual(pods(page).map((p) => p.metadata.name).sort());

    const victim = pods(page)[0];
    page.run(`kubectl delete pod ${victim.metadata.name} --wait=false`);
    feed(40_000);
    expect(w.podCount).toBe(4);
    expect(w.ips.size).toBe(4);
    const gone = w.pods.find((p) => p.name === victim.metadata.name)!;
    expect(gone.goneMs).toBeDefined();
    const newcomer = w.pods[w.pods.length - 1];
    expect(newcomer.name).not.toBe(victim.metadata.name);
    expect(newcomer.ip).not.toBe(victim.status!.podIP);
    expect(newcomer.replaces).toMatchObject({ name: victim.metadata.name, ip: victim.status!.podIP });
    expect(tracker.replacementFor(newcomer.uid)?.name).toBe(victim.metadata.name);
    // The Service kept its addresses: still one ClusterIP and one external IP.
    expect(svc.addresses).toHaveLength(2);

    const [line] = addressBook(page.view, tracker, DEFAULT);
    expect(line.text).toBe('data-api: pod IPs seen 4 · service addresses 1 · external IPs 1');
    expect(line).toMatchObject({ workload: 'data-api', service: 'data-api-svc', serviceRef: 'default/data-api-svc', podNames: 4 });
  });

  it('counts at a past moment only what had been seen by then, and at least what that moment shows', () => {
    const { page, tracker, feed } = module4Page();
    feed(1_000);
    const pending = page.view;
    feed(40_000);
    const before = page.view;
    const victim = pods(page)[0];
    page.run(`kubectl delete pod ${victim.metadata.name} --wait=false`);
    feed(40_000);
    expect(addressBook(page.view, tracker, DEFAULT)[0].text).toBe('data-api: pod IPs seen 4 · service addresses 1 · external IPs 1');
    // Shown before the deletion: three IPs, the external IP already there.
    expect(addressBook(before, tracker, DEFAULT, before.time)[0].text).toBe('data-api: pod IPs seen 3 · service addresses 1 · external IPs 1');
    // Shown while the load balancer was pending: no external IP yet.
    const early = addressBook(pending, tracker, DEFAULT, pending.time)[0];
    expect(early.externalAddresses).toBe(0);
    expect(early.serviceAddresses).toBe(1);
    // A history begun later (a restored session) still counts what the past moment itself shows.
    const late = new HistoryTracker();
    late.observe(page.view);
    expect(addressBook(before, late, DEFAULT, before.time)[0]).toMatchObject({ podIps: 3, serviceAddresses: 1, externalAddresses: 1 });
  });

  it('names the pod a deletion removed as the one replaced, not one a scale-down or an undone rollout removed', () => {
    const { page, tracker, feed } = module4Page();
    feed(30_000);
    page.run('kubectl set image deployment/data-api nginx=nginx:no-such-tag');
    feed(20_000);
    page.run('kubectl rollout undo deployment/data-api');
    page.run('kubectl scale deployment data-api --replicas=2');
    feed(20_000);
    const active = pods(page).filter((p) => !p.metadata.deletionTimestamp);
    expect(active).toHaveLength(2);
    const victim = active[0];
    page.run(`kubectl delete pod ${victim.metadata.name} --wait=false`);
    feed(20_000);
    const w = tracker.workload('Deployment/default/data-api')!;
    const newcomer = w.pods[w.pods.length - 1];
    expect(newcomer.name).not.toBe(victim.metadata.name);
    expect(newcomer.replaces).toMatchObject({ name: victim.metadata.name, ip: victim.status!.podIP });
    // Only the deleted pod was ever replaced: the broken pod the undo removed and the scaled-down pod were not.
    expect(w.pods.filter((p) => p.replaces !== undefined).map((p) => p.replaces!.name)).toEqual([victim.metadata.name]);
  });

  it('does not call a scale-up a replacement, and only observes a view once', () => {
    const { page, tracker, feed } = module4Page();
    feed(10_000);
    const version = tracker.observe(page.view);
    expect(tracker.observe(page.view)).toBe(version);
    page.run('kubectl scale deployment data-api --replicas=5');
    feed(10_000);
    const w = tracker.workload('Deployment/default/data-api')!;
    expect(w.podCount).toBe(5);
    expect(w.pods.every((p) => p.replaces === undefined)).toBe(true);
  });

  it('lists a Deployment without a Service as such', () => {
    const page = startPage(2);
    const tracker = new HistoryTracker();
    page.run('kubectl create deployment lonely --image=nginx:1.27 --replicas=2');
    page.advance(10_000, 250, (v) => tracker.observe(v));
    expect(addressBook(page.view, tracker, DEFAULT).map((l) => l.text)).toEqual(['lonely: pod IPs seen 2 · no Service']);
    expect(addressBook(page.view, tracker, { namespace: 'other', showSystem: false })).toEqual([]);
  });
});

describe('claiming a replacement', () => {
  it('takes the oldest unclaimed departure inside the window, once', () => {
    const queue: Departure[] = [
      { name: 'old-a', ip: '10.244.0.5', atMs: 1_000, claimed: false },
      { name: 'old-b', ip: '10.244.0.6', atMs: 2_000, claimed: false },
    ];
    expect(claimReplacement(queue, 2_500, REPLACEMENT_WINDOW_MS)?.name).toBe('old-a');
    expect(claimReplacement(queue, 2_500, REPLACEMENT_WINDOW_MS)?.name).toBe('old-b');
    expect(claimReplacement(queue, 2_500, REPLACEMENT_WINDOW_MS)).toBeUndefined();
    const stale: Departure[] = [{ name: 'old', ip: undefined, atMs: 0, claimed: false }];
    expect(claimReplacement(stale, REPLACEMENT_WINDOW_MS + 1, REPLACEMENT_WINDOW_MS)).toBeUndefined();
    expect(claimReplacement(undefined, 0, 1)).toBeUndefined();
  });
});
