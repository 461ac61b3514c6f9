import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../../sim/engine';
import { checkContext } from '../../../sim/labs/check-context';
import { evaluateStep } from '../../../sim/labs/checks';
import { parseLab } from '../../../sim/labs/parse-lab';
import type { K8sObject, Pod, Service } from '../../../sim/model/types';
import { check, sh, smilrCluster } from './lab-fixtures';
import { writeFile } from '../../scenarios/manifests';

const BIG = `apiVersion: v1
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
`;

let sim: Simulation;
let mongoIP: string;
let externalIP: string;
let clusterIP: string;

beforeAll(() => {
  sim = smilrCluster();
  mongoIP = (sim.store.list<Pod & K8sObject>('Pod', 'default').find((p) => p.metadata.labels?.app === 'mongodb')!.status!.podIP)!;
  const api = sim.get('Service', 'default', 'data-api-svc') as Service & K8sObject;
  externalIP = api.status!.loadBalancer!.ingress![0].ip!;
  clusterIP = (sim.get('Service', 'default', 'mongodb-svc') as Service & K8sObject).spec!.clusterIP!;
});

describe('object', () => {
  it('passes when the object exists with the field values, and says which field differs', () => {
    expect(check(sim, { object: 'Service mongodb-svc', fields: { 'spec.type': 'ClusterIP', 'spec.ports[0].port': 27017, 'spec.ports[0].targetPort': 27017 } }))
      .toEqual({ label: 'Service mongodb-svc: spec.type = ClusterIP, spec.ports[0].port = 27017, spec.ports[0].targetPort = 27017', passed: true });
    expect(check(sim, { object: 'svc/mongodb-svc', fields: { 'spec.ports[0].targetPort': 27107, 'spec.selector.app': 'mongodb' } }))
      .toEqual({ label: 'Service mongodb-svc: spec.ports[0].targetPort = 27107, spec.selector.app = mongodb', passed: false, detail: 'spec.ports[0].targetPort is 27017' });
    expect(check(sim, { object: 'Service nope' })).toEqual({ label: 'Service nope exists', passed: false, detail: 'Service nope does not exist' });
  });

  it('checks that an object is gone', () => {
    expect(check(sim, { object: 'Deployment web', absent: true })).toEqual({ label: 'Deployment web is gone', passed: true });
    expect(check(sim, { object: 'Deployment mongodb', absent: true })).toMatchObject({ passed: false, detail: 'Deployment mongodb still exists' });
  });

  it('fills placeholders in expected values and reads cluster-scoped objects', () => {
    expect(check(sim, { object: 'Service data-api-svc', fields: { 'status.loadBalancer.ingress[0].ip': '{{externalIP data-api-svc}}' } }).passed).toBe(true);
    const node = sim.store.list('Node')[0].metadata.name;
    expect(check(sim, { object: `Node ${node}`, fields: { 'metadata.labels["kubernetes.io/os"]': 'linux' } }).passed).toBe(true);
  });
});

describe('endpoints and externalIP', () => {
  it('counts ready endpoints', () => {
    expect(check(sim, { endpoints: 'mongodb-svc', ready: 1 })).toEqual({ label: 'Service mongodb-svc has 1 ready endpoint', passed: true });
    expect(check(sim, { endpoints: 'data-api-svc', ready: 3 })).toEqual({ label: 'Service data-api-svc has 3 ready endpoints', passed: false, detail: 'it has 2' });
    expect(check(sim, { endpoints: 'data-api-svc' })).toMatchObject({ label: 'Service data-api-svc has at least 1 ready endpoint', passed: true });
    expect(check(sim, { endpoints: 'nope' })).toMatchObject({ passed: false, detail: 'Service nope does not exist' });
  });

  it('sees an external IP, and says why one is missing', () => {
    expect(check(sim, { externalIP: 'data-api-svc' })).toEqual({ label: 'Service data-api-svc has an external IP', passed: true });
    expect(check(sim, { externalIP: 'mongodb-svc' })).toMatchObject({ passed: false, detail: 'its type is ClusterIP, so no load balancer is made for it' });
    const fresh = smilrCluster(12);
    sh(fresh, 'kubectl expose deployment data-api --name=late --type=LoadBalancer --port=80 --target-port=4000');
    expect(check(fresh, { externalIP: 'late' })).toMatchObject({ passed: false, detail: 'EXTERNAL-IP is still <pending>' });
    sh(fresh, 'sleep 30');
    expect(check(fresh, { externalIP: 'late' }).passed).toBe(true);
  });
});

