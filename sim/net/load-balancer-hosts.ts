// Which nodes a cloud load balancer sends to, and which node and Service changes make the service controller
// look again (cloud-provider controllers/service getNodeConditionPredicate and shouldSyncNode).
import type { DeepReadonly, Node, ObjectKey, Service, Stored } from '../model/types';
import type { Change, ObjectStore } from '../core/store';
import { deepEqual } from '../core/equal';
import { serviceType } from './pod-endpoints';

const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';
const SERVICE_BY_TYPE = 'net/service-by-type';

/** Nodes the load balancer may send to (getNodeConditionPredicate): Ready and not excluded, by name. */
export function eligibleHosts(store: ObjectStore): string {
  const names: string[] = [];
  for (const node of store.iterate('Node')) {
    const n = node as DeepReadonly<Stored<Node>>;
    if (n.metadata.labels?.[EXCLUDE_LABEL] !== undefined) continue;
    const conditions = n.status?.conditions ?? [];
    if (conditions.length === 0 || conditions.some((c) => c.type === 'Ready' && c.status !== 'True')) continue;
    names.push(n.metadata.name);
  }
  return names.sort().join(',');
}

/** shouldSyncNode: a node added or removed, or its readiness, labels or schedulability changed. */
export function nodeChangeMatters(change: Change): boolean {
  if (change.type !== 'MODIFIED' || !change.previous) return true;
  const a = change.previous as DeepReadonly<Stored<Node>>, b = change.object as DeepReadonly<Stored<Node>>;
  const ready = (n: typeof a) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  return ready(a) !== ready(b) || a.spec?.unschedulable !== b.spec?.unschedulable
    || !deepEqual(a.metadata.labels ?? {}, b.metadata.labels ?? {});
}

const typeIndexed = new WeakSet<ObjectStore>();

/** Keys of the LoadBalancer Services, through an index on the Service type. */
export function loadBalancerServices(store: ObjectStore): ReadonlySet<ObjectKey> {
  if (!typeIndexed.has(store)) {
    typeIndexed.add(store);
    store.addIndex(SERVICE_BY_TYPE, 'Service', (o) => [serviceType(o as DeepReadonly<Stored<Service>>)]);
  }
  return store.indexKeys(SERVICE_BY_TYPE, 'LoadBalancer');
}
