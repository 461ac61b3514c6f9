import { describe, expect, it } from 'vitest';
import { createHarness } from '../../../helpers/harness';
import { deploymentController } from '../../../../sim/controllers/deployment';
import { replicaSetController } from '../../../../sim/controllers/replica-set';
import { deploymentManifest, eventLines, kubeletStub, mustGet, pods, replicaSets, setImage, type StoredDeployment } from './fixtures';

function cluster(opts: Parameters<typeof kubeletStub>[0] = {}, seed = 1) {
  const h = createHarness({ seed });
  h.manager.add(deploymentController);
  h.manager.add(replicaSetController);
  h.manager.add(kubeletStub(opts));
  return h;
}

describe('Deployment controller: creation', () => {
  it('creates <deploy>-<hash> with 3 pods named <rs>-<5 chars>', () => {
    const h = cluster();
    h.mustCreate(deploymentManifest('web'));
    h.runUntil(5_000);
    const [rs] = replicaSets(h);
    expect(replicaSets(h)).toHaveLength(1);
    expect(rs.metadata.name).toMatch(/^web-[4-9bcdf]{1,10}$/);
    const hash = rs.metadata.name.slice('web-'.length);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec?.selector?.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    const names = pods(h).map((p) => p.metadata.name);
    expect(names).toHaveLength(3);
    for (const name of names) expect(name).toMatch(new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(eventLines(h, 'ScalingReplicaSet')).toEqual([`ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} from 0 to 3`]);

    const d = mustGet<StoredDeployment>(h, 'Deployment', 'web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    const conds = Object.fromEntries((d.status?.conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}: ${c.message}`]));
    expect(conds).toEqual({
      Available: 'True MinimumReplicasAvailable: Deployment has minimum availability.',
      Progressing: `True NewReplicaSetAvailable: ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
    });
  });

  it('rolls 3 replicas exactly as the worked sequence', () => {
    const h = cluster();
    h.mustCreate(deploymentManifest('web'));
    h.runUntil(5_000);
    const oldName = replicaSets(h)[0].metadata.name;
    const start = h.trace.entries.length;
    setImage(h, 'Deployment', 'web', 'nginx:1.26');
    h.runUntil(30_000);
    const newName = replicaSets(h).map((rs) => rs.metadata.name).find((n) => n !== oldName)!;
    const scaling = h.trace.entries.slice(start).flatMap((e) => (e.type === 'event' && e.reason === 'ScalingReplicaSet' ? [e.message] : []));
    expect(scaling).toEqual([
      `Scaled up replica set ${newName} from 0 to 1`,
      `Scaled down replica set ${oldName} from 3 to 2`,
      `Scaled up replica set ${newName} from 1 to 2`,
      `Scaled down replica set ${oldName} from 2 to 1`,
      `Scaled up replica set ${newName} from 2 to 3`,
      `Scaled down replica set ${oldName} from 1 to 0`,
    ]);
    expect(pods(h).every((p) => p.metadata.name.startsWith(`${newName}-`))).toBe(true);
    const d = mustGet<StoredDeployment>(h, 'Deployment', 'web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });
});
