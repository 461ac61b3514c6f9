// kube-apiserver's kubernetes-service controller (pkg/controlplane/controller/kubernetesservice) and its endpoint
// reconciler (pkg/controlplane/reconcilers, endpointsadapter.go): every 10 s (EndpointInterval) it creates the
// `kubernetes` Service in `default` if it is missing, with the first IP of the service range, and puts back the
// Endpoints and EndpointSlice that point at the apiserver. An existing Service is left as it is.
// SIMPLIFIED: one apiserver, so the lease reconciler's list of apiserver addresses is the one bootstrap address.
import type { DeepReadonly, EndpointSlice, Endpoints, K8sObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/keys';
import { clone } from '../core/clone';
import { deepEqual } from '../core/equal';
import type { Controller, ReconcileContext, ReconcileResult, Watch } from '../core/controller';

/** EndpointInterval: how often the apiserver checks the `kubernetes` Service and its endpoints. */
export const KUBERNETES_SERVICE_INTERVAL_MS = 10_000;

const NAME = 'kubernetes';
const NAMESPACE = 'default';
const PORT = { name: 'https', port: 443, protocol: 'TCP' } as const;

/** The `kubernetes` Service as createOrUpdateMasterServiceIfNeeded builds it: ClusterIP `serviceIP`, https 443. Pure. */
export function kubernetesService(serviceIP: string): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: NAME, namespace: NAMESPACE, labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: serviceIP, ports: [{ ...PORT, targetPort: 443 }] },
  };
}

/** The Endpoints the endpoint reconciler writes: the apiserver address on https 443, never mirrored. Pure. */
export function kubernetesEndpoints(apiServerIP: string): K8sObject {
  return {
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: { name: NAME, namespace: NAMESPACE, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: apiServerIP }], ports: [{ ...PORT }] }],
  };
}

/** The EndpointSlice the endpoints adapter writes beside the Endpoints. Pure. */
export function kubernetesEndpointSlice(apiServerIP: string): K8sObject {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name: NAME, namespace: NAMESPACE, labels: { 'kubernetes.io/service-name': NAME } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [apiServerIP], conditions: { ready: true } }],
    ports: [{ ...PORT }],
  };
}

/** The next run at or after `now` of the 10 s loop whose runs fall `phaseMs` after each multiple of 10 s. Pure. */
export function nextTick(now: number, phaseMs: number): number {
  return phaseMs + Math.ceil((now - phaseMs) / KUBERNETES_SERVICE_INTERVAL_MS) * KUBERNETES_SERVICE_INTERVAL_MS;
}

const SERVICE_KEY = objectKey('Service', NAMESPACE, NAME);
const ownKey = (c: { key: ObjectKey; object: K8sObject }): ObjectKey[] =>
  (c.object.metadata.namespace === NAMESPACE && c.object.metadata.name === NAME ? [SERVICE_KEY] : []);

/** The controller: any change to the three objects wakes it, and it repairs them on the next tick of its loop. */
export class KubernetesServiceController implements Controller {
  readonly name = 'kube-apiserver';
  // The loop runs inside the apiserver: a key requeued for a tick is handled on that tick.
  readonly latencyMs = 0;
  readonly watches: readonly Watch[] = [{ kind: 'Service', keys: ownKey }, { kind: 'Endpoints', keys: ownKey }, { kind: 'EndpointSlice', keys: ownKey }];
  private readonly endpoints: K8sObject & Endpoints;
  private readonly slice: K8sObject & EndpointSlice;

  /** `phaseMs`: where in each 10 s the loop runs (when the apiserver happened to start it). */
  constructor(private readonly serviceIP: string, apiServerIP: string, private readonly phaseMs: number) {
    this.endpoints = kubernetesEndpoints(apiServerIP) as K8sObject & Endpoints;
    this.slice = kubernetesEndpointSlice(apiServerIP) as K8sObject & EndpointSlice;
  }

  reconcile(_key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const service = ctx.store.get(SERVICE_KEY);
    const ep = ctx.store.get(objectKey('Endpoints', NAMESPACE, NAME)) as (K8sObject & DeepReadonly<Endpoints>) | undefined;
    const slice = ctx.store.get(objectKey('EndpointSlice', NAMESPACE, NAME)) as (K8sObject & DeepReadonly<EndpointSlice>) | undefined;
    if (service && this.endpointsInPlace(ep) && this.sliceInPlace(slice)) return;
    const tick = nextTick(ctx.now, this.phaseMs);
    if (tick > ctx.now) return { requeueAfterMs: tick - ctx.now };
    // UpdateKubernetesService: a failed create (the IP taken meanwhile) is tried again on the next tick.
    if (!service && !ctx.api.create(kubernetesService(this.serviceIP)).ok) return { requeueAfterMs: KUBERNETES_SERVICE_INTERVAL_MS };
    if (!this.endpointsInPlace(ep)) this.write(ctx, this.endpoints, ep);
    if (!this.sliceInPlace(slice)) this.write(ctx, this.slice, slice);
  }

  private endpointsInPlace(ep: DeepReadonly<Endpoints> | undefined): boolean {
    return !!ep && deepEqual(ep.subsets ?? [], this.endpoints.subsets);
  }

  private sliceInPlace(slice: DeepReadonly<EndpointSlice> | undefined): boolean {
    return !!slice && slice.addressType === this.slice.addressType && deepEqual(slice.endpoints ?? [], this.slice.endpoints)
      && deepEqual(slice.ports ?? [], this.slice.ports);
  }

  /** Creates `desired` when it is missing, or rewrites its content over the current metadata. */
  private write(ctx: ReconcileContext, desired: K8sObject, current: K8sObject | undefined): void {
    if (!current) { ctx.api.create(clone(desired)); return; }
    const { metadata: _metadata, ...content } = clone(desired);
    ctx.api.update({ ...clone(current), ...content } as K8sObject);
  }
}
