import { describe, expect, it } from 'vitest';
import { startScenario, type Scenario } from '../../helpers/scenario';
import { writeFile } from '../../scenarios/manifests';
import { MONGO_STATEFULSET, claim } from './manifests';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function waitFor(s: Scenario, done: () => boolean, maxMs = 180_000): void {
  const start = s.sim.now;
  while (!done()) {
    if (s.sim.now - start > maxMs) throw new Error('timed out');
    s.wait(500);
  }
}

const ready = (s: Scenario, name: string): boolean =>
  !!(s.get('Pod', name) as Any | undefined)?.status?.conditions?.some((c: Any) => c.type === 'Ready' && c.status === 'True');
const claimNames = (s: Scenario): string[] => s.sim.store.list('PersistentVolumeClaim', 'default').map((c) => c.metadata.name);
const eventsOf = (s: Scenario, name: string): string[] =>
  (s.sim.store.list('Event', 'default') as Any[]).filter((e) => e.involvedObject.name === name).map((e) => `${e.type} ${e.reason}: ${e.message}`);

function pod(name: string, claimName: string, extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
${extra}  containers:
  - name: web
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${claimName}
`;
}

describe('StorageClasses of an AKS cluster', () => {
  it('lists the nine classes AKS creates, `default` marked as the default', () => {
    const s = startScenario(1);
    expect(s.sh('kubectl get sc').stdout).toBe([
      'NAME                    PROVISIONER          RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE',
      'azurefile               file.csi.azure.com   Delete          Immediate              true                   12m',
      'azurefile-csi           file.csi.azure.com   Delete          Immediate              true                   12m',
      'azurefile-csi-premium   file.csi.azure.com   Delete          Immediate              true                   12m',
      'azurefile-premium       file.csi.azure.com   Delete          Immediate              true                   12m',
      'default (default)       disk.csi.azure.com   Delete          WaitForFirstConsumer   true                   12m',
      'managed                 disk.csi.azure.com   Delete          WaitForFirstConsumer   true                   12m',
      'managed-csi             disk.csi.azure.com   Delete          WaitForFirstConsumer   true                   12m',
      'managed-csi-premium     disk.csi.azure.com   Delete          WaitForFirstConsumer   true                   12m',
      'managed-premium         disk.csi.azure.com   Delete          WaitForFirstConsumer   true                   12m', '',
    ].join('\n'));
    expect(s.sh("kubectl get sc default -o jsonpath='{.parameters.skuname} {.metadata.annotations}'").stdout)
      .toBe('StandardSSD_LRS {"storageclass.kubernetes.io/is-default-class":"true"}');
  });

  it('gives a claim without storageClassName the default class, and leaves an explicit "" alone', () => {
    const s = startScenario(2);
    s.sh(writeFile('a.yaml', claim('a', '')));
    s.sh(writeFile('b.yaml', claim('b', '  storageClassName: ""\n')));
    s.sh('kubectl apply -f a.yaml -f b.yaml');
    expect((s.get('PersistentVolumeClaim', 'a') as Any).spec.storageClassName).toBe('default');
    expect((s.get('PersistentVolumeClaim', 'b') as Any).spec.storageClassName).toBe('');
    expect((s.get('PersistentVolumeClaim', 'a') as Any).metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it('leaves a claim Pending when there is no default class, and its pod unschedulable', () => {
    const s = startScenario(3);
    expect(s.sh('kubectl annotate sc default storageclass.kubernetes.io/is-default-class-').stdout).toBe('storageclass.storage.k8s.io/default annotated\n');
    s.sh(writeFile('c.yaml', claim('data', '')));
    s.sh(writeFile('p.yaml', pod('web', 'data')));
    s.sh('kubectl apply -f c.yaml -f p.yaml');
    s.wait(60_000);
    expect(s.sh('kubectl get pvc').stdout).toBe([
      'NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
      'data   Pending                                      <unset>        <unset>                 60s', '',
    ].join('\n'));
    expect(eventsOf(s, 'data')).toEqual(['Normal FailedBinding: no persistent volumes available for this claim and no storage class is set']);
    expect(eventsOf(s, 'web')).toEqual([
      'Warning FailedScheduling: 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ]);
  });
});

describe('scheduling pods with claims', () => {
  it('reports a missing claim, then schedules the pod once the claim is created', () => {
    const s = startScenario(4);
    s.sh(writeFile('p.yaml', pod('web', 'data')));
    s.sh('kubectl apply -f p.yaml');
    s.wait(2_000);
    expect(eventsOf(s, 'web')).toEqual([
      'Warning FailedScheduling: 0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ]);
    s.sh(writeFile('c.yaml', claim('data', '')));
    s.sh('kubectl apply -f c.yaml');
    waitFor(s, () => ready(s, 'web'), 60_000);
    const reasons = eventsOf(s, 'web').map((e) => e.split(':')[0]);
    expect(reasons.slice(0, 3)).toEqual(['Warning FailedScheduling', 'Normal Scheduled', 'Normal SuccessfulAttachVolume']);
  });

  it('binds an Azure Files claim at once (Immediate) at the share minimum of its SKU', () => {
    const s = startScenario(5);
    s.sh(writeFile('f.yaml', claim('files', '  storageClassName: azurefile-csi-premium\n').replace('ReadWriteOnce', 'ReadWriteMany')));
    s.sh('kubectl apply -f f.yaml');
    waitFor(s, () => (s.get('PersistentVolumeClaim', 'files') as Any)?.status?.phase === 'Bound', 30_000);
    const c = s.get('PersistentVolumeClaim', 'files') as Any;
    expect(c.status).toEqual({ accessModes: ['ReadWriteMany'], capacity: { storage: '100Gi' }, phase: 'Bound' });
    const pv = s.get('PersistentVolume', c.spec.volumeName, '') as Any;
    expect(pv.spec.csi.driver).toBe('file.csi.azure.com');
    expect(pv.spec.nodeAffinity).toBeUndefined();
    expect(eventsOf(s, 'files').map((e) => e.split(':')[0])).toEqual(['Normal ExternalProvisioning', 'Normal Provisioning', 'Normal ProvisioningSucceeded']);
    expect(eventsOf(s, 'files')).not.toContainEqual(expect.stringContaining('WaitForFirstConsumer'));
  });

  it('cannot provision a ReadWriteMany Azure disk', () => {
    const s = startScenario(6);
    s.sh(writeFile('c.yaml', claim('shared', '  storageClassName: managed-csi\n').replace('ReadWriteOnce', 'ReadWriteMany')));
    s.sh(writeFile('p.yaml', pod('web', 'shared')));
    s.sh('kubectl apply -f c.yaml -f p.yaml');
    s.wait(30_000);
    expect((s.get('PersistentVolumeClaim', 'shared') as Any).status.phase).toBe('Pending');
    expect(eventsOf(s, 'shared')).toContainEqual(
      'Warning ProvisioningFailed: failed to provision volume with StorageClass "managed-csi": rpc error: code = InvalidArgument desc = Volume capability not supported');
    expect((s.get('Pod', 'web') as Any).spec.nodeName).toBeUndefined();
  });

  it('reports a Multi-Attach error when two nodes want one disk, and FailedMount after the kubelet gives up', () => {
    const s = startScenario(7);
    const nodes = s.sim.store.list('Node').map((n) => n.metadata.name);
    s.sh(writeFile('c.yaml', claim('data', '')));
    s.sh(writeFile('a.yaml', pod('a', 'data', `  nodeSelector:\n    kubernetes.io/hostname: ${nodes[0]}\n`)));
    s.sh('kubectl apply -f c.yaml -f a.yaml');
    waitFor(s, () => ready(s, 'a'), 60_000);
    s.sh(writeFile('b.yaml', pod('b', 'data', `  nodeSelector:\n    kubernetes.io/hostname: ${nodes[1]}\n`)));
    s.sh('kubectl apply -f b.yaml');
    s.wait(130_000);
    const pv = (s.get('PersistentVolumeClaim', 'data') as Any).spec.volumeName;
    expect(eventsOf(s, 'b')).toEqual([
      `Normal Scheduled: Successfully assigned default/b to ${nodes[1]}`,
      `Warning FailedAttachVolume: Multi-Attach error for volume "${pv}" Volume is already used by pod(s) a`,
      'Warning FailedMount: Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: context deadline exceeded',
    ]);
    expect(s.sh('kubectl get pod b').stdout).toMatch(/^NAME   READY   STATUS {14}RESTARTS   AGE\nb      0\/1     ContainerCreating   0          2m10s\n$/);
    s.sh('kubectl delete pod a');
    waitFor(s, () => ready(s, 'b'), 60_000);
    expect(eventsOf(s, 'b')).toContain(`Normal SuccessfulAttachVolume: AttachVolume.Attach succeeded for volume "${pv}" `);
  });
});

describe('claims and volumes being deleted', () => {
  it('keeps a claim in use Terminating until its pod is gone, then deletes the volume (reclaim Delete)', () => {
    const s = startScenario(8);
    s.sh(writeFile('c.yaml', claim('data', '')));
    s.sh(writeFile('p.yaml', pod('web', 'data')));
    s.sh('kubectl apply -f c.yaml -f p.yaml');
    waitFor(s, () => ready(s, 'web'), 60_000);
    const pv = (s.get('PersistentVolumeClaim', 'data') as Any).spec.volumeName;
    s.sh('kubectl delete pvc data --wait=false');
    s.wait(5_000);
    const held = s.get('PersistentVolumeClaim', 'data') as Any;
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect(held.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    s.sh('kubectl delete pod web');
    waitFor(s, () => !s.get('PersistentVolume', pv, ''), 30_000);
    expect(s.get('PersistentVolumeClaim', 'data')).toBeUndefined();
    expect(s.sh('kubectl get pv').stderr).toBe('No resources found\n');
  });
});

describe('StatefulSet scaling', () => {
  it('creates pods in order, each after the previous is ready, and keeps every claim on scale-down', () => {
    const s = startScenario(9);
    s.sh(writeFile('mongo.sts.yaml', MONGO_STATEFULSET));
    s.sh('kubectl apply -f mongo.sts.yaml');
    waitFor(s, () => ready(s, 'mongodb-0'));
    expect(s.sh('kubectl scale sts mongodb --replicas=2').stdout).toBe('statefulset.apps/mongodb scaled\n');
    s.wait(1_000);
    expect(claimNames(s)).toEqual(['mongo-vol-mongodb-0', 'mongo-vol-mongodb-1']);
    waitFor(s, () => ready(s, 'mongodb-1'));
    expect(s.sh('kubectl get sts mongodb').stdout).toMatch(/^NAME      READY   AGE\nmongodb   2\/2     \d+s\n$/);
    const pv1 = (s.get('PersistentVolumeClaim', 'mongo-vol-mongodb-1') as Any).spec.volumeName;

    s.sh('kubectl scale sts mongodb --replicas=1');
    waitFor(s, () => !s.get('Pod', 'mongodb-1'));
    s.wait(30_000);
    expect(claimNames(s)).toEqual(['mongo-vol-mongodb-0', 'mongo-vol-mongodb-1']);
    expect(s.sh('kubectl get pvc mongo-vol-mongodb-1 -o jsonpath={.status.phase}').stdout).toBe('Bound');
    const set = s.get('StatefulSet', 'mongodb') as Any;
    expect(set.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1 });

    s.sh('kubectl scale sts mongodb --replicas=2');
    waitFor(s, () => ready(s, 'mongodb-1'));
    expect((s.get('PersistentVolumeClaim', 'mongo-vol-mongodb-1') as Any).spec.volumeName).toBe(pv1);
    const stsEvents = eventsOf(s, 'mongodb').map((e) => e.replace(/^Normal /, ''));
    expect(stsEvents).toEqual([
      'SuccessfulCreate: create Claim mongo-vol-mongodb-0 Pod mongodb-0 in StatefulSet mongodb success',
      'SuccessfulCreate: create Pod mongodb-0 in StatefulSet mongodb successful',
      'SuccessfulCreate: create Claim mongo-vol-mongodb-1 Pod mongodb-1 in StatefulSet mongodb success',
      'SuccessfulCreate: create Pod mongodb-1 in StatefulSet mongodb successful',
      'SuccessfulDelete: delete Pod mongodb-1 in StatefulSet mongodb successful',
    ]);
    expect(s.sim.store.list('PersistentVolume')).toHaveLength(2);
  });

  it('rolls pods to a new template from the highest ordinal down', () => {
    const s = startScenario(10);
    s.sh(writeFile('mongo.sts.yaml', MONGO_STATEFULSET.replace('replicas: 1', 'replicas: 3')));
    s.sh('kubectl apply -f mongo.sts.yaml');
    waitFor(s, () => ready(s, 'mongodb-2'), 240_000);
    const firstCreate = s.trace.lines().filter((l) => / create Pod\/default\/mongodb-\d/.test(l)).map((l) => l.slice(-9));
    expect(firstCreate).toEqual(['mongodb-0', 'mongodb-1', 'mongodb-2']);
    s.sh('kubectl set image sts/mongodb mongodb-pod=mongo:3.6');
    const r = s.sh('kubectl rollout status sts/mongodb', 600_000);
    expect(r.exitCode).toBe(0);
    const deletes = eventsOf(s, 'mongodb').filter((e) => e.includes('SuccessfulDelete')).map((e) => e.split(' ')[4]);
    expect(deletes).toEqual(['mongodb-2', 'mongodb-1', 'mongodb-0']);
    const set = s.get('StatefulSet', 'mongodb') as Any;
    expect(set.status.currentRevision).toBe(set.status.updateRevision);
    expect(set.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
  });
});
