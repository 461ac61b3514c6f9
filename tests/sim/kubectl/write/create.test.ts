import { describe, expect, it } from 'vitest';
import { containerNameFor, parseTcp } from '../../../../sim/kubectl/create/generators';
import { file, newSim, out, sh, stored } from './helpers';

describe('kubectl create deployment', () => {
  it('builds the object kubectl would send (v1.34: no creationTimestamp: null)', () => {
    const sim = newSim();
    expect(out(sh(sim, 'kubectl create deployment web --image=nginx:1.25 --replicas=2 --port=80 --dry-run=client -o yaml'))).toEqual({
      stdout: `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.25
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`, stderr: '', exitCode: 0,
    });
    expect(stored(sim, 'Deployment', 'web')).toBeUndefined();
  });

  it('names the container after the image\'s last path segment, and creates it', () => {
    expect(containerNameFor('smilr/data-api', 's')).toBe('data-api');
    expect(containerNameFor('mcr.microsoft.com/azuredocs/aks-helloworld:v1', 's')).toBe('aks-helloworld');
    expect(containerNameFor('busybox@sha256:abc', 's')).toBe('busybox');
    expect(containerNameFor('my_app.v2', 's')).toMatch(/^my-app-v2-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const sim = newSim();
    expect(out(sh(sim, 'kubectl create deployment data-api --image=smilr/data-api'))).toEqual({ stdout: 'deployment.apps/data-api created\n', stderr: '', exitCode: 0 });
    const d = stored(sim, 'Deployment', 'data-api')!.spec as { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } };
    expect(d.replicas).toBe(1);
    expect(d.template.spec.containers.map((c) => [c.name, c.image])).toEqual([['data-api', 'smilr/data-api']]);
    expect(out(sh(sim, 'kubectl create deployment data-api --image=smilr/data-api'))).toEqual({
      stdout: '', stderr: 'error: failed to create deployment: deployments.apps "data-api" already exists\n', exitCode: 1,
    });
  });

  it('reports missing arguments as kubectl does', () => {
    const sim = newSim();
    expect(out(sh(sim, 'kubectl create deployment --image=nginx'))).toEqual({
      stdout: '', stderr: "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n", exitCode: 1,
    });
    expect(out(sh(sim, 'kubectl create deployment web'))).toEqual({ stdout: '', stderr: 'error: required flag(s) "image" not set\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl create deploy web --image=nginx -o name'))).toEqual({ stdout: 'deployment.apps/web\n', stderr: '', exitCode: 0 });
  });
});

