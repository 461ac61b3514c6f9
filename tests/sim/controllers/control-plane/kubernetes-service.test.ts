import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../helpers/harness';
import type { K8sObject } from '../../../../sim/model/types';
import { EndpointsController } from '../../../../sim/controllers/endpoints';
import {
  KubernetesServiceController, kubernetesEndpoints, kubernetesEndpointSlice, kubernetesService, nextTick,
} from '../../../../sim/controllers/kubernetes-service';

type Any = Record<string, any>;
const API_IP = '20.50.60.70';
const PHASE = 3_000;

function cluster(): Harness {
  const h = createHarness();
  h.manager.add(new KubernetesServiceController('10.0.0.1', API_IP, PHASE));
  h.manager.add(new EndpointsController());
  for (const obj of [kubernetesService('10.0.0.1'), kubernetesEndpoints(API_IP), kubernetesEndpointSlice(API_IP)]) h.mustCreate(obj);
  h.runUntil(100);
  return h;
}

const get = (h: Harness, kind: string): Any | undefined => h.store.get(`${kind}/default/kubernetes`) as Any | undefined;

describe('kubernetes-service controller', () => {
  it('runs on a 10 s loop at its phase', () => {
    expect(nextTick(0, PHASE)).toBe(3_000);
    expect(nextTick(3_000, PHASE)).toBe(3_000);
    expect(nextTick(3_001, PHASE)).toBe(13_000);
    expect(nextTick(-700_000, PHASE)).toBe(-697_000);
  });

  it('recreates a deleted kubernetes Service on its next run, with ClusterIP 10.0.0.1 and https 443 → 443, and its Endpoints', () => {
    const h = cluster();
    h.runUntil(4_000);
    expect(h.api.delete('Service', 'default', 'kubernetes').ok).toBe(true);
    h.runUntil(5_000);
    // The endpoints controller removes the Endpoints of a Service that is gone; the EndpointSlice has no owner and stays.
    expect(get(h, 'Service')).toBeUndefined();
    expect(get(h, 'Endpoints')).toBeUndefined();
    expect(get(h, 'EndpointSlice')).toBeDefined();
    h.runUntil(12_999);
    expect(get(h, 'Service')).toBeUndefined();
    h.runUntil(13_000);
    const svc = get(h, 'Service')!;
    expect(svc.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }] });
    expect(svc.spec.selector).toBeUndefined();
    const ep = get(h, 'Endpoints')!;
    expect(ep.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(ep.subsets).toEqual([{ addresses: [{ ip: API_IP }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }]);
    h.runUntil(20_000);
    expect(get(h, 'Endpoints')?.metadata.uid).toBe(ep.metadata.uid);
  });

  it('puts back deleted or edited Endpoints and EndpointSlice on its next run, and leaves an edited Service alone', () => {
    const h = cluster();
    h.api.delete('EndpointSlice', 'default', 'kubernetes');
    const ep = structuredClone(get(h, 'Endpoints')!);
    ep.subsets = [{ addresses: [{ ip: '1.2.3.4' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }];
    expect(h.api.update(ep as K8sObject).ok).toBe(true);
    const svc = structuredClone(get(h, 'Service')!);
    svc.metadata.labels.team = 'x';
    expect(h.api.update(svc as K8sObject).ok).toBe(true);
    h.runUntil(2_999);
    expect(get(h, 'EndpointSlice')).toBeUndefined();
    h.runUntil(3_000);
    expect(get(h, 'Endpoints')!.subsets).toEqual([{ addresses: [{ ip: API_IP }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }]);
    expect(get(h, 'EndpointSlice')).toMatchObject({
      addressType: 'IPv4', metadata: { labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      endpoints: [{ addresses: [API_IP], conditions: { ready: true } }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
    });
    expect(get(h, 'Service')!.metadata.labels.team).toBe('x');
  });

  it('keeps trying on later runs while 10.0.0.1 is taken by another Service', () => {
    const h = cluster();
    h.api.delete('Service', 'default', 'kubernetes');
    h.mustCreate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'squatter', namespace: 'default' }, spec: { clusterIP: '10.0.0.1', ports: [{ port: 80 }] } } as K8sObject);
    h.runUntil(3_000);
    expect(get(h, 'Service')).toBeUndefined();
    h.api.delete('Service', 'default', 'squatter');
    h.runUntil(13_000);
    expect(get(h, 'Service')?.spec.clusterIP).toBe('10.0.0.1');
  });
});
