// The cloud-controller-manager's service controller (staging/src/k8s.io/cloud-provider/controllers/service/
// controller.go) over an Azure-like cloud: a LoadBalancer Service gets the cleanup finalizer, then a public IP in
// status.loadBalancer after a delay; leaving LoadBalancer or deletion tears it down and removes the finalizer.
// SIMPLIFIED: the cloud is a timer and an address pool; loadBalancerIP requests and source ranges are not honoured.
import type { DeepReadonly, K8sObject, ObjectKey, Service, SimTime, Stored } from '../model/types';
import type { Controller, ReconcileContext, ReconcileResult, Watch } from '../core/controller';
import type { Change } from '../core/store';
import { stableStringify } from '../core/names';
import { PublicIpPool } from '../net/public-ips';
import { serviceType } from '../net/pod-endpoints';
import { eligibleHosts, loadBalancerServices, nodeChangeMatters } from '../net/load-balancer-hosts';

type Svc = DeepReadonly<Stored<Service>>;

export const LB_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

/** What the cloud is doing for one Service. */
export interface CloudLoadBalancer {
  readonly uid: string;
  readonly phase: 'ensuring' | 'ensured' | 'deleting';
  readonly readyAt: SimTime;
  /** The LB-relevant spec being applied (ensuring) or last applied (ensured). */
  readonly signature: string;
  readonly hosts: string;
}

export type LoadBalancerAction =
  | { readonly type: 'none' }
  | { readonly type: 'wait'; readonly ms: number }
  | { readonly type: 'start-ensure' }
  | { readonly type: 'finish-ensure' }
  | { readonly type: 'update-hosts' }
  | { readonly type: 'start-delete'; readonly existed: boolean }
  | { readonly type: 'finish-delete' }
  | { readonly type: 'forget' };

/** wantsLoadBalancer: type LoadBalancer with no loadBalancerClass. Pure. */
export function wantsLoadBalancer(svc: Svc): boolean {
  return serviceType(svc) === 'LoadBalancer' && !svc.spec?.loadBalancerClass;
}

/** needsCleanup: holds the finalizer and is being deleted or no longer a LoadBalancer. Pure. */
export function needsCleanup(svc: Svc): boolean {
  if (!(svc.metadata.finalizers ?? []).includes(LB_FINALIZER)) return false;
  return svc.metadata.deletionTimestamp !== undefined || serviceType(svc) !== 'LoadBalancer';
}

/** The spec fields whose change makes the controller ensure the load balancer again (needsUpdate). Pure. */
export function loadBalancerSignature(svc: Svc): string {
  const s = svc.spec ?? {};
  return stableStringify({
    ports: (s.ports ?? []).map((p) => [p.name ?? '', p.protocol ?? 'TCP', p.port, p.nodePort ?? 0, p.targetPort ?? p.port]),
    affinity: s.sessionAffinity ?? 'None', affinityConfig: s.sessionAffinityConfig ?? null, lbIP: s.loadBalancerIP ?? '',
    externalIPs: s.externalIPs ?? [], annotations: svc.metadata.annotations ?? {}, uid: svc.metadata.uid,
    etp: s.externalTrafficPolicy ?? '', hc: s.healthCheckNodePort ?? 0, ranges: s.loadBalancerSourceRanges ?? [],
  });
}

/** The next step for one Service given what the cloud is doing; `hosts` is the eligible node set. Pure. */
export function planLoadBalancer(svc: Svc | undefined, cloud: CloudLoadBalancer | undefined, now: SimTime, hosts: string): LoadBalancerAction {
  if (!svc) return cloud ? { type: 'forget' } : { type: 'none' };
  if (cloud && cloud.uid !== svc.metadata.uid) return { type: 'forget' };
  const wants = wantsLoadBalancer(svc) && svc.metadata.deletionTimestamp === undefined;
  if (needsCleanup(svc) || (!wants && cloud)) {
    if (cloud?.phase === 'deleting') return now >= cloud.readyAt ? { type: 'finish-delete' } : { type: 'wait', ms: cloud.readyAt - now };
    return { type: 'start-delete', existed: cloud !== undefined };
  }
  if (!wants) return { type: 'none' };
  if (!cloud || cloud.phase === 'deleting') return { type: 'start-ensure' };
  if (cloud.phase === 'ensuring') return now >= cloud.readyAt ? { type: 'finish-ensure' } : { type: 'wait', ms: cloud.readyAt - now };
  if (cloud.signature !== loadBalancerSignature(svc)) return { type: 'start-ensure' };
  if (!(svc.status?.loadBalancer?.ingress ?? []).some((i) => i.ip)) return { type: 'finish-ensure' };
  if (cloud.hosts !== hosts) return { type: 'update-hosts' };
  return { type: 'none' };
}

/** The service controller of the cloud-controller-manager, with the cloud's load balancers behind it. */
export class ServiceLoadBalancerController implements Controller {
  readonly name = 'service-controller';
  readonly latencyMs: number;
  readonly watches: readonly Watch[] = [
    { kind: 'Service', keys: (c) => this.serviceChangeKeys(c) },
    { kind: 'Node', keys: (c, store) => (nodeChangeMatters(c) ? [...loadBalancerServices(store)].sort() : []) },
  ];
  readonly pool = new PublicIpPool();
  private readonly cloud = new Map<ObjectKey, CloudLoadBalancer>();
  private readonly typeChanges = new Map<ObjectKey, string>();
  private readonly delayMs: number;
  private readonly jitterMs: number;
  private readonly deleteDelayMs: number;

