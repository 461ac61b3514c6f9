// `npm run bench`: the engine headless at scale. Prints numbers and ratios; it asserts nothing.
// Run with `node --expose-gc` (the npm script does) so heap figures are measured after a full collection.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createSimulation, type Simulation } from '../../sim/engine';
import type { K8sObject } from '../../sim/model/types';
import { benchGetPods } from './kubectl-bench';
import { benchApply } from './apply-bench';

const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

let peakHeapMb = 0;
function samplePeak(): void {
  peakHeapMb = Math.max(peakHeapMb, process.memoryUsage().heapUsed / 1_048_576);
}

function deployment(i: number, replicas: number, image: string): K8sObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: `app-${i}`, namespace: 'default' },
    spec: {
      replicas, selector: { matchLabels: { app: `app-${i}` } },
      template: { metadata: { labels: { app: `app-${i}` } }, spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }] } },
    },
  };
}

function service(i: number): K8sObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: `app-${i}`, namespace: 'default' }, spec: { selector: { app: `app-${i}` }, ports: [{ port: 80 }] } };
}

function countReady(sim: Simulation, image: string): number {
  let n = 0;
  for (const p of sim.store.iterate('Pod', 'default')) {
    const pod = p as { spec?: { containers?: { image?: string }[] }; status?: { conditions?: { type: string; status: string }[] }; metadata: { deletionTimestamp?: string } };
    if (pod.metadata.deletionTimestamp || pod.spec?.containers?.[0]?.image !== image) continue;
    if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) n++;
  }
  return n;
}

/** Advances in 1 s virtual steps until `done()` (or a virtual-time limit); returns wall ms and virtual ms. */
function runUntil(sim: Simulation, done: () => boolean, limitMs: number): { wallMs: number; simMs: number; tasks: number } {
  const t0 = performance.now();
  const s0 = sim.now;
  let tasks = 0;
  const before = sim.afterTask;
  sim.afterTask = () => { tasks++; };
  while (!done() && sim.now - s0 < limitMs) { sim.advance(1_000, Number.POSITIVE_INFINITY); samplePeak(); }
  sim.afterTask = before;
  return { wallMs: performance.now() - t0, simMs: sim.now - s0, tasks };
}

function scale(nodes: number, deployments: number, replicas: number) {
  const sim = createSimulation({ seed: 'bench', profile: { nodeCount: nodes, maxPodsPerNode: 250, nodeCpuMillis: 64_000, nodeMemoryBytes: 256 * 2 ** 30 } });
  const api = sim.apiServer.as('bench');
  const pods = deployments * replicas;
  const t0 = performance.now();
  for (let i = 0; i < deployments; i++) { api.create(deployment(i, replicas, 'nginx:1.27')); api.create(service(i)); }
  const up = runUntil(sim, () => countReady(sim, 'nginx:1.27') >= pods, 600_000);
  const upWall = performance.now() - t0;
  const eventsAfterUp = sim.store.count('Event');
  const t1 = performance.now();
  for (let i = 0; i < deployments; i++) {
    const d = sim.get('Deployment', 'default', `app-${i}`) as K8sObject & { spec: { template: { spec: { containers: { image: string }[] } } } };
    const next = JSON.parse(JSON.stringify(d));
    next.spec.template.spec.containers[0].image = 'nginx:1.28';
    api.update(next);
  }
  const roll = runUntil(sim, () => countReady(sim, 'nginx:1.28') >= pods && sim.store.count('Pod', 'default') === pods, 1_800_000);
  const rollWall = performance.now() - t1;
  return { sim, pods, upWall, up, roll, rollWall, eventsAfterUp };
}

function routedPerSecond(sim: Simulation, http: boolean): { rps: number; ok: number; total: number } {
  const client = [...sim.store.iterate('Pod', 'default')][0] as K8sObject;
  const origin = { kind: 'pod' as const, podUid: client.metadata.uid! };
  const svc = sim.get('Service', 'default', 'app-1') as K8sObject & { spec: { clusterIP: string } };
  const net = sim.runtime.network;
  const request = http ? { method: 'GET', path: '/' } : undefined;
  const total = http ? 200_000 : 1_000_000;
  let ok = 0;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) if (net.connect(origin, svc.spec.clusterIP, 80, request).ok) ok++;
  const ms = performance.now() - t0;
  return { rps: Math.round(total / (ms / 1000)), ok, total };
}

function labRatio(): { ratio: number; wallMs: number; simMs: number } {
  const sim = createSimulation({ seed: 'lab' });
  const api = sim.apiServer.as('bench');
  api.create(deployment(1, 2, 'nginx:1.27'));
  api.create(service(1));
  const t0 = performance.now();
  sim.advance(3_600_000, Number.POSITIVE_INFINITY);
  const wallMs = performance.now() - t0;
  return { ratio: Math.round(3_600_000 / wallMs), wallMs, simMs: 3_600_000 };
}