describe('pods', () => {
  it('counts the pods of a selector in a state, and their spread over nodes', () => {
    expect(check(sim, { pods: 'app=data-api', count: 2, phase: 'Running', ready: true }))
      .toEqual({ label: '2 pods app=data-api Running, Ready', passed: true });
    expect(check(sim, { pods: 'app=data-api', count: 3, ready: true })).toMatchObject({ passed: false, detail: expect.stringMatching(/^found data-api-\S+ \(Running\), data-api-\S+ \(Running\)$/) });
    expect(check(sim, { pods: 'app=data-api', status: 'Running', image: 'smilr/data-api', name: '^data-api-' }).passed).toBe(true);
    expect(check(sim, { pods: 'app=data-api', image: 'smilr/data-api:v2' }).passed).toBe(false);
    const nodes = new Set(sim.store.list<Pod & K8sObject>('Pod', 'default').filter((p) => p.metadata.labels?.app === 'data-api').map((p) => p.spec!.nodeName)).size;
    expect(check(sim, { pods: 'app=data-api', onNodes: nodes }).passed).toBe(true);
    expect(check(sim, { pods: 'app=data-api', onNodes: nodes + 1 }).passed).toBe(false);
    expect(check(sim, { pods: 'app=nothing' })).toMatchObject({ label: 'at least 1 pod app=nothing', passed: false, detail: 'no pod matches' });
    expect(check(sim, { pods: 'app=data-api', restarts: 0, all: true, count: 2 }).passed).toBe(true);
  });

  it('with all, every selected pod must qualify', () => {
    const s = smilrCluster(13);
    sh(s, 'kubectl run odd --image=nginx:1.27 --labels=app=data-api', 'sleep 1');
    expect(check(s, { pods: 'app=data-api', ready: true, image: 'smilr/data-api', count: { min: 2 } }).passed).toBe(true);
    expect(check(s, { pods: 'app=data-api', ready: true, image: 'smilr/data-api', all: true, count: { min: 2 } }).passed).toBe(false);
  });

  it('sees kubectl STATUS reasons and unschedulable pods', () => {
    const s = createSimulation({ seed: 21 });
    sh(s, writeFile('big.yaml', BIG), 'kubectl run typo --image=mongo:3.4-jesie', 'kubectl apply -f big.yaml', 'sleep 20');
    expect(check(s, { pods: 'run=typo', status: ['ErrImagePull', 'ImagePullBackOff'] }).passed).toBe(true);
    expect(check(s, { pods: 'run=typo', status: 'Running' }).passed).toBe(false);
    expect(check(s, { pods: 'app=big', phase: 'Pending', unschedulable: 'Insufficient cpu' })).toMatchObject({ label: 'at least 1 pod app=big Pending, unschedulable', passed: true });
    expect(check(s, { pods: 'app=big', unschedulable: 'Insufficient memory' }).passed).toBe(false);
  });
});

