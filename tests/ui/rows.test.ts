import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service, Stored } from '../../sim/model/types';
import {
  nodeStatusText, nodeTable, podReadyText, podStatusText, podTable, podTone, serviceExternalIPText, servicePortsText,
  serviceTable,
} from '../../src/features/cluster-text/rows';
import { node, pod, service, type PodShape, type ServiceShape } from './fixtures';

const asNode = (o: ReturnType<typeof node>) => o as unknown as Stored<Node>;
const asPod = (name: string, shape: PodShape = {}) => pod(name, shape) as unknown as Stored<Pod>;
const asService = (name: string, shape: ServiceShape = {}) => service(name, shape) as unknown as Stored<Service>;

describe('nodes', () => {
  it.each([
    ['True', false, 'Ready'],
    ['False', false, 'NotReady'],
    ['Unknown', false, 'Unknown'],
    ['True', true, 'Ready,SchedulingDisabled'],
  ] as const)('Ready=%s unschedulable=%s reads %s', (ready, unschedulable, text) => {
    expect(nodeStatusText(asNode(node('n', ready, { unschedulable })))).toBe(text);
  });

  it('prints name, status, pod CIDR and non-terminated pods per node', () => {
    const n0 = asNode(node('aks-nodepool1-1-vmss000000', 'True', { podCIDR: '10.244.0.0/24' }));
    const n1 = asNode(node('aks-nodepool1-1-vmss000001', 'False', { podCIDR: '10.244.1.0/24' }));
    const pods = new Map([[n0.metadata.name, [asPod('a'), asPod('b', { phase: 'Succeeded' }), asPod('c', { phase: 'Pending' })]]]);
    const table = nodeTable([n0, n1], pods);
    expect(table.headers).toEqual(['NAME', 'STATUS', 'POD CIDR', 'PODS']);
    expect(table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['aks-nodepool1-1-vmss000000', 'Ready', '10.244.0.0/24', '2'],
      ['aks-nodepool1-1-vmss000001', 'NotReady', '10.244.1.0/24', '0'],
    ]);
    expect(table.rows.map((r) => r.cells[1].tone)).toEqual(['ok', 'bad']);
    expect(table.rows[0].uid).toBe(n0.metadata.uid);
  });
});

describe('pods', () => {
  it.each([
    [{ phase: 'Running', ready: true }, 'Running', 'ok'],
    [{ phase: 'Running', ready: false }, 'Running', 'progress'],
    [{ phase: 'Pending', waiting: 'ContainerCreating' }, 'ContainerCreating', 'progress'],
    [{ phase: 'Running', waiting: 'CrashLoopBackOff' }, 'CrashLoopBackOff', 'bad'],
    [{ phase: 'Pending', waiting: 'ImagePullBackOff' }, 'ImagePullBackOff', 'bad'],
    [{ phase: 'Succeeded', terminated: 'Completed' }, 'Completed', 'done'],
    [{ phase: 'Running', ready: true, deleting: true }, 'Terminating', 'leaving'],
    [{ phase: 'Pending' }, 'Pending', 'progress'],
  ] as const)('%o shows %s (%s)', (shape, text, tone) => {
    const p = asPod('p', shape);
    expect(podStatusText(p)).toBe(text);
    expect(podTone(p, text)).toBe(tone);
  });

  it('shows a finished pod with its reason even while deleted, and a status reason over container states', () => {
    expect(podStatusText(asPod('p', { phase: 'Succeeded', terminated: 'Completed', deleting: true }))).toBe('Completed');
    const evicted = asPod('e', { phase: 'Failed' });
    (evicted.status as { reason?: string }).reason = 'Evicted';
    expect(podStatusText(evicted)).toBe('Evicted');
  });

  it('counts ready containers over containers', () => {
    expect(podReadyText(asPod('p', { ready: true, containers: 2 }))).toBe('2/2');
    expect(podReadyText(asPod('p', { ready: false, containers: 3 }))).toBe('0/3');
  });

  it('adds a NAMESPACE column only when listing every namespace', () => {
    const pods = [asPod('web-1', { nodeName: 'n0', podIP: '10.244.0.5', ready: true }), asPod('pending-1', { phase: 'Pending' })];
    expect(podTable(pods, false).rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['web-1', '1/1', 'Running', 'n0', '10.244.0.5'],
      ['pending-1', '0/1', 'Pending', '<none>', '<none>'],
    ]);
    const all = podTable(pods, true);
    expect(all.headers).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'NODE', 'IP']);
    expect(all.rows[0].cells[0].text).toBe('default');
  });
});

describe('services', () => {
  it.each([
    [{ type: 'ClusterIP' }, '<none>'],
    [{ type: 'ClusterIP', externalIPs: ['1.2.3.4'] }, '1.2.3.4'],
    [{ type: 'NodePort' }, '<none>'],
    [{ type: 'LoadBalancer' }, '<pending>'],
    [{ type: 'LoadBalancer', ingress: [{ ip: '20.1.2.3' }] }, '20.1.2.3'],
    [{ type: 'LoadBalancer', ingress: [{ ip: '20.9.9.9' }, { ip: '20.1.2.3' }, { ip: '20.1.2.3' }] }, '20.1.2.3,20.9.9.9'],
    [{ type: 'LoadBalancer', ingress: [{ hostname: 'lb.example' }], externalIPs: ['1.1.1.1'] }, 'lb.example,1.1.1.1'],
    [{ type: 'ExternalName', externalName: 'db.example.com' }, 'db.example.com'],
  ] as const)('%o has EXTERNAL-IP %s', (shape, text) => {
    expect(serviceExternalIPText(asService('s', shape as ServiceShape))).toBe(text);
  });

  it('prints ports as kubectl does, node ports included', () => {
    expect(servicePortsText(asService('s', { ports: [{ port: 80, nodePort: 31437, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }))).toBe('80:31437/TCP,53/UDP');
    expect(servicePortsText(asService('s', { ports: [] }))).toBe('<none>');
  });

  it('prints name, type, cluster IP, external IP and ports', () => {
    const table = serviceTable([
      asService('data-api', { type: 'LoadBalancer', clusterIP: '10.0.211.4', ports: [{ port: 80, nodePort: 30080 }] }),
      asService('mongodb', { clusterIP: '10.0.53.7', ports: [{ port: 27017 }] }),
      asService('headless', { clusterIP: 'None', ports: [{ port: 80 }] }),
    ], false);
    expect(table.headers).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)']);
    expect(table.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['data-api', 'LoadBalancer', '10.0.211.4', '<pending>', '80:30080/TCP'],
      ['mongodb', 'ClusterIP', '10.0.53.7', '<none>', '27017/TCP'],
      ['headless', 'ClusterIP', 'None', '<none>', '80/TCP'],
    ]);
    expect(table.rows[0].cells[3].tone).toBe('progress');
  });
});
