// kubectl's reading path at scale: `kubectl get pods` over 10,000 pods (target: under 50 ms per run), measured
// headless. Exported for `npm run bench`; `npx tsx tests/bench/kubectl-bench.ts` runs it alone.
import { performance } from 'node:perf_hooks';
import { createSimulation, type Simulation } from '../../sim/engine';
import { runLine } from '../../sim/cli/run-script';
import type { K8sObject } from '../../sim/model/types';

function pod(i: number, nodeName: string): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `web-${String(i).padStart(5, '0')}`, namespace: 'bench', labels: { app: 'web' } },
    spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  };
}

/** A cluster with `count` pods in namespace `bench` (created through the API, not yet run by the kubelet). */
export function clusterWithPods(count: number): Simulation {
  const sim = createSimulation({ seed: 1 });
  const api = sim.apiServer.as('bench');
  const ns = api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } } as K8sObject);
  if (!ns.ok) throw new Error('could not create the bench namespace');
  const nodes = sim.store.list('Node').map((n) => n.metadata.name);
  for (let i = 0; i < count; i++) {
    const res = api.create(pod(i, nodes[i % nodes.length]));
    if (!res.ok) throw new Error(`could not create pod ${i}: ${res.status.message}`);
  }
  return sim;
}

export interface GetPodsBench { readonly pods: number; readonly runs: number; readonly meanMs: number; readonly bestMs: number; readonly lines: number }

/** Times `kubectl get pods` over `count` pods: a warm-up run, then the mean and best of `runs`. */
export function benchGetPods(count = 10_000, runs = 10): GetPodsBench {
  const sim = clusterWithPods(count);
  const line = 'kubectl get pods -n bench';
  const warm = runLine(sim, line);
  if (warm.exitCode !== 0) throw new Error(warm.stderr);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    runLine(sim, line);
    times.push(performance.now() - t0);
  }
  return { pods: count, runs, meanMs: times.reduce((a, b) => a + b, 0) / runs, bestMs: Math.min(...times), lines: warm.stdout.split('\n').length - 1 };
}

if (process.argv[1] && /kubectl-bench\.ts$/.test(process.argv[1])) {
  const r = benchGetPods();
  process.stdout.write(`kubectl get pods over ${r.pods} pods (${r.lines} lines): mean ${r.meanMs.toFixed(1)} ms, best ${r.bestMs.toFixed(1)} ms over ${r.runs} runs (target < 50 ms)\n`);
}
