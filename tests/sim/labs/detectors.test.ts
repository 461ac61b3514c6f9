import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../../sim/engine';
import type { K8sObject, Pod } from '../../../sim/model/types';
import { check, sh, smilrCluster } from './lab-fixtures';
import { writeFile } from '../../scenarios/manifests';

const detect = (sim: Simulation, raw: Record<string, unknown>) => check(sim, raw);

function service(name: string, selector: string, targetPort: number): string {
  return writeFile(`${name}.yaml`, `kind: Service
apiVersion: v1
metadata:
  name: ${name}
spec:
  ports:
  - port: 27017
    targetPort: ${targetPort}
  selector:
    app: ${selector}
`);
}

let sim: Simulation;
beforeAll(() => {
  sim = smilrCluster(31);
  sh(sim, service('typo-selector', 'mongo', 27017), service('typo-port', 'mongodb', 27107),
    'kubectl apply -f typo-selector.yaml -f typo-port.yaml', 'sleep 2');
});

describe('Service detectors', () => {
  it('a selector that matches no pod, naming the labels the pods do have', () => {
    expect(detect(sim, { detect: 'selectorMatchesNoPods', service: 'typo-selector' })).toEqual({
      label: 'selectorMatchesNoPods (typo-selector)', passed: true,
      detail: 'Service typo-selector selects app=mongo, but no pod has those labels, so it has no endpoints. Pods here have app=data-api, app=mongodb.',
    });
    expect(detect(sim, { detect: 'selectorMatchesNoPods', service: 'mongodb-svc' }).passed).toBe(false);
    expect(detect(sim, { detect: 'selectorMatchesNoPods', service: 'absent' }).passed).toBe(false);
  });

  it('a targetPort the pods do not listen on (27107 for 27017)', () => {
    expect(detect(sim, { detect: 'targetPortNotListening', service: 'typo-port' })).toMatchObject({
      passed: true,
      detail: 'Service typo-port sends port 27017 to targetPort 27107, but its pods listen on 27017. Connections to the Service will be refused: set targetPort to 27017.',
    });
    expect(detect(sim, { detect: 'targetPortNotListening', service: 'mongodb-svc' }).passed).toBe(false);
    expect(detect(sim, { detect: 'targetPortNotListening', service: 'data-api-svc' }).passed).toBe(false);
  });

  it('the wrong port really is refused, which is what the hint explains', () => {
    const svcIP = (sim.get('Service', 'default', 'typo-port') as K8sObject & { spec: { clusterIP: string } }).spec.clusterIP;
    const from = sim.store.list<Pod & K8sObject>('Pod', 'default').find((p) => p.metadata.labels?.app === 'data-api')!;
    const r = sim.runtime.network.connect({ kind: 'pod', podUid: from.metadata.uid! }, svcIP, 27017);
    expect(r.error).toBe('ECONNREFUSED');
  });
});

describe('env detector', () => {
  it('MONGO_CONNSTR still holding a pod IP', () => {
    const mongoIP = sim.store.list<Pod & K8sObject>('Pod', 'default').find((p) => p.metadata.labels?.app === 'mongodb')!.status!.podIP!;
    const s = smilrCluster(32);
    sh(s, `kubectl set env deployment/data-api MONGO_CONNSTR=mongodb://${mongoIP}:27017/smilr`);
    expect(detect(s, { detect: 'envUsesPodIP', deployment: 'data-api', var: 'MONGO_CONNSTR' })).toMatchObject({
      passed: true,
      detail: `MONGO_CONNSTR in data-api still points at ${mongoIP}, the address of one pod. When that pod is replaced the address goes with it; use the Service's DNS name instead.`,
    });
    expect(detect(s, { detect: 'envUsesPodIP', deployment: 'data-api' }).passed).toBe(true);
    expect(detect(sim, { detect: 'envUsesPodIP', deployment: 'data-api', var: 'MONGO_CONNSTR' }).passed).toBe(false);
    sh(s, 'kubectl set env deployment/data-api MONGO_CONNSTR=mongodb://10.0.12.7');
    expect(detect(s, { detect: 'envUsesPodIP', deployment: 'data-api' }).passed).toBe(false);
  });
});

