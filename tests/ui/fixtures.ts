// Hand-made Kubernetes objects and Frames for the page's unit tests, shaped as the engine streams them.
import type { Frame } from '../../sim/protocol';
import type { K8sObject, ObjectKey } from '../../sim/model/types';

let rv = 0;

interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  deletionTimestamp?: string;
}

function meta(m: Meta): K8sObject['metadata'] {
  return {
    name: m.name,
    ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
    uid: m.uid ?? `uid-${m.namespace ?? ''}-${m.name}`,
    resourceVersion: m.resourceVersion ?? String(++rv),
    creationTimestamp: '2026-01-01T09:00:00Z',
    ...(m.deletionTimestamp ? { deletionTimestamp: m.deletionTimestamp } : {}),
  };
}

/** A node with a Ready condition of the given status. */
export function node(name: string, ready: 'True' | 'False' | 'Unknown' = 'True', extra: { podCIDR?: string; unschedulable?: boolean; resourceVersion?: string } = {}): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: meta({ name, resourceVersion: extra.resourceVersion }),
    spec: { podCIDR: extra.podCIDR ?? '10.244.0.0/24', ...(extra.unschedulable ? { unschedulable: true } : {}) },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  };
}

export interface PodShape {
  namespace?: string;
  nodeName?: string;
  phase?: string;
  ready?: boolean;
  waiting?: string;
  terminated?: string;
  podIP?: string;
  containers?: number;
  deleting?: boolean;
  resourceVersion?: string;
  uid?: string;
}

/** A pod with one container (by default), optionally bound, ready, waiting or being deleted. */
export function pod(name: string, shape: PodShape = {}): K8sObject {
  const count = shape.containers ?? 1;
  const names = Array.from({ length: count }, (_, i) => `c${i}`);
  const state = shape.waiting ? { waiting: { reason: shape.waiting } }
    : shape.terminated ? { terminated: { reason: shape.terminated, exitCode: 0 } }
    : { running: { startedAt: '2026-01-01T09:00:05Z' } };
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: meta({
      name, namespace: shape.namespace ?? 'default', uid: shape.uid, resourceVersion: shape.resourceVersion,
      deletionTimestamp: shape.deleting ? '2026-01-01T09:01:00Z' : undefined,
    }),
    spec: { containers: names.map((n) => ({ name: n, image: 'nginx' })), ...(shape.nodeName ? { nodeName: shape.nodeName } : {}) },
    status: {
      phase: shape.phase ?? 'Running',
      ...(shape.podIP ? { podIP: shape.podIP } : {}),
      conditions: [{ type: 'Ready', status: shape.ready ? 'True' : 'False' }],
      containerStatuses: names.map((n) => ({ name: n, ready: !!shape.ready, restartCount: 0, image: 'nginx', imageID: '', state })),
    },
  };
}

export interface ServiceShape {
  namespace?: string;
  type?: string;
  clusterIP?: string;
  ports?: { port: number; nodePort?: number; protocol?: string }[];
  ingress?: { ip?: string; hostname?: string }[];
  externalIPs?: string[];
  externalName?: string;
}

/** A Service of the given type. */
export function service(name: string, shape: ServiceShape = {}): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: meta({ name, namespace: shape.namespace ?? 'default' }),
    spec: {
      type: shape.type ?? 'ClusterIP',
      ...(shape.clusterIP !== undefined ? { clusterIP: shape.clusterIP, clusterIPs: shape.clusterIP === 'None' || shape.clusterIP === '' ? undefined : [shape.clusterIP] } : {}),
      ports: shape.ports ?? [{ port: 80, protocol: 'TCP' }],
      ...(shape.externalIPs ? { externalIPs: shape.externalIPs } : {}),
      ...(shape.externalName ? { externalName: shape.externalName } : {}),
    },
    status: { loadBalancer: shape.ingress ? { ingress: shape.ingress } : {} },
  };
}

export function namespace(name: string): K8sObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta({ name }), status: { phase: 'Active' } };
}

/** A copy of an object with a new resourceVersion and a change applied (what an update looks like in a frame). */
export function updated(obj: K8sObject, change: (copy: K8sObject) => void): K8sObject {
  const copy = structuredClone(obj);
  change(copy);
  return { ...copy, metadata: { ...copy.metadata, resourceVersion: String(++rv) } };
}

/** A frame as the engine builds it. */
export function frame(parts: Partial<Frame> & { rv: number }): Frame {
  return {
    time: 0, epochMs: 1_767_258_000_000, full: false, upserts: [], deletes: [] as ObjectKey[], output: [], exits: [],
    traffic: [], editorRequests: [], filesVersion: 0,
    status: 'caught-up', ...parts,
  };
}
