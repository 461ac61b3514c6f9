// kube-controller-manager's PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller.go):
// binds claims to volumes (pre-bound, matching, or made by a provisioner), hands claims of a provisioning class to
// their external provisioner, waits for the first consumer of WaitForFirstConsumer claims, and tracks volume phases.
// SIMPLIFIED: no periodic resync; claims of WaitForFirstConsumer classes are only provisioned, never matched to an
// existing volume by the scheduler; a Released volume is deleted only by the provisioner that made it.
import type { K8sObject, ObjectKey } from '../model/types';
import { objectKey, parseKey } from '../model/keys';
import { formatTimestamp } from '../model/time';
import { clone } from '../core/clone';
import { deepEqual } from '../core/equal';
import type { Change, ObjectStore } from '../core/store';
import type { Controller, ReconcileContext, ReconcileResult, Watch } from '../core/controller';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_STORAGE_PROVISIONER, isVolumeBoundToClaim,
  unboundClaimStep, volumePhaseFor, type PV, type PVC, type SC,
} from './persistent-volume-binder';

/** The ExternalProvisioning event's message for a provisioner. Pure. */
export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

function claimKeyOfVolume(pv: PV | undefined): ObjectKey | undefined {
  const ref = pv?.spec?.claimRef;
  return ref?.name ? objectKey('PersistentVolumeClaim', ref.namespace, ref.name) : undefined;
}

/** Unbound claims naming a class, so a class created late wakes them. */
function claimsOfClass(store: ObjectStore, className: string): ObjectKey[] {
  const out: ObjectKey[] = [];
  for (const c of store.iterate('PersistentVolumeClaim') as IterableIterator<PVC>) {
    if (!c.spec?.volumeName && (c.spec?.storageClassName ?? '') === className) out.push(objectKey('PersistentVolumeClaim', c.metadata.namespace, c.metadata.name));
  }
  return out.sort();
}

