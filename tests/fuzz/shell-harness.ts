// One reusable simulation for the property tests: the lab's objects applied once, and every generated line run
// as far as it goes without waiting (a waiting command is interrupted, as Ctrl-C would), so a hundred thousand
// lines take seconds. The cluster is rebuilt from the seed every `resetEvery` lines so one line's deletions do
// not starve the next ones.
import { createSimulation, type Simulation } from '../../sim/engine';
import { runLine } from '../../sim/cli/run-script';
import { InvariantChecker } from '../helpers/invariants';

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mongodb
spec:
  replicas: 1
  selector:
    matchLabels:
      app: mongodb
  template:
    metadata:
      labels:
        app: mongodb
    spec:
      containers:
      - name: mongodb-pod
        image: mongo:3.4-jessie
        ports:
        - containerPort: 27017
---
apiVersion: v1
kind: Service
metadata:
  name: mongodb-svc
spec:
  ports:
  - port: 27017
  selector:
    app: mongodb
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: data-api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: data-api
  template:
    metadata:
      labels:
        app: data-api
    spec:
      containers:
      - name: data-api-pod
        image: smilr/data-api
        env:
        - name: MONGO_CONNSTR
          value: mongodb://mongodb-svc.default
---
apiVersion: v1
kind: Pod
metadata:
  name: tools
spec:
  containers:
  - name: tools
    image: busybox:1.36
    command: ["sleep", "infinity"]
`;

export interface LineOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  /** The line was still running (waiting) and was interrupted. */
  readonly interrupted: boolean;
}

/** A lab cluster, ready for generated lines. */
export function labSimulation(seed: number): Simulation {
  const sim = createSimulation({ seed });
  sim.dispatch({ type: 'writeFile', path: '/home/student/m.yaml', content: MANIFESTS });
  runLine(sim, 'kubectl apply -f m.yaml');
  sim.advance(60_000, Number.POSITIVE_INFINITY);
  sim.shell.drain();
  return sim;
}

export class ShellHarness {
  sim: Simulation;
  private runs = 0;
  private readonly invariants = new InvariantChecker();

  constructor(private readonly seed: number, private readonly resetEvery = 5_000) {
    this.sim = labSimulation(seed);
  }

  /** Runs one line without letting virtual time pass; interrupts it if it waits, and every job it left behind. */
  run(line: string): LineOutcome {
    if (++this.runs % this.resetEvery === 0) this.sim = labSimulation(this.seed + this.runs);
    const shell = this.sim.shell;
    const job = shell.start(line);
    const interrupted = job.exitCode === undefined;
    if (interrupted) shell.interrupt(job.id);
    shell.interruptAll();
    shell.drain();
    return { stdout: job.stdout, stderr: job.stderr, exitCode: job.exitCode ?? 130, interrupted };
  }

  /** Lets the controllers catch up for `ms` of virtual time, then checks the cluster's invariants (throws). */
  settle(ms: number): void {
    this.sim.advance(ms, Number.POSITIVE_INFINITY);
    this.sim.shell.interruptAll();
    this.sim.shell.drain();
    this.invariants.check(this.sim.store, this.sim.clock.nowEpochMs);
  }

  get bugs(): readonly string[] {
    return this.sim.shell.bugs;
  }
}
