// Pod helpers shared by the engine and the UI (podutil in Kubernetes): readiness, conditions, owners.
import type { DeepReadonly, Pod, PodCondition, OwnerReference } from './types';

type P = DeepReadonly<Pod>;

/** The pod's condition of the given type, if any. Pure. */
export function podCondition(pod: P, type: string): DeepReadonly<PodCondition> | undefined {
  const conditions = pod.status?.conditions;
  if (!conditions) return undefined;
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === type) return conditions[i];
  return undefined;
}

/** Ready condition is True (podutil.IsPodReady). Pure. */
export function isPodReady(pod: P): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** Phase Succeeded or Failed. Pure. */
export function isPodTerminal(pod: P): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Has a deletionTimestamp (graceful deletion in progress). Pure. */
export function isTerminating(obj: { readonly metadata?: { readonly deletionTimestamp?: string } }): boolean {
  return obj.metadata?.deletionTimestamp !== undefined;
}

/** Not terminal and not being deleted: what ReplicaSets count (controller.FilterActivePods). Pure. */
export function isPodActive(pod: P): boolean {
  return !isPodTerminal(pod) && !isTerminating(pod);
}

/** The controlling owner reference, if any (metav1.GetControllerOf). Pure. */
export function controllerOf(obj: { readonly metadata?: { readonly ownerReferences?: readonly DeepReadonly<OwnerReference>[] } }):
  DeepReadonly<OwnerReference> | undefined {
  const refs = obj.metadata?.ownerReferences;
  if (!refs) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i].controller === true) return refs[i];
  return undefined;
}

/** The first pod IP, if assigned. Pure. */
export function podIP(pod: P): string | undefined {
  return pod.status?.podIP ?? undefined;
}
