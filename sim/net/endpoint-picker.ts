// How a node's kube-proxy picks the endpoint of a new connection: ClientIP session affinity first (the `recent`
// match in iptables, persistence in IPVS), then the iptables statistic rules or IPVS round robin.
import type { SimTime } from '../model/types';
import { pickIptables, ruleProbability, type EndpointRule, type ProxyMode, type ServicePortRules } from './proxy-rules';

/** A node's load-balancing memory. */
export interface PickerState {
  /** IPVS round-robin position per service port. */
  readonly roundRobin: Map<string, number>;
  /** ClientIP affinity per service port: client IP → endpoint address and when it was last used. */
  readonly affinity: Map<string, Map<string, { address: string; at: SimTime }>>;
}

export interface Pick {
  readonly endpoint: EndpointRule;
  /** The probability of the rule that matched (1 for the last rule, affinity and IPVS). */
  readonly probability: number;
  readonly mode: 'iptables' | 'ipvs' | 'affinity';
}

/** Chooses among `endpoints` for a connection from `clientIP` at `now`, updating the node's state. */
export function pickEndpoint(state: PickerState, mode: ProxyMode, rules: ServicePortRules, endpoints: readonly EndpointRule[],
  clientIP: string, now: SimTime, random: () => number): Pick {
  const portKey = `${rules.portName}/${rules.protocol}`;
  let sticky: Map<string, { address: string; at: SimTime }> | undefined;
  if (rules.affinitySeconds !== undefined) {
    sticky = state.affinity.get(portKey);
    if (!sticky) { sticky = new Map(); state.affinity.set(portKey, sticky); }
    const entry = sticky.get(clientIP);
    if (entry && now - entry.at <= rules.affinitySeconds * 1000) {
      const hit = endpoints.find((e) => e.address === entry.address);
      if (hit) { entry.at = now; return { endpoint: hit, probability: 1, mode: 'affinity' }; }
    }
  }
  const n = endpoints.length;
  let index: number;
  let probability = 1;
  if (mode === 'ipvs') {
    const at = state.roundRobin.get(portKey) ?? 0;
    index = at % n;
    state.roundRobin.set(portKey, at + 1);
  } else {
    index = pickIptables(n, random);
    probability = ruleProbability(index, n);
  }
  const endpoint = endpoints[index];
  sticky?.set(clientIP, { address: endpoint.address, at: now });
  return { endpoint, probability, mode };
}
