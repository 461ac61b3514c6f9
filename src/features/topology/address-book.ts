// The address book: for each Deployment, how many pod IPs the session has seen against how many addresses its
// Service has had — pods are cattle (new names and IPs every time), the Service keeps one ClusterIP and DNS name.
// Shown at a past moment (time travel), it counts only what had been seen by then.
import type { Deployment, Service, SimTime, Stored } from '../../../sim/model/types';
import { matchesRequirements, requirementsOfMap } from '../../../sim/model/labels';
import { listOf, objectsOf, type ClusterView } from '../../lib/cluster-view';
import type { Pod } from '../../../sim/model/types';
import { podIP } from '../../../sim/model/pod';
import type { HistoryTracker } from './history';
import { isVisibleNamespace, type NamespaceFilter } from './visibility';
import { ownerOf } from './owners';
import { serviceFacts } from './service-facts';

export interface AddressBookLine {
  /** `Deployment/<ns>/<name>`. */
  readonly workloadKey: string;
  readonly workload: string;
  readonly namespace: string;
  readonly podIps: number;
  readonly podNames: number;
  /** `<ns>/<name>` of the Service selecting the Deployment's pods, if any. */
  readonly serviceRef: string | undefined;
  readonly service: string | undefined;
  /** Distinct ClusterIPs the Service has had. */
  readonly serviceAddresses: number;
  /** Distinct external (load balancer) addresses it has had. */
  readonly externalAddresses: number;
  /** The line as the widget prints it. */
  readonly text: string;
}

/** Services (non-empty selector) whose selector matches the Deployment's pod template labels. Pure. */
export function servicesSelecting(deployment: Stored<Deployment>, services: readonly Stored<Service>[]): Stored<Service>[] {
  const labels = deployment.spec?.template?.metadata?.labels;
  return services.filter((svc) => {
    const selector = svc.spec?.selector;
    return svc.metadata.namespace === deployment.metadata.namespace && selector !== undefined && Object.keys(selector).length > 0
      && matchesRequirements(requirementsOfMap(selector), labels);
  });
}

/**
 * One line per visible Deployment (and Service selecting it), in namespace and name order, counting what was seen up
 * to `upToMs` (all of it when undefined). Pure over the tracker's state.
 */
export function addressBook(view: ClusterView, history: HistoryTracker, filter: NamespaceFilter, upToMs?: SimTime): AddressBookLine[] {
  const seen = (firstSeenMs: SimTime): boolean => upToMs === undefined || firstSeenMs <= upToMs;
  // A past moment also counts what it shows itself (the session may have begun after it, with a restore).
  const shownIps = upToMs === undefined ? undefined : podIpsByWorkload(view);
  const services = listOf<Service>(objectsOf(view, 'Service'));
  const lines: AddressBookLine[] = [];
  for (const deployment of listOf<Deployment>(objectsOf(view, 'Deployment'))) {
    const namespace = deployment.metadata.namespace ?? 'default';
    if (!isVisibleNamespace(namespace, filter)) continue;
    const workloadKey = `Deployment/${namespace}/${deployment.metadata.name}`;
    const w = history.workload(workloadKey);
    const podIps = shownIps === undefined ? w?.ips.size ?? 0
      : new Set([...[...w?.ips ?? []].filter(([, at]) => seen(at)).map(([ip]) => ip), ...shownIps.get(workloadKey) ?? []]).size;
    const podNames = w?.podCount ?? 0;
    const selecting = servicesSelecting(deployment, services);
    const base = { workloadKey, workload: deployment.metadata.name, namespace, podIps, podNames };
    if (selecting.length === 0) {
      lines.push({ ...base, serviceRef: undefined, service: undefined, serviceAddresses: 0, externalAddresses: 0,
        text: `${deployment.metadata.name}: pod IPs seen ${podIps} · no Service` });
      continue;
    }
    for (const svc of selecting) {
      const serviceRef = `${namespace}/${svc.metadata.name}`;
      const addresses = (history.service(serviceRef)?.addresses ?? []).filter((a) => seen(a.firstSeenMs));
      const facts = serviceFacts(svc);
      const count = (kind: 'ClusterIP' | 'external', shown: readonly string[]): number =>
        new Set([...addresses.filter((a) => a.kind === kind).map((a) => a.address), ...(upToMs === undefined ? [] : shown)]).size;
      const serviceAddresses = count('ClusterIP', facts.clusterIP && facts.clusterIP !== 'None' ? [facts.clusterIP] : []);
      const externalAddresses = count('external', facts.ingress);
      const external = externalAddresses > 0 ? ` · external IPs ${externalAddresses}` : '';
      lines.push({
        ...base, serviceRef, service: svc.metadata.name, serviceAddresses, externalAddresses,
        text: `${deployment.metadata.name}: pod IPs seen ${podIps} · service addresses ${serviceAddresses}${external}`,
      });
    }
  }
  return lines;
}

/** The IPs of the pods `view` shows, by the workload that owns them (`Deployment/<ns>/<name>`). Pure. */
function podIpsByWorkload(view: ClusterView): Map<string, string[]> {
  const replicaSets = objectsOf(view, 'ReplicaSet');
  const out = new Map<string, string[]>();
  for (const pod of listOf<Pod>(objectsOf(view, 'Pod'))) {
    const ip = podIP(pod);
    const group = ip ? ownerOf(pod, replicaSets).groupKey : undefined;
    if (!ip || !group) continue;
    out.set(group, [...out.get(group) ?? [], ip]);
  }
  return out;
}