describe('env', () => {
  it('reads a Deployment container variable: value, pattern, DNS name, and the rollout to its pods', () => {
    expect(check(sim, { env: 'data-api', var: 'MONGO_CONNSTR', equals: 'mongodb://mongodb-svc.default', dnsName: true, rolledOut: true }))
      .toEqual({ label: "data-api's MONGO_CONNSTR = mongodb://mongodb-svc.default and uses a DNS name, not an IP, and every pod runs with it", passed: true });
    expect(check(sim, { env: 'data-api', var: 'MONGO_CONNSTR', matches: '^mongodb://mongodb-svc' }).passed).toBe(true);
    expect(check(sim, { env: 'data-api', var: 'MONGO_CONNSTR', equals: 'mongodb://{{podIP app=mongodb}}' })).toMatchObject({ passed: false, detail: 'it is mongodb://mongodb-svc.default' });
    expect(check(sim, { env: 'data-api', var: 'NOPE' })).toMatchObject({ passed: false, detail: 'NOPE is not set' });
    expect(check(sim, { env: 'web', var: 'X' })).toMatchObject({ passed: false, detail: 'Deployment web does not exist' });
  });

  it('flags an IP address, and a rollout still in progress', () => {
    const s = smilrCluster(14);
    sh(s, `kubectl set env deployment/data-api MONGO_CONNSTR=mongodb://${(s.store.list<Pod & K8sObject>('Pod', 'default').find((p) => p.metadata.labels?.app === 'mongodb')!.status!.podIP)}`);
    const byIP = check(s, { env: 'data-api', var: 'MONGO_CONNSTR', equals: 'mongodb://{{podIP app=mongodb}}', rolledOut: true });
    expect(byIP).toMatchObject({ passed: false, detail: expect.stringMatching(/^not yet: data-api-/) });
    expect(check(s, { env: 'data-api', var: 'MONGO_CONNSTR', dnsName: true })).toMatchObject({ passed: false, detail: expect.stringMatching(/^it points at the address 10\.244\.\d+\.\d+$/) });
    sh(s, 'sleep 60');
    expect(check(s, { env: 'data-api', var: 'MONGO_CONNSTR', equals: 'mongodb://{{podIP app=mongodb}}', rolledOut: true }).passed).toBe(true);
  });
});

describe('http', () => {
  it('sends requests from outside to the external IP and counts the pods that answered', () => {
    expect(check(sim, { http: 'http://{{externalIP data-api-svc}}/api/info', bodyMatches: '"connected":true', hostnames: 2 }))
      .toEqual({ label: `GET http://${externalIP}/api/info from outside answers 200 with /"connected":true/ from at least 2 different pods`, passed: true });
    expect(check(sim, { http: 'http://{{externalIP data-api-svc}}/api/info', hostnames: 3 }))
      .toMatchObject({ passed: false, detail: expect.stringMatching(/^all 12 answers came from data-api-\S+, data-api-\S+$/) });
    expect(check(sim, { http: 'http://{{externalIP data-api-svc}}/api/nothing' })).toMatchObject({ passed: false, detail: '1 of 1 failed (request 1: status 400)' });
    expect(check(sim, { http: 'http://{{externalIP mongodb-svc}}/' })).toMatchObject({ passed: false, detail: 'Service mongodb-svc has no external IP yet' });
  });

  it('sends from a pod through the Service name', () => {
    expect(check(sim, { http: 'http://data-api-svc.default/api/info', from: 'pod app=data-api', tries: 3 }).passed).toBe(true);
    expect(check(sim, { http: `http://${clusterIP}:27017/`, from: 'pod app=nobody' })).toMatchObject({ passed: false, detail: 'no ready pod app=nobody to send from' });
    expect(check(sim, { http: 'http://data-api-svc.default/api/info' })).toMatchObject({ passed: false, detail: '1 of 1 failed (request 1: ENOTFOUND)' });
  });

  it('leaves the student cluster untouched: no random draws, no log lines, the same future', () => {
    const a = smilrCluster(15);
    const b = smilrCluster(15);
    const rvBefore = a.store.resourceVersion;
    expect(check(a, { http: 'http://{{externalIP data-api-svc}}/api/info', hostnames: 2, tries: 20 }).passed).toBe(true);
    expect(a.store.resourceVersion).toBe(rvBefore);
    const lines = (s: Simulation) => sh(s, 'kubectl logs -l app=data-api --tail=-1', 'curl -s http://$(kubectl get svc data-api-svc -o jsonpath=\'{.status.loadBalancer.ingress[0].ip}\')/api/info', 'sleep 5', 'kubectl logs -l app=data-api --tail=3');
    expect(lines(a)).toEqual(lines(b));
    expect(a.record()).toEqual(b.record());
  });
});

