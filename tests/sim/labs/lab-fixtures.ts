// Small clusters for the lab check tests: the Smilr data layer behind its Services, built through the terminal.
import { createSimulation, type Simulation } from '../../../sim/engine';
import { runLine } from '../../../sim/cli/run-script';
import { checkContext, type CheckContext } from '../../../sim/labs/check-context';
import { readCheck } from '../../../sim/labs/check-schema';
import { evaluatePredicate } from '../../../sim/labs/checks';
import type { CheckItem, TranscriptEntry } from '../../../sim/labs/lab-types';
import { DATA_API_SERVICE, MONGO_DEPLOYMENT, MONGO_SERVICE, dataApiDeployment, writeFile } from '../../scenarios/manifests';

/** Runs terminal lines, failing the test if a program crashed; returns what each printed. */
export function sh(sim: Simulation, ...lines: string[]): TranscriptEntry[] {
  return lines.map((line) => {
    const r = runLine(sim, line);
    if (sim.shell.bugs.length) throw new Error(`program crashed: ${sim.shell.bugs.join('\n')}`);
    return { line, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  });
}

/** MongoDB, mongodb-svc, two data-api pods connected by the Service name, and data-api-svc with its external IP. */
export function smilrCluster(seed: number | string = 11, connstr = 'mongodb://mongodb-svc.default'): Simulation {
  const sim = createSimulation({ seed });
  sh(sim, writeFile('mongo.deploy.yaml', MONGO_DEPLOYMENT), writeFile('mongo.svc.yaml', MONGO_SERVICE),
    writeFile('data-api.deploy.yaml', dataApiDeployment(connstr).replace('replicas: 1', 'replicas: 2')),
    writeFile('data-api.svc.yaml', DATA_API_SERVICE),
    'kubectl apply -f mongo.deploy.yaml -f mongo.svc.yaml', 'sleep 20',
    'kubectl apply -f data-api.deploy.yaml -f data-api.svc.yaml', 'sleep 40');
  return sim;
}

/** Parses a check written as in a lab file and evaluates it. */
export function check(sim: Simulation | CheckContext, raw: unknown, transcript: TranscriptEntry[] = []): CheckItem {
  const parsed = readCheck(raw);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const ctx = 'sim' in sim && 'replica' in sim ? sim : checkContext(sim as Simulation, transcript);
  return evaluatePredicate(parsed.check, ctx);
}
