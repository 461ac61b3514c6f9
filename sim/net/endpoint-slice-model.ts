// The shapes the EndpointSlice controller builds (staging/src/k8s.io/endpointslice/utils.go): one endpoint per
// pod with ready/serving/terminating conditions, the resolved ports, and a new slice's metadata.
import type { DeepReadonly, EndpointSlice, K8sObject, Node, Pod, Service, Stored } from '../model/types';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { isPodReady } from '../model/pod';
import { storedPodSummary } from '../model/pod-summary';
import { compareStrings, findPort, isServiceIPSet, podIPv4, servicePorts, shouldSetHostname } from './pod-endpoints';

type Svc = DeepReadonly<Stored<Service>>;

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const SLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** v1.IsHeadlessService: set on the Endpoints and EndpointSlices of a headless Service. */
export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** An EndpointSlice as stored (endpoints and ports are null on the placeholder slice, as the API returns them). */
export type Slice = K8sObject & Omit<EndpointSlice, 'endpoints' | 'ports'> & {
  endpoints: Endpoint[] | null;
  ports?: EndpointPort[] | null;
};

/**
 * podToEndpoint: serving follows readiness, terminating follows the deletionTimestamp, and ready is
 * serving and not terminating (or always true with publishNotReadyAddresses). Pure.
 */
export function podToEndpoint(pod: DeepReadonly<Stored<Pod>>, node: DeepReadonly<Stored<Node>> | undefined, service: Svc): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ip = podIPv4(pod);
  const zone = node?.metadata?.labels?.[ZONE_LABEL];
  return {
    addresses: ip ? [ip] : [],
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, service) ? { hostname: pod.spec!.hostname } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    ...(zone ? { zone } : {}),
  };
}

/** An endpoint built for one stored pod version, with the node zone and Service setting it was built for. */
interface BuiltEndpoint {
  readonly ep: Endpoint;
  readonly zone: string | undefined;
  readonly publishNotReady: boolean;
}

/** The identities of the endpoints built here, which stay the same objects once stored in a slice. */
const identities = new WeakMap<object, string>();

/**
 * podToEndpoint for a stored pod, reusing the endpoint built for the same pod version when the node's zone and
 * the Service's publishNotReadyAddresses are unchanged, so an unchanged pod keeps an identical endpoint object.
 */
export function storedPodEndpoint(pod: DeepReadonly<Stored<Pod>>, node: DeepReadonly<Stored<Node>> | undefined, service: Svc): Endpoint {
  const zone = node?.metadata?.labels?.[ZONE_LABEL];
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const summary = storedPodSummary(pod);
  const built = summary.sliceEndpoint as BuiltEndpoint | undefined;
  if (built && built.zone === zone && built.publishNotReady === publishNotReady) return built.ep;
  const ep = podToEndpoint(pod, node, service);
  identities.set(ep, endpointIdentity(ep));
  // Kept with the pod version's summary; pods without a hostname give every Service the same endpoint.
  if (!pod.spec?.hostname) summary.sliceEndpoint = { ep, zone, publishNotReady };
  return ep;
}

/** endpointIdentity, remembered for the endpoints `storedPodEndpoint` built. Pure. */
export function storedEndpointIdentity(ep: DeepReadonly<Endpoint>): string {
  return identities.get(ep) ?? endpointIdentity(ep);
}

/** getEndpointPorts: the service's ports resolved against one pod (named targetPorts it lacks are left out). Pure. */
export function endpointPortsFor(service: Svc, pod: DeepReadonly<Stored<Pod>>): EndpointPort[] {
  const ports = servicePorts(service);
  if (ports.length === 0 && service.spec?.clusterIP === 'None') return [];
  const out: EndpointPort[] = [];
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name, port, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/**
 * endpointPortsFor when no targetPort is named: the same ports for every pod, resolved once; undefined when
 * some targetPort is a name, which each pod resolves for itself. Pure.
 */
export function podIndependentEndpointPorts(service: Svc): EndpointPort[] | undefined {
  const ports = servicePorts(service);
  const out: EndpointPort[] = [];
  for (const sp of ports) {
    const target = sp.targetPort;
    const port = typeof target === 'number' ? target : /^\d+$/.test(target) ? Number(target) : undefined;
    if (port === undefined) return undefined;
    out.push({ name: sp.name, port, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/**
 * NewPortMapKey: identifies a group of endpoints sharing the same resolved ports.
 * SIMPLIFIED: a sorted text key rather than an FNV hash of the Go dump; the grouping is the same. Pure.
 */
export function portMapKey(ports: readonly EndpointPort[] | null | undefined): string {
  return (ports ?? []).map((p) => `${p.name ?? ''}/${p.port ?? ''}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`).sort().join(',');
}

/** The identity an endpoint keeps across updates (hashEndpoint: addresses, hostname, target pod). Pure. */
export function endpointIdentity(ep: DeepReadonly<Endpoint>): string {
  return `${ep.addresses.join(',')}|${ep.hostname ?? ''}|${ep.targetRef?.namespace ?? ''}/${ep.targetRef?.name ?? ''}`;
}

/** EndpointsEqualBeyondHash: node, zone, conditions and target are unchanged. Pure. */
export function sameEndpoint(a: DeepReadonly<Endpoint>, b: DeepReadonly<Endpoint>): boolean {
  return a.nodeName === b.nodeName && a.zone === b.zone
    && a.conditions?.ready === b.conditions?.ready && a.conditions?.serving === b.conditions?.serving
    && a.conditions?.terminating === b.conditions?.terminating
    && a.targetRef?.uid === b.targetRef?.uid && a.targetRef?.name === b.targetRef?.name;
}

/** setEndpointSliceLabels: the Service's labels plus the reserved ones the controller owns. Pure. */
export function sliceLabels(service: Svc): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) {
    if (k !== SERVICE_NAME_LABEL && k !== MANAGED_BY_LABEL && k !== HEADLESS_SERVICE_LABEL) labels[k] = v;
  }
  if (!isServiceIPSet(service)) labels[HEADLESS_SERVICE_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = service.metadata.name;
  labels[MANAGED_BY_LABEL] = SLICE_CONTROLLER_NAME;
  return labels;
}

/** newEndpointSlice: a slice to create with generateName `<service>-`, owned by the Service. Pure. */
export function newSlice(service: Svc, ports: EndpointPort[] | null, endpoints: Endpoint[] | null): Slice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: {
      name: '', generateName: `${service.metadata.name}-`, namespace: service.metadata.namespace,
      labels: sliceLabels(service),
      ownerReferences: [{
        apiVersion: 'v1', kind: 'Service', name: service.metadata.name, uid: service.metadata.uid ?? '',
        controller: true, blockOwnerDeletion: true,
      }],
    },
    addressType: 'IPv4',
    endpoints,
    ports,
  };
}

/** Whether a slice is owned by this Service (same uid, kind Service, apiVersion v1). Pure. */
export function ownedBy(slice: DeepReadonly<Slice>, service: Svc): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o) => o.uid === service.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** Endpoints in the order new ones are placed: by address, byte-wise. Pure. */
export function byAddress(a: DeepReadonly<Endpoint>, b: DeepReadonly<Endpoint>): number {
  return compareStrings(a.addresses[0] ?? '', b.addresses[0] ?? '') || compareStrings(a.targetRef?.name ?? '', b.targetRef?.name ?? '');
}