/** The persistentvolume-controller: syncClaim for claim keys, syncVolume for volume keys. */
export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-controller';
  // Its informers see a new claim before the scheduler has placed the pod that uses it.
  readonly latencyMs = 2;
  readonly watches: readonly Watch[] = [
    {
      kind: 'PersistentVolumeClaim',
      keys: (change: Change) => {
        const volumeName = (change.object as PVC).spec?.volumeName;
        return volumeName ? [change.key, objectKey('PersistentVolume', undefined, volumeName)] : [change.key];
      },
    },
    {
      kind: 'PersistentVolume',
      keys: (change: Change) => {
        const keys = new Set<ObjectKey>([change.key]);
        for (const obj of [change.object, change.previous]) {
          const claimKey = claimKeyOfVolume(obj as PV | undefined);
          if (claimKey) keys.add(claimKey);
        }
        return [...keys];
      },
    },
    { kind: 'StorageClass', keys: (change, store) => claimsOfClass(store, change.object.metadata.name) },
  ];

  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    if (parseKey(key).kind === 'PersistentVolumeClaim') this.syncClaim(key, ctx);
    else this.syncVolume(key, ctx);
  }

  private syncClaim(key: ObjectKey, ctx: ReconcileContext): void {
    const claim = ctx.store.get(key) as PVC | undefined;
    if (!claim) return;
    const volumeName = claim.spec?.volumeName;
    if (volumeName) {
      const pv = ctx.store.get(objectKey('PersistentVolume', undefined, volumeName)) as PV | undefined;
      if (!pv) {
        if (claim.status?.phase === 'Lost') return;
        ctx.api.updateStatus(claim as K8sObject, { ...clone(claim.status ?? {}), phase: 'Lost' }, claim.metadata.uid);
        ctx.recordEvent(claim, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the claim is lost!');
      } else if (!pv.spec?.claimRef || isVolumeBoundToClaim(pv, claim)) {
        this.bind(claim, pv, ctx);
      } else if (claim.status?.phase !== 'Lost') {
        ctx.api.updateStatus(claim as K8sObject, { ...clone(claim.status ?? {}), phase: 'Lost' }, claim.metadata.uid);
        ctx.recordEvent(claim, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
      }
      return;
    }
    const className = claim.spec?.storageClassName ?? '';
    const cls = className ? ctx.store.get(objectKey('StorageClass', undefined, className)) as SC | undefined : undefined;
    const step = unboundClaimStep(claim, cls, ctx.store.list<PV>('PersistentVolume'));
    switch (step.type) {
      case 'bind':
        this.bind(claim, step.volume, ctx);
        return;
      case 'wait-for-first-consumer':
        ctx.recordEvent(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
        return;
      case 'no-class':
        ctx.recordEvent(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
        return;
      case 'class-not-found':
        ctx.recordEvent(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${step.className}" not found`);
        return;
      case 'provision': {
        const ann = claim.metadata.annotations ?? {};
        if (ann[ANN_STORAGE_PROVISIONER] !== step.provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== step.provisioner) {
          const annotations = { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: step.provisioner, [ANN_STORAGE_PROVISIONER]: step.provisioner };
          ctx.api.update({ ...clone(claim), metadata: { ...clone(claim.metadata), annotations } } as K8sObject);
        }
        ctx.recordEvent(claim, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(step.provisioner));
      }
    }
  }

  /** bind: bindVolumeToClaim, the volume's Bound phase, bindClaimToVolume and the claim's Bound status, each only if needed. */
  private bind(claim: PVC, pv: PV, ctx: ReconcileContext): void {
    let volume = pv;
    const ref = pv.spec?.claimRef;
    if (!ref || !ref.uid || !isVolumeBoundToClaim(pv, claim)) {
      const claimRef = {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace,
        resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid,
      };
      const annotations = { ...(pv.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      const res = ctx.api.update({ ...clone(pv), metadata: { ...clone(pv.metadata), annotations }, spec: { ...clone(pv.spec), claimRef } } as K8sObject);
      if (!res.ok) return;
      volume = res.object as PV;
    }
    if (volume.status?.phase !== 'Bound') {
      ctx.api.updateStatus(volume as K8sObject, { phase: 'Bound', lastPhaseTransitionTime: formatTimestamp(ctx.nowEpochMs) }, volume.metadata.uid);
    }
    let bound = claim;
    const ann = claim.metadata.annotations ?? {};
    if (claim.spec?.volumeName !== volume.metadata.name || ann[ANN_BIND_COMPLETED] !== 'yes') {
      const annotations = { ...ann, [ANN_BIND_COMPLETED]: 'yes', ...(claim.spec?.volumeName ? {} : { [ANN_BOUND_BY_CONTROLLER]: 'yes' }) };
      const res = ctx.api.update({
        ...clone(claim), metadata: { ...clone(claim.metadata), annotations }, spec: { ...clone(claim.spec), volumeName: volume.metadata.name },
      } as K8sObject);
      if (!res.ok) return;
      bound = res.object as PVC;
    }
    const status = { accessModes: clone([...(volume.spec?.accessModes ?? [])]), capacity: clone({ ...(volume.spec?.capacity ?? {}) }), phase: 'Bound' };
    if (!deepEqual(status, bound.status)) ctx.api.updateStatus(bound as K8sObject, status, bound.metadata.uid);
  }

  private syncVolume(key: ObjectKey, ctx: ReconcileContext): void {
    const pv = ctx.store.get(key) as PV | undefined;
    if (!pv) return;
    const claimKey = claimKeyOfVolume(pv);
    const claim = claimKey ? ctx.store.get(claimKey) as PVC | undefined : undefined;
    const phase = volumePhaseFor(pv, claim);
    if (phase === undefined || phase === pv.status?.phase) return;
    ctx.api.updateStatus(pv as K8sObject, { ...clone(pv.status ?? {}), phase, lastPhaseTransitionTime: formatTimestamp(ctx.nowEpochMs) }, pv.metadata.uid);
  }
}
