// The PersistentVolume controller's rules as pure functions (pkg/controller/volume/persistentvolume: pv_controller.go
// syncUnboundClaim/syncVolume, util/util.go FindMatchingVolume): which volume a claim binds to, whether it waits for
// its first consumer or for a provisioner, and the phase a volume is in.
import type { DeepReadonly, K8sObject, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../model/types';
import { matchesRequirements, requirementsOf } from '../model/labels';
import { memoryBytes } from '../model/quantity';
import type { ObjectStore } from '../core/store';

export type PVC = K8sObject & DeepReadonly<PersistentVolumeClaim>;
export type PV = K8sObject & DeepReadonly<PersistentVolume>;
export type SC = K8sObject & DeepReadonly<StorageClass>;

/** Annotations the binder and the provisioners put on claims and volumes (pv_controller.go, storage helpers). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** Set by the scheduler on a WaitForFirstConsumer claim: the node the provisioner must make the volume for. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** The finalizer the external-provisioner keeps on the volumes it made until it has deleted them. */
export const PROVISIONER_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';
/** Store index: pods by `<namespace>/<claim name>` of every PersistentVolumeClaim volume they mount. */
export const PODS_BY_CLAIM_INDEX = 'pods-by-claim';

/** The claim names a pod's volumes refer to, in volume order. Pure. */
export function claimNamesOf(pod: DeepReadonly<Pod>): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
  return out;
}

/** Registers PODS_BY_CLAIM_INDEX on the store (before pods are stored, or it indexes the existing ones). */
export function registerPodsByClaimIndex(store: ObjectStore): void {
  store.addIndex(PODS_BY_CLAIM_INDEX, 'Pod', (o) => claimNamesOf(o as DeepReadonly<Pod>).map((c) => `${o.metadata.namespace}/${c}`));
}

/** Pods that mount the claim `namespace/name`, by name (through PODS_BY_CLAIM_INDEX). */
export function podsUsingClaim<T extends K8sObject = K8sObject>(store: ObjectStore, namespace: string | undefined, name: string): T[] {
  return store.byIndex<T>(PODS_BY_CLAIM_INDEX, `${namespace ?? ''}/${name}`);
}

/** The claim's requested storage in bytes. Pure. */
export function requestBytes(claim: DeepReadonly<PersistentVolumeClaim>): number {
  return memoryBytes(claim.spec?.resources?.requests?.storage as string | undefined);
}

/** The volume's capacity in bytes. Pure. */
export function capacityBytes(pv: DeepReadonly<PersistentVolume>): number {
  return memoryBytes(pv.spec?.capacity?.storage as string | undefined);
}

/** IsVolumeBoundToClaim: the volume's claimRef names this claim (and its uid, when the ref has one). Pure. */
export function isVolumeBoundToClaim(pv: DeepReadonly<PersistentVolume>, claim: PVC): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata.name || (ref.namespace ?? '') !== (claim.metadata.namespace ?? '')) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/**
 * FindMatchingVolume for the controller (no node): a volume pre-bound to the claim, else — unless binding waits
 * for the first consumer — the smallest Available volume of the claim's class with enough capacity, every
 * requested access mode, the same volumeMode and labels the claim's selector accepts. Volumes in name order. Pure.
 */
export function findMatchingVolume(claim: PVC, volumes: readonly PV[], delayBinding: boolean): PV | undefined {
  const wanted = requestBytes(claim);
  const className = claim.spec?.storageClassName ?? '';
  const modes = claim.spec?.accessModes ?? [];
  const selector = claim.spec?.selector ? requirementsOf(claim.spec.selector as never) : undefined;
  let smallest: PV | undefined;
  for (const pv of volumes) {
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    const size = capacityBytes(pv);
    if (size < wanted) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) continue;
    if (pv.metadata.deletionTimestamp) continue;
    if (isVolumeBoundToClaim(pv, claim)) return pv;
    if (delayBinding) continue;
    if (pv.status?.phase !== 'Available') continue;
    if (selector && !matchesRequirements(selector, pv.metadata.labels)) continue;
    if ((pv.spec?.storageClassName ?? '') !== className) continue;
    if (!modes.every((m) => (pv.spec?.accessModes ?? []).includes(m))) continue;
    if (!smallest || capacityBytes(smallest) > size) smallest = pv;
  }
  return smallest;
}

/** What syncUnboundClaim does with a claim that has no volume yet. */
export type UnboundClaimStep =
  | { readonly type: 'bind'; readonly volume: PV }
  | { readonly type: 'wait-for-first-consumer' }
  | { readonly type: 'provision'; readonly provisioner: string }
  | { readonly type: 'class-not-found'; readonly className: string }
  | { readonly type: 'no-class' };

/** syncUnboundClaim's decision for a claim, its class (looked up by name) and the existing volumes. Pure. */
export function unboundClaimStep(claim: PVC, cls: SC | undefined, volumes: readonly PV[]): UnboundClaimStep {
  const className = claim.spec?.storageClassName ?? '';
  const delayBinding = cls?.volumeBindingMode === 'WaitForFirstConsumer';
  const match = findMatchingVolume(claim, volumes, delayBinding);
  if (match) return { type: 'bind', volume: match };
  if (delayBinding && !claim.metadata.annotations?.[ANN_SELECTED_NODE]) return { type: 'wait-for-first-consumer' };
  if (!className) return { type: 'no-class' };
  if (!cls) return { type: 'class-not-found', className };
  return { type: 'provision', provisioner: cls.provisioner };
}

/**
 * The phase syncVolume gives a volume: Available without a claim, Bound to the claim bound to it, Released once
 * its claim is gone; undefined while its claim has yet to take it (the claim's sync finishes the binding). Pure.
 */
export function volumePhaseFor(pv: DeepReadonly<PersistentVolume>, claim: PVC | undefined): string | undefined {
  const ref = pv.spec?.claimRef;
  if (!ref) return 'Available';
  const sameClaim = !!claim && (!ref.uid || ref.uid === claim.metadata.uid);
  if (!sameClaim) {
    if (!ref.uid) return 'Available';
    return pv.status?.phase === 'Failed' ? 'Failed' : 'Released';
  }
  if (claim!.spec?.volumeName === pv.metadata?.name) return 'Bound';
  return ref.uid ? undefined : 'Available';
}
