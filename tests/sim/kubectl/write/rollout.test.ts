import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../../sim/model/types';
import { formatTimestamp } from '../../../../sim/model/time';
import { daemonSetStatus, deploymentStatus, statefulSetStatus } from '../../../../sim/kubectl/rollout/status';
import { newSim, out, sh, stored } from './helpers';

const dep = (spec: Record<string, unknown>, status: Record<string, unknown>, generation = 2): K8sObject =>
  ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', generation, annotations: { 'deployment.kubernetes.io/revision': '2' } }, spec, status }) as K8sObject;

describe('rollout status viewers (polymorphichelpers/rollout_status.go)', () => {
  it('says what a Deployment waits for, in kubectl\'s order', () => {
    const cases: [K8sObject, unknown][] = [
      [dep({ replicas: 3 }, { observedGeneration: 1 }), { message: 'Waiting for deployment spec update to be observed...\n', done: false }],
      [dep({ replicas: 3 }, { observedGeneration: 2, conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }] }), { error: 'deployment "x" exceeded its progress deadline' }],
      [dep({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 1, replicas: 4 }), { message: 'Waiting for deployment "x" rollout to finish: 1 out of 3 new replicas have been updated...\n', done: false }],
      [dep({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, replicas: 4 }), { message: 'Waiting for deployment "x" rollout to finish: 1 old replicas are pending termination...\n', done: false }],
      [dep({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }), { message: 'Waiting for deployment "x" rollout to finish: 2 of 3 updated replicas are available...\n', done: false }],
      [dep({ replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }), { message: 'deployment "x" successfully rolled out\n', done: true }],
    ];
    for (const [obj, want] of cases) expect(deploymentStatus(obj)).toEqual(want);
    expect(deploymentStatus(dep({}, {}), 5)).toEqual({ error: 'desired revision (5) is different from the running revision (2)' });
  });

  it('covers DaemonSets and StatefulSets', () => {
    const ds = { kind: 'DaemonSet', metadata: { name: 'kp', generation: 1 }, spec: {}, status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 } } as unknown as K8sObject;
    expect(daemonSetStatus(ds)).toEqual({ message: 'Waiting for daemon set "kp" rollout to finish: 2 of 3 updated pods are available...\n', done: false });
    const sts = { kind: 'StatefulSet', metadata: { name: 'db', generation: 1 }, spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } }, status: { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 3 } } as unknown as K8sObject;
    expect(statefulSetStatus(sts)).toEqual({ message: 'partitioned roll out complete: 3 new pods have been updated...\n', done: true });
    expect(statefulSetStatus({ ...sts, status: { observedGeneration: 1, readyReplicas: 1 } } as K8sObject)).toEqual({ message: 'Waiting for 2 pods to be ready...\n', done: false });
  });
});

