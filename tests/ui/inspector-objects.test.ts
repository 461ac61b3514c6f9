import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Event, K8sObject, Pod, Stored } from '../../sim/model/types';
import { listOf, objectsOf } from '../../src/lib/cluster-view';
import { objectYaml, toYaml } from '../../src/features/inspector/object-yaml';
import { eventRows, eventsAbout } from '../../src/features/inspector/object-events';
import { clockText, historyOf } from '../../src/features/inspector/object-history';
import { HistoryTracker } from '../../src/features/topology/history';
import { startPage } from './topology-sim-views';

const EPOCH = Date.UTC(2026, 0, 1, 9, 0, 0);

function event(name: string, over: Partial<Stored<Event>> & { involvedObject: Stored<Event>['involvedObject'] }): K8sObject {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', uid: `uid-${name}` }, ...over } as unknown as K8sObject;
}

describe('the inspector', () => {
  it('prints YAML as kubectl -o yaml lays it out: keys sorted, list items not indented under their key', async () => {
    const obj = { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p', labels: { b: '2', a: '1' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as unknown as K8sObject;
    const text = toYaml(stringify, obj);
    expect(text).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: "1"\n    b: "2"\n  name: p\nspec:\n  containers:\n  - image: nginx\n    name: c\n');
    expect(await objectYaml(obj)).toBe(text);
  });

  it('lists the Events about an object as kubectl describe does, oldest first, with repeats counted', () => {
    const pod = { kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'u1' } } as unknown as K8sObject;
    const events = new Map<string, K8sObject>([
      ['a', event('a', { involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u1' }, type: 'Normal', reason: 'Started', message: 'Started container web ',
        firstTimestamp: '2026-01-01T09:00:05Z', lastTimestamp: '2026-01-01T09:00:05Z', count: 1, source: { component: 'kubelet' } })],
      ['b', event('b', { involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u1' }, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container',
        firstTimestamp: '2026-01-01T09:00:10Z', lastTimestamp: '2026-01-01T09:01:00Z', count: 3, source: { component: 'kubelet' } })],
      ['c', event('c', { involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'older' }, reason: 'Old' })],
      ['d', event('d', { involvedObject: { kind: 'Pod', name: 'web-2', namespace: 'default' }, reason: 'Other' })],
      ['e', event('e', { involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default' }, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned',
        firstTimestamp: '2026-01-01T09:00:00Z', lastTimestamp: '2026-01-01T09:00:00Z', reportingComponent: 'default-scheduler' })],
    ]);
    const mine = eventsAbout(events, pod);
    expect(mine.map((e) => e.reason).sort()).toEqual(['BackOff', 'Scheduled', 'Started']);
    const rows = eventRows(mine, EPOCH + 90_000);
    expect(rows.map((r) => [r.type, r.reason, r.age, r.from, r.message])).toEqual([
      ['Normal', 'Scheduled', '90s', 'default-scheduler', 'Successfully assigned'],
      ['Normal', 'Started', '85s', 'kubelet', 'Started container web'],
      ['Warning', 'BackOff', '30s (x3 over 80s)', 'kubelet', 'Back-off restarting failed container'],
    ]);
  });

  it('shows every name and IP a Deployment\'s pods have had next to its Service\'s one address, from a pod, the Deployment or the Service', () => {
    const page = startPage(11);
    const tracker = new HistoryTracker();
    page.run('kubectl create deployment api --image=nginx:1.27 --replicas=2');
    page.run('kubectl expose deployment api --port=80');
    page.advance(15_000, 250, (v) => tracker.observe(v));
    const victim = listOf<Pod>(objectsOf(page.view, 'Pod'), 'default')[0];
    page.run(`kubectl delete pod ${victim.metadata.name} --wait=false`);
    page.advance(15_000, 250, (v) => tracker.observe(v));
    const pods = listOf<Pod>(objectsOf(page.view, 'Pod'), 'default');
    const deployment = objectsOf(page.view, 'Deployment').get('Deployment/default/api')!;
    const service = objectsOf(page.view, 'Service').get('Service/default/api')!;
    for (const obj of [pods[0] as unknown as K8sObject, deployment, service]) {
      const h = historyOf(page.view, tracker, obj)!;
      expect(h.workloads).toEqual(['Deployment api']);
      expect(h.podNames).toBe(3);
      expect(h.podIps).toBe(3);
      expect(h.pods.find((p) => p.name === victim.metadata.name)!.gone).toMatch(/^00:00:\d\d$/);
      expect(h.pods.filter((p) => p.replaces === `${victim.metadata.name} (${victim.status!.podIP})`)).toHaveLength(1);
      expect(h.addresses).toEqual([{ service: 'api', kind: 'ClusterIP', address: (service.spec as { clusterIP: string }).clusterIP, seen: '00:00:00' }]);
    }
    const node = objectsOf(page.view, 'Node').get(`Node//${pods[0].spec!.nodeName}`)!;
    expect(historyOf(page.view, tracker, node)!.pods.some((p) => p.name === pods[0].metadata.name)).toBe(true);
    expect(historyOf(page.view, tracker, { kind: 'ConfigMap', metadata: { name: 'x' } } as K8sObject)).toBeUndefined();
    expect(clockText(3_725_000)).toBe('01:02:05');
  });
});
