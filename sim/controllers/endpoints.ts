// The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go): keeps one Endpoints object per
// selector-based Service, with ready pods in `addresses` and the rest in `notReadyAddresses`.
// SIMPLIFIED: ports and subsets are ordered by name and address, not by the MD5 hash order RepackSubsets uses;
// the 1000-address truncation (endpoints.kubernetes.io/over-capacity) is not modelled.
import type { DeepReadonly, EndpointAddress, EndpointSubset, Endpoints, K8sObject, ObjectKey, Pod, Service, Stored } from '../model/types';
import { objectKey, parseKey } from '../model/keys';
import { isPodReady } from '../model/pod';
import { storedPodSummary } from '../model/pod-summary';
import type { Controller, ReconcileContext, Watch } from '../core/controller';
import { deepEqual } from '../core/equal';
import { sortInPlace } from '../core/sort';
import {
  compareStrings, findPort, hasSelector, isServiceIPSet, podIPv4, servicePorts, serviceType, shouldStoredPodBeInEndpoints,
  shouldSetHostname, type ResolvedServicePort,
} from '../net/pod-endpoints';
import { serviceSelectorRequirements, servicesForPodChange } from '../net/service-index';
import { formatTriggerTime, LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker } from '../net/trigger-time';
import { HEADLESS_SERVICE_LABEL } from '../net/endpoint-slice-model';

type Svc = DeepReadonly<Stored<Service>>;
type P = DeepReadonly<Stored<Pod>>;

interface PortKey { readonly name: string; readonly port: number; readonly protocol: string; readonly appProtocol?: string }

/**
 * The subsets of a Service's Endpoints for the pods its selector matches, repacked as RepackSubsets does:
 * addresses offering the same ports share a subset, a pod not ready for some port is not ready for it,
 * and addresses are sorted by IP (byte-wise) then pod uid. Pure.
 */
export function endpointsFor(service: Svc, pods: readonly P[]): EndpointSubset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const ports = servicePorts(service).map(portResolver);
  const headless = service.spec?.clusterIP === 'None';
  const byPort = new Map<string, PortAddresses>();
  const add = (pk: string, port: PortKey | undefined, ak: string, addr: EndpointAddress, ready: boolean): void => {
    let entry = byPort.get(pk);
    if (!entry) { entry = { port, addrs: new Map() }; byPort.set(pk, entry); }
    const prev = entry.addrs.get(ak);
    if (!prev || prev.ready) entry.addrs.set(ak, { addr, ready });
  };
  for (const pod of pods) {
    if (!shouldStoredPodBeInEndpoints(pod, publishNotReady)) continue;
    const built = podAddress(pod, service);
    if (!built) continue;
    const { addr, ak } = built;
    const ready = publishNotReady || built.ready;
    if (ports.length === 0) {
      if (headless) add('', undefined, ak, addr, ready);
      continue;
    }
    for (const resolver of ports) {
      if (resolver.fixed) { add(resolver.fixed.pk, resolver.fixed.port, ak, addr, ready); continue; }
      const port = findPort(pod, resolver.sp);
      if (port === undefined) continue;
      const key = portKeyOf(resolver.sp, port);
      add(portKeyText(key), key, ak, addr, ready);
    }
  }
  const groups = new Map<string, { ports: PortKey[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const { port, addrs } of byPort.values()) {
    const sorted = sortInPlace([...addrs.values()], (a, b) => lessAddress(a.addr, b.addr));
    // Ports share a subset when they list the same addresses alike; with a single port there is nothing to share.
    const sig = byPort.size === 1 ? '' : sorted.map((a) => `${a.addr.ip}/${a.addr.targetRef?.uid ?? ''}/${a.ready}`).join(',');
    let g = groups.get(sig);
    if (!g) {
      g = { ports: [], ready: sorted.filter((a) => a.ready).map((a) => a.addr), notReady: sorted.filter((a) => !a.ready).map((a) => a.addr) };
      groups.set(sig, g);
    }
    if (port) g.ports.push(port);
  }
  const subsets: EndpointSubset[] = [...groups.values()].map((g) => ({
    ...(g.ready.length > 0 ? { addresses: g.ready } : {}),
    ...(g.notReady.length > 0 ? { notReadyAddresses: g.notReady } : {}),
    ...(g.ports.length > 0 ? { ports: sortInPlace(g.ports, comparePorts) } : {}),
  }));
  return sortInPlace(subsets, (a, b) => compareStrings(firstIP(a), firstIP(b)) || compareStrings(portsText(a), portsText(b)));
}

/** A pod's address in its Endpoints, its key there (IP and uid), and whether the pod is ready. */
interface PodAddress {
  readonly addr: EndpointAddress;
  readonly ak: string;
  readonly ready: boolean;
}

/**
 * The pod's address for `service`, undefined without an IPv4 address. It is kept with the pod version's summary
 * when the pod has no hostname (then it is alike for every Service), so an unchanged pod keeps the same object.
 */
