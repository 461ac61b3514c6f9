// Plain Pod and Service objects for the pure deciders' table tests (never stored).
import type { DeepReadonly, Pod, Service, Stored } from '../../../sim/model/types';

export type PodObj = DeepReadonly<Stored<Pod>>;
export type SvcObj = DeepReadonly<Stored<Service>>;

export function pod(name: string, o: {
  ip?: string; ready?: boolean; node?: string; phase?: string; terminating?: boolean; uid?: string;
  ports?: readonly (number | readonly [string, number])[]; hostname?: string; subdomain?: string; namespace?: string;
} = {}): PodObj {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: o.namespace ?? 'default', uid: o.uid ?? `uid-${name}`,
      ...(o.terminating ? { deletionTimestamp: '2026-01-01T09:01:00Z' } : {}),
    },
    spec: {
      nodeName: o.node ?? 'node-a',
      containers: [{ name: 'c', ports: (o.ports ?? [80]).map((p) => (typeof p === 'number' ? { containerPort: p, protocol: 'TCP' } : { name: p[0], containerPort: p[1], protocol: 'TCP' })) }],
      ...(o.hostname ? { hostname: o.hostname } : {}), ...(o.subdomain ? { subdomain: o.subdomain } : {}),
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(o.ip === undefined ? {} : { podIP: o.ip, podIPs: [{ ip: o.ip }] }),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: '2026-01-01T09:00:30Z' }],
    },
  } as PodObj;
}

export function service(name: string, spec: Record<string, unknown> = {}, labels?: Record<string, string>): SvcObj {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name, namespace: 'default', uid: `uid-svc-${name}`, creationTimestamp: '2026-01-01T09:00:00Z', ...(labels ? { labels } : {}) },
    spec: { type: 'ClusterIP', clusterIP: '10.0.10.10', selector: { app: name }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], ...spec },
    status: { loadBalancer: {} },
  } as SvcObj;
}
