// Shared fixtures for the mutating kubectl verbs' golden tests: a frozen-object simulation and a terminal line runner.
import { createSimulation, type Simulation } from '../../../../sim/engine';
import { runLine, type LineResult } from '../../../../sim/cli/run-script';
import type { K8sObject } from '../../../../sim/model/types';

/** A fresh cluster whose stored objects are frozen, so any mutation of a read object throws. */
export function newSim(seed = 1): Simulation {
  return createSimulation({ seed, freezeObjects: true });
}

/** Runs one terminal line and fails the test if a program crashed. */
export function sh(sim: Simulation, line: string, maxWaitMs?: number): LineResult {
  const r = runLine(sim, line, maxWaitMs);
  if (sim.shell.bugs.length > 0) throw new Error(`program crashed: ${sim.shell.bugs.join('\n')}`);
  return r;
}

/** `cat <<'EOF' > name … EOF`: writes a manifest as a student does in the lab. */
export function file(name: string, text: string): string {
  return `cat <<'EOF' > ${name}\n${text}EOF`;
}

/** stdout, stderr and exit code of a line, for whole-output assertions. */
export function out(r: LineResult): { stdout: string; stderr: string; exitCode: number } {
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

/** A stored object (tests read, never write). */
export function stored(sim: Simulation, kind: K8sObject['kind'], name: string, namespace = 'default'): K8sObject | undefined {
  return sim.get(kind, kind === 'Node' || kind === 'Namespace' ? undefined : namespace, name);
}

export { MONGO_SERVICE, dataApiDeployment as dataApi } from '../../../scenarios/manifests';
