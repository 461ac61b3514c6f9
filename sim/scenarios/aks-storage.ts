// The StorageClasses an AKS 1.34 cluster starts with: Azure Disk classes (disk.csi.azure.com, WaitForFirstConsumer,
// `default` marked as the default class) and Azure Files classes (file.csi.azure.com, Immediate), all expandable.
import type { K8sObject } from '../model/types';
import type { Clock } from '../core/clock';
import type { Rng } from '../core/rng';
import type { ObjectStore } from '../core/store';
import { ApiServer } from '../core/api';
import { strategies } from '../registry';
import { ClusterIPAllocator, NodePortAllocator } from '../registry/service-allocators';
import { parseCidr } from '../net/ipv4';

/** The annotation that marks the default StorageClass (what the DefaultStorageClass admission plugin looks for). */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
/** The Azure Disk CSI driver's name. */
export const AZURE_DISK_DRIVER = 'disk.csi.azure.com';
/** The Azure Files CSI driver's name. */
export const AZURE_FILE_DRIVER = 'file.csi.azure.com';

const ADDON_LABELS = { 'addonmanager.kubernetes.io/mode': 'EnsureExists', 'kubernetes.io/cluster-service': 'true' };
const FILE_MOUNT_OPTIONS = ['mfsymlinks', 'actimeo=30', 'nosharesock'];

function storageClass(name: string, provisioner: string, parameters: Record<string, string>, isDefault = false): K8sObject {
  const disk = provisioner === AZURE_DISK_DRIVER;
  return {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: {
      name, labels: { ...ADDON_LABELS },
      ...(isDefault ? { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } } : {}),
    },
    provisioner, parameters, allowVolumeExpansion: true, reclaimPolicy: 'Delete',
    volumeBindingMode: disk ? 'WaitForFirstConsumer' : 'Immediate',
    ...(disk ? {} : { mountOptions: [...FILE_MOUNT_OPTIONS] }),
  };
}

/** The nine StorageClasses of a new AKS cluster, in name order (as `kubectl get sc` lists them). Pure. */
export function aksStorageClasses(): K8sObject[] {
  return [
    storageClass('azurefile', AZURE_FILE_DRIVER, { skuName: 'Standard_LRS' }),
    storageClass('azurefile-csi', AZURE_FILE_DRIVER, { skuName: 'Standard_LRS' }),
    storageClass('azurefile-csi-premium', AZURE_FILE_DRIVER, { skuName: 'Premium_LRS' }),
    storageClass('azurefile-premium', AZURE_FILE_DRIVER, { skuName: 'Premium_LRS' }),
    storageClass('default', AZURE_DISK_DRIVER, { skuname: 'StandardSSD_LRS' }, true),
    storageClass('managed', AZURE_DISK_DRIVER, { cachingmode: 'ReadOnly', kind: 'Managed', storageaccounttype: 'StandardSSD_LRS' }),
    storageClass('managed-csi', AZURE_DISK_DRIVER, { skuname: 'StandardSSD_LRS' }),
    storageClass('managed-csi-premium', AZURE_DISK_DRIVER, { skuname: 'Premium_LRS' }),
    storageClass('managed-premium', AZURE_DISK_DRIVER, { cachingmode: 'ReadOnly', kind: 'Managed', storageaccounttype: 'Premium_LRS' }),
  ];
}

/**
 * Creates the StorageClasses as the AKS addon manager does, through an apiserver of their own so that their uids
 * come from their own random stream and the rest of the cluster's names stay as they were.
 */
export function installStorageClasses(store: ObjectStore, clock: Clock, rng: Rng): void {
  const allocators = {
    clusterIPs: new ClusterIPAllocator(parseCidr('10.0.0.0/16')!, rng.fork('unused-clusterip')),
    nodePorts: new NodePortAllocator(30000, 2768, rng.fork('unused-nodeport')),
  };
  const api = new ApiServer({ store, clock, rng, allocators, strategies }).as('kube-addon-manager');
  for (const sc of aksStorageClasses()) {
    const res = api.create(sc);
    if (!res.ok) throw new Error(`storage class ${sc.metadata.name}: ${res.status.message}`);
  }
}
