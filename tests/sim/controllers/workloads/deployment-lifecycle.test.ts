import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../helpers/harness';
import type { Deployment, PodTemplateSpec } from '../../../../sim/model/types';
import { clone } from '../../../../sim/core/clone';
import { deploymentController } from '../../../../sim/controllers/deployment';
import { replicaSetController } from '../../../../sim/controllers/replica-set';
import {
  deploymentManifest, edit, eventLines, kubeletStub, mustGet, pods, replicaSets, setImage, type StoredDeployment, type StoredPod, type StoredRS,
} from './fixtures';

function cluster(opts: Parameters<typeof kubeletStub>[0] = {}, seed = 1): Harness {
  const h = createHarness({ seed });
  h.manager.add(deploymentController);
  h.manager.add(replicaSetController);
  h.manager.add(kubeletStub(opts));
  return h;
}

const revision = (rs: StoredRS): string | undefined => rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
const progressing = (h: Harness, name = 'web') =>
  mustGet<StoredDeployment>(h, 'Deployment', name).status?.conditions?.find((c) => c.type === 'Progressing');

/** kubectl rollout undo: copies an old ReplicaSet's template (minus the hash label) and annotations into the Deployment. */
function rolloutUndo(h: Harness, rs: StoredRS): void {
  edit<StoredDeployment & Deployment>(h, 'Deployment', 'web', (d) => {
    const template = clone(rs.spec!.template) as PodTemplateSpec;
    delete template.metadata!.labels!['pod-template-hash'];
    d.spec!.template = template;
  });
}

