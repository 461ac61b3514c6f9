// The storage admission plugins of kube-apiserver (plugin/pkg/admission/storage): DefaultStorageClass gives a claim
// without storageClassName the default class; StorageObjectInUseProtection adds the protection finalizers.
import type { DeepReadonly, K8sObject, StorageClass } from '../model/types';
import { parseTimestamp } from '../model/time';
import type { ObjectStore } from '../core/store';
import { isRecord } from './field-checks';

/** The finalizers StorageObjectInUseProtection adds to every new claim and volume. */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
const DEFAULT_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

type SC = K8sObject & DeepReadonly<StorageClass>;

/** GetDefaultClass: of the classes annotated as default, the newest, then the first by name. Pure. */
export function defaultStorageClass(classes: Iterable<SC>): SC | undefined {
  let best: SC | undefined;
  for (const sc of classes) {
    if (!DEFAULT_ANNOTATIONS.some((a) => sc.metadata.annotations?.[a] === 'true')) continue;
    if (!best) { best = sc; continue; }
    const a = parseTimestamp(sc.metadata.creationTimestamp ?? ''), b = parseTimestamp(best.metadata.creationTimestamp ?? '');
    if (a > b || (a === b && sc.metadata.name < best.metadata.name)) best = sc;
  }
  return best;
}

function addFinalizer(obj: K8sObject, finalizer: string): void {
  const finalizers = obj.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) obj.metadata.finalizers = [...finalizers, finalizer];
}

/**
 * Admission of a new claim: DefaultStorageClass (only when storageClassName is absent; an explicit "" asks for no
 * class) and the pvc-protection finalizer. Mutates.
 */
export function admitClaim(obj: K8sObject, store: ObjectStore): void {
  if (!isRecord(obj.spec)) obj.spec = {};
  const spec = obj.spec as Record<string, unknown>;
  if (spec.storageClassName === undefined || spec.storageClassName === null) {
    const def = defaultStorageClass(store.iterate('StorageClass') as Iterable<SC>);
    if (def) spec.storageClassName = def.metadata.name;
  }
  addFinalizer(obj, PVC_PROTECTION_FINALIZER);
}

/** Admission of a new volume: the pv-protection finalizer. Mutates. */
export function admitVolume(obj: K8sObject): void {
  addFinalizer(obj, PV_PROTECTION_FINALIZER);
}