describe('kubectl rollout', () => {
  it('status: one line when done, --watch=false, the timeout error, and the lookup errors', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25 --replicas=2');
    sh(sim, 'sleep 30');
    expect(out(sh(sim, 'kubectl rollout status deployment/web'))).toEqual({ stdout: 'deployment "web" successfully rolled out\n', stderr: '', exitCode: 0 });
    sh(sim, 'kubectl set image deploy/web nginx=nginx:9.9.9');
    expect(out(sh(sim, 'kubectl rollout status deploy web --watch=false'))).toEqual({ stdout: 'Waiting for deployment spec update to be observed...\n', stderr: '', exitCode: 0 });
    const stuck = sh(sim, 'kubectl rollout status deploy/web --timeout=20s');
    expect(stuck.stdout.split('\n').slice(-2)).toEqual(['Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...', '']);
    expect(stuck.stderr).toBe('error: timed out waiting for the condition\n');
    expect(stuck.exitCode).toBe(1);
    expect(out(sh(sim, 'kubectl rollout status deploy/nope'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
    sh(sim, 'kubectl run tmp --image=busybox');
    expect(out(sh(sim, 'kubectl rollout status pod/tmp'))).toEqual({ stdout: '', stderr: 'error: no status viewer has been implemented for Pod\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl rollout status'))).toEqual({ stdout: '', stderr: 'error: required resource not specified\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl rollout status ds/kube-proxy -n kube-system'))).toEqual({ stdout: 'daemon set "kube-proxy" successfully rolled out\n', stderr: '', exitCode: 0 });
  });

  it('history and undo: revisions from the ReplicaSets, the old ReplicaSet re-used with a new number', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    sh(sim, 'sleep 20');
    expect(out(sh(sim, 'kubectl rollout undo deployment/web'))).toEqual({ stdout: '', stderr: 'error: no rollout history found for deployment "web"\n', exitCode: 1 });
    sh(sim, 'kubectl set image deployment/web nginx=nginx:1.26');
    sh(sim, 'kubectl annotate deployment web kubernetes.io/change-cause="image 1.26"');
    sh(sim, 'sleep 30');
    expect(out(sh(sim, 'kubectl rollout history deployment/web'))).toEqual({
      stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image 1.26\n\n', stderr: '', exitCode: 0,
    });
    const rs2 = sim.store.list('ReplicaSet', 'default').find((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2')!;
    const hash = rs2.metadata.labels!['pod-template-hash'];
    expect(out(sh(sim, 'kubectl rollout history deployment/web --revision=2'))).toEqual({
      stdout: `deployment.apps/web with revision #2
Pod Template:
  Labels:\tapp=web
\tpod-template-hash=${hash}
  Annotations:\tkubernetes.io/change-cause: image 1.26
  Containers:
   nginx:
    Image:\tnginx:1.26
    Port:\t<none>
    Host Port:\t<none>
    Environment:\t<none>
    Mounts:\t<none>
  Volumes:\t<none>
  Node-Selectors:\t<none>
  Tolerations:\t<none>

`, stderr: '', exitCode: 0,
    });
    expect(out(sh(sim, 'kubectl rollout history deployment/web --revision=7'))).toEqual({ stdout: '', stderr: 'error: unable to find the specified revision\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl rollout undo deployment/web --to-revision=9'))).toEqual({ stdout: '', stderr: 'error: unable to find specified revision 9 in history\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl rollout undo deployment/web'))).toEqual({ stdout: 'deployment.apps/web rolled back\n', stderr: '', exitCode: 0 });
    sh(sim, 'sleep 30');
    expect(sh(sim, 'kubectl rollout history deploy/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         image 1.26\n3         <none>\n\n');
    expect(out(sh(sim, 'kubectl rollout undo deploy/web --to-revision=3'))).toEqual({
      stdout: 'deployment.apps/web skipped rollback (current template already matches revision 3)\n', stderr: '', exitCode: 0,
    });
    const image = (stored(sim, 'Deployment', 'web')!.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image;
    expect(image).toBe('nginx:1.25');
  });

  it('restart stamps restartedAt with the virtual time; pause and resume with their errors', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    sh(sim, 'sleep 20');
    expect(out(sh(sim, 'kubectl rollout restart deployment/web'))).toEqual({ stdout: 'deployment.apps/web restarted\n', stderr: '', exitCode: 0 });
    const at = (stored(sim, 'Deployment', 'web')!.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations['kubectl.kubernetes.io/restartedAt'];
    expect(at).toBe(formatTimestamp(sim.clock.nowEpochMs));
    expect(out(sh(sim, 'kubectl rollout restart deployment/web'))).toEqual({ stdout: '', stderr: 'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl rollout restart deployment -l app=none'))).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    sh(sim, 'sleep 5');
    expect(out(sh(sim, 'kubectl rollout pause deployment/web'))).toEqual({ stdout: 'deployment.apps/web paused\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl rollout pause deployment/web'))).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is already paused\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl rollout restart deployment/web'))).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl rollout undo deployment/web'))).toEqual({
      stdout: '', stderr: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n", exitCode: 1,
    });
    expect(out(sh(sim, 'kubectl rollout resume deployment/web'))).toEqual({ stdout: 'deployment.apps/web resumed\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl rollout resume deployment/web'))).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is not paused\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl rollout pause ds/kube-proxy -n kube-system'))).toEqual({ stdout: '', stderr: 'error: daemonsets.apps "kube-proxy" pausing is not supported\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl rollout frobnicate deploy/web'))).toEqual({ stdout: '', stderr: 'error: unknown command "frobnicate" for "kubectl rollout"\n', exitCode: 1 });
  });
});

describe('--record (RecordFlags)', () => {
  const DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future\n';
  const cause = (sim: ReturnType<typeof newSim>, name: string): string | undefined =>
    stored(sim, 'Deployment', name)!.metadata.annotations?.['kubernetes.io/change-cause'];

  it('warns that the flag is deprecated and writes the command line as the change cause rollout history shows', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    sh(sim, 'sleep 20');
    expect(out(sh(sim, 'kubectl set image deploy/web nginx=nginx:1.26 --record'))).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: DEPRECATED, exitCode: 0 });
    sh(sim, 'sleep 30');
    expect(sh(sim, 'kubectl rollout history deploy/web').stdout)
      .toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deploy/web nginx=nginx:1.26 --record=true\n\n');
    expect(out(sh(sim, 'kubectl scale -n default deployment web --replicas 2 --record'))).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: DEPRECATED, exitCode: 0 });
    expect(cause(sim, 'web')).toBe('kubectl scale deployment web --namespace=default --replicas=2 --record=true');
  });

  it('records nothing with --record=false, and puts apply\'s cause in the last-applied configuration too', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    expect(out(sh(sim, 'kubectl label deploy web tier=fe --record=false'))).toEqual({ stdout: 'deployment.apps/web labeled\n', stderr: DEPRECATED, exitCode: 0 });
    expect(cause(sim, 'web')).toBeUndefined();
    sh(sim, 'kubectl create deployment api --image=nginx --dry-run=client -o yaml > api.yaml');
    expect(out(sh(sim, 'kubectl apply -f api.yaml --record'))).toEqual({ stdout: 'deployment.apps/api created\n', stderr: DEPRECATED, exitCode: 0 });
    expect(cause(sim, 'api')).toBe('kubectl apply --filename=api.yaml --record=true');
    expect(stored(sim, 'Deployment', 'api')!.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toContain('"kubernetes.io/change-cause":"kubectl apply --filename=api.yaml --record=true"');
    sh(sim, 'kubectl delete deploy api');
    expect(out(sh(sim, 'kubectl create -f api.yaml --record'))).toEqual({ stdout: 'deployment.apps/api created\n', stderr: DEPRECATED, exitCode: 0 });
    expect(cause(sim, 'api')).toBe('kubectl create --filename=api.yaml --record=true');
  });
});
