// The external-provisioner sidecar of a CSI driver (kubernetes-csi/external-provisioner on
// sig-storage-lib-external-provisioner) with the Azure Disk and Azure Files drivers behind it: makes a
// PersistentVolume `pvc-<claim uid>` for each claim handed to it, and deletes the volumes it made once released.
// SIMPLIFIED: CreateVolume/DeleteVolume are a delay on the virtual clock; the only failure modelled is an
// access mode the driver cannot serve; retries back off 1 s doubling to 5 min.
import type { DeepReadonly, K8sObject, ObjectKey, PersistentVolume } from '../model/types';
import { objectKey, parseKey } from '../model/keys';
import { clone } from '../core/clone';
import type { Controller, ReconcileContext, ReconcileResult, Watch } from '../core/controller';
import { AZURE_DISK_DRIVER } from '../scenarios/aks-storage';
import type { Delay } from './kubelet-timings';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, PROVISIONER_FINALIZER, requestBytes,
  type PV, type PVC, type SC,
} from './persistent-volume-binder';

const GIB = 2 ** 30;
/** The node label the Azure Disk driver reports its topology under (empty on clusters without zones). */
export const DISK_ZONE_LABEL = 'topology.disk.csi.azure.com/zone';
const RESOURCE_GROUP = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc_kubesim_eastus';

export interface ProvisionerOptions {
  /** The CSI driver name, also the provisioner name StorageClasses use. */
  readonly driver: string;
  /** `<driver>_<node>_<uuid>`: the leader's identity, shown as the source of its events. */
  readonly identity: string;
  /** The PV's storage.kubernetes.io/csiProvisionerIdentity attribute: `<start ms>-<n>-<driver>`. */
  readonly provisionerIdentity: string;
  readonly provisionDelay: Delay;
  readonly deleteDelay: Delay;
}

/**
 * The size the driver creates, in GiB: the request rounded up to whole GiB, at least 1 GiB for a managed disk
 * (azuredisk MinimumDiskSizeGiB) and 100 GiB for a premium file share. Pure.
 */
export function provisionedSizeGiB(driver: string, bytes: number, parameters: Readonly<Record<string, string>> | undefined): number {
  const gib = Math.max(1, Math.ceil(bytes / GIB));
  if (driver === AZURE_DISK_DRIVER) return gib;
  const sku = parameters?.skuName ?? parameters?.skuname ?? parameters?.storageAccountType ?? '';
  return sku.toLowerCase().startsWith('premium') ? Math.max(100, gib) : gib;
}

/** CreateVolume's capability check: a managed disk attaches to one node, so only single-node access modes. Pure. */
export function unsupportedCapability(driver: string, accessModes: readonly string[]): string | undefined {
  if (driver !== AZURE_DISK_DRIVER) return undefined;
  return accessModes.every((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod') ? undefined
    : 'rpc error: code = InvalidArgument desc = Volume capability not supported';
}

/** The PersistentVolume the provisioner creates for `claim` of class `cls`. Pure. */
export function provisionedVolume(claim: PVC, cls: SC, opts: ProvisionerOptions, zone: string | undefined, shareId: string): PersistentVolume & K8sObject {
  const name = `pvc-${claim.metadata.uid}`;
  const disk = opts.driver === AZURE_DISK_DRIVER;
  const gib = provisionedSizeGiB(opts.driver, requestBytes(claim), cls.parameters);
  const attributes: Record<string, string> = {
    ...(cls.parameters ?? {}), 'csi.storage.k8s.io/pv/name': name, 'csi.storage.k8s.io/pvc/name': claim.metadata.name,
    'csi.storage.k8s.io/pvc/namespace': claim.metadata.namespace ?? 'default',
    ...(disk ? { requestedsizegib: String(gib) } : { secretnamespace: claim.metadata.namespace ?? 'default' }),
    'storage.kubernetes.io/csiProvisionerIdentity': opts.provisionerIdentity,
  };
  const volumeHandle = disk ? `${RESOURCE_GROUP}/providers/Microsoft.Compute/disks/${name}`
    : `mc_kubesim_eastus#${shareId}#${name}###${claim.metadata.namespace}`;
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: {
        [ANN_PROVISIONED_BY]: opts.driver, 'volume.kubernetes.io/provisioner-deletion-secret-name': '',
        'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
      },
      finalizers: [PROVISIONER_FINALIZER],
    },
    spec: {
      accessModes: clone([...(claim.spec?.accessModes ?? [])]),
      capacity: { storage: `${gib}Gi` },
      claimRef: {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace,
        resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid,
      },
      csi: { driver: opts.driver, volumeAttributes: attributes, volumeHandle },
      ...(cls.mountOptions ? { mountOptions: clone([...cls.mountOptions]) } : {}),
      ...(disk ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: DISK_ZONE_LABEL, operator: 'In', values: [zone ?? ''] }] }] } } } : {}),
      persistentVolumeReclaimPolicy: (cls.reclaimPolicy ?? 'Delete') as 'Delete',
      storageClassName: cls.metadata.name,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
    },
  };
}

