// kube-proxy's view of one Service (pkg/proxy servicechangetracker.go, endpointslicecache.go, topology.go and
// iptables/proxier.go): per service port its VIPs, endpoints, chains and probabilities, and whether traffic is
// DNATed, REJECTed (no endpoints) or DROPped (no local endpoints). Rules are immutable and shared by all nodes.
// SIMPLIFIED: topology-aware hints and trafficDistribution are ignored; IPv4 only.
import type { DeepReadonly, Service, Stored } from '../model/types';
import type { Hop, Protocol } from './types';
import type { Slice } from './endpoint-slice-model';
import { endpointChainName, servicePortChains, servicePortNameString, type ServicePortChains } from './chain-names';
import { isServiceIPSet, servicePorts, serviceType, compareStrings } from './pod-endpoints';
import { sortInPlace } from '../core/sort';

export type ProxyMode = 'iptables' | 'ipvs';

/** One endpoint as the proxier programs it (a KUBE-SEP chain in iptables mode, a real server in IPVS). */
export interface EndpointRule {
  readonly ip: string;
  readonly port: number;
  /** `ip:port`, the string kube-proxy sorts and hashes by. */
  readonly address: string;
  readonly nodeName: string | undefined;
  readonly podUid: string | undefined;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly chain: string;
  /** The DNAT hop, shared by every request through this endpoint. */
  readonly dnat: Hop;
  /** The connected endpoint a ConnectResult reports, shared likewise. */
  readonly target: { readonly ip: string; readonly port: number; readonly podUid: string };
}

/** The rules of one service port. */
export interface ServicePortRules {
  /** `namespace/name` of the Service. */
  readonly service: string;
  /** ServicePortName.String(): `namespace/name:port-name` (no suffix for an unnamed port). */
  readonly portName: string;
  readonly protocol: Protocol;
  readonly clusterIP: string | undefined;
  readonly port: number;
  readonly nodePort: number | undefined;
  readonly externalIPs: readonly string[];
  readonly loadBalancerIPs: readonly string[];
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  /** ClientIP session affinity timeout, when affinity is on. */
  readonly affinitySeconds: number | undefined;
  readonly chains: ServicePortChains;
  /** Every endpoint the slices list for this port, sorted by `ip:port` as the EndpointSliceCache does. */
  readonly endpoints: readonly EndpointRule[];
  /** CategorizeEndpoints' cluster endpoints: ready ones, else serving-and-terminating ones. */
  readonly clusterEndpoints: readonly EndpointRule[];
  /** The VIP hop for the ClusterIP, shared by every request. */
  readonly clusterVipHop: Hop | undefined;
}

/** The rules of one Service: one entry per service port (none for headless and ExternalName Services). */
export interface ServiceRules {
  readonly key: string;
  readonly ports: readonly ServicePortRules[];
}

/** What a node does with a packet for a service port. */
export type Verdict =
  | { readonly kind: 'reject'; readonly comment: string }
  | { readonly kind: 'drop'; readonly comment: string }
  | { readonly kind: 'forward'; readonly chain: string; readonly endpoints: readonly EndpointRule[] };

/**
 * The rules kube-proxy derives for a Service from its EndpointSlices. Pure; endpoints identical to ones in
 * `previous` (the rules last published for the Service) are taken over rather than rebuilt.
 */
export function serviceRulesFor(key: string, service: DeepReadonly<Stored<Service>>, slices: readonly DeepReadonly<Slice>[],
  previous?: ServiceRules): ServiceRules {
  const type = serviceType(service);
  if (type === 'ExternalName' || !isServiceIPSet(service)) return { key, ports: [] };
  const ns = service.metadata.namespace ?? '';
  const name = service.metadata.name;
  const spec = service.spec!;
  const lbIPs = type === 'LoadBalancer'
    ? (service.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip) : [];
  const affinity = spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : undefined;
  const ports = servicePorts(service).map((sp): ServicePortRules => {
    const portName = servicePortNameString(ns, name, sp.name);
    const protocol = sp.protocol as Protocol;
    const before = previous?.ports.find((p) => p.portName === portName && p.protocol === protocol)?.endpoints;
    const endpoints = endpointsForPort(slices, sp.name, protocol, portName, before);
    const ready = endpoints.filter((e) => e.ready);
    return {
      service: `${ns}/${name}`, portName, protocol, clusterIP: spec.clusterIP, port: sp.port,
      nodePort: type === 'NodePort' || type === 'LoadBalancer' ? sp.nodePort : undefined,
      externalIPs: [...(spec.externalIPs ?? [])], loadBalancerIPs: lbIPs,
      externalPolicyLocal: (type === 'NodePort' || type === 'LoadBalancer') && spec.externalTrafficPolicy === 'Local',
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
      affinitySeconds: affinity, chains: servicePortChains(portName, protocol), endpoints,
      clusterEndpoints: ready.length > 0 ? ready : endpoints.filter((e) => e.serving && e.terminating),
      clusterVipHop: spec.clusterIP ? { step: 'vip', ip: spec.clusterIP, port: sp.port, service: `${ns}/${name}` } : undefined,
    };
  });
  return { key, ports };
}

