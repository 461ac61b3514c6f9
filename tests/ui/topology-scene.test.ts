import { describe, expect, it } from 'vitest';
import type { Pod } from '../../sim/model/types';
import { listOf, objectsOf } from '../../src/lib/cluster-view';
import { HistoryTracker } from '../../src/features/topology/history';
import { SceneBuilder } from '../../src/features/topology/scene';
import type { Scene } from '../../src/features/topology/scene-types';
import { REPLACES_LABEL_MS } from '../../src/features/topology/scene-pods';
import { startPage } from './topology-sim-views';

const DEFAULT = { namespace: 'default', showSystem: false };
const inside = (r: { x: number; y: number; width: number; height: number }, o: typeof r) =>
  r.x >= o.x && r.y >= o.y && r.x + r.width <= o.x + o.width && r.y + r.height <= o.y + o.height;

function watch(seed = 1, width = 1000, filter = DEFAULT, profile?: Parameters<typeof startPage>[1]) {
  const page = startPage(seed, profile);
  const tracker = new HistoryTracker();
  const builder = new SceneBuilder();
  const build = (): Scene => builder.build({ view: page.view, filter, width, history: tracker, historyVersion: tracker.observe(page.view) });
  let scene = build();
  return {
    page, tracker,
    get scene() { return scene; },
    feed(ms: number, each?: (s: Scene) => void) {
      page.advance(ms, 250, () => { scene = build(); each?.(scene); });
    },
  };
}

