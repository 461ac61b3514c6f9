import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../helpers/harness';
import type { DaemonSet, DeepReadonly, K8sObject, Node } from '../../../../sim/model/types';
import {
  daemonSetController, nodeShouldRunDaemonPod, pinnedAffinity, targetNodeName, withDaemonTolerations,
} from '../../../../sim/controllers/daemon-set';
import { edit, eventLines, kubeletStub, mustGet, pods, setImage, type StoredDaemonSet } from './fixtures';

type Taint = { key: string; value?: string; effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule' };

function node(name: string, opts: { labels?: Record<string, string>; taints?: Taint[] } = {}): K8sObject & Node & { metadata: { name: string } } {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: opts.taints ? { taints: opts.taints } : {},
  };
}

function daemonSet(name: string, spec: Partial<NonNullable<DaemonSet['spec']>['template']['spec']> = {}, opts: { minReadySeconds?: number } = {}): K8sObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: name, image: 'fluentd:1.16' }], ...spec } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
      ...(opts.minReadySeconds ? { minReadySeconds: opts.minReadySeconds } : {}),
    },
  };
}

const ds = (spec: Partial<NonNullable<DaemonSet['spec']>['template']['spec']>): DeepReadonly<DaemonSet> =>
  daemonSet('agent', spec) as unknown as DeepReadonly<DaemonSet>;

describe('which nodes run a daemon pod', () => {
  it('adds the DaemonSet tolerations, replacing a matching one, with network-unavailable only for hostNetwork', () => {
    const keys = (t: ReturnType<typeof withDaemonTolerations>) => t.map((x) => `${x.key}:${x.effect}`);
    expect(keys(withDaemonTolerations([], false))).toEqual([
      'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(keys(withDaemonTolerations([], true)).at(-1)).toBe('node.kubernetes.io/network-unavailable:NoSchedule');
    const user = withDaemonTolerations([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }], false);
    expect(user[0]).toEqual({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
    expect(user).toHaveLength(6);
  });

  const table: { why: string; node: ReturnType<typeof node>; spec?: Parameters<typeof ds>[0]; run: boolean; keep: boolean }[] = [
    { why: 'a plain node', node: node('n1'), run: true, keep: true },
    { why: 'a cordoned node (tolerated unschedulable taint)', node: node('n1', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), run: true, keep: true },
    { why: 'a not-ready node', node: node('n1', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), run: true, keep: true },
    { why: 'a control-plane NoSchedule taint', node: node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), run: false, keep: true },
    { why: 'an untolerated NoExecute taint', node: node('n1', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] }), run: false, keep: false },
    { why: 'a PreferNoSchedule taint', node: node('n1', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }), run: true, keep: true },
    { why: 'a tolerated taint', node: node('n1', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }), spec: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] }, run: true, keep: true },
    { why: 'a nodeSelector that does not match', node: node('n1'), spec: { nodeSelector: { disk: 'ssd' } }, run: false, keep: false },
    { why: 'a nodeSelector that matches', node: node('n1', { labels: { disk: 'ssd' } }), spec: { nodeSelector: { disk: 'ssd' } }, run: true, keep: true },
    { why: 'another spec.nodeName', node: node('n1'), spec: { nodeName: 'n2' }, run: false, keep: false },
  ];
  for (const c of table) {
    it(`${c.why}: run=${c.run}, keep running=${c.keep}`, () => {
      expect(nodeShouldRunDaemonPod(c.node, ds(c.spec ?? {}))).toEqual({ shouldRun: c.run, shouldContinueRunning: c.keep });
    });
  }

  it('pins a pod to a node by metadata.name and reads it back', () => {
    const affinity = pinnedAffinity(undefined, 'node-2');
    expect(affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }] } } });
    expect(targetNodeName({ spec: { containers: [], affinity } })).toBe('node-2');
    expect(targetNodeName({ spec: { containers: [], nodeName: 'node-3', affinity } })).toBe('node-3');
  });
});

function cluster(opts: Parameters<typeof kubeletStub>[0] = {}): Harness {
  const h = createHarness();
  h.manager.add(daemonSetController);
  h.manager.add(kubeletStub(opts));
  return h;
}

const podNode = (p: ReturnType<typeof pods>[number]) => targetNodeName(p);

describe('DaemonSet controller', () => {
  it('runs one pinned pod per eligible node, and a new node gets one', () => {
    const h = cluster();
    h.mustCreate(node('node-1'));
    h.mustCreate(node('node-2'));
    h.mustCreate(node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }));
    h.mustCreate(daemonSet('agent'));
    h.runUntil(5_000);
    const list = pods(h, 'kube-system');
    expect(list.map(podNode).sort()).toEqual(['node-1', 'node-2']);
    for (const p of list) {
      expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels?.['controller-revision-hash']).toMatch(/^[4-9bcdf]{1,10}$/);
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', controller: true, blockOwnerDeletion: true });
      expect(p.spec?.tolerations?.map((t) => t.key)).toContain('node.kubernetes.io/unreachable');
      expect(p.spec?.nodeName).toBeUndefined();
    }
    expect(eventLines(h, 'SuccessfulCreate')).toEqual(list.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
    expect(mustGet<StoredDaemonSet>(h, 'DaemonSet', 'agent', 'kube-system').status).toEqual({
      currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 2, observedGeneration: 1,
      updatedNumberScheduled: 2, numberAvailable: 2,
    });

    h.mustCreate(node('node-3'));
    h.runUntil(10_000);
    expect(pods(h, 'kube-system').map(podNode).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(mustGet<StoredDaemonSet>(h, 'DaemonSet', 'agent', 'kube-system').status?.desiredNumberScheduled).toBe(3);
  });

  it('removes the pod from a node that gains an untolerated NoExecute taint', () => {
    const h = cluster();
    h.mustCreate(node('node-1'));
    h.mustCreate(node('node-2'));
    h.mustCreate(daemonSet('agent'));
    h.runUntil(5_000);
    edit<ReturnType<typeof node>>(h, 'Node', 'node-2', (n) => { n.spec = { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] }; }, '');
    h.runUntil(10_000);
    expect(pods(h, 'kube-system').map(podNode)).toEqual(['node-1']);
    expect(eventLines(h, 'SuccessfulDelete')).toHaveLength(1);
  });

  it('rolls a template change one node at a time (maxUnavailable 1)', () => {
    const h = cluster();
    for (const n of ['node-1', 'node-2', 'node-3']) h.mustCreate(node(n));
    h.mustCreate(daemonSet('agent'));
    h.runUntil(5_000);
    const before = new Set(pods(h, 'kube-system').map((p) => p.metadata.name));
    setImage(h, 'DaemonSet', 'agent', 'fluentd:1.17', 'kube-system');
    let maxDown = 0;
    for (let t = 5_000; t <= 30_000; t += 50) {
      h.runUntil(t);
      const live = pods(h, 'kube-system').filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      maxDown = Math.max(maxDown, 3 - live.length);
    }
    const after = pods(h, 'kube-system');
    expect(after).toHaveLength(3);
    expect(after.every((p) => !before.has(p.metadata.name) && p.spec?.containers[0].image === 'fluentd:1.17')).toBe(true);
    expect(maxDown).toBe(1);
    expect(mustGet<StoredDaemonSet>(h, 'DaemonSet', 'agent', 'kube-system').status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
  });
});