  constructor(opts: { delaySeconds?: number; jitterSeconds?: number; deleteDelaySeconds?: number; latencyMs?: number } = {}) {
    this.delayMs = (opts.delaySeconds ?? 20) * 1000;
    this.jitterMs = (opts.jitterSeconds ?? 5) * 1000;
    this.deleteDelayMs = (opts.deleteDelaySeconds ?? 5) * 1000;
    this.latencyMs = opts.latencyMs ?? 50;
  }

  /** What the cloud is doing for a Service (for the UI and tests). */
  cloudState(key: ObjectKey): CloudLoadBalancer | undefined {
    return this.cloud.get(key);
  }

  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const svc = ctx.store.get(key) as Svc | undefined;
    const cloud = this.cloud.get(key);
    const hosts = eligibleHosts(ctx.store);
    const typeChange = this.typeChanges.get(key);
    if (typeChange !== undefined) {
      this.typeChanges.delete(key);
      if (svc) ctx.recordEvent(svc as K8sObject, 'Normal', 'Type', typeChange);
    }
    const action = planLoadBalancer(svc, cloud, ctx.now, hosts);
    switch (action.type) {
      case 'none': return;
      case 'wait': return { requeueAfterMs: action.ms };
      case 'forget':
        this.pool.release(cloud!.uid);
        this.cloud.delete(key);
        return svc ? { requeueAfterMs: 0 } : undefined;
      case 'start-ensure': {
        ctx.recordEvent(svc as K8sObject, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
        if (!(svc!.metadata.finalizers ?? []).includes(LB_FINALIZER)) {
          ctx.api.update({ ...svc!, metadata: { ...svc!.metadata, finalizers: [...(svc!.metadata.finalizers ?? []), LB_FINALIZER] } } as K8sObject);
        }
        const readyAt = ctx.now + this.delayMs + ctx.rng.int(this.jitterMs + 1);
        this.cloud.set(key, { uid: svc!.metadata.uid!, phase: 'ensuring', readyAt, signature: loadBalancerSignature(svc!), hosts: cloud?.hosts ?? hosts });
        return { requeueAfterMs: readyAt - ctx.now };
      }
      case 'finish-ensure': {
        const ip = this.pool.allocate(svc!.metadata.uid!, ctx.rng);
        if (hosts === '') ctx.recordEvent(svc as K8sObject, 'Warning', 'UnAvailableLoadBalancer', 'There are no available nodes for LoadBalancer');
        const status = { ...(svc!.status ?? {}), loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
        ctx.api.updateStatus(svc as K8sObject, status);
        ctx.recordEvent(svc as K8sObject, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
        this.cloud.set(key, { ...cloud!, phase: 'ensured', hosts });
        return { requeueAfterMs: 0 };
      }
      case 'update-hosts':
        if (hosts === '') ctx.recordEvent(svc as K8sObject, 'Warning', 'UnAvailableLoadBalancer', 'There are no available nodes for LoadBalancer');
        else ctx.recordEvent(svc as K8sObject, 'Normal', 'UpdatedLoadBalancer', 'Updated load balancer with new hosts');
        this.cloud.set(key, { ...cloud!, hosts });
        return;
      case 'start-delete':
        if (action.existed) {
          ctx.recordEvent(svc as K8sObject, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
          const readyAt = ctx.now + this.deleteDelayMs;
          this.cloud.set(key, { ...cloud!, phase: 'deleting', readyAt });
          return { requeueAfterMs: this.deleteDelayMs };
        }
        this.finishDelete(key, svc!, ctx);
        return;
      case 'finish-delete':
        this.finishDelete(key, svc!, ctx);
        return;
    }
  }

  private finishDelete(key: ObjectKey, svc: Svc, ctx: ReconcileContext): void {
    const cloud = this.cloud.get(key);
    if (cloud) this.pool.release(cloud.uid);
    this.cloud.delete(key);
    const finalizers = (svc.metadata.finalizers ?? []).filter((f) => f !== LB_FINALIZER);
    if (finalizers.length !== (svc.metadata.finalizers ?? []).length) {
      ctx.api.update({ ...svc, metadata: { ...svc.metadata, finalizers } } as K8sObject);
    }
    ctx.recordEvent(svc as K8sObject, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    const current = ctx.store.get(key) as Svc | undefined;
    if (current && (current.status?.loadBalancer?.ingress ?? []).length > 0) {
      ctx.api.updateStatus(current as K8sObject, { ...(current.status ?? {}), loadBalancer: {} });
    }
  }

  private serviceChangeKeys(change: Change): ObjectKey[] {
    const cur = change.type === 'DELETED' ? undefined : (change.object as Svc);
    const old = change.previous as Svc | undefined;
    if (cur && old && wantsLoadBalancer(cur) !== wantsLoadBalancer(old)) {
      this.typeChanges.set(change.key, `${serviceType(old)} -> ${serviceType(cur)}`);
    }
    const relevant = (cur && (wantsLoadBalancer(cur) || needsCleanup(cur))) || (old && wantsLoadBalancer(old)) || this.cloud.has(change.key);
    return relevant ? [change.key] : [];
  }
}