function endpointsForPort(slices: readonly DeepReadonly<Slice>[], portName: string, protocol: Protocol, svcPortName: string,
  before: readonly EndpointRule[] | undefined): EndpointRule[] {
  const byAddress = new Map<string, EndpointRule>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
    if (!port || port.port === undefined) continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = ep.addresses[0];
      if (!ip) continue;
      const ready = ep.conditions?.ready ?? true;
      const address = `${ip}:${port.port}`;
      const podUid = ep.targetRef?.kind === 'Pod' ? ep.targetRef.uid : undefined;
      const serving = ep.conditions?.serving ?? ready, terminating = ep.conditions?.terminating ?? false;
      const same = before && ruleAt(before, address);
      if (same && same.nodeName === ep.nodeName && same.podUid === podUid && same.ready === ready && same.serving === serving
        && same.terminating === terminating) {
        byAddress.set(address, same);
        continue;
      }
      byAddress.set(address, {
        ip, port: port.port, address, nodeName: ep.nodeName, podUid, ready, serving, terminating,
        chain: endpointChainName(svcPortName, protocol, address),
        dnat: { step: 'dnat', ip, port: port.port },
        target: { ip, port: port.port, podUid: podUid ?? '' },
      });
    }
  }
  return sortInPlace([...byAddress.values()], (a, b) => compareStrings(a.address, b.address));
}

/** The rule for `address` in rules sorted by address (as endpointsForPort returns them), by binary search. */
function ruleAt(sorted: readonly EndpointRule[], address: string): EndpointRule | undefined {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compareStrings(sorted[mid].address, address);
    if (c === 0) return sorted[mid];
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return undefined;
}

const localCache = new WeakMap<ServicePortRules, Map<string, readonly EndpointRule[]>>();

/** CategorizeEndpoints' local endpoints on `node`: ready ones there, else serving-and-terminating ones. Pure. */
export function localEndpoints(rules: ServicePortRules, node: string): readonly EndpointRule[] {
  let perNode = localCache.get(rules);
  if (!perNode) { perNode = new Map(); localCache.set(rules, perNode); }
  let hit = perNode.get(node);
  if (!hit) {
    const here = rules.endpoints.filter((e) => e.nodeName === node);
    const ready = here.filter((e) => e.ready);
    hit = ready.length > 0 ? ready : here.filter((e) => e.serving && e.terminating);
    perNode.set(node, hit);
  }
  return hit;
}

/**
 * What `node` does with a new connection to this service port: `internal` is ClusterIP traffic, `external`
 * NodePort, load-balancer and external-IP traffic; `shortCircuit` marks external traffic that starts on this
 * node (a local pod or the node itself), which Local policy still sends to cluster-wide endpoints. Pure.
 */
export function verdictFor(rules: ServicePortRules, node: string, traffic: 'internal' | 'external', shortCircuit: boolean): Verdict {
  if (rules.clusterEndpoints.length === 0) return { kind: 'reject', comment: `${rules.portName} has no endpoints` };
  const local = traffic === 'internal' ? rules.internalPolicyLocal : rules.externalPolicyLocal && !shortCircuit;
  if (!local) return { kind: 'forward', chain: rules.chains.cluster, endpoints: rules.clusterEndpoints };
  const here = localEndpoints(rules, node);
  if (here.length === 0) return { kind: 'drop', comment: `${rules.portName} has no local endpoints` };
  return { kind: 'forward', chain: rules.chains.local, endpoints: here };
}

const probabilityCache: { texts: string[]; values: number[] } = { texts: ['<bad value>'], values: [1] };

/** `%0.10f` of 1/n, the --probability kube-proxy writes for a rule with n endpoints left. Pure. */
export function probabilityText(n: number): string {
  while (probabilityCache.texts.length <= n) {
    const text = (1 / probabilityCache.texts.length).toFixed(10);
    probabilityCache.texts.push(text);
    probabilityCache.values.push(Number(text));
  }
  return probabilityCache.texts[n];
}

/** The probability rule `i` of `n` matches with (1 for the last, unconditional rule). Pure. */
export function ruleProbability(i: number, n: number): number {
  if (i >= n - 1) return 1;
  probabilityText(n - i);
  return probabilityCache.values[n - i];
}

/**
 * iptables mode: walks the statistic rules in order, each matching with probability 1/(n−i), drawing one
 * uniform number per rule as the kernel does; returns the index of the endpoint chosen.
 */
export function pickIptables(n: number, random: () => number): number {
  for (let i = 0; i < n - 1; i++) if (random() < ruleProbability(i, n)) return i;
  return n - 1;
}
