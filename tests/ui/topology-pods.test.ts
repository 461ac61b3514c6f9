import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet, Stored } from '../../sim/model/types';
import { listOf, objectsOf } from '../../src/lib/cluster-view';
import { podState, podStatusText } from '../../src/features/topology/pod-state';
import { ownerOf, revisionOf } from '../../src/features/topology/owners';
import { UNOWNED_COLOUR } from '../../src/features/topology/palette';
import { pod } from './fixtures';
import { startPage } from './topology-sim-views';

const P = (o: unknown) => o as Stored<Pod>;

describe('pod state', () => {
  it('reads STATUS as kubectl does and gives each state its own look', () => {
    const cases: [Parameters<typeof pod>[1], string, string][] = [
      [{ phase: 'Pending' }, 'Pending', 'pending'],
      [{ phase: 'Pending', nodeName: 'n1', waiting: 'ContainerCreating' }, 'ContainerCreating', 'creating'],
      [{ nodeName: 'n1', ready: true }, 'Running', 'running'],
      [{ nodeName: 'n1', ready: false }, 'Running', 'not-ready'],
      [{ nodeName: 'n1', ready: true, deleting: true }, 'Terminating', 'terminating'],
      [{ nodeName: 'n1', waiting: 'CrashLoopBackOff' }, 'CrashLoopBackOff', 'warning'],
      [{ nodeName: 'n1', phase: 'Pending', waiting: 'ImagePullBackOff' }, 'ImagePullBackOff', 'warning'],
      [{ nodeName: 'n1', phase: 'Pending', waiting: 'ErrImagePull' }, 'ErrImagePull', 'warning'],
      [{ nodeName: 'n1', phase: 'Succeeded', terminated: 'Completed' }, 'Completed', 'done'],
      [{ nodeName: 'n1', phase: 'Failed', terminated: 'Error' }, 'Error', 'warning'],
    ];
    for (const [shape, status, look] of cases) {
      const s = podState(P(pod('p', shape)));
      expect([s.status, s.look]).toEqual([status, look]);
    }
  });

  it('reads the last container first, as kubectl does', () => {
    const p = P(pod('p', { nodeName: 'n1', containers: 2, ready: true }));
    const statuses = p.status!.containerStatuses!;
    (statuses[0] as { state: unknown }).state = { waiting: { reason: 'CrashLoopBackOff' } };
    (statuses[1] as { state: unknown }).state = { waiting: { reason: 'ImagePullBackOff' } };
    expect(podStatusText(p)).toBe('CrashLoopBackOff');
  });

  it('fills the start-up ring as a real pod comes up', () => {
    const page = startPage(3);
    page.run('kubectl create deployment web --image=nginx:1.27');
    const seen: number[] = [];
    page.advance(8_000, 100, (view) => {
      const web = listOf<Pod>(objectsOf(view, 'Pod'), 'default')[0];
      if (web && seen[seen.length - 1] !== podState(web).progress) seen.push(podState(web).progress);
    });
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });
});

describe('pod owners', () => {
  it('follows Pod → ReplicaSet → Deployment and tags the revision, old and new revisions in different colours', () => {
    const page = startPage(4);
    page.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    page.advance(10_000);
    const rs = objectsOf(page.view, 'ReplicaSet');
    const first = listOf<Pod>(objectsOf(page.view, 'Pod'), 'default').map((p) => ownerOf(p, rs));
    expect(new Set(first.map((o) => o.tag)).size).toBe(1);
    expect(first[0]).toMatchObject({ groupKey: 'Deployment/default/web', workload: 'web', workloadKind: 'Deployment', revision: 1 });
    expect(first[0].tag).toMatch(/^r1 [a-z0-9]{8,10}$/);

    page.run('kubectl set image deployment/web nginx=nginx:1.28');
    let mixed: string[] = [];
    page.advance(30_000, 250, (view) => {
      const owners = listOf<Pod>(objectsOf(view, 'Pod'), 'default').map((p) => ownerOf(p, objectsOf(view, 'ReplicaSet')));
      const revisions = new Set(owners.map((o) => o.revision));
      if (revisions.size === 2 && mixed.length === 0) mixed = [...new Set(owners.map((o) => `${o.revision}:${o.colour}`))].sort();
    });
    // During the rollout both revisions are on screen, in two colours.
    expect(mixed).toHaveLength(2);
    expect(mixed[0].split(':')[1]).not.toBe(mixed[1].split(':')[1]);
    const after = listOf<Pod>(objectsOf(page.view, 'Pod'), 'default').map((p) => ownerOf(p, objectsOf(page.view, 'ReplicaSet')));
    expect(after.every((o) => o.revision === 2 && o.tag.startsWith('r2 '))).toBe(true);
  });

  it('tags DaemonSet pods and bare pods', () => {
    const page = startPage(5);
    page.run('kubectl run solo --image=nginx:1.27');
    page.advance(2_000);
    const rs = objectsOf(page.view, 'ReplicaSet');
    const proxy = listOf<Pod>(objectsOf(page.view, 'Pod'), 'kube-system').find((p) => p.metadata.name.startsWith('kube-proxy-'))!;
    expect(ownerOf(proxy, rs)).toMatchObject({ tag: 'ds', workloadKind: 'DaemonSet', groupKey: 'DaemonSet/kube-system/kube-proxy' });
    const solo = listOf<Pod>(objectsOf(page.view, 'Pod'), 'default').find((p) => p.metadata.name === 'solo')!;
    expect(ownerOf(solo, rs)).toMatchObject({ tag: '—', groupKey: undefined, colour: UNOWNED_COLOUR });
    expect(revisionOf({ metadata: { annotations: { 'deployment.kubernetes.io/revision': '7' } } })).toBe(7);
    expect(revisionOf({ metadata: {} })).toBeUndefined();
    expect(listOf<ReplicaSet>(rs).length).toBeGreaterThan(0);
  });
});