describe('the cluster picture', () => {
  it('draws nodes as regions with their pods inside, and services as anchors with ClusterIP, DNS name and lines to ready endpoints', () => {
    const w = watch();
    expect(w.scene.nodes.map((n) => n.status)).toEqual(['Ready', 'Ready', 'Ready']);
    expect(w.scene.nodes.every((n) => /^10\.244\.\d+\.0\/24$/.test(n.cidr) && /^10\.224\.\d+\.\d+$/.test(n.internalIP))).toBe(true);
    // The system pods are hidden by default; the kubernetes Service is in default.
    expect(w.scene.podCount).toBe(0);
    expect(w.scene.services.map((s) => s.facts.name)).toEqual(['kubernetes']);

    w.page.run('kubectl create deployment data-api --image=nginx:1.27 --replicas=3');
    w.page.run('kubectl expose deployment data-api --name=data-api-svc --port=80 --type=LoadBalancer');
    w.feed(2_000);
    const anchor = w.scene.services.find((s) => s.facts.name === 'data-api-svc')!;
    expect(anchor.facts).toMatchObject({ type: 'LoadBalancer', dns: 'data-api-svc.default.svc.cluster.local', pending: true, external: '<pending>' });
    expect(anchor.facts.clusterIP).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(anchor.facts.ports).toMatch(/^80:3\d{4}→80\/TCP$/);
    expect(anchor.pendingSinceMs).toBeDefined();
    w.feed(40_000);
    const assigned = w.scene.services.find((s) => s.facts.name === 'data-api-svc')!;
    expect(assigned.facts.pending).toBe(false);
    expect(assigned.facts.external).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(assigned.assignedMs).toBeGreaterThan(assigned.pendingSinceMs!);
    expect(assigned.rect).toEqual(anchor.rect);

    const tokens = w.scene.nodes.flatMap((n) => n.tokens.map((t) => ({ t, n })));
    expect(tokens).toHaveLength(3);
    for (const { t, n } of tokens) {
      expect(inside(t.rect, n.rect)).toBe(true);
      expect(t.node).toBe(n.name);
      expect(t.state.look).toBe('running');
      expect(t.ip).toMatch(/^10\.244\.\d+\.\d+$/);
    }
    const lines = w.scene.lines.filter((l) => l.serviceUid === assigned.uid);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.ready && l.count === 1 && l.path.startsWith('M'))).toBe(true);
    expect(assigned.readyCount).toBe(3);
  });

  it('keeps the service anchor and the surviving pods where they are while a pod is replaced, and labels the replacement', () => {
    const w = watch(2);
    w.page.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    w.page.run('kubectl expose deployment web --port=80');
    w.feed(15_000);
    const before = w.scene;
    const anchor = before.services.find((s) => s.facts.name === 'web')!;
    const victim = listOf<Pod>(objectsOf(w.page.view, 'Pod'), 'default')[0];
    const tokenOf = (s: Scene, name: string) => s.nodes.flatMap((n) => n.tokens).find((t) => t.name === name);
    const survivors = listOf<Pod>(objectsOf(w.page.view, 'Pod'), 'default').slice(1).map((p) => [p.metadata.name, tokenOf(before, p.metadata.name)!.rect] as const);

    const anchors: unknown[] = [];
    w.page.run(`kubectl delete pod ${victim.metadata.name} --wait=false`);
    w.feed(10_000, (s) => anchors.push(s.services.find((a) => a.uid === anchor.uid)!.facts));
    // The Service object never changed, so its anchor's facts are the very same object all along.
    expect(new Set(anchors).size).toBe(1);
    const after = w.scene.services.find((s) => s.uid === anchor.uid)!;
    expect(after.rect).toEqual(anchor.rect);
    expect(after.facts.clusterIP).toBe(anchor.facts.clusterIP);
    for (const [name, rect] of survivors) expect(tokenOf(w.scene, name)!.rect).toEqual(rect);
    const replacement = w.scene.nodes.flatMap((n) => n.tokens).find((t) => t.replaces);
    expect(replacement).toBeDefined();
    expect(replacement!.replaces).toMatchObject({ name: victim.metadata.name, ip: victim.status!.podIP });
    expect(replacement!.name).not.toBe(victim.metadata.name);
    expect(replacement!.ip).not.toBe(victim.status!.podIP);
    expect(w.scene.lines.filter((l) => l.serviceUid === anchor.uid)).toHaveLength(3);
    // The label is short-lived.
    w.feed(REPLACES_LABEL_MS);
    expect(w.scene.nodes.flatMap((n) => n.tokens).some((t) => t.replaces)).toBe(false);
  });

  it('reuses what did not change: a quiet frame returns the same scene, an untouched node keeps its region', () => {
    const w = watch(3);
    w.page.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    w.feed(15_000);
    const before = w.scene;
    w.feed(250);
    expect(w.scene).toBe(before);
    const victim = listOf<Pod>(objectsOf(w.page.view, 'Pod'), 'default')[0];
    w.page.run(`kubectl label pod ${victim.metadata.name} touched=yes`);
    w.feed(250);
    const changed = w.scene.nodes.filter((n, i) => n !== before.nodes[i]).map((n) => n.name);
    expect(changed).toEqual([victim.spec!.nodeName]);
  });

  it('shows system pods when asked', () => {
    const w = watch(4, 1000, { namespace: 'default', showSystem: true });
    expect(w.scene.podCount).toBeGreaterThan(5);
    expect(w.scene.services.some((s) => s.facts.name === 'kube-dns')).toBe(true);
    for (const n of w.scene.nodes) for (const t of n.tokens) expect(inside(t.rect, n.rect)).toBe(true);
  });

  it('switches to counted owner chips above the dense threshold, counting every pod', () => {
    const w = watch(5, 1200, DEFAULT, { nodeCount: 4, maxPodsPerNode: 250, nodeCpuMillis: 64_000, nodeMemoryBytes: 256 * 2 ** 30 });
    w.page.run('kubectl create deployment big --image=nginx:1.27 --replicas=400');
    w.page.run('kubectl expose deployment big --port=80');
    w.feed(20_000);
    expect(w.scene.dense).toBe(true);
    expect(w.scene.podCount).toBe(400);
    const chips = w.scene.nodes.flatMap((n) => n.chips);
    expect(chips.reduce((sum, c) => sum + c.total, 0)).toBe(400);
    expect(chips.reduce((sum, c) => sum + c.counts.running, 0)).toBe(400);
    expect(w.scene.nodes.every((n) => n.tokens.length === 0)).toBe(true);
    for (const n of w.scene.nodes) for (const c of n.chips) expect(inside(c.rect, n.rect)).toBe(true);
    const big = w.scene.services.find((s) => s.facts.name === 'big')!;
    const lines = w.scene.lines.filter((l) => l.serviceUid === big.uid);
    expect(lines.reduce((sum, l) => sum + l.count, 0)).toBe(400);
    expect(lines.length).toBe(chips.length);
  });
});
