// What the session has seen of a Service: every address it has had (its ClusterIP, and a LoadBalancer's external
// IP once the cloud controller assigns it), and when the external address arrived after the page saw it pending.
import type { SimTime } from '../../../sim/model/types';
import type { ServiceFacts } from './service-facts';

export interface AddressRecord {
  readonly kind: 'ClusterIP' | 'external';
  readonly address: string;
  readonly firstSeenMs: SimTime;
}

export interface ServiceHistory {
  /** `namespace/name`. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly addresses: AddressRecord[];
  /** When the page first saw it waiting for a load balancer address. */
  pendingSinceMs: SimTime | undefined;
  /** When the address arrived after the page saw it pending: the "assigned" moment. */
  assignedMs: SimTime | undefined;
}

/** An empty history for the Service `key` (`namespace/name`). Pure. */
export function newServiceHistory(key: string, facts: ServiceFacts): ServiceHistory {
  return { key, namespace: facts.namespace, name: facts.name, addresses: [], pendingSinceMs: undefined, assignedMs: undefined };
}

/** Records what a Service shows now into its history; returns whether anything new was recorded. Mutates `h`. */
export function recordService(h: ServiceHistory, facts: ServiceFacts, now: SimTime): boolean {
  let changed = h.addresses.length === 0 && h.pendingSinceMs === undefined;
  const add = (kind: AddressRecord['kind'], address: string): void => {
    if (h.addresses.some((a) => a.kind === kind && a.address === address)) return;
    h.addresses.push({ kind, address, firstSeenMs: now });
    changed = true;
  };
  if (facts.clusterIP && facts.clusterIP !== 'None') add('ClusterIP', facts.clusterIP);
  if (facts.type === 'LoadBalancer') {
    if (facts.pending && h.pendingSinceMs === undefined) {
      h.pendingSinceMs = now;
      changed = true;
    }
    for (const ip of facts.ingress) add('external', ip);
    if (!facts.pending && h.pendingSinceMs !== undefined && h.assignedMs === undefined) {
      h.assignedMs = now;
      changed = true;
    }
  }
  return changed;
}