describe('kubectl create service', () => {
  it('builds ClusterIP, NodePort and LoadBalancer services with app=NAME and ports named 80-8080', () => {
    const sim = newSim();
    expect(sh(sim, 'kubectl create service clusterip my-svc --tcp=80:8080 --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  labels:
    app: my-svc
  name: my-svc
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: my-svc
  type: ClusterIP
status:
  loadBalancer: {}
`);
    expect(out(sh(sim, 'kubectl create service nodeport my-np --tcp=80:8080 --node-port=30080'))).toEqual({ stdout: 'service/my-np created\n', stderr: '', exitCode: 0 });
    expect((stored(sim, 'Service', 'my-np')!.spec as { ports: { nodePort: number }[] }).ports[0].nodePort).toBe(30080);
    expect(out(sh(sim, 'kubectl create svc loadbalancer web-lb --tcp=80'))).toEqual({ stdout: 'service/web-lb created\n', stderr: '', exitCode: 0 });
    expect((stored(sim, 'Service', 'web-lb')!.spec as { ports: unknown[] }).ports).toEqual([{ name: '80', nodePort: expect.any(Number), port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(out(sh(sim, 'kubectl create service clusterip my-np --tcp=80:8080'))).toEqual({
      stdout: '', stderr: 'error: failed to create ClusterIP service: services "my-np" already exists\n', exitCode: 1,
    });
    expect(out(sh(sim, 'kubectl create service clusterip x'))).toEqual({ stdout: '', stderr: 'error: at least one tcp port specifier must be provided\n', exitCode: 1 });
  });

  it('parses --tcp as kubectl does', () => {
    expect(parseTcp('80:8080')).toEqual({ port: 80, targetPort: 8080 });
    expect(parseTcp('80:http')).toEqual({ port: 80, targetPort: 'http' });
    expect(parseTcp('x:80')).toEqual({ error: 'strconv.ParseUint: parsing "x": invalid syntax' });
    expect(parseTcp('80:70000')).toEqual({ error: 'must be between 1 and 65535, inclusive' });
  });
});

describe('kubectl create secret, configmap and namespace', () => {
  it('builds a docker-registry secret with the .dockerconfigjson kubectl writes', () => {
    const sim = newSim();
    const r = sh(sim, 'kubectl create secret docker-registry regcred --docker-server=myregistry.azurecr.io --docker-username=user --docker-password=pass --docker-email=a@b.c --dry-run=client -o yaml');
    const config = '{"auths":{"myregistry.azurecr.io":{"username":"user","password":"pass","email":"a@b.c","auth":"dXNlcjpwYXNz"}}}';
    expect(r.stdout).toBe(`apiVersion: v1
data:
  .dockerconfigjson: ${Buffer.from(config).toString('base64')}
kind: Secret
metadata:
  name: regcred
type: kubernetes.io/dockerconfigjson
`);
    expect(out(sh(sim, 'kubectl create secret docker-registry regcred --docker-username=user'))).toEqual({
      stdout: '', stderr: 'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n', exitCode: 1,
    });
    expect(out(sh(sim, 'kubectl create secret docker-registry regcred --docker-username=user --docker-password=pass'))).toEqual({ stdout: 'secret/regcred created\n', stderr: '', exitCode: 0 });
    expect(stored(sim, 'Secret', 'regcred')!.type).toBe('kubernetes.io/dockerconfigjson');
  });

  it('builds generic secrets and config maps from literals and files', () => {
    const sim = newSim();
    expect(out(sh(sim, 'kubectl create secret generic db --from-literal=user=admin --from-literal=pass=s3cr3t'))).toEqual({ stdout: 'secret/db created\n', stderr: '', exitCode: 0 });
    expect((stored(sim, 'Secret', 'db') as unknown as { data: Record<string, string> }).data).toEqual({ pass: 'czNjcjN0', user: 'YWRtaW4=' });
    sh(sim, file('app.properties', 'color=blue\n'));
    expect(sh(sim, 'kubectl create configmap cfg --from-literal=mode=dev --from-file=app.properties --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
data:
  app.properties: |
    color=blue
  mode: dev
kind: ConfigMap
metadata:
  name: cfg
`);
    expect(out(sh(sim, 'kubectl create configmap cfg --from-literal=oops'))).toEqual({ stdout: '', stderr: 'error: invalid literal source oops, expected key=value\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl create secret generic db --from-literal=a=b'))).toEqual({ stdout: '', stderr: 'error: failed to create secret secrets "db" already exists\n', exitCode: 1 });
  });

  it('creates namespaces and reports an existing one from the server', () => {
    const sim = newSim();
    expect(sh(sim, 'kubectl create namespace team-a --dry-run=client -o yaml').stdout).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\nspec: {}\nstatus: {}\n');
    expect(out(sh(sim, 'kubectl create namespace team-a'))).toEqual({ stdout: 'namespace/team-a created\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl create ns team-a'))).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "team-a" already exists\n', exitCode: 1 });
  });
});

describe('kubectl create -f and replace -f', () => {
  it('creates each object and reports the ones that exist', () => {
    const sim = newSim();
    sh(sim, file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n'));
    expect(out(sh(sim, 'kubectl create -f cm.yaml'))).toEqual({ stdout: 'configmap/a created\nconfigmap/b created\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl create -f cm.yaml'))).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "a" already exists\nError from server (AlreadyExists): error when creating "cm.yaml": configmaps "b" already exists\n',
      exitCode: 1,
    });
    sh(sim, file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: w\n'));
    expect(out(sh(sim, 'kubectl replace -f cm.yaml'))).toEqual({ stdout: 'configmap/a replaced\n', stderr: '', exitCode: 0 });
    expect((stored(sim, 'ConfigMap', 'a') as unknown as { data: Record<string, string> }).data).toEqual({ k: 'w' });
    sh(sim, file('gone.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n'));
    expect(out(sh(sim, 'kubectl replace -f gone.yaml'))).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): error when replacing "gone.yaml": configmaps "gone" not found\n', exitCode: 1,
    });
  });

  it('says plainly which generators kubesim does not simulate', () => {
    const sim = newSim();
    expect(out(sh(sim, 'kubectl create job hello --image=busybox'))).toEqual({
      stdout: '', stderr: 'error: kubesim does not simulate "kubectl create job": that kind of object is not part of this cluster\n', exitCode: 1,
    });
  });
});