function podAddress(pod: P, service: Svc): PodAddress | undefined {
  const summary = storedPodSummary(pod);
  const known = summary.endpointsAddress as PodAddress | undefined;
  if (known) return known;
  const ip = podIPv4(pod);
  if (!ip) return undefined;
  const addr: EndpointAddress = {
    ip, nodeName: pod.spec?.nodeName ?? '',
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (shouldSetHostname(pod, service)) addr.hostname = pod.spec!.hostname;
  const built = { addr, ak: `${ip}\u0000${pod.metadata.uid ?? ''}`, ready: isPodReady(pod) };
  if (!pod.spec?.hostname) summary.endpointsAddress = built;
  return built;
}

interface PortAddresses {
  readonly port: PortKey | undefined;
  readonly addrs: Map<string, { addr: EndpointAddress; ready: boolean }>;
}

/** A service port, resolved once when its targetPort does not depend on the pod (a number). */
interface PortResolver {
  readonly sp: ResolvedServicePort;
  readonly fixed: { readonly port: PortKey; readonly pk: string } | undefined;
}

function portResolver(sp: ResolvedServicePort): PortResolver {
  const target = sp.targetPort;
  const fixed = typeof target === 'number' ? target : /^\d+$/.test(target) ? Number(target) : undefined;
  if (fixed === undefined) return { sp, fixed: undefined };
  const port = portKeyOf(sp, fixed);
  return { sp, fixed: { port, pk: portKeyText(port) } };
}

function portKeyOf(sp: ResolvedServicePort, port: number): PortKey {
  return { name: sp.name, port, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) };
}

function portKeyText(port: PortKey): string {
  return `${port.name}\u0000${port.port}\u0000${port.protocol}\u0000${port.appProtocol ?? ''}`;
}

/** The labels Endpoints carry: the Service's, plus service.kubernetes.io/headless for headless Services. Pure. */
export function endpointsLabels(service: Svc): Record<string, string> {
  const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
  if (isServiceIPSet(service)) delete labels[HEADLESS_SERVICE_LABEL]; else labels[HEADLESS_SERVICE_LABEL] = '';
  return labels;
}

/** Reconciles the Endpoints object named after a Service. */
export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  readonly latencyMs: number;
  readonly watches: readonly Watch[] = [
    { kind: 'Service' },
    { kind: 'Pod', keys: servicesForPodChange },
    { kind: 'Endpoints', keys: (c) => (c.type === 'DELETED' ? [objectKey('Service', c.object.metadata.namespace, c.object.metadata.name)] : []) },
  ];
  private readonly triggers = new TriggerTimeTracker();

  constructor(opts: { latencyMs?: number } = {}) {
    this.latencyMs = opts.latencyMs ?? 15;
  }

  reconcile(key: ObjectKey, ctx: ReconcileContext): void {
    const { namespace, name } = parseKey(key);
    const epKey = objectKey('Endpoints', namespace, name);
    const service = ctx.store.get(key) as Svc | undefined;
    if (!service) {
      if (ctx.store.get(epKey)) ctx.api.delete('Endpoints', namespace, name);
      this.triggers.delete(key);
      return;
    }
    if (serviceType(service) === 'ExternalName' || !hasSelector(service)) return;
    const pods = ctx.store.select<K8sObject & P>('Pod', namespace, serviceSelectorRequirements(service));
    const triggerTime = this.triggers.compute(key, service, pods);
    const subsets = endpointsFor(service, pods);
    const labels = endpointsLabels(service);
    const current = ctx.store.get(epKey) as (K8sObject & DeepReadonly<Endpoints>) | undefined;
    if (current && deepEqual(current.subsets ?? [], subsets)
      && deepEqual(current.metadata.labels ?? {}, labels)) return;
    const annotations: Record<string, string> = { ...(current?.metadata.annotations ?? {}) };
    if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(triggerTime);
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    const next = {
      apiVersion: 'v1', kind: 'Endpoints' as const,
      metadata: {
        ...withoutLabelsAndAnnotations(current?.metadata), name, namespace,
        ...(Object.keys(labels).length > 0 ? { labels } : {}), ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      ...(subsets.length > 0 ? { subsets } : {}),
    } as K8sObject;
    if (current) ctx.api.update(next, { handOver: true }); else ctx.api.create(next, { handOver: true });
  }
}

function withoutLabelsAndAnnotations(meta: DeepReadonly<K8sObject['metadata']> | undefined): Partial<K8sObject['metadata']> {
  if (!meta) return {};
  const { annotations: _annotations, labels: _labels, ...rest } = meta as K8sObject['metadata'];
  return rest;
}

function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  return compareStrings(a.ip, b.ip) || compareStrings(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');
}

function comparePorts(a: PortKey, b: PortKey): number {
  return compareStrings(a.name, b.name) || a.port - b.port || compareStrings(a.protocol, b.protocol);
}

function firstIP(s: EndpointSubset): string {
  return s.addresses?.[0]?.ip ?? s.notReadyAddresses?.[0]?.ip ?? '';
}

function portsText(s: EndpointSubset): string {
  return (s.ports ?? []).map((p) => `${p.name}:${p.port}`).join(',');
}
