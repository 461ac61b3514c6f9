// A scenario: a seeded simulation with a full trace and the invariants checked after every task, driven through
// the same shell and kubectl a student types into.
import { createSimulation, type Simulation } from '../../sim/engine';
import { ArrayTrace } from '../../sim/core/trace';
import { runLine, type LineResult } from '../../sim/cli/run-script';
import type { K8sObject, Pod } from '../../sim/model/types';
import type { ConnectResult, Origin } from '../../sim/net/types';
import { InvariantChecker } from './invariants';

export interface Scenario {
  readonly sim: Simulation;
  readonly trace: ArrayTrace;
  readonly invariants: InvariantChecker;
  /** Runs one terminal line; fails the test if a program crashed. */
  sh(line: string, maxWaitMs?: number): LineResult;
  /** Advances virtual time by `ms`. */
  wait(ms: number): void;
  pods(selector: string, namespace?: string): (Pod & K8sObject)[];
  get(kind: K8sObject['kind'], name: string, namespace?: string): K8sObject | undefined;
}

export function startScenario(seed: number | string, opts: { checkEvery?: number } = {}): Scenario {
  const trace = new ArrayTrace();
  const sim = createSimulation({ seed, freezeObjects: true }, trace);
  const invariants = new InvariantChecker();
  let n = 0;
  const every = opts.checkEvery ?? 1;
  sim.afterTask = () => { if (++n % every === 0) invariants.check(sim.store, sim.clock.nowEpochMs); };
  return {
    sim, trace, invariants,
    sh(line, maxWaitMs) {
      const r = runLine(sim, line, maxWaitMs);
      if (sim.shell.bugs.length) throw new Error(`program crashed: ${sim.shell.bugs.join('\n')}`);
      trace.record({ at: r.time, type: 'command', text: line.split('\n')[0], exitCode: r.exitCode });
      return r;
    },
    wait(ms) { sim.advance(ms, Number.POSITIVE_INFINITY); },
    pods(selector, namespace = 'default') {
      const [k, v] = selector.split('=');
      return sim.store.list<Pod & K8sObject>('Pod', namespace).filter((p) => p.metadata.labels?.[k] === v);
    },
    get(kind, name, namespace = 'default') { return sim.get(kind, namespace, name); },
  };
}

/** A client sending one request every `everyMs`, as kube-proxy would route it; returns what happened to each. */
export function sendTraffic(s: Scenario, origin: Origin, host: string, port: number, path: string, durationMs: number, everyMs = 100): ConnectResult[] {
  const results: ConnectResult[] = [];
  const end = s.sim.now + durationMs;
  while (s.sim.now < end) {
    results.push(s.sim.runtime.network.connect(origin, host, port, { method: 'GET', path }, { timeoutMs: 2_000 }));
    s.wait(everyMs);
  }
  return results;
}

/** Pod uid of the first ready pod matching `app=<name>`, as a traffic origin. */
export function podOrigin(s: Scenario, app: string): Origin {
  const pod = s.pods(`app=${app}`).find((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  if (!pod) throw new Error(`no ready pod app=${app}`);
  return { kind: 'pod', podUid: pod.metadata.uid! };
}