describe('terminal checks', () => {
  const transcript = [
    { line: 'kubectl get pods -o wide', stdout: `mongodb-x   1/1   Running   10.244.9.9\n`, stderr: '' },
    { line: 'curl -s http://x/api/info', stdout: '{"hostname":"data-api-a"}', stderr: '' },
    { line: 'curl -s http://x/api/info', stdout: '{"hostname":"data-api-b"}', stderr: '' },
    { line: 'curl -s http://x/api/info', stdout: '{"hostname":"data-api-a"}', stderr: '' },
  ];

  it('history looks at the step’s commands, or the whole session', () => {
    expect(check(sim, { history: 'get pods.*-o wide' }, transcript)).toEqual({ label: 'you ran a command matching /get pods.*-o wide/ in this step', passed: true });
    expect(check(sim, { history: 'kubectl apply' }, transcript)).toMatchObject({ passed: false, detail: 'not yet' });
    expect(check(sim, { history: 'kubectl apply -f data-api' })).toMatchObject({ passed: false, detail: 'no command yet' });
    expect(check(sim, { history: 'kubectl apply -f data-api', session: true }).passed).toBe(true);
  });

  it('output reads the last command, a matching command, any command, or counts distinct matches', () => {
    expect(check(sim, { output: 'data-api-a' }, transcript)).toEqual({ label: 'the last command printed /data-api-a/', passed: true });
    expect(check(sim, { output: 'data-api-b' }, transcript)).toMatchObject({ passed: false, detail: 'not in the output' });
    expect(check(sim, { output: 'data-api-b', anyCommand: true }, transcript).passed).toBe(true);
    expect(check(sim, { output: '10\\.244', command: 'kubectl get' }, transcript).passed).toBe(true);
    expect(check(sim, { output: '"hostname":"([^"]+)"', distinct: 2 }, transcript)).toEqual({ label: 'your commands printed 2 different /"hostname":"([^"]+)"/', passed: true });
    expect(check(sim, { output: '"hostname":"([^"]+)"', distinct: 3 }, transcript)).toMatchObject({ passed: false, detail: 'seen 2: data-api-a, data-api-b' });
    expect(check(sim, { output: 'x' })).toMatchObject({ passed: false, detail: 'nothing typed in this step yet' });
    expect(check(sim, { output: '{{podIP app=mongodb}}', anyCommand: true }, [{ line: 'x', stdout: `IP ${mongoIP}\n`, stderr: '' }]).passed).toBe(true);
  });

  it('file, logs, port-forward and events', () => {
    expect(check(sim, { file: 'mongo.svc.yaml', contains: 'port: 27017', matches: '^kind: Service$' })).toEqual({ label: 'file mongo.svc.yaml contains "port: 27017" and matches /^kind: Service$/', passed: true });
    expect(check(sim, { file: 'nope.yaml' })).toMatchObject({ passed: false, detail: 'nope.yaml: No such file or directory' });
    expect(check(sim, { file: 'nope.yaml', absent: true }).passed).toBe(true);
    expect(check(sim, { logs: 'app=data-api', matches: 'Connected to MongoDB' }).passed).toBe(true);
    expect(check(sim, { logs: 'app=data-api', matches: 'ERROR' })).toMatchObject({ passed: false, detail: expect.stringMatching(/^no such line in the logs of data-api-/) });
    // `after`: the line must come later than one matching it (an old pod's "Connected" to a pod IP does not count).
    expect(check(sim, { logs: 'app=data-api', after: 'MongoDB server mongodb-svc', matches: 'Connected to MongoDB' }).passed).toBe(true);
    expect(check(sim, { logs: 'app=data-api', after: 'MongoDB server 10\\.', matches: 'Connected to MongoDB' }).passed).toBe(false);
    expect(check(sim, { logs: 'app=data-api', after: 'Connected to MongoDB', matches: 'Connection attempt' })).toMatchObject({
      passed: false, label: 'a pod app=data-api logged /Connection attempt/ after /Connected to MongoDB/',
    });
    expect(check(sim, { portForward: 8080 })).toMatchObject({ passed: false, detail: 'nothing listens on localhost:8080' });
    const s = smilrCluster(16);
    sh(s, 'kubectl port-forward deploy/data-api 8080:4000 &', 'sleep 1');
    expect(check(s, { portForward: 8080, target: 'data-api' })).toEqual({ label: 'local port 8080 is forwarded to /data-api/', passed: true });
    expect(check(s, { portForward: 8080, target: 'mongodb' })).toMatchObject({ passed: false, detail: expect.stringMatching(/^it goes to pod\/data-api-/) });
    expect(check(sim, { event: 'ScalingReplicaSet', object: '^deployment/data-api$', message: 'to 2' }).passed).toBe(true);
    expect(check(sim, { event: 'FailedScheduling' }).passed).toBe(false);
  });
});

