// Helpers for golden kubectl tests: the documented table rule (every column but the last padded to
// max(widest cell + padding, minimum)), a fresh simulation, and typed access to stored objects.
import { createSimulation, type Simulation } from '../../../../sim/engine';
import { runLine } from '../../../../sim/cli/run-script';

/** Lays rows out as kubectl's tabwriter does for tables (cli-runtime GetNewTabWriter: min 6, padding 3). */
export function table(rows: readonly (readonly string[])[], minWidth = 6, padding = 3): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => { if (i < r.length - 1) widths[i] = Math.max(widths[i] ?? 0, c.length); });
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(Math.max(minWidth, widths[i] + padding)))).join('')).join('\n') + '\n';
}

/** A fresh cluster (seed 1), as the runner boots it. */
export function freshSim(): Simulation {
  return createSimulation({ seed: 1 });
}

/** Runs lines, returning the last result. */
export function run(sim: Simulation, ...lines: string[]): ReturnType<typeof runLine> {
  let r!: ReturnType<typeof runLine>;
  for (const l of lines) r = runLine(sim, l);
  return r;
}

type Any = Record<string, any>;

/** Stored objects of a kind in a namespace, sorted by name as the apiserver lists them. */
export function objects(sim: Simulation, kind: string, ns?: string): Any[] {
  return sim.store.list(kind as never, ns) as Any[];
}

export const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 5
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: front
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: LoadBalancer
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

/** Writes a file into the session's file system and applies it. */
export function applyFile(sim: Simulation, name: string, text: string): ReturnType<typeof runLine> {
  const w = sim.dispatch({ type: 'writeFile', path: `/home/student/${name}`, content: text });
  if (!w.ok) throw new Error(`could not write ${name}`);
  return runLine(sim, `kubectl apply -f ${name}`);
}
