// The text tables of the first page: the cells kubectl's printers show for nodes, pods and services
// (pkg/printers/internalversion/printers.go), plus a tone per status so the page can mark it.
import type { Node, Pod, Service, Stored } from '../../../sim/model/types';
import { isPodReady, isPodTerminal, isTerminating } from '../../../sim/model/pod';

/** How a status reads at a glance; the page pairs each with a colour and a glyph, never colour alone. */
export type Tone = 'ok' | 'progress' | 'bad' | 'leaving' | 'done' | 'plain';

export interface Cell {
  readonly text: string;
  readonly tone?: Tone;
}

export interface Row {
  /** metadata.uid: the key a list renders by. */
  readonly uid: string;
  readonly cells: readonly Cell[];
}

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly Row[];
}

const plain = (text: string): Cell => ({ text });

/** Node STATUS as kubectl prints it: Ready/NotReady/Unknown, plus `,SchedulingDisabled` when cordoned. Pure. */
export function nodeStatusText(node: Stored<Node>): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const parts = [ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Pods that still hold a place on a node (not Succeeded or Failed), as `kubectl describe node` counts them. Pure. */
export function nonTerminatedCount(pods: readonly Stored<Pod>[] | undefined): number {
  return (pods ?? []).filter((p) => !isPodTerminal(p)).length;
}

/** The Nodes table: NAME, STATUS, POD CIDR, PODS (non-terminated pods bound to the node). Pure. */
export function nodeTable(nodes: readonly Stored<Node>[], podsOnNode: ReadonlyMap<string, readonly Stored<Pod>[]>): Table {
  return {
    headers: ['NAME', 'STATUS', 'POD CIDR', 'PODS'],
    rows: nodes.map((node) => {
      const status = nodeStatusText(node);
      return {
        uid: node.metadata.uid ?? node.metadata.name,
        cells: [
          plain(node.metadata.name),
          { text: status, tone: status.startsWith('Ready') ? 'ok' : 'bad' },
          plain(node.spec?.podCIDR ?? '<none>'),
          plain(String(nonTerminatedCount(podsOnNode.get(node.metadata.name)))),
        ],
      };
    }),
  };
}

/** READY as kubectl prints it: ready containers / containers. Pure. */
export function podReadyText(pod: Stored<Pod>): string {
  const total = pod.spec?.containers?.length ?? 0;
  const ready = (pod.status?.containerStatuses ?? []).filter((c) => c.ready).length;
  return `${ready}/${total}`;
}

/**
 * A short pod STATUS: Terminating while deleted, else the first container's waiting or terminated reason
 * (ContainerCreating, CrashLoopBackOff, Completed, …), else the phase. Pure.
 */
export function podStatusText(pod: Stored<Pod>): string {
  // SIMPLIFIED: kubectl's full STATUS rules (init containers, sidecars, NodeLost) are the terminal's; this page
  // shows the reason most pods carry.
  if (isTerminating(pod) && !isPodTerminal(pod)) return 'Terminating';
  if (pod.status?.reason) return pod.status.reason;
  for (const c of pod.status?.containerStatuses ?? []) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason) return reason;
  }
  return pod.status?.phase ?? 'Pending';
}

/** The tone of a pod status: ok when Running and Ready, progress while starting, bad on errors. Pure. */
export function podTone(pod: Stored<Pod>, status: string): Tone {
  if (status === 'Terminating') return 'leaving';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (status === 'Running') return isPodReady(pod) ? 'ok' : 'progress';
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'PodInitializing') return 'progress';
  return 'bad';
}

/** The Pods table: [NAMESPACE,] NAME, READY, STATUS, NODE, IP. Pure. */
export function podTable(pods: readonly Stored<Pod>[], showNamespace: boolean): Table {
  return {
    headers: [...(showNamespace ? ['NAMESPACE'] : []), 'NAME', 'READY', 'STATUS', 'NODE', 'IP'],
    rows: pods.map((pod) => {
      const status = podStatusText(pod);
      return {
        uid: pod.metadata.uid ?? pod.metadata.name,
        cells: [
          ...(showNamespace ? [plain(pod.metadata.namespace ?? '')] : []),
          plain(pod.metadata.name),
          plain(podReadyText(pod)),
          { text: status, tone: podTone(pod, status) },
          plain(pod.spec?.nodeName || '<none>'),
          plain(pod.status?.podIP || '<none>'),
        ],
      };
    }),
  };
}

/** EXTERNAL-IP as kubectl prints it (getServiceExternalIP): `<pending>` until a load balancer has an address. Pure. */
export function serviceExternalIPText(svc: Stored<Service>): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname).filter((a): a is string => !!a);
      const all = [...new Set(ingress)].sort().concat(external);
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** PORT(S) as kubectl prints it (makePortString): `80:31437/TCP,443/TCP`, or `<none>`. Pure. */
export function servicePortsText(svc: Stored<Service>): string {
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

/** The Services table: [NAMESPACE,] NAME, TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S). Pure. */
export function serviceTable(services: readonly Stored<Service>[], showNamespace: boolean): Table {
  return {
    headers: [...(showNamespace ? ['NAMESPACE'] : []), 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)'],
    rows: services.map((svc) => {
      const external = serviceExternalIPText(svc);
      const clusterIP = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '';
      return {
        uid: svc.metadata.uid ?? svc.metadata.name,
        cells: [
          ...(showNamespace ? [plain(svc.metadata.namespace ?? '')] : []),
          plain(svc.metadata.name),
          plain(svc.spec?.type ?? 'ClusterIP'),
          plain(clusterIP === '' ? '<none>' : clusterIP),
          { text: external, tone: external === '<pending>' ? 'progress' : 'plain' },
          plain(servicePortsText(svc)),
        ],
      };
    }),
  };
}
