// How kubectl logs/exec/port-forward turn `POD`, `TYPE/NAME` or `-l` into pods (kubectl's polymorphichelpers:
// SelectorsForObject, GetFirstPod with podutils.ByLogging or the reversed ActivePods order, waiting up to
// --pod-running-timeout for a first pod to appear).
import type { DeepReadonly, K8sObject, LabelSelector, Pod, Service } from '../model/types';
import { objectKey } from '../model/keys';
import { findResource, resourceGroupName, type ResourceInfo } from '../model/resources';
import { requirementsOf, requirementsOfMap, type Requirement } from '../model/labels';
import { isPodReady, podCondition } from '../model/pod';
import { parseTimestamp } from '../model/time';
import type { ProgramContext, Wait } from '../shell/program';

export type StoredPod = DeepReadonly<Pod> & K8sObject;

/** Which pod kubectl prefers when an object selects several: logs wants the busiest, attach the most active. */
export type PodOrder = 'logging' | 'attach';

export type TargetResult =
  | { ok: true; pod: StoredPod; matched: number; object: K8sObject }
  | { ok: false; error: string };

/** Go type names kubectl prints in "selector for *v1.X not implemented". */
const GO_TYPES: Readonly<Record<string, string>> = {
  Pod: '*v1.Pod', Service: '*v1.Service', Deployment: '*v1.Deployment', ReplicaSet: '*v1.ReplicaSet', StatefulSet: '*v1.StatefulSet',
  DaemonSet: '*v1.DaemonSet', ConfigMap: '*v1.ConfigMap', Secret: '*v1.Secret', Node: '*v1.Node', Namespace: '*v1.Namespace',
  Endpoints: '*v1.Endpoints', EndpointSlice: '*v1.EndpointSlice', Event: '*v1.Event', PersistentVolumeClaim: '*v1.PersistentVolumeClaim',
  PersistentVolume: '*v1.PersistentVolume', StorageClass: '*v1.StorageClass', ServiceAccount: '*v1.ServiceAccount',
};

function readyTime(pod: StoredPod): number {
  const c = podCondition(pod, 'Ready');
  return c?.status === 'True' && c.lastTransitionTime ? parseTimestamp(c.lastTransitionTime) : 0;
}

function maxRestarts(pod: StoredPod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
}

function created(pod: StoredPod): number {
  return pod.metadata.creationTimestamp ? parseTimestamp(pod.metadata.creationTimestamp) : 0;
}

/** podutils.ByLogging's order (best pod for logs first). Pure. */
export function byLogging(a: StoredPod, b: StoredPod): number {
  const aNode = Boolean(a.spec?.nodeName), bNode = Boolean(b.spec?.nodeName);
  if (aNode !== bNode) return aNode ? -1 : 1;
  const rank = (p: StoredPod): number => ({ Running: 0, Unknown: 1, Pending: 2 } as Record<string, number>)[p.status?.phase ?? ''] ?? 3;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? -1 : 1;
  if (isPodReady(a) && readyTime(a) !== readyTime(b)) return readyTime(a) - readyTime(b);
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  return created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : 1);
}

/** sort.Reverse(podutils.ActivePods): the most active pod first, as exec and port-forward pick. Pure. */
export function byActivity(a: StoredPod, b: StoredPod): number {
  const aNode = Boolean(a.spec?.nodeName), bNode = Boolean(b.spec?.nodeName);
  if (aNode !== bNode) return aNode ? -1 : 1;
  const rank = (p: StoredPod): number => ({ Pending: 0, Unknown: 1, Running: 2 } as Record<string, number>)[p.status?.phase ?? ''] ?? -1;
  if (rank(a) !== rank(b)) return rank(b) - rank(a);
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? -1 : 1;
  if (isPodReady(a) && readyTime(a) !== readyTime(b)) return readyTime(a) - readyTime(b);
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) - maxRestarts(b);
  return created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : 1);
}

/** The pods an object selects, in kubectl's preferred order; an error text for objects without a selector. */
export function selectedPods(ctx: ProgramContext, obj: K8sObject, order: PodOrder): { ok: true; pods: StoredPod[] } | { ok: false; error: string } {
  let reqs: Requirement[];
  if (obj.kind === 'Service') {
    const selector = (obj as DeepReadonly<Service> & K8sObject).spec?.selector;
    if (!selector || Object.keys(selector).length === 0) return { ok: false, error: `invalid service '${obj.metadata.name}': Service is defined without a selector` };
    reqs = requirementsOfMap(selector);
  } else if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(obj.kind)) {
    reqs = requirementsOf((obj as { spec?: { selector?: LabelSelector } }).spec?.selector);
  } else {
    return { ok: false, error: `selector for ${GO_TYPES[obj.kind] ?? obj.kind} not implemented` };
  }
  const pods = ctx.host.store.select<StoredPod>('Pod', obj.metadata.namespace, reqs);
  return { ok: true, pods: pods.sort(order === 'logging' ? byLogging : byActivity) };
}

/** Parses `NAME` (a pod) or `TYPE/NAME`; an error text for an unknown type. Pure. */
export function parseTarget(arg: string): { ok: true; info: ResourceInfo; name: string } | { ok: false; error: string } {
  const slash = arg.indexOf('/');
  if (slash < 0) return { ok: true, info: findResource('pods')!, name: arg };
  const info = findResource(arg.slice(0, slash));
  if (!info) return { ok: false, error: `error: the server doesn't have a resource type "${arg.slice(0, slash)}"\n` };
  const name = arg.slice(slash + 1);
  if (name === '') return { ok: false, error: 'error: arguments in resource/name form must have a single resource and name\n' };
  return { ok: true, info, name };
}

/**
 * Resolves a target to one pod as kubectl does, waiting (in virtual time, up to `timeoutMs`) for a first pod
 * when the object selects none yet. `verb` words the error for objects without pods (`cannot attach to …`).
 */
export function* resolvePodTarget(ctx: ProgramContext, arg: string, namespace: string, order: PodOrder, timeoutMs: number,
  verb: 'attach to' | 'get the logs from'): Generator<Wait, TargetResult, void> {
  const parsed = parseTarget(arg);
  if (!parsed.ok) return parsed;
  const { info, name } = parsed;
  const obj = ctx.host.store.get(objectKey(info.kind, info.namespaced ? namespace : undefined, name));
  if (!obj) return { ok: false, error: `Error from server (NotFound): ${resourceGroupName(info)} "${name}" not found\n` };
  if (obj.kind === 'Pod') return { ok: true, pod: obj as StoredPod, matched: 1, object: obj };
  const deadline = ctx.host.now() + timeoutMs;
  for (;;) {
    const sel = selectedPods(ctx, obj, order);
    if (!sel.ok) return { ok: false, error: `error: cannot ${verb} ${GO_TYPES[obj.kind] ?? obj.kind}: ${sel.error}\n` };
    if (sel.pods.length > 0) return { ok: true, pod: sel.pods[0], matched: sel.pods.length, object: obj };
    if (ctx.host.now() >= deadline) return { ok: false, error: 'error: timed out waiting for the condition\n' };
    yield { kind: 'change', timeoutAt: deadline };
  }
}
