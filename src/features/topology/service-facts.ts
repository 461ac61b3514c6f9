// What a Service anchor prints: name, type, ClusterIP (`None` when headless), its DNS name as CoreDNS serves it
// (`<svc>.<ns>.svc.cluster.local`), ports, and EXTERNAL-IP as kubectl's getServiceExternalIP reads it.
import type { Service, Stored } from '../../../sim/model/types';

/** The cluster's DNS domain (the kubelet's --cluster-domain, CoreDNS's zone). */
export const CLUSTER_DOMAIN = 'cluster.local';

export interface ServiceFacts {
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  /** `10.0.53.7`, `None` for a headless Service, empty for ExternalName. */
  readonly clusterIP: string;
  readonly dns: string;
  /** `80→4000/TCP`, with `:nodePort` after the port for NodePort and LoadBalancer Services. */
  readonly ports: string;
  /** The external address text: IPs, `<pending>`, `<none>`, or the ExternalName target. */
  readonly external: string;
  /** A LoadBalancer still waiting for its address. */
  readonly pending: boolean;
  /** The load balancer's assigned addresses (empty until assigned). */
  readonly ingress: readonly string[];
}

/** The DNS name of a Service (`<svc>.<ns>.svc.cluster.local`). Pure. */
export function serviceDnsName(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** Everything an anchor prints about a Service. Pure. */
export function serviceFacts(svc: Stored<Service>): ServiceFacts {
  const namespace = svc.metadata.namespace ?? 'default';
  const type = svc.spec?.type ?? 'ClusterIP';
  const clusterIP = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '';
  const ports = (svc.spec?.ports ?? []).map((p) => {
    const target = p.targetPort ?? p.port;
    return `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}→${target}/${p.protocol ?? 'TCP'}`;
  }).join(', ') || '<none>';
  const ingress = [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname).filter((a): a is string => !!a))].sort();
  const externalIPs = svc.spec?.externalIPs ?? [];
  let external: string;
  let pending = false;
  if (type === 'LoadBalancer') {
    const all = [...ingress, ...externalIPs];
    pending = all.length === 0;
    external = pending ? '<pending>' : all.join(',');
  } else if (type === 'ExternalName') external = svc.spec?.externalName ?? '';
  else external = externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
  return { name: svc.metadata.name, namespace, type, clusterIP, dns: serviceDnsName(svc.metadata.name, namespace), ports, external, pending, ingress };
}
