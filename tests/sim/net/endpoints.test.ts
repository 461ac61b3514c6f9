import { describe, expect, it } from 'vitest';
import { endpointsFor, endpointsLabels } from '../../../sim/controllers/endpoints';
import { pod, service } from './objects';
import { netHarness, threeNodes } from './fixtures';

const ip = (s: { ip: string }): string => s.ip;

describe('endpointsFor', () => {
  it('puts ready pods in addresses and the rest in notReadyAddresses, sorted by IP bytes', () => {
    const subsets = endpointsFor(service('web'), [
      pod('a', { ip: '10.244.1.9' }),
      pod('b', { ip: '10.244.1.10', ready: false }),
      pod('c', { ip: '10.244.0.200' }),
    ]);
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses!.map(ip)).toEqual(['10.244.0.200', '10.244.1.9']);
    expect(subsets[0].notReadyAddresses!.map(ip)).toEqual(['10.244.1.10']);
    expect(subsets[0].ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    expect(subsets[0].addresses![0]).toEqual({
      ip: '10.244.0.200', nodeName: 'node-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' },
    });
  });

  it.each([
    ['terminal (Succeeded)', pod('x', { ip: '10.244.0.5', phase: 'Succeeded' })],
    ['terminal (Failed)', pod('x', { ip: '10.244.0.5', phase: 'Failed' })],
    ['without an IP', pod('x', {})],
    ['terminating', pod('x', { ip: '10.244.0.5', terminating: true })],
  ])('leaves out a pod that is %s', (_what, p) => {
    expect(endpointsFor(service('web'), [p])).toEqual([]);
  });

  it('keeps terminating and unready pods as ready addresses with publishNotReadyAddresses', () => {
    const subsets = endpointsFor(service('web', { publishNotReadyAddresses: true }), [
      pod('a', { ip: '10.244.0.5', terminating: true, ready: false }), pod('b', { ip: '10.244.0.6', ready: false }),
    ]);
    expect(subsets[0].addresses!.map(ip)).toEqual(['10.244.0.5', '10.244.0.6']);
    expect(subsets[0].notReadyAddresses).toBeUndefined();
  });

  it('resolves a named targetPort per pod, grouping pods by the port they offer', () => {
    const svc = service('web', { ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] });
    const subsets = endpointsFor(svc, [
      pod('a', { ip: '10.244.0.5', ports: [['web', 8080]] }),
      pod('b', { ip: '10.244.0.6', ports: [['web', 9090]] }),
      pod('c', { ip: '10.244.0.7', ports: [['other', 8080]] }),
    ]);
    expect(subsets.map((s) => [s.addresses!.map(ip), s.ports])).toEqual([
      [['10.244.0.5'], [{ name: 'http', port: 8080, protocol: 'TCP' }]],
      [['10.244.0.6'], [{ name: 'http', port: 9090, protocol: 'TCP' }]],
    ]);
  });

  it('packs addresses offering the same ports into one subset with every port', () => {
    const svc = service('web', { ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'admin', port: 9000, protocol: 'TCP' }] });
    const subsets = endpointsFor(svc, [pod('a', { ip: '10.244.0.5' }), pod('b', { ip: '10.244.0.4' })]);
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses!.map(ip)).toEqual(['10.244.0.4', '10.244.0.5']);
    expect(subsets[0].ports!.map((p) => p.name)).toEqual(['admin', 'http']);
  });

  it('gives a headless service without ports one port-less subset, and sets hostnames for its subdomain', () => {
    const svc = service('db', { clusterIP: 'None', ports: [] });
    const subsets = endpointsFor(svc, [
      pod('db-0', { ip: '10.244.0.5', hostname: 'db-0', subdomain: 'db' }), pod('db-1', { ip: '10.244.0.6', hostname: 'db-1', subdomain: 'other' }),
    ]);
    expect(subsets).toEqual([{ addresses: [
      expect.objectContaining({ ip: '10.244.0.5', hostname: 'db-0' }),
      expect.not.objectContaining({ hostname: expect.anything() }),
    ] }]);
  });

  it('labels the endpoints of a headless service', () => {
    expect(endpointsLabels(service('db', { clusterIP: 'None' }, { app: 'db' }))).toEqual({ app: 'db', 'service.kubernetes.io/headless': '' });
    expect(endpointsLabels(service('db', {}, { app: 'db' }))).toEqual({ app: 'db' });
  });
});

describe('endpoint-controller', () => {
  it('creates Endpoints named after the Service and follows readiness, touching only that Service', () => {
    const h = netHarness();
    const [n0] = threeNodes(h);
    h.addPod({ name: 'web-1', labels: { app: 'web' }, node: n0, ip: '10.244.0.10', ready: false });
    h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.50.5' });
    h.addService({ name: 'api', selector: { app: 'api' }, clusterIP: '10.0.50.6' });
    h.settle(1000);
    const ep = () => h.store.get('Endpoints/default/web') as { subsets?: { addresses?: unknown[]; notReadyAddresses?: unknown[] }[]; metadata: { resourceVersion?: string; annotations?: Record<string, string> } };
    expect(ep().subsets![0].notReadyAddresses).toHaveLength(1);
    expect(ep().metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T09:00:00Z' });
    expect(h.store.get('Endpoints/default/api')).toMatchObject({ metadata: { name: 'api' } });
    expect((h.store.get('Endpoints/default/api') as { subsets?: unknown }).subsets).toBeUndefined();
    const apiRv = h.store.get('Endpoints/default/api')!.metadata.resourceVersion;
    h.clock.advanceTo(h.clock.now + 5000);
    h.setReady('default', 'web-1', true);
    h.settle(1000);
    expect(ep().subsets![0].addresses).toHaveLength(1);
    expect(ep().subsets![0].notReadyAddresses).toBeUndefined();
    expect(ep().metadata.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2026-01-01T09:00:06Z');
    expect(h.store.get('Endpoints/default/api')!.metadata.resourceVersion).toBe(apiRv);
  });

  it('leaves a Service without selector alone and deletes Endpoints with their Service', () => {
    const h = netHarness();
    threeNodes(h);
    h.addService({ name: 'external-db', clusterIP: '10.0.50.7' });
    h.addService({ name: 'web', selector: { app: 'web' }, clusterIP: '10.0.50.5' });
    h.settle(1000);
    expect(h.store.get('Endpoints/default/external-db')).toBeUndefined();
    expect(h.store.get('Endpoints/default/web')).toBeDefined();
    h.api.delete('Service', 'default', 'web');
    h.settle(1000);
    expect(h.store.get('Endpoints/default/web')).toBeUndefined();
  });
});