describe('nodes', () => {
  it('counts Ready and powered-on nodes', () => {
    const s = createSimulation({ seed: 17 });
    expect(check(s, { nodes: 3, ready: true })).toEqual({ label: '3 nodes are Ready', passed: true });
    const victim = s.store.list('Node')[1].metadata.name;
    s.dispatch({ type: 'stopNode', node: victim });
    expect(check(s, { nodes: 1, running: false })).toEqual({ label: '1 node is powered off', passed: true });
    expect(check(s, { nodes: 1, ready: false }).passed).toBe(false);
    s.advance(60_000);
    expect(check(s, { nodes: 1, ready: false }).passed).toBe(true);
    expect(check(s, { nodes: 3, ready: true })).toMatchObject({ passed: false, detail: '2 are' });
  });
});

describe('composites and steps', () => {
  it('all, any and not combine items', () => {
    const item = check(sim, { all: [{ endpoints: 'mongodb-svc', ready: 1 }, { not: { object: 'Deployment mongodb', absent: true } }, { any: [{ history: 'x' }, { externalIP: 'data-api-svc' }] }] });
    expect(item).toMatchObject({ passed: true, children: [{ passed: true }, { passed: true, label: 'not: Deployment mongodb is gone' }, { passed: true, label: 'one of these' }] });
    expect(check(sim, { not: { endpoints: 'mongodb-svc', ready: 1 } })).toEqual({ label: 'not: Service mongodb-svc has 1 ready endpoint', passed: false, detail: 'it holds' });
  });

  it('evaluateStep lists the top-level items and adds hints only while the check fails', () => {
    const lab = parseLab('t', ['---', 'title: t', 'summary: s', 'module: 1', 'seed: 1', 'estimatedMinutes: 1', '---', '## S {#s}',
      '```check', '- endpoints: mongodb-svc', '  ready: 1', '- history: nslookup', '```',
      '```hints', '- when:', '    history: nslookup', '  text: never', '- when:', '    detect: envUsesPodIP', '    deployment: data-api', '- when:', '    not:', '      history: nslookup', '  text: try nslookup', '```',
      '```solution', 'x', '```'].join('\n'));
    if (!lab.ok) throw new Error(lab.errors.join('\n'));
    const step = lab.lab.steps[0];
    const failing = evaluateStep(step, checkContext(sim));
    expect(failing).toMatchObject({ passed: false, at: sim.now, items: [{ passed: true }, { passed: false }], hints: [{ id: '3', text: 'try nslookup' }] });
    const passing = evaluateStep(step, checkContext(sim, [{ line: 'kubectl exec x -- nslookup mongodb-svc', stdout: '', stderr: '' }]));
    expect(passing).toMatchObject({ passed: true, hints: [] });
  });
});
