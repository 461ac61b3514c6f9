// The Smilr lab's cluster for the runtime verbs' golden tests: mongo (3.4-jessie) with its ClusterIP Service and
// the data API pointed at it by name, given a minute to start.
import { createSimulation, type Simulation } from '../../../../sim/engine';
import { runLine, type LineResult } from '../../../../sim/cli/run-script';
import type { K8sObject, Pod, Service } from '../../../../sim/model/types';
import { MONGO_DEPLOYMENT, MONGO_SERVICE, dataApiDeployment } from '../../../scenarios/manifests';

export { MONGO_DEPLOYMENT as MONGO, MONGO_SERVICE as MONGO_SVC, DATA_API_SERVICE as DATA_API_SVC } from '../../../scenarios/manifests';

/** The data API pointed at MongoDB by the Service's name. */
export const DATA_API = dataApiDeployment('mongodb://mongodb-svc.default');

export interface Lab {
  readonly sim: Simulation;
  sh(line: string, maxWaitMs?: number): LineResult;
  pod(app: string): Pod & K8sObject;
  clusterIP(service: string): string;
}

/** A cluster where the lab's manifests were applied (as files, as the student does) and a minute has passed. */
export function startLab(seed = 1, extra: Record<string, string> = {}): Lab {
  const sim = createSimulation({ seed });
  const sh = (line: string, maxWaitMs?: number): LineResult => {
    const r = runLine(sim, line, maxWaitMs);
    if (sim.shell.bugs.length) throw new Error(`program crashed: ${sim.shell.bugs.join('\n')}`);
    return r;
  };
  const files: Record<string, string> = { 'mongo.deploy.yaml': MONGO_DEPLOYMENT, 'mongo.svc.yaml': MONGO_SERVICE, 'data-api.deploy.yaml': DATA_API, ...extra };
  for (const [name, text] of Object.entries(files)) {
    sim.dispatch({ type: 'writeFile', path: `/home/student/${name}`, content: text });
    sh(`kubectl apply -f ${name}`);
  }
  sh('sleep 60');
  return {
    sim, sh,
    pod: (app) => sim.store.list<Pod & K8sObject>('Pod', 'default').find((p) => p.metadata.labels?.app === app)!,
    clusterIP: (service) => (sim.get('Service', 'default', service) as Service & K8sObject).spec!.clusterIP!,
  };
}

/** stdout, stderr and exit code of a line, for whole comparisons. */
export function out(r: LineResult): { stdout: string; stderr: string; exitCode: number } {
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}