describe('Recreate', () => {
  it('scales the old ReplicaSet to 0 and waits for its terminating pods before creating the new one', () => {
    const h = cluster();
    h.mustCreate(deploymentManifest('web', { replicas: 2, strategy: 'Recreate', podFinalizers: ['example.com/hold'] }));
    h.runUntil(5_000);
    const oldName = replicaSets(h)[0].metadata.name;
    setImage(h, 'Deployment', 'web', 'nginx:1.26');
    h.runUntil(10_000);
    expect(eventLines(h, 'ScalingReplicaSet').slice(1)).toEqual([`ScalingReplicaSet: Scaled down replica set ${oldName} from 2 to 0`]);
    expect(replicaSets(h).map((rs) => rs.metadata.name)).toEqual([oldName]);
    expect(pods(h).every((p) => p.metadata.deletionTimestamp)).toBe(true);

    for (const pod of pods(h)) edit<StoredPod>(h, 'Pod', pod.metadata.name, (p) => { p.metadata.finalizers = []; });
    h.runUntil(20_000);
    const newName = replicaSets(h).map((rs) => rs.metadata.name).find((n) => n !== oldName)!;
    expect(eventLines(h, 'ScalingReplicaSet').slice(2)).toEqual([`ScalingReplicaSet: Scaled up replica set ${newName} from 0 to 2`]);
    expect(pods(h).map((p) => p.metadata.name.startsWith(`${newName}-`))).toEqual([true, true]);
    expect(mustGet<StoredDeployment>(h, 'Deployment', 'web').status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
  });
});

describe('rollback and history', () => {
  it('reuses the old ReplicaSet on undo, moving it to revision 3 with revision-history 1', () => {
    const h = cluster();
    h.mustCreate(deploymentManifest('web'));
    h.runUntil(5_000);
    const first = replicaSets(h)[0];
    setImage(h, 'Deployment', 'web', 'nginx:1.26');
    h.runUntil(30_000);
    expect(replicaSets(h)).toHaveLength(2);
    rolloutUndo(h, mustGet<StoredRS>(h, 'ReplicaSet', first.metadata.name));
    h.runUntil(60_000);
    expect(replicaSets(h)).toHaveLength(2);
    const reused = mustGet<StoredRS>(h, 'ReplicaSet', first.metadata.name);
    const second = replicaSets(h).find((rs) => rs.metadata.name !== first.metadata.name)!;
    expect(revision(reused)).toBe('3');
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(revision(second)).toBe('2');
    expect(replicaSets(h).map(revision).sort()).toEqual(['2', '3']);
    expect(reused.spec?.replicas).toBe(3);
    expect(second.spec?.replicas).toBe(0);
    expect(mustGet<StoredDeployment>(h, 'Deployment', 'web').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(pods(h).every((p) => p.metadata.name.startsWith(`${first.metadata.name}-`))).toBe(true);
  });

  it('deletes scaled-down ReplicaSets beyond revisionHistoryLimit, oldest revision first', () => {
    const h = cluster();
    h.mustCreate(deploymentManifest('web', { revisionHistoryLimit: 1 }));
    h.runUntil(5_000);
    for (const [i, image] of ['nginx:1.26', 'nginx:1.27', 'nginx:1.28'].entries()) {
      setImage(h, 'Deployment', 'web', image);
      h.runUntil(30_000 * (i + 1));
    }
    expect(replicaSets(h).map(revision).sort()).toEqual(['3', '4']);
    expect(replicaSets(h).find((rs) => revision(rs) === '3')?.spec?.replicas).toBe(0);
  });
});

describe('pause, resume and scaling', () => {
  it('does not roll while paused, still scales, and continues on resume', () => {
    const h = cluster();
    h.mustCreate(deploymentManifest('web'));
    h.runUntil(5_000);
    const first = replicaSets(h)[0].metadata.name;
    edit<StoredDeployment & Deployment>(h, 'Deployment', 'web', (d) => { d.spec!.paused = true; });
    setImage(h, 'Deployment', 'web', 'nginx:1.26');
    h.runUntil(20_000);
    expect(replicaSets(h).map((rs) => rs.metadata.name)).toEqual([first]);
    expect(progressing(h)).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    expect(mustGet<StoredDeployment>(h, 'Deployment', 'web').status?.updatedReplicas).toBeUndefined();

    edit<StoredDeployment & Deployment>(h, 'Deployment', 'web', (d) => { d.spec!.replicas = 5; });
    h.runUntil(30_000);
    expect(eventLines(h, 'ScalingReplicaSet').at(-1)).toBe(`ScalingReplicaSet: Scaled up replica set ${first} from 3 to 5`);
    expect(pods(h)).toHaveLength(5);

    edit<StoredDeployment & Deployment>(h, 'Deployment', 'web', (d) => { delete d.spec!.paused; });
    h.runUntil(31_000);
    expect(progressing(h)?.reason).not.toBe('DeploymentPaused');
    h.runUntil(90_000);
    expect(replicaSets(h)).toHaveLength(2);
    expect(mustGet<StoredDeployment>(h, 'Deployment', 'web').status).toMatchObject({ replicas: 5, updatedReplicas: 5, availableReplicas: 5 });
    expect(progressing(h)?.reason).toBe('NewReplicaSetAvailable');
  });

  it('spreads a scale-up over both ReplicaSets of a stuck rollout (3 to the old, 2 to the new)', () => {
    const h = cluster({ ready: (p) => p.spec?.containers?.[0]?.image !== 'nginx:broken' });
    h.mustCreate(deploymentManifest('web', { replicas: 10, maxSurge: 3, maxUnavailable: 2 }));
    h.runUntil(5_000);
    const oldName = replicaSets(h)[0].metadata.name;
    setImage(h, 'Deployment', 'web', 'nginx:broken');
    h.runUntil(20_000);
    const size = (name: string) => mustGet<StoredRS>(h, 'ReplicaSet', name).spec?.replicas;
    const newName = replicaSets(h).map((rs) => rs.metadata.name).find((n) => n !== oldName)!;
    expect([size(oldName), size(newName)]).toEqual([8, 5]);
    edit<StoredDeployment & Deployment>(h, 'Deployment', 'web', (d) => { d.spec!.replicas = 15; });
    h.runUntil(25_000);
    expect([size(oldName), size(newName)]).toEqual([11, 7]);
  });
});

describe('progress deadline', () => {
  it('reports ProgressDeadlineExceeded 600 s after the last progress', () => {
    const h = cluster({ ready: (p) => p.spec?.containers?.[0]?.image !== 'nginx:broken' });
    h.mustCreate(deploymentManifest('web'));
    h.runUntil(5_000);
    setImage(h, 'Deployment', 'web', 'nginx:broken');
    h.runUntil(500_000);
    expect(progressing(h)).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    h.runUntil(700_000);
    const newName = replicaSets(h).find((rs) => rs.spec?.template?.spec?.containers[0].image === 'nginx:broken')!.metadata.name;
    expect(progressing(h)).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newName}" has timed out progressing.` });
    expect(mustGet<StoredRS>(h, 'ReplicaSet', newName).spec?.replicas).toBe(1);
  });
});

describe('determinism', () => {
  it('makes the same names and the same trace for the same seed', () => {
    const run = (seed: number) => {
      const h = cluster({}, seed);
      h.mustCreate(deploymentManifest('web'));
      h.runUntil(5_000);
      setImage(h, 'Deployment', 'web', 'nginx:1.26');
      h.runUntil(30_000);
      return { names: h.trace.entries.flatMap((e) => (e.type === 'write' && e.verb === 'create' && e.key.startsWith('Pod/') ? [e.key] : [])), trace: h.trace.lines() };
    };
    const a = run(7), b = run(7), c = run(8);
    expect(a.names).toHaveLength(6);
    expect(b).toEqual(a);
    expect(c.names).not.toEqual(a.names);
  });
});
