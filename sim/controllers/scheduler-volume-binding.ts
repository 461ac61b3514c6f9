// kube-scheduler's VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding) as pure functions:
// PreFilter rejects a pod whose claims are missing, lost, being deleted or unbound in an Immediate class; Filter
// checks bound volumes' node affinity; claims of WaitForFirstConsumer classes are provisioned for the chosen node.
// SIMPLIFIED: delayed claims are never matched to existing volumes, and allowedTopologies are not checked.
import type { DeepReadonly, Node, Pod } from '../model/types';
import { matchesNodeAffinity } from './scheduler-plugins';
import { ANN_BIND_COMPLETED, claimNamesOf, type PV, type PVC, type SC } from './persistent-volume-binder';

/** How long PreBind waits for the volumes of delayed claims to be provisioned and bound (bindTimeoutSeconds). */
export const BIND_TIMEOUT_MS = 600_000;

export interface VolumeLookup {
  claim(namespace: string, name: string): PVC | undefined;
  storageClass(name: string): SC | undefined;
  volume(name: string): PV | undefined;
}

export type PodVolumeClaims =
  | { readonly ok: false; readonly reason: string }
  | { readonly ok: true; readonly bound: readonly PV[]; readonly delayed: readonly PVC[]; readonly missingVolume: boolean };

/** isPVCFullyBound: the claim names its volume and the binding has completed. Pure. */
export function isClaimFullyBound(claim: PVC | undefined): boolean {
  return !!claim?.spec?.volumeName && claim.metadata.annotations?.[ANN_BIND_COMPLETED] === 'yes';
}

/**
 * podHasPVCs + GetPodVolumeClaims: the pod's bound volumes and delayed claims, or the PreFilter reason it cannot
 * be scheduled (UnschedulableAndUnresolvable, so preemption cannot help). Pure over `lookup`.
 */
export function podVolumeClaims(pod: DeepReadonly<Pod>, lookup: VolumeLookup): PodVolumeClaims {
  const namespace = pod.metadata?.namespace ?? 'default';
  const claims: PVC[] = [];
  for (const name of claimNamesOf(pod)) {
    const claim = lookup.claim(namespace, name);
    if (!claim) return { ok: false, reason: `persistentvolumeclaim "${name}" not found` };
    if (claim.status?.phase === 'Lost') {
      return { ok: false, reason: `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"` };
    }
    if (claim.metadata.deletionTimestamp) return { ok: false, reason: `persistentvolumeclaim "${name}" is being deleted` };
    claims.push(claim);
  }
  const bound: PV[] = [];
  const delayed: PVC[] = [];
  let missingVolume = false, immediate = false;
  for (const claim of claims) {
    if (isClaimFullyBound(claim)) {
      const pv = lookup.volume(claim.spec!.volumeName!);
      if (pv) bound.push(pv); else missingVolume = true;
      continue;
    }
    const cls = lookup.storageClass(claim.spec?.storageClassName ?? '');
    if (claim.spec?.storageClassName && cls?.volumeBindingMode === 'WaitForFirstConsumer') delayed.push(claim);
    else immediate = true;
  }
  if (immediate) return { ok: false, reason: 'pod has unbound immediate PersistentVolumeClaims' };
  return { ok: true, bound, delayed, missingVolume };
}

/** The VolumeBinding Filter's reason `node` cannot host the pod's volumes, or undefined. Pure. */
export function volumeBindingFilter(claims: PodVolumeClaims, node: DeepReadonly<Node>): string | undefined {
  if (!claims.ok) return undefined;
  if (claims.missingVolume) return 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
  for (const pv of claims.bound) {
    const required = pv.spec?.nodeAffinity?.required;
    if (!required) continue;
    const asPod = { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } } } } as DeepReadonly<Pod>;
    if (!matchesNodeAffinity(asPod, node)) return 'node(s) had volume node affinity conflict';
  }
  return undefined;
}

/** The FailedScheduling message when PreFilter rejected the pod on every node. Pure. */
export function preFilterFailureMessage(nodeCount: number, reason: string): string {
  return `0/${nodeCount} nodes are available: ${reason}. preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`;
}