describe('image and pod detectors', () => {
  let s: Simulation;
  beforeAll(() => {
    s = createSimulation({ seed: 33 });
    sh(s,
      'kubectl run typo --image=mongo:3.4-jesie',
      'kubectl run private --image=kubesimlab.azurecr.io/smilr/frontend --labels=app=private',
      'kubectl create secret generic not-a-registry --from-literal=x=y',
      writeFile('p.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: wrong-secret
  labels:
    app: wrong-secret
spec:
  containers:
  - name: web
    image: kubesimlab.azurecr.io/smilr/frontend
  imagePullSecrets:
  - name: not-a-registry
---
apiVersion: v1
kind: Pod
metadata:
  name: missing-secret
  labels:
    app: missing-secret
spec:
  containers:
  - name: web
    image: kubesimlab.azurecr.io/smilr/frontend
  imagePullSecrets:
  - name: acr-auth
---
apiVersion: v1
kind: Pod
metadata:
  name: crashy
  labels:
    app: crashy
spec:
  containers:
  - name: api
    image: smilr/data-api
---
apiVersion: v1
kind: Pod
metadata:
  name: big
  labels:
    app: big
spec:
  containers:
  - name: big
    image: nginx:1.27
    resources:
      requests:
        cpu: "3"
`),
      'kubectl apply -f p.yaml', 'sleep 30');
  });

  it('a pull that fails, with the likely cause', () => {
    expect(detect(s, { detect: 'imagePullFailing', selector: 'run=typo' })).toMatchObject({
      passed: true, detail: expect.stringMatching(/^Pod typo cannot pull "mongo:3\.4-jesie" \((ErrImagePull|ImagePullBackOff)\): there is no such image or tag: check the name for typos\.$/),
    });
    expect(detect(s, { detect: 'imagePullFailing', selector: 'app=private' })).toMatchObject({
      passed: true, detail: expect.stringMatching(/\): the registry wants credentials: add imagePullSecrets naming a docker-registry Secret for it\.$/),
    });
    expect(detect(s, { detect: 'imagePullFailing', selector: 'app=big' }).passed).toBe(false);
  });

  it('a private registry without a usable pull secret', () => {
    expect(detect(s, { detect: 'pullSecretMissing', selector: 'app=private' })).toMatchObject({
      passed: true, detail: 'Pod private pulls from kubesimlab.azurecr.io, a private registry, but has no imagePullSecrets.',
    });
    expect(detect(s, { detect: 'pullSecretMissing', selector: 'app=missing-secret' })).toMatchObject({
      passed: true, detail: 'Pod missing-secret names the pull secret "acr-auth", which does not exist in namespace default.',
    });
    expect(detect(s, { detect: 'pullSecretMissing', selector: 'app=wrong-secret' })).toMatchObject({
      passed: true, detail: 'The pull secret "not-a-registry" has type Opaque; image pulls need a docker-registry secret (kubectl create secret docker-registry).',
    });
    expect(detect(s, { detect: 'pullSecretMissing', selector: 'run=typo' }).passed).toBe(false);
  });

  it('a pod that keeps stopping, with its last log line', () => {
    expect(detect(s, { detect: 'podsCrashing', selector: 'app=crashy' })).toMatchObject({
      passed: true, detail: expect.stringMatching(/^Pod crashy keeps stopping \(\w+, [1-9]\d* restarts\)\. Its last log line: ### !ERROR! Missing env variable MONGO_CONNSTR\. Exiting!$/),
    });
    expect(detect(s, { detect: 'podsCrashing', selector: 'app=big' }).passed).toBe(false);
  });

  it('a pod no node can take', () => {
    expect(detect(s, { detect: 'podsUnschedulable', selector: 'app=big' })).toMatchObject({
      passed: true, detail: expect.stringMatching(/^Pod big cannot be placed on any node: 0\/3 nodes are available: 3 Insufficient cpu\./),
    });
    expect(detect(s, { detect: 'podsUnschedulable', selector: 'run=typo' }).passed).toBe(false);
  });

  it('without a selector, a detector looks at every pod of the namespace', () => {
    expect(detect(s, { detect: 'podsUnschedulable' }).passed).toBe(true);
    expect(detect(sim, { detect: 'podsUnschedulable' }).passed).toBe(false);
    expect(detect(sim, { detect: 'imagePullFailing' }).passed).toBe(false);
  });
});