function soak(days: number): { heapByDayMb: number[]; wallMs: number; objects: number; events: number; tasks: number } {
  const sim = createSimulation({ seed: 'soak' });
  const api = sim.apiServer.as('bench');
  api.create(deployment(1, 3, 'nginx:1.27'));
  api.create(service(1));
  const t0 = performance.now();
  let tasks = 0;
  sim.afterTask = () => { tasks++; };
  let tag = 27;
  const heapByDayMb: number[] = [];
  for (let t = 0; t < days * 86_400_000; t += 300_000) {
    const pods = sim.store.list('Pod', 'default');
    if (pods.length) api.delete('Pod', 'default', pods[0].metadata.name);
    if ((t / 300_000) % 6 === 0) {
      const d = JSON.parse(JSON.stringify(sim.get('Deployment', 'default', 'app-1')));
      tag = tag === 27 ? 28 : 27;
      d.spec.template.spec.containers[0].image = `nginx:1.${tag}`;
      api.update(d);
    }
    sim.advance(300_000, Number.POSITIVE_INFINITY);
    if ((t + 300_000) % 86_400_000 === 0) heapByDayMb.push(heapMb());
  }
  sim.afterTask = undefined;
  const wallMs = performance.now() - t0;
  return { heapByDayMb, wallMs, objects: sim.store.size, events: sim.store.count('Event'), tasks };
}

const fmt = (n: number, d = 0): string => n.toFixed(d).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function main(): void {
  console.log(`kubesim engine benchmark — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})`);
  console.log('');
  const lab = labRatio();
  console.log(`lab-sized cluster (3 nodes, 1 Deployment, 1 Service): 1 virtual hour in ${fmt(lab.wallMs)} ms wall → simulated:wall = ${fmt(lab.ratio)}:1`);
  const s = soak(7);
  console.log(`soak, 7 virtual days (a pod killed every 5 min, a rollout every 30 min): ${fmt(s.wallMs)} ms wall, ${fmt(s.tasks)} tasks`);
  const [first, ...rest] = s.heapByDayMb;
  const last = s.heapByDayMb.at(-1)!;
  console.log(`  heap after gc, day by day: ${s.heapByDayMb.map((mb) => mb.toFixed(1)).join(' → ')} MB (day 1 → day 7 ×${(last / first).toFixed(2)}; the bounded buffers fill in the first days, then it stays flat: days 4–7 within ${(Math.max(...rest.slice(2)) - Math.min(...rest.slice(2))).toFixed(1)} MB); ${s.objects} objects stored (${s.events} Events)`);
  const runs: { pods: number; upWall: number; rollWall: number }[] = [];
  for (const [nodes, deployments] of [[10, 100], [100, 1_000]] as const) {
    const r = scale(nodes, deployments, 10);
    runs.push({ pods: r.pods, upWall: r.upWall, rollWall: r.rollWall });
    console.log(`${fmt(r.pods)} pods on ${nodes} nodes (${fmt(deployments)} Deployments × 10, ${fmt(deployments)} Services):`);
    console.log(`  all Ready:           ${fmt(r.upWall)} ms wall (${fmt(r.up.simMs / 1000)} s virtual, ${fmt(r.up.tasks)} simulation events, ${fmt(r.up.tasks / (r.up.wallMs / 1000))} events/s)`);
    console.log(`  full rolling update: ${fmt(r.rollWall)} ms wall (${fmt(r.roll.simMs / 1000)} s virtual, ${fmt(r.roll.tasks)} simulation events)`);
    console.log(`  Events stored after bring-up: ${fmt(r.eventsAfterUp)} (bounded)`);
    if (r.pods === 10_000) {
      r.sim.advance(5_000, Number.POSITIVE_INFINITY);
      const tcp = routedPerSecond(r.sim, false);
      console.log(`routed connections through a Service (pod → ClusterIP → DNAT to 1 of 10 pods): ${fmt(tcp.rps)} /s (${fmt(tcp.ok)}/${fmt(tcp.total)} connected)`);
      const http = routedPerSecond(r.sim, true);
      console.log(`  the same carrying an HTTP GET answered by nginx (its access log included): ${fmt(http.rps)} /s (${fmt(http.ok)}/${fmt(http.total)} answered)`);
      console.log(`peak heap during the 10,000-pod run: ${fmt(peakHeapMb)} MB`);
    }
    peakHeapMb = 0;
  }
  const [small, big] = runs;
  console.log(`growth 1k → 10k pods: bring-up ×${(big.upWall / small.upWall).toFixed(1)}, rolling update ×${(big.rollWall / small.rollWall).toFixed(1)} (linear would be ×10)`);
  const get = benchGetPods(10_000, 10);
  console.log(`kubectl get pods over ${fmt(get.pods)} pods: mean ${get.meanMs.toFixed(1)} ms, best ${get.bestMs.toFixed(1)} ms (target < 50 ms)`);
  const apply = benchApply(500, 5);
  console.log(`kubectl apply -f of a ${apply.objects}-object file: ${apply.createMs.toFixed(1)} ms creating, ${apply.unchangedMs.toFixed(1)} ms re-applying unchanged (target < 200 ms)`);
}

main();
