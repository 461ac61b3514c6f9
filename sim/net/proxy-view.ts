// What one node's kube-proxy has programmed, as plain data for the UI and for `iptables-save` on a node:
// per service port its addresses, what ClusterIP traffic gets (DNAT, REJECT, DROP) and its endpoint rules.
import type { SimTime } from '../model/types';
import type { Runtime } from '../core/runtime';
import type { Protocol } from './types';
import { dataPlaneOf } from './network';
import { localEndpoints, probabilityText, verdictFor, type ProxyMode, type ServicePortRules } from './proxy-rules';

export interface EndpointView {
  readonly address: string;
  readonly chain: string;
  /** The `--probability` of its rule in the service chain ('' for the last, unconditional one). */
  readonly probability: string;
  readonly nodeName: string | undefined;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /** Runs on this node. */
  readonly local: boolean;
  /** Is one of the endpoints the service chain balances over (ready, or the terminating fallback). */
  readonly inChain: boolean;
}

export interface ServicePortView {
  readonly service: string;
  readonly portName: string;
  readonly protocol: Protocol;
  readonly clusterIP: string | undefined;
  readonly port: number;
  readonly nodePort: number | undefined;
  readonly loadBalancerIPs: readonly string[];
  readonly externalIPs: readonly string[];
  readonly chains: { readonly cluster: string; readonly local: string; readonly external: string };
  /** What this node does with ClusterIP traffic. */
  readonly clusterIPTarget: 'DNAT' | 'REJECT' | 'DROP';
  readonly externalTarget: 'DNAT' | 'REJECT' | 'DROP';
  readonly comment: string | undefined;
  readonly affinitySeconds: number | undefined;
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  /** The endpoints the service chain balances over (the local chain's when ClusterIP traffic is Local). */
  readonly endpoints: readonly EndpointView[];
}

export interface ProxyTableView {
  readonly node: string;
  readonly mode: ProxyMode;
  /** When the node last programmed its rules, if ever. */
  readonly syncedAt: SimTime | undefined;
  /** When it will next program them, if a change is waiting. */
  readonly pendingSyncAt: SimTime | undefined;
  /** Whether it has programmed the latest rules. */
  readonly upToDate: boolean;
  readonly services: readonly ServicePortView[];
}

/** The rules `nodeName` has programmed right now, or undefined when no data plane is installed. */
export function proxyRulesOf(runtime: Runtime, nodeName: string): ProxyTableView | undefined {
  const plane = dataPlaneOf(runtime);
  if (!plane) return undefined;
  const { proxier } = plane;
  const node = proxier.node(nodeName);
  const services: ServicePortView[] = [];
  for (const rules of proxier.programmedOn(nodeName)) for (const port of rules.ports) services.push(portView(port, nodeName));
  return {
    node: nodeName, mode: proxier.mode, syncedAt: node.syncedAt, pendingSyncAt: node.pending?.at,
    upToDate: node.programmedSeq >= proxier.latestSeq, services,
  };
}

function portView(p: ServicePortRules, node: string): ServicePortView {
  const internal = verdictFor(p, node, 'internal', false);
  const external = verdictFor(p, node, 'external', false);
  const balanced = internal.kind === 'forward' ? internal.endpoints : p.internalPolicyLocal ? localEndpoints(p, node) : p.clusterEndpoints;
  const n = balanced.length;
  const inChain = new Set(balanced);
  const endpoints = [...balanced, ...p.endpoints.filter((e) => !inChain.has(e))].map((e, i): EndpointView => ({
    address: e.address, chain: e.chain, probability: i < n - 1 ? probabilityText(n - i) : '',
    nodeName: e.nodeName, ready: e.ready, serving: e.serving, terminating: e.terminating, local: e.nodeName === node, inChain: i < n,
  }));
  const target = (v: typeof internal) => (v.kind === 'forward' ? 'DNAT' : v.kind === 'reject' ? 'REJECT' : 'DROP') as ServicePortView['clusterIPTarget'];
  return {
    service: p.service, portName: p.portName, protocol: p.protocol, clusterIP: p.clusterIP, port: p.port, nodePort: p.nodePort,
    loadBalancerIPs: p.loadBalancerIPs, externalIPs: p.externalIPs, chains: p.chains,
    clusterIPTarget: target(internal), externalTarget: target(external),
    comment: internal.kind !== 'forward' ? internal.comment : external.kind !== 'forward' ? external.comment : undefined,
    affinitySeconds: p.affinitySeconds, externalPolicyLocal: p.externalPolicyLocal, internalPolicyLocal: p.internalPolicyLocal,
    endpoints,
  };
}
