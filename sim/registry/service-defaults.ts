// Service defaulting: SetDefaults_Service (pkg/apis/core/v1/defaults.go), NormalizeClusterIPs for a create, and the
// IP family fields the allocator initialises (initIPFamilyFields) on this single-stack IPv4 cluster.
import { arrayOf, isRecord } from './field-checks';

type Obj = Record<string, unknown>;

/** The type a Service has after defaulting. Pure. */
export function serviceType(spec: Obj): string {
  return typeof spec.type === 'string' && spec.type ? spec.type : 'ClusterIP';
}

/** Whether the Service is headless (`clusterIP: None`). Pure. */
export function isHeadless(spec: Obj): boolean {
  return spec.clusterIP === 'None' || arrayOf<string>(spec.clusterIPs)[0] === 'None';
}

/** apiservice.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. Pure. */
export function externallyAccessible(spec: Obj): boolean {
  const type = serviceType(spec);
  return type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && arrayOf(spec.externalIPs).length > 0);
}

/** Applies SetDefaults_Service and the allocator's family defaults to a Service spec. Mutates. */
export function applyServiceDefaults(spec: Obj): void {
  spec.sessionAffinity = spec.sessionAffinity || 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    const timeout = isRecord(cfg) && isRecord(cfg.clientIP) ? cfg.clientIP.timeoutSeconds : undefined;
    if (timeout === undefined || timeout === null) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type = serviceType(spec);
  for (const p of arrayOf(spec.ports)) {
    if (!isRecord(p)) continue;
    p.protocol = p.protocol || 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if ((spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) && spec.type !== 'ExternalName') {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    spec.allocateLoadBalancerNodePorts = true;
  }
  // NormalizeClusterIPs for a create: a client that set only the singular field gets the plural one.
  if (typeof spec.clusterIP === 'string' && spec.clusterIP && arrayOf(spec.clusterIPs).length === 0) spec.clusterIPs = [spec.clusterIP];
  if (spec.type === 'ExternalName') return;
  // initIPFamilyFields: a headless Service without selector prefers dual-stack on any cluster; the rest is SingleStack.
  if (spec.ipFamilyPolicy === undefined || spec.ipFamilyPolicy === null) {
    const selectorless = Object.keys(isRecord(spec.selector) ? spec.selector : {}).length === 0;
    spec.ipFamilyPolicy = isHeadless(spec) && selectorless ? 'PreferDualStack' : 'SingleStack';
  }
  // SIMPLIFIED: the cluster is single-stack IPv4, so every Service gets the IPv4 family only.
  if (arrayOf(spec.ipFamilies).length === 0) spec.ipFamilies = ['IPv4'];
}
