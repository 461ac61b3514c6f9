// The cluster objects the traffic views work with, read from the page's copy of the cluster: user Services and
// Deployments, the pods a Service selects, and a pod's Deployment through its ReplicaSet (the owner chain the
// Deployment controller builds).
import type { ClusterView } from '../../lib/cluster-view';
import { listOf, objectsOf } from '../../lib/cluster-view';
import type { Deployment, Node, Pod, ReplicaSet, Service, Stored } from '../../../sim/model/types';
import { formatSelector, matchesRequirements, requirementsOfMap } from '../../../sim/model/labels';
import { controllerOf, isPodReady, isTerminating } from '../../../sim/model/pod';
import { objectKey } from '../../../sim/model/keys';

/** Namespaces the cluster itself runs in; the traffic views leave them out. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Whether a namespace holds the student's own workloads. Pure. */
export function isUserNamespace(namespace: string | undefined): boolean {
  return !SYSTEM_NAMESPACES.has(namespace ?? 'default');
}

/** `namespace/name`, the key the traffic views use for namespaced objects. Pure. */
export function nsName(obj: { readonly metadata: { readonly namespace?: string; readonly name: string } }): string {
  return `${obj.metadata.namespace ?? 'default'}/${obj.metadata.name}`;
}

/** Services in the student's namespaces, without the apiserver's own `default/kubernetes`. Pure. */
export function userServices(view: ClusterView): Stored<Service>[] {
  return listOf<Service>(objectsOf(view, 'Service')).filter((s) =>
    isUserNamespace(s.metadata.namespace) && !(s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes'));
}

/** Deployments in the student's namespaces, sorted by namespace then name. Pure. */
export function userDeployments(view: ClusterView): Stored<Deployment>[] {
  return listOf<Deployment>(objectsOf(view, 'Deployment')).filter((d) => isUserNamespace(d.metadata.namespace));
}

/** Up to `limit` live pods (not being deleted) in the student's namespaces, by namespace then name: O(pods log pods). Pure. */
export function userPods(view: ClusterView, limit = Number.POSITIVE_INFINITY): Stored<Pod>[] {
  const out: Stored<Pod>[] = [];
  for (const obj of objectsOf(view, 'Pod').values()) {
    if (isUserNamespace(obj.metadata.namespace) && !obj.metadata.deletionTimestamp) out.push(obj as unknown as Stored<Pod>);
  }
  out.sort(byNamespaceThenName);
  return out.length > limit ? out.slice(0, limit) : out;
}

function byNamespaceThenName(a: Stored<Pod>, b: Stored<Pod>): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Nodes sorted by name. Pure. */
export function nodeList(view: ClusterView): Stored<Node>[] {
  return listOf<Node>(objectsOf(view, 'Node'));
}

/** The pods a Service's selector picks (none without a selector), in no particular order: O(pods). Pure. */
export function podsOfServiceUnsorted(view: ClusterView, svc: Service & { metadata?: { namespace?: string } }): Stored<Pod>[] {
  const selector = svc.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const reqs = requirementsOfMap(selector);
  const ns = svc.metadata?.namespace ?? 'default';
  const out: Stored<Pod>[] = [];
  for (const obj of objectsOf(view, 'Pod').values()) {
    if (obj.metadata.namespace === ns && matchesRequirements(reqs, obj.metadata.labels)) out.push(obj as unknown as Stored<Pod>);
  }
  return out;
}

/** The pods a Service's selector picks, sorted by name. Pure. */
export function podsOfService(view: ClusterView, svc: Service & { metadata?: { namespace?: string } }): Stored<Pod>[] {
  return podsOfServiceUnsorted(view, svc).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/** A pod that answers traffic: Ready and not being deleted. Pure. */
export function isServing(pod: Stored<Pod>): boolean {
  return isPodReady(pod) && !isTerminating(pod) && !!pod.status?.podIP;
}

/** The Deployment that owns a pod through its ReplicaSet, if any. Pure. */
export function deploymentOfPod(view: ClusterView, pod: Stored<Pod>): Stored<Deployment> | undefined {
  const rsRef = controllerOf(pod);
  if (rsRef?.kind !== 'ReplicaSet') return undefined;
  const rs = objectsOf(view, 'ReplicaSet').get(objectKey('ReplicaSet', pod.metadata.namespace, rsRef.name)) as Stored<ReplicaSet> | undefined;
  const dRef = rs ? controllerOf(rs) : undefined;
  if (dRef?.kind !== 'Deployment') return undefined;
  return objectsOf(view, 'Deployment').get(objectKey('Deployment', pod.metadata.namespace, dRef.name)) as Stored<Deployment> | undefined;
}

/** Deployments whose pod template the Service selects (the app behind it). Pure. */
export function deploymentsBehind(view: ClusterView, svc: Stored<Service>): Stored<Deployment>[] {
  const selector = svc.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const reqs = requirementsOfMap(selector);
  return userDeployments(view).filter((d) =>
    d.metadata.namespace === (svc.metadata.namespace ?? 'default') && matchesRequirements(reqs, d.spec?.template?.metadata?.labels));
}

/** The label selector string of a Deployment's pods (`app=web`), as a traffic flow's origin takes it. Pure. */
export function deploymentSelector(d: Stored<Deployment>): string {
  return formatSelector(d.spec?.selector);
}

/** The name a pod in `fromNamespace` uses for a Service: its short name in the same namespace, `name.ns` across. Pure. */
export function serviceHostFrom(svc: Stored<Service>, fromNamespace: string): string {
  const ns = svc.metadata.namespace ?? 'default';
  return ns === fromNamespace ? svc.metadata.name : `${svc.metadata.name}.${ns}`;
}

/** The node's InternalIP, if reported. Pure. */
export function nodeInternalIP(node: Stored<Node>): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}
