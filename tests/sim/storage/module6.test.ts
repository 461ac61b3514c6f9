import { describe, expect, it } from 'vitest';
import { startScenario, type Scenario } from '../../helpers/scenario';
import { MONGO_DEPLOYMENT, MONGO_SERVICE, dataApiDeployment, writeFile } from '../../scenarios/manifests';
import { MONGO_HEADLESS_SERVICE, MONGO_STATEFULSET } from './manifests';
import type { K8sObject, Pod } from '../../../sim/model/types';
import { replay } from '../../../sim/engine';
import { ArrayTrace } from '../../../sim/core/trace';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Advances in half-second steps until `done` holds; returns the virtual ms it took. */
function waitFor(s: Scenario, done: () => boolean, maxMs = 120_000): number {
  const start = s.sim.now;
  while (!done()) {
    if (s.sim.now - start > maxMs) throw new Error('timed out');
    s.wait(500);
  }
  return s.sim.now - start;
}

function dataApiPod(s: Scenario): Pod & K8sObject {
  return s.pods('app=data-api').find((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))!;
}

/** A request to the data-api from inside its pod, as the lab makes it: `kubectl exec <pod> -- wget …`. */
function dataApi(s: Scenario, method: 'GET' | 'POST', path: string): { exitCode: number; body: unknown } {
  const post = method === 'POST' ? ' --post-data=' : '';
  const r = s.sh(`kubectl exec ${dataApiPod(s).metadata.name} -- wget -q -O -${post} http://localhost:4000${path}`);
  return { exitCode: r.exitCode, body: r.exitCode === 0 ? JSON.parse(r.stdout) : r.stderr };
}

const eventIds = (s: Scenario): string[] => (dataApi(s, 'GET', '/api/events').body as { id: string }[]).map((e) => e.id);
const claimOf = (s: Scenario): Any | undefined => s.get('PersistentVolumeClaim', 'mongo-vol-mongodb-0') as Any | undefined;
const podPhase = (s: Scenario): string | undefined => (s.get('Pod', 'mongodb-0') as Any | undefined)?.status?.phase;

/** Modules 3–4: mongo as a Deployment behind mongodb-svc, the data-api pointed at the service name, demo data loaded. */
function dataLayer(seed: number): Scenario {
  const s = startScenario(seed);
  s.sh(writeFile('mongo.deploy.yaml', MONGO_DEPLOYMENT));
  s.sh(writeFile('mongo.svc.yaml', MONGO_SERVICE));
  s.sh(writeFile('data-api.deploy.yaml', dataApiDeployment('mongodb://mongodb-svc.default')));
  s.sh('kubectl apply -f mongo.deploy.yaml -f mongo.svc.yaml -f data-api.deploy.yaml');
  s.wait(60_000);
  expect(dataApi(s, 'POST', '/api/bulk').body).toEqual({ eventsLoaded: 3, feedbackLoaded: 5 });
  return s;
}

/** Module 6: the Deployment replaced by a StatefulSet; returns what the student saw on the way. */
function toStatefulSet(s: Scenario) {
  expect(s.sh('kubectl delete deploy mongodb').stdout).toBe('deployment.apps "mongodb" deleted from default namespace\n');
  s.sh(writeFile('mongo.sts.yaml', MONGO_STATEFULSET));
  expect(s.sh('kubectl apply -f mongo.sts.yaml').stdout).toBe('statefulset.apps/mongodb created\n');
  s.wait(1_000);
  const pendingPvc = s.sh('kubectl get pvc').stdout;
  const pendingPod = s.sh('kubectl get pod mongodb-0').stdout;
  const bindMs = waitFor(s, () => claimOf(s)?.status?.phase === 'Bound');
  const boundPvc = s.sh('kubectl get pvc').stdout;
  const creatingPod = s.sh('kubectl get pod mongodb-0').stdout;
  const runMs = waitFor(s, () => podPhase(s) === 'Running');
  s.wait(5_000);
  return { pendingPvc, pendingPod, bindMs, boundPvc, creatingPod, runMs };
}

