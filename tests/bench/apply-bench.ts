// `kubectl apply -f` of a 500-object file (200 Deployments, 200 Services, 100 ConfigMaps), through the terminal as
// a student runs it: the first apply creates everything, the second finds every object unchanged.
// Run alone with `npx tsx tests/bench/apply-bench.ts`; `benchApply` is exported for `npm run bench`.
import { performance } from 'node:perf_hooks';
import { createSimulation } from '../../sim/engine';
import { runLine } from '../../sim/cli/run-script';

/** The manifest text: `count` objects as a multi-document YAML file. */
export function manifestOf(count: number): string {
  const docs: string[] = [];
  for (let i = 0; docs.length < count; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
        env:
        - name: MODE
          value: production
`);
    if (docs.length < count) docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\nspec:\n  selector:\n    app: app-${i}\n  ports:\n  - port: 80\n    targetPort: 80\n`);
    if (docs.length < count && i % 2 === 0) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-${i}\ndata:\n  mode: production\n  level: "3"\n`);
  }
  return docs.join('---\n');
}

export interface ApplyBench { readonly objects: number; readonly createMs: number; readonly unchangedMs: number; readonly outputLines: number }

/** Times the two applies (median of `runs` fresh clusters), in wall ms. */
export function benchApply(count = 500, runs = 5): ApplyBench {
  const text = manifestOf(count);
  const create: number[] = [], again: number[] = [];
  let lines = 0;
  for (let r = 0; r < runs; r++) {
    const sim = createSimulation({ seed: r + 1 });
    sim.shell.fs.write('/home/student/big.yaml', text);
    let t = performance.now();
    const first = runLine(sim, 'kubectl apply -f big.yaml');
    create.push(performance.now() - t);
    if (first.exitCode !== 0) throw new Error(first.stderr);
    lines = first.stdout.split('\n').length - 1;
    t = performance.now();
    const second = runLine(sim, 'kubectl apply -f big.yaml');
    again.push(performance.now() - t);
    if (!second.stdout.split('\n').slice(0, -1).every((l) => l.endsWith(' unchanged'))) throw new Error('second apply changed something');
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { objects: count, createMs: median(create), unchangedMs: median(again), outputLines: lines };
}

if (process.argv[1]?.endsWith('apply-bench.ts')) {
  const b = benchApply();
  process.stdout.write(`kubectl apply -f (${b.objects} objects, ${b.outputLines} lines): create ${b.createMs.toFixed(1)} ms, re-apply (unchanged) ${b.unchangedMs.toFixed(1)} ms; target < 200 ms\n`);
}
