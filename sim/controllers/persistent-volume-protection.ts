// The storage-object-in-use protection controllers (pkg/controller/volume/pvcprotection, pvprotection): a claim
// being deleted keeps its `kubernetes.io/pvc-protection` finalizer while a scheduled, unfinished pod mounts it; a
// volume being deleted keeps `kubernetes.io/pv-protection` while it is Bound.
import type { DeepReadonly, K8sObject, ObjectKey, Pod } from '../model/types';
import { objectKey } from '../model/keys';
import { isPodTerminal } from '../model/pod';
import { clone } from '../core/clone';
import type { ObjectStore } from '../core/store';
import type { Controller, ReconcileContext, Watch } from '../core/controller';
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from '../registry/storage-admission';
import { claimNamesOf, podsUsingClaim, type PV, type PVC } from './persistent-volume-binder';

type P = K8sObject & DeepReadonly<Pod>;

/** podUsesPVC: the pod is on a node, has not finished, and mounts the claim. Pure. */
export function podUsesClaim(pod: DeepReadonly<Pod>, claimName: string): boolean {
  return !!pod.spec?.nodeName && !isPodTerminal(pod) && claimNamesOf(pod).includes(claimName);
}

/** Whether any pod still uses the claim (isBeingUsed, answered from the informer cache). */
export function isClaimInUse(store: ObjectStore, claim: PVC): boolean {
  return podsUsingClaim<P>(store, claim.metadata.namespace, claim.metadata.name).some((p) => podUsesClaim(p, claim.metadata.name));
}

function withoutFinalizer(obj: K8sObject, finalizer: string): K8sObject {
  return { ...clone(obj), metadata: { ...clone(obj.metadata), finalizers: (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer) } } as K8sObject;
}

/** pvc-protection-controller: releases a deleted claim once no pod uses it. */
export const pvcProtectionController: Controller = {
  name: 'pvc-protection-controller',
  latencyMs: 5,
  watches: [
    { kind: 'PersistentVolumeClaim' },
    {
      kind: 'Pod',
      keys: (change) => {
        const pod = change.object as DeepReadonly<Pod>;
        if (change.type !== 'DELETED' && !isPodTerminal(pod)) return [];
        return claimNamesOf(pod).map((c) => objectKey('PersistentVolumeClaim', change.object.metadata.namespace, c));
      },
    },
  ] as Watch[],
  reconcile(key: ObjectKey, ctx: ReconcileContext) {
    const claim = ctx.store.get(key) as PVC | undefined;
    if (!claim?.metadata.deletionTimestamp || !(claim.metadata.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) return;
    if (isClaimInUse(ctx.store, claim)) return;
    ctx.api.update(withoutFinalizer(claim as K8sObject, PVC_PROTECTION_FINALIZER));
  },
};

/** pv-protection-controller: releases a deleted volume once it is no longer Bound. */
export const pvProtectionController: Controller = {
  name: 'pv-protection-controller',
  latencyMs: 5,
  watches: [{ kind: 'PersistentVolume' }],
  reconcile(key: ObjectKey, ctx: ReconcileContext) {
    const pv = ctx.store.get(key) as PV | undefined;
    if (!pv?.metadata.deletionTimestamp || !(pv.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER)) return;
    if (pv.status?.phase === 'Bound') return;
    ctx.api.update(withoutFinalizer(pv as K8sObject, PV_PROTECTION_FINALIZER));
  },
};