describe('module 6: MongoDB in a StatefulSet keeps its data', () => {
  it('provisions the claim, runs mongodb-0, and keeps the data when the pod is deleted', () => {
    const s = dataLayer(6);
    expect(eventIds(s)).toEqual(['demo01', 'demo02', 'demo03']);
    const seen = toStatefulSet(s);

    expect(seen.pendingPvc).toBe([
      'NAME                  STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
      'mongo-vol-mongodb-0   Pending                                      default        <unset>                 1s', '',
    ].join('\n'));
    expect(seen.pendingPod).toBe('NAME        READY   STATUS    RESTARTS   AGE\nmongodb-0   0/1     Pending   0          1s\n');
    expect(seen.bindMs).toBeGreaterThanOrEqual(4_000);
    expect(seen.bindMs).toBeLessThanOrEqual(16_000);
    const pvName = `pvc-${claimOf(s)!.metadata.uid}`;
    expect(seen.boundPvc).toMatch(new RegExp(`^NAME {18}STATUS   VOLUME {37}CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\\nmongo-vol-mongodb-0   Bound    ${pvName}   1Gi        RWO            default        <unset>                 \\d+s\\n$`));
    expect(seen.creatingPod).toMatch(/^NAME {8}READY   STATUS {14}RESTARTS   AGE\nmongodb-0   0\/1     ContainerCreating   0          \d+s\n$/);
    expect(seen.runMs).toBeGreaterThan(3_000);
    expect(s.sh('kubectl get sts').stdout).toMatch(/^NAME      READY   AGE\nmongodb   1\/1     \d+s\n$/);
    expect(s.sh('kubectl rollout status sts/mongodb').stdout).toBe('partitioned roll out complete: 1 new pods have been updated...\n');

    // A fresh volume: the Deployment's data went with its pod.
    expect(eventIds(s)).toEqual([]);
    dataApi(s, 'POST', '/api/bulk');
    expect(eventIds(s)).toEqual(['demo01', 'demo02', 'demo03']);

    const before = s.get('Pod', 'mongodb-0')!;
    expect(s.sh('kubectl delete pod mongodb-0').stdout).toBe('pod "mongodb-0" deleted from default namespace\n');
    waitFor(s, () => podPhase(s) === 'Running' && s.get('Pod', 'mongodb-0')!.metadata.uid !== before.metadata.uid);
    s.wait(5_000);
    const after = s.get('Pod', 'mongodb-0') as Any;
    expect(after.spec.volumes[0]).toEqual({ name: 'mongo-vol', persistentVolumeClaim: { claimName: 'mongo-vol-mongodb-0' } });
    expect(claimOf(s)!.spec.volumeName).toBe(pvName);
    expect(eventIds(s)).toEqual(['demo01', 'demo02', 'demo03']);
    expect(s.invariants.checks).toBeGreaterThan(100);
  });

  it('keeps the claim when the StatefulSet itself is deleted, so a new set finds the data again', () => {
    const s = dataLayer(10);
    toStatefulSet(s);
    dataApi(s, 'POST', '/api/bulk');
    expect(s.sh('kubectl delete sts mongodb').stdout).toBe('statefulset.apps "mongodb" deleted from default namespace\n');
    waitFor(s, () => !s.get('Pod', 'mongodb-0'));
    expect(s.sh('kubectl get pvc -o name').stdout).toBe('persistentvolumeclaim/mongo-vol-mongodb-0\n');
    s.sh('kubectl apply -f mongo.sts.yaml');
    waitFor(s, () => podPhase(s) === 'Running');
    s.wait(5_000);
    expect(eventIds(s)).toEqual(['demo01', 'demo02', 'demo03']);
    expect(s.sim.store.list('PersistentVolume')).toHaveLength(1);
  });

  it('records the events a real cluster shows for the claim, the set and the pod', () => {
    const s = dataLayer(7);
    toStatefulSet(s);
    const events = s.sim.store.list('Event', 'default') as Any[];
    const about = (name: string) => events.filter((e) => e.involvedObject.name === name).map((e) => `${e.source.component.split('_')[0]} ${e.reason}: ${e.message}`);
    const pvName = `pvc-${claimOf(s)!.metadata.uid}`;
    expect(about('mongodb').filter((l) => l.startsWith('statefulset-controller'))).toEqual([
      'statefulset-controller SuccessfulCreate: create Claim mongo-vol-mongodb-0 Pod mongodb-0 in StatefulSet mongodb success',
      'statefulset-controller SuccessfulCreate: create Pod mongodb-0 in StatefulSet mongodb successful',
    ]);
    expect(about('mongo-vol-mongodb-0')).toEqual([
      'persistentvolume-controller WaitForFirstConsumer: waiting for first consumer to be created before binding',
      "persistentvolume-controller ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'disk.csi.azure.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'disk.csi.azure.com Provisioning: External provisioner is provisioning volume for claim "default/mongo-vol-mongodb-0"',
      `disk.csi.azure.com ProvisioningSucceeded: Successfully provisioned volume ${pvName}`,
    ]);
    expect(about('mongodb-0').slice(0, 2)).toEqual([
      expect.stringMatching(/^default-scheduler Scheduled: Successfully assigned default\/mongodb-0 to aks-nodepool1-\d+-vmss00000\d$/),
      `attachdetach-controller SuccessfulAttachVolume: AttachVolume.Attach succeeded for volume "${pvName}" `,
    ]);
  });

  it('gives each pod its identity: name labels, hostname and subdomain, and a DNS name through the headless service', () => {
    const s = dataLayer(8);
    s.sh(writeFile('mongo.headless.yaml', MONGO_HEADLESS_SERVICE));
    s.sh('kubectl apply -f mongo.headless.yaml');
    toStatefulSet(s);
    const pod = s.get('Pod', 'mongodb-0') as Any;
    const set = s.get('StatefulSet', 'mongodb') as Any;
    expect(pod.metadata.labels).toEqual({
      app: 'mongodb', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': set.status.updateRevision,
      'statefulset.kubernetes.io/pod-name': 'mongodb-0',
    });
    expect(set.status.updateRevision).toMatch(/^mongodb-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(pod.spec).toMatchObject({ hostname: 'mongodb-0', subdomain: 'mongodb' });
    const r = s.sh(`kubectl exec ${dataApiPod(s).metadata.name} -- nslookup mongodb-0.mongodb.default.svc.cluster.local`);
    expect(r.stdout).toContain(`Address: ${pod.status.podIP}`);
    expect(set.status).toEqual({
      observedGeneration: 1, replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1, availableReplicas: 1,
      currentRevision: set.status.updateRevision, updateRevision: set.status.updateRevision, collisionCount: 0,
    });
  });

  it('is deterministic: the same seed gives the same names, volumes and trace, and a replay reproduces it', () => {
    const run = () => {
      const s = dataLayer(9);
      toStatefulSet(s);
      s.sh('kubectl delete pod mongodb-0');
      s.wait(40_000);
      return { s, pvs: s.sim.store.list('PersistentVolume').map((p) => p.metadata.name), pods: s.sh('kubectl get pods -o wide').stdout };
    };
    const a = run();
    const b = run();
    expect(b.pvs).toEqual(a.pvs);
    expect(a.pvs).toHaveLength(1);
    expect(b.pods).toBe(a.pods);
    expect(b.s.trace.lines()).toEqual(a.s.trace.lines());
    const t = new ArrayTrace();
    replay(a.s.sim.record(), t).runUntil(a.s.sim.now, Number.POSITIVE_INFINITY);
    const writes = (lines: string[]) => lines.filter((l) => !l.includes(' $ '));
    expect(writes(t.lines())).toEqual(writes(a.s.trace.lines()));
  });
});
