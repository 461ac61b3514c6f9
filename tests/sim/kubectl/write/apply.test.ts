import { describe, expect, it } from 'vitest';
import { LAST_APPLIED } from '../../../../sim/kubectl/apply-patch';
import { deploymentStatus } from '../../../../sim/kubectl/rollout/status';
import type { K8sObject } from '../../../../sim/model/types';
import { dataApi, file, MONGO_SERVICE, newSim, out, sh, stored } from './helpers';

const SVC = (name: string, extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80${extra}
`;

describe('kubectl apply: the seed lab', () => {
  it('creates the Mongo Service, re-points data-api by name and follows the rollout', () => {
    const sim = newSim(4);
    sh(sim, 'kubectl create deployment mongodb --image=mongo:3.4-jessie --port=27017');
    sh(sim, 'sleep 30');
    const mongoIP = (sim.store.list('Pod', 'default').find((p) => p.metadata.labels?.app === 'mongodb')!.status as { podIP: string }).podIP;
    sh(sim, file('mongo.svc.yaml', MONGO_SERVICE));
    expect(out(sh(sim, 'kubectl apply -f mongo.svc.yaml'))).toEqual({ stdout: 'service/mongodb-svc created\n', stderr: '', exitCode: 0 });
    sh(sim, file('data-api.deploy.yaml', dataApi(`mongodb://${mongoIP}`)));
    expect(out(sh(sim, 'kubectl apply -f data-api.deploy.yaml'))).toEqual({ stdout: 'deployment.apps/data-api created\n', stderr: '', exitCode: 0 });
    sh(sim, 'sleep 60');
    expect(out(sh(sim, 'kubectl apply -f data-api.deploy.yaml'))).toEqual({ stdout: 'deployment.apps/data-api unchanged\n', stderr: '', exitCode: 0 });
    sh(sim, file('data-api.deploy.yaml', dataApi('mongodb://mongodb-svc.default')));
    expect(out(sh(sim, 'kubectl apply -f data-api.deploy.yaml'))).toEqual({ stdout: 'deployment.apps/data-api configured\n', stderr: '', exitCode: 0 });
    const since = sim.store.resourceVersion;
    const status = sh(sim, 'kubectl rollout status deployment/data-api');
    expect(status.stderr).toBe('');
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toBe([
      'Waiting for deployment spec update to be observed...',
      'Waiting for deployment spec update to be observed...',
      'Waiting for deployment "data-api" rollout to finish: 0 out of 1 new replicas have been updated...',
      'Waiting for deployment "data-api" rollout to finish: 1 old replicas are pending termination...',
      'Waiting for deployment "data-api" rollout to finish: 1 old replicas are pending termination...',
      'deployment "data-api" successfully rolled out',
      '',
    ].join('\n'));
    // One line per watch event: the first from the initial list, then one per MODIFIED change of the Deployment.
    const events = (sim.store.changesSince(since) ?? []).filter((c) => c.key === 'Deployment/default/data-api');
    expect(status.stdout.split('\n').length - 2).toBe(events.length);
    const last = events[events.length - 1].object;
    expect(deploymentStatus(last)).toEqual({ message: 'deployment "data-api" successfully rolled out\n', done: true });
    const env = (stored(sim, 'Deployment', 'data-api') as K8sObject & { spec: { template: { spec: { containers: { env: unknown[] }[] } } } }).spec.template.spec.containers[0].env;
    expect(env).toEqual([{ name: 'MONGO_CONNSTR', value: 'mongodb://mongodb-svc.default' }]);
  });

  it('stores last-applied-configuration as kubectl does: sorted compact JSON, annotations {} and the namespace, then a newline', () => {
    const sim = newSim();
    sh(sim, file('mongo.svc.yaml', MONGO_SERVICE));
    sh(sim, 'kubectl apply -f mongo.svc.yaml');
    expect(stored(sim, 'Service', 'mongodb-svc')!.metadata.annotations![LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"mongodb-svc","namespace":"default"},' +
      '"spec":{"ports":[{"port":27017,"protocol":"TCP","targetPort":27017}],"selector":{"app":"mongodb"},"type":"ClusterIP"}}\n');
  });

  it('warns when the live object lacks the annotation, then patches it in', () => {
    const sim = newSim();
    sh(sim, file('web.yaml', SVC('web')));
    expect(sh(sim, 'kubectl create -f web.yaml').stdout).toBe('service/web created\n');
    expect(out(sh(sim, 'kubectl apply -f web.yaml'))).toEqual({
      stdout: 'service/web configured\n',
      stderr: 'Warning: resource services/web is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
      exitCode: 0,
    });
    expect(out(sh(sim, 'kubectl apply -f web.yaml'))).toEqual({ stdout: 'service/web unchanged\n', stderr: '', exitCode: 0 });
  });

  it('removes what the previous manifest set and the new one drops, and keeps what the server filled in', () => {
    const sim = newSim();
    sh(sim, file('web.yaml', SVC('web', '\n  - port: 443\n    name: https').replace('- port: 80', '- port: 80\n    name: http')));
    sh(sim, 'kubectl apply -f web.yaml');
    const ip = (stored(sim, 'Service', 'web')!.spec as { clusterIP: string }).clusterIP;
    sh(sim, file('web.yaml', SVC('web')));
    expect(sh(sim, 'kubectl apply -f web.yaml').stdout).toBe('service/web configured\n');
    const spec = stored(sim, 'Service', 'web')!.spec as { clusterIP: string; ports: unknown[] };
    expect(spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(spec.clusterIP).toBe(ip);
  });

  it('honours --dry-run, -o name and --server-side', () => {
    const sim = newSim();
    sh(sim, file('web.yaml', SVC('web')));
    expect(out(sh(sim, 'kubectl apply -f web.yaml --dry-run=client'))).toEqual({ stdout: 'service/web created (dry run)\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl apply -f web.yaml --dry-run=server'))).toEqual({ stdout: 'service/web created (server dry run)\n', stderr: '', exitCode: 0 });
    expect(stored(sim, 'Service', 'web')).toBeUndefined();
    expect(out(sh(sim, 'kubectl apply -f web.yaml -o name'))).toEqual({ stdout: 'service/web\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl apply -f web.yaml --dry-run=client'))).toEqual({ stdout: 'service/web configured (dry run)\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl apply --server-side -f web.yaml'))).toEqual({ stdout: 'service/web serverside-applied\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl apply -f web.yaml --dry-run=maybe'))).toEqual({ stdout: '', stderr: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n', exitCode: 1 });
  });

  it('reads stdin, directories in name order, multi-document files and a List', () => {
    const sim = newSim();
    expect(sh(sim, `kubectl apply -f - <<EOF\n${SVC('from-stdin')}EOF`).stdout).toBe('service/from-stdin created\n');
    sh(sim, 'mkdir k8s');
    sh(sim, file('k8s/b.yaml', SVC('b')));
    sh(sim, file('k8s/a.yml', `${SVC('a1')}---\n${SVC('a2')}`));
    sh(sim, file('k8s/notes.txt', 'not a manifest\n'));
    expect(out(sh(sim, 'kubectl apply -f k8s'))).toEqual({ stdout: 'service/a1 created\nservice/a2 created\nservice/b created\n', stderr: '', exitCode: 0 });
    sh(sim, file('list.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' }, data: { a: '1' } }] }) + '\n'));
    expect(sh(sim, 'kubectl apply -f list.json').stdout).toBe('configmap/c1 created\n');
  });

  it('names the files of a directory as filepath.Walk joins them (cleaned, without a leading ./)', () => {
    const sim = newSim();
    sh(sim, 'mkdir k8s');
    sh(sim, file('k8s/bad.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n'));
    const missingKind = (path: string) => `error: error validating "${path}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n`;
    expect(out(sh(sim, 'kubectl apply -f ./k8s/'))).toEqual({ stdout: '', stderr: missingKind('k8s/bad.yaml'), exitCode: 1 });
    expect(out(sh(sim, 'kubectl apply -f k8s/bad.yaml'))).toEqual({ stdout: '', stderr: missingKind('k8s/bad.yaml'), exitCode: 1 });
    expect(out(sh(sim, 'cd k8s && kubectl apply -f .'))).toEqual({ stdout: '', stderr: missingKind('bad.yaml'), exitCode: 1 });
    expect(out(sh(sim, 'kubectl apply -f ./bad.yaml'))).toEqual({ stdout: '', stderr: missingKind('./bad.yaml'), exitCode: 1 });
  });

  it('reads YAML 1.1 as kubectl does: 0644 is octal 420', () => {
    const sim = newSim();
    sh(sim, file('cm-vol.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: vol
spec:
  containers:
  - name: c
    image: nginx
  volumes:
  - name: cfg
    configMap:
      name: cfg
      defaultMode: 0644
`));
    expect(sh(sim, 'kubectl apply -f cm-vol.yaml').stdout).toBe('pod/vol created\n');
    const volumes = (stored(sim, 'Pod', 'vol')!.spec as { volumes: { configMap: { defaultMode: number } }[] }).volumes;
    expect(volumes[0].configMap.defaultMode).toBe(420);
  });

  it('applies the good objects of a file and reports the bad one', () => {
    const sim = newSim();
    sh(sim, file('two.yaml', `${SVC('good')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  selector:\n    app: bad\n`));
    expect(out(sh(sim, 'kubectl apply -f two.yaml'))).toEqual({
      stdout: 'service/good created\n', stderr: 'The Service "bad" is invalid: spec.ports: Required value\n', exitCode: 1,
    });
    expect(stored(sim, 'Service', 'good')).toBeDefined();
    expect(stored(sim, 'Service', 'bad')).toBeUndefined();
  });

  it('changes nothing for a single invalid object, and reports every later error after the successes', () => {
    const sim = newSim();
    sh(sim, file('bad.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
      - name: web
        image: nginx
`));
    const rv = sim.store.resourceVersion;
    expect(out(sh(sim, 'kubectl apply -f bad.yaml'))).toEqual({
      stdout: '', stderr: 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`\n', exitCode: 1,
    });
    expect(sim.store.resourceVersion).toBe(rv);
    sh(sim, file('mixed.yaml', `${SVC('ok')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ok2\nspec:\n  prots: []\n---\nkind: Service\nmetadata:\n  name: nokind\n`));
    expect(out(sh(sim, 'kubectl apply -f mixed.yaml'))).toEqual({
      stdout: 'service/ok created\n',
      stderr: 'error validating "mixed.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n' +
        'Error from server (BadRequest): error when creating "mixed.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.prots"\n',
      exitCode: 1,
    });
  });

  it('prints the decoding errors with kubectl\'s wording', () => {
    const sim = newSim();
    const cases: [string, string, string][] = [
      ['tab.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: x\n', 'error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n'],
      ['indent.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n   labels: y\n', 'error: error parsing indent.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n'],
      ['nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n', 'error: error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n'],
      ['typo.yaml', 'apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: x\n', 'error: resource mapping not found for name: "x" namespace: "" from "typo.yaml": no matches for kind "Deploymnt" in version "apps/v1"\nensure CRDs are installed first\n'],
      ['prots.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  prots:\n  - port: 80\n', 'Error from server (BadRequest): error when creating "prots.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.prots"\n'],
    ];
    for (const [name, text, stderr] of cases) {
      sh(sim, file(name, text));
      expect(out(sh(sim, `kubectl apply -f ${name}`))).toEqual({ stdout: '', stderr, exitCode: 1 });
    }
    expect(out(sh(sim, 'kubectl apply -f nope.yaml'))).toEqual({ stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl apply'))).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl apply -f web.yaml --frobnicate'))).toEqual({ stdout: '', stderr: "error: unknown flag: --frobnicate\nSee 'kubectl apply --help' for usage.\n", exitCode: 1 });
  });

  it('reports an unknown field found on the patch path as the apiserver\'s patch handler does', () => {
    const sim = newSim();
    sh(sim, file('web.yaml', SVC('web')));
    sh(sim, 'kubectl apply -f web.yaml');
    sh(sim, file('web.yaml', `${SVC('web')}  prots:\n  - port: 80\n`));
    const lastApplied = '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"ports":[{"port":80}],"prots":[{"port":80}],"selector":{"app":"web"}}}\n';
    const goMap = `map[metadata:map[annotations:map[kubectl.kubernetes.io/last-applied-configuration:${lastApplied}]] spec:map[prots:[map[port:80]]]]`;
    expect(out(sh(sim, 'kubectl apply -f web.yaml'))).toEqual({
      stdout: '', stderr: `The request is invalid: patch: Invalid value: ${JSON.stringify(goMap)}: strict decoding error: unknown field "spec.prots"\n`, exitCode: 1,
    });
  });

  it('refuses an object whose namespace differs from -n', () => {
    const sim = newSim();
    sh(sim, 'kubectl create namespace team-a');
    sh(sim, file('web.yaml', SVC('web').replace('  name: web', '  name: web\n  namespace: team-a')));
    expect(out(sh(sim, 'kubectl apply -f web.yaml -n default'))).toEqual({
      stdout: '', stderr: `error: the namespace from the provided object "team-a" does not match the namespace "default". You must pass '--namespace=team-a' to perform this operation.\n`, exitCode: 1,
    });
    expect(sh(sim, 'kubectl apply -f web.yaml').stdout).toBe('service/web created\n');
    expect(stored(sim, 'Service', 'web', 'team-a')).toBeDefined();
  });
});
