// Traffic a student would send, read off the cluster: from outside to each Service's LoadBalancer IP or a
// NodePort, and from the pods of another Deployment to the Service's DNS name, as a client in the cluster would.
import type { ClusterView } from '../../lib/cluster-view';
import type { Deployment, Service, Stored } from '../../../sim/model/types';
import type { TrafficOrigin } from '../../../sim/protocol';
import {
  deploymentSelector, deploymentsBehind, nodeInternalIP, nodeList, nsName, podsOfServiceUnsorted, serviceHostFrom, userDeployments,
  userServices,
} from './workloads';

/** How a preset reaches its Service. */
export type PresetRoute = 'load-balancer' | 'node-port' | 'service-name';

/** A ready-made traffic flow: where requests start and the address they go to. */
export interface TrafficPreset {
  /** Stable and unique; used as the flow id. */
  readonly id: string;
  /** What the student reads in the list. */
  readonly label: string;
  readonly route: PresetRoute;
  /** The target Service as `namespace/name`. */
  readonly service: string;
  readonly from: TrafficOrigin;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** Higher is a better guess among the presets for one Service. */
  readonly rank: number;
}

const ROUTE_RANK: Record<PresetRoute, number> = { 'load-balancer': 20, 'node-port': 10, 'service-name': 0 };

/** The HTTP path worth asking the app behind a Service for: the Smilr data API answers `/api/info`. Pure. */
export function pathFor(view: ClusterView, svc: Stored<Service>): string {
  const templates = deploymentsBehind(view, svc).flatMap((d) => d.spec?.template?.spec?.containers ?? []);
  const containers = templates.length > 0 ? templates : podsOfServiceUnsorted(view, svc).flatMap((p) => p.spec?.containers ?? []);
  return containers.some((c) => /(^|\/)data-api(:|@|$)/.test(c.image ?? '')) ? '/api/info' : '/';
}

function suffix(path: string): string {
  return path === '/' ? '' : path;
}

/** Whether a Deployment's containers mention the Service in their environment (a connection string, a URL). Pure. */
export function mentionsService(d: Stored<Deployment>, svc: Stored<Service>): boolean {
  const name = svc.metadata.name;
  const pattern = new RegExp(`(^|[^a-z0-9-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9-]|$)`);
  return (d.spec?.template?.spec?.containers ?? []).some((c) => (c.env ?? []).some((e) => e.value !== undefined && pattern.test(e.value)));
}

function externalPresets(view: ClusterView, svc: Stored<Service>, port: number, path: string): TrafficPreset[] {
  const out: TrafficPreset[] = [];
  const key = nsName(svc);
  const lbIP = svc.status?.loadBalancer?.ingress?.find((i) => i.ip)?.ip;
  if (svc.spec?.type === 'LoadBalancer' && lbIP) {
    out.push({
      id: `outside→${key}:lb`, label: `outside → ${svc.metadata.name} via LoadBalancer ${lbIP}:${port}${suffix(path)}`,
      route: 'load-balancer', service: key, from: { kind: 'external' }, host: lbIP, port, path, rank: ROUTE_RANK['load-balancer'],
    });
  }
  const nodePort = svc.spec?.ports?.[0]?.nodePort;
  const nodeIP = nodeList(view).map(nodeInternalIP).find((ip) => ip !== undefined);
  if ((svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer') && nodePort && nodeIP) {
    out.push({
      id: `outside→${key}:nodeport`, label: `outside → ${svc.metadata.name} via NodePort ${nodeIP}:${nodePort}${suffix(path)}`,
      route: 'node-port', service: key, from: { kind: 'external' }, host: nodeIP, port: nodePort, path, rank: ROUTE_RANK['node-port'],
    });
  }
  return out;
}

function namePresets(view: ClusterView, svc: Stored<Service>, port: number, path: string): TrafficPreset[] {
  const behind = new Set(deploymentsBehind(view, svc).map(nsName));
  const key = nsName(svc);
  const svcNs = svc.metadata.namespace ?? 'default';
  return userDeployments(view).filter((d) => !behind.has(nsName(d)) && deploymentSelector(d) !== '').map((d) => {
    const ns = d.metadata.namespace ?? 'default';
    const host = serviceHostFrom(svc, ns);
    const rank = (mentionsService(d, svc) ? 2 : 0) + (ns === svcNs ? 1 : 0);
    return {
      id: `${nsName(d)}→${key}:name`, label: `${d.metadata.name} pods → ${host}:${port}${suffix(path)}`,
      route: 'service-name' as const, service: key, from: { kind: 'pods' as const, namespace: ns, selector: deploymentSelector(d) },
      host, port, path, rank,
    };
  });
}

/** Every preset for the student's Services, grouped by Service, best guess first within each. Pure. */
export function trafficPresets(view: ClusterView): TrafficPreset[] {
  const out: TrafficPreset[] = [];
  for (const svc of userServices(view)) {
    const port = svc.spec?.ports?.[0]?.port;
    if (port === undefined) continue;
    const path = pathFor(view, svc);
    const mine = [...externalPresets(view, svc, port, path), ...namePresets(view, svc, port, path)];
    mine.sort((a, b) => b.rank - a.rank || a.label.localeCompare(b.label));
    out.push(...mine);
  }
  return out;
}

/** The best preset of each Service that has any (what "send traffic" starts with). Pure. */
export function defaultPresets(presets: readonly TrafficPreset[]): TrafficPreset[] {
  const best = new Map<string, TrafficPreset>();
  for (const p of presets) {
    const seen = best.get(p.service);
    if (!seen || p.rank > seen.rank) best.set(p.service, p);
  }
  return [...best.values()];
}