/** One CSI driver's external-provisioner: reconciles claims handed to its driver and the volumes it made. */
export class CsiProvisioner implements Controller {
  readonly name: string;
  readonly latencyMs = 10;
  readonly watches: readonly Watch[] = [{ kind: 'PersistentVolumeClaim' }, { kind: 'PersistentVolume' }];
  /** In-flight CreateVolume calls by claim uid: when they return, and how many failed before. */
  private readonly creating = new Map<string, { readyAt: number; failures: number }>();
  /** In-flight DeleteVolume calls by volume name. */
  private readonly deleting = new Map<string, number>();

  constructor(private readonly opts: ProvisionerOptions) {
    this.name = opts.identity;
  }

  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    return parseKey(key).kind === 'PersistentVolumeClaim' ? this.provision(key, ctx) : this.release(key, ctx);
  }

  private wantsProvisioning(claim: PVC, cls: SC | undefined): cls is SC {
    const ann = claim.metadata.annotations ?? {};
    if (claim.spec?.volumeName || claim.metadata.deletionTimestamp || !cls || cls.provisioner !== this.opts.driver) return false;
    if ((ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER]) !== this.opts.driver) return false;
    return cls.volumeBindingMode !== 'WaitForFirstConsumer' || !!ann[ANN_SELECTED_NODE];
  }

  private provision(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const claim = ctx.store.get(key) as PVC | undefined;
    const cls = claim?.spec?.storageClassName ? ctx.store.get(objectKey('StorageClass', undefined, claim.spec.storageClassName)) as SC | undefined : undefined;
    if (!claim || !this.wantsProvisioning(claim, cls)) return;
    const uid = claim.metadata.uid!;
    if (ctx.store.get(objectKey('PersistentVolume', undefined, `pvc-${uid}`))) { this.creating.delete(uid); return; }
    let call = this.creating.get(uid);
    if (!call || call.readyAt < 0) {
      const failures = call?.failures ?? 0;
      ctx.recordEvent(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${claim.metadata.namespace}/${claim.metadata.name}"`);
      call = { readyAt: ctx.now + ctx.rng.jitter(this.opts.provisionDelay.ms, this.opts.provisionDelay.jitterMs), failures };
      this.creating.set(uid, call);
    }
    if (ctx.now < call.readyAt) return { requeueAfterMs: call.readyAt - ctx.now };
    const failure = unsupportedCapability(this.opts.driver, claim.spec?.accessModes ?? []);
    if (failure) {
      ctx.recordEvent(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${cls.metadata.name}": ${failure}`);
      const backoff = Math.min(300_000, 1000 * 2 ** call.failures);
      this.creating.set(uid, { readyAt: -1, failures: call.failures + 1 });
      return { requeueAfterMs: backoff };
    }
    const node = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    const zone = node ? (ctx.store.get(objectKey('Node', undefined, node))?.metadata.labels?.[DISK_ZONE_LABEL]) : undefined;
    const hex = (): string => ctx.rng.nextUint32().toString(16).padStart(8, '0');
    const shareId = this.opts.driver === AZURE_DISK_DRIVER ? '' : `f${hex()}${hex()}${hex().slice(0, 6)}`;
    const res = ctx.api.create(provisionedVolume(claim, cls, this.opts, zone, shareId));
    this.creating.delete(uid);
    if (res.ok) ctx.recordEvent(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${res.object.metadata.name}`);
  }

  /** shouldDelete + deleteVolumeOperation: a Released volume this driver made, with reclaim policy Delete, goes away. */
  private release(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const pv = ctx.store.get(key) as PV | undefined;
    if (!pv) { this.deleting.delete(parseKey(key).name); return; }
    if (!isDeletable(pv, this.opts.driver)) { this.deleting.delete(pv.metadata.name); return; }
    let at = this.deleting.get(pv.metadata.name);
    if (at === undefined) {
      at = ctx.now + ctx.rng.jitter(this.opts.deleteDelay.ms, this.opts.deleteDelay.jitterMs);
      this.deleting.set(pv.metadata.name, at);
    }
    if (ctx.now < at) return { requeueAfterMs: at - ctx.now };
    this.deleting.delete(pv.metadata.name);
    const finalizers = (pv.metadata.finalizers ?? []).filter((f) => f !== PROVISIONER_FINALIZER);
    const res = ctx.api.update({ ...clone(pv), metadata: { ...clone(pv.metadata), finalizers } } as K8sObject);
    if (res.ok) ctx.api.delete('PersistentVolume', undefined, pv.metadata.name);
  }
}

/** Whether the provisioner for `driver` should delete this volume now. Pure. */
export function isDeletable(pv: DeepReadonly<PersistentVolume> & { metadata?: { annotations?: Readonly<Record<string, string>> } }, driver: string): boolean {
  return pv.status?.phase === 'Released' && pv.spec?.persistentVolumeReclaimPolicy === 'Delete'
    && pv.metadata?.annotations?.[ANN_PROVISIONED_BY] === driver && !pv.metadata?.deletionTimestamp;
}
