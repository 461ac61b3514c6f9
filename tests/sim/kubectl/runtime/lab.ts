// The Smilr lab's cluster for the runtime verbs' golden tests: mongo (3.4-jessie) with its ClusterIP Service and
// the data API pointed at it by name, given a minute to start.
import { createSimulation, type Simulation } from '../../../../sim/engine';
import { runLine, type LineResult } from '../../../../sim/cli/run-script';
import type { K8sObject, Pod, Service } from '../../../../sim/model/types';

export const MONGO = `kind: Deployment
apiVersion: apps/v1
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
`;

export const MONGO_SVC = `kind: Service
apiVersion: v1
metadata:
  name: mongodb-svc
spec:
  type: ClusterIP
  ports:
  - protocol: TCP
    port: 27017
    targetPort: 27017
  selector:
    app: mongodb
`;

export const DATA_API = `kind: Deployment
apiVersion: apps/v1
metadata:
  name: data-api
spec:
  replicas: 1
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
        ports:
        - containerPort: 4000
        env:
        - name: MONGO_CONNSTR
          value: mongodb://mongodb-svc.default
`;

export const DATA_API_SVC = `kind: Service
apiVersion: v1
metadata:
  name: data-api-svc
spec:
  type: LoadBalancer
  ports:
  - protocol: TCP
    port: 80
    targetPort: 4000
  selector:
    app: data-api
`;

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
  const files: Record<string, string> = { 'mongo.deploy.yaml': MONGO, 'mongo.svc.yaml': MONGO_SVC, 'data-api.deploy.yaml': DATA_API, ...extra };
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
