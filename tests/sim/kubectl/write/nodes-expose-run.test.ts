import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../../sim/model/types';
import { grouped, podDecision } from '../../../../sim/kubectl/node-verbs';
import { newSim, out, sh, stored } from './helpers';

const onNode = (sim: ReturnType<typeof newSim>, node: string): K8sObject[] =>
  sim.store.list('Pod').filter((p) => (p.spec as { nodeName?: string }).nodeName === node);
const dsPods = (pods: K8sObject[]): string =>
  pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet').map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');

describe('kubectl cordon / uncordon / drain', () => {
  it('cordons and uncordons, saying so when nothing changes', () => {
    const sim = newSim();
    const node = sim.store.list('Node')[0].metadata.name;
    expect(out(sh(sim, `kubectl cordon ${node}`))).toEqual({ stdout: `node/${node} cordoned\n`, stderr: '', exitCode: 0 });
    expect((stored(sim, 'Node', node)!.spec as { unschedulable?: boolean }).unschedulable).toBe(true);
    expect(out(sh(sim, `kubectl cordon ${node}`))).toEqual({ stdout: `node/${node} already cordoned\n`, stderr: '', exitCode: 0 });
    expect(out(sh(sim, `kubectl uncordon ${node}`))).toEqual({ stdout: `node/${node} uncordoned\n`, stderr: '', exitCode: 0 });
    expect(out(sh(sim, `kubectl uncordon ${node}`))).toEqual({ stdout: `node/${node} already uncordoned\n`, stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl cordon nope'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): nodes "nope" not found\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl cordon'))).toEqual({ stdout: '', stderr: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n", exitCode: 1 });
  });

  it('drain refuses DaemonSet-managed pods without --ignore-daemonsets, then evicts the rest', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25 --replicas=3');
    sh(sim, 'sleep 30');
    const node = sim.store.list('Node')[1].metadata.name;
    const pods = onNode(sim, node);
    expect(out(sh(sim, `kubectl drain ${node}`))).toEqual({
      stdout: `node/${node} cordoned\n`,
      stderr: `error: unable to drain node "${node}", aborting command...\n\nThere are pending nodes to be drained:\n ${node}\n` +
        `error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${dsPods(pods)}\n`,
      exitCode: 1,
    });
    const victims = pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet');
    expect(victims.length).toBeGreaterThan(0);
    const r = sh(sim, `kubectl drain ${node} --ignore-daemonsets`);
    expect(r.stderr).toBe(`Warning: ignoring DaemonSet-managed Pods: ${dsPods(pods)}\n`);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`node/${node} already cordoned`);
    expect(lines.slice(1, 1 + victims.length)).toEqual(victims.map((p) => `evicting pod ${p.metadata.namespace}/${p.metadata.name}`));
    expect(lines.slice(1 + victims.length, 1 + 2 * victims.length).sort()).toEqual(victims.map((p) => `pod/${p.metadata.name} evicted`).sort());
    expect(lines.slice(1 + 2 * victims.length)).toEqual([`node/${node} drained`, '']);
    expect(r.exitCode).toBe(0);
    expect(onNode(sim, node).every((p) => p.metadata.ownerReferences?.[0]?.kind === 'DaemonSet')).toBe(true);
  });

  it('drain needs --force for a bare pod, and --delete-emptydir-data for emptyDir', () => {
    const pod = (extra: Record<string, unknown>) => ({ kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: {}, status: { phase: 'Running' }, ...extra }) as unknown as Parameters<typeof podDecision>[0];
    const opts = { ignoreDaemonSets: true, deleteEmptyDir: false, force: false, daemonSetExists: true };
    expect(podDecision(pod({}), opts)).toMatchObject({ remove: false, reason: 'error', message: 'cannot delete Pods that declare no controller (use --force to override)' });
    expect(podDecision(pod({}), { ...opts, force: true })).toMatchObject({ remove: true, reason: 'warning', message: 'deleting Pods that declare no controller' });
    const withDir = pod({ spec: { volumes: [{ name: 'tmp', emptyDir: {} }] }, metadata: { name: 'q', namespace: 'default', ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', controller: true }] } });
    expect(podDecision(withDir, opts)).toMatchObject({ remove: false, reason: 'error' });
    expect(grouped([podDecision(withDir, opts), podDecision(pod({}), opts)], 'error')).toEqual([
      'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/q',
      'cannot delete Pods that declare no controller (use --force to override): default/p',
    ]);
    expect(podDecision(pod({ status: { phase: 'Succeeded' } }), opts)).toMatchObject({ remove: true, reason: 'ok' });
  });
});

describe('kubectl expose', () => {
  it('builds the Service from the deployment and prints `exposed`', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment data-api --image=smilr/data-api --port=4000');
    expect(out(sh(sim, 'kubectl expose deployment data-api --port=80 --target-port=4000 --type=LoadBalancer --name=data-api-svc'))).toEqual({
      stdout: 'service/data-api-svc exposed\n', stderr: '', exitCode: 0,
    });
    const svc = stored(sim, 'Service', 'data-api-svc')!;
    expect(svc.metadata.labels).toEqual({ app: 'data-api' });
    expect((svc.spec as Record<string, unknown>).selector).toEqual({ app: 'data-api' });
    expect((svc.spec as { ports: unknown[] }).ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 4000, nodePort: expect.any(Number) }]);
    expect(sh(sim, 'kubectl expose deploy data-api --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  labels:
    app: data-api
  name: data-api
spec:
  ports:
  - port: 4000
    protocol: TCP
    targetPort: 4000
  selector:
    app: data-api
status:
  loadBalancer: {}
`);
    expect(out(sh(sim, 'kubectl expose deploy data-api --port=80 --name=data-api-svc'))).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): services "data-api-svc" already exists\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl expose ds/kube-proxy -n kube-system --port=80'))).toEqual({ stdout: '', stderr: 'error: cannot expose a DaemonSet.apps\n', exitCode: 1 });
    sh(sim, 'kubectl create deployment noport --image=nginx');
    expect(out(sh(sim, 'kubectl expose deploy noport'))).toEqual({ stdout: '', stderr: "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n", exitCode: 1 });
  });
});

describe('kubectl run', () => {
  it('creates a Pod labelled run=NAME, with args after --', () => {
    const sim = newSim();
    expect(sh(sim, 'kubectl run web --image=nginx --port=80 --dry-run=client -o yaml').stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  labels:
    run: web
  name: web
spec:
  containers:
  - image: nginx
    name: web
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
    expect(out(sh(sim, 'kubectl run tools --image=busybox --restart=Never --env=A=1 -- sleep 3600'))).toEqual({ stdout: 'pod/tools created\n', stderr: '', exitCode: 0 });
    const c = (stored(sim, 'Pod', 'tools')!.spec as { restartPolicy: string; containers: { args: string[]; env: unknown[] }[] });
    expect([c.restartPolicy, c.containers[0].args, c.containers[0].env]).toEqual(['Never', ['sleep', '3600'], [{ name: 'A', value: '1' }]]);
    expect(out(sh(sim, 'kubectl run tools --image=busybox'))).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): pods "tools" already exists\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl run x'))).toEqual({ stdout: '', stderr: 'error: required flag(s) "image" not set\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl run'))).toEqual({ stdout: '', stderr: 'error: required flag(s) "image" not set\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl run x --image='))).toEqual({ stdout: '', stderr: 'error: --image is required\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl run --image=nginx'))).toEqual({ stdout: '', stderr: 'error: NAME is required for run\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl run rec --image=nginx --record'))).toEqual({ stdout: 'pod/rec created\n', stderr: 'Flag --record has been deprecated, --record will be removed in the future\n', exitCode: 0 });
    expect(stored(sim, 'Pod', 'rec')!.metadata.annotations).toEqual({ 'kubernetes.io/change-cause': 'kubectl run rec --image=nginx --record=true' });
    expect(out(sh(sim, 'kubectl run x --image=nginx --restart=Sometimes'))).toEqual({ stdout: '', stderr: 'error: invalid restart policy: Sometimes\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl run web2 --image=nginx --port=80 --expose'))).toEqual({ stdout: 'service/web2 created\npod/web2 created\n', stderr: '', exitCode: 0 });
  });
});
