import { describe, expect, it } from 'vitest';
import { findMatchingVolume, unboundClaimStep, volumePhaseFor, type PV, type PVC, type SC } from '../../../sim/controllers/persistent-volume-binder';
import { provisionedSizeGiB, unsupportedCapability, isDeletable } from '../../../sim/controllers/persistent-volume-provisioner';
import { nextAttachment, type Attachment } from '../../../sim/controllers/attach-detach';
import { podVolumeClaims, volumeBindingFilter, type VolumeLookup } from '../../../sim/controllers/scheduler-volume-binding';
import { failedMountMessage } from '../../../sim/controllers/kubelet-volumes';
import { defaultStorageClass } from '../../../sim/registry/storage-admission';
import type { Node, Pod } from '../../../sim/model/types';

const claim = (spec: Record<string, unknown>, meta: Record<string, unknown> = {}): PVC => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default', uid: 'claim-uid', ...meta },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem', ...spec },
}) as unknown as PVC;

const volume = (name: string, spec: Record<string, unknown>, phase = 'Available', labels?: Record<string, string>): PV => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, ...(labels ? { labels } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' }, volumeMode: 'Filesystem', hostPath: { path: '/x' }, ...spec },
  status: { phase },
}) as unknown as PV;

const sc = (name: string, mode: string, created = '2026-01-01T08:00:00Z', isDefault = false): SC => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner: 'disk.csi.azure.com', volumeBindingMode: mode,
  metadata: { name, creationTimestamp: created, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
}) as unknown as SC;

describe('PersistentVolume controller rules', () => {
  it('matches the smallest available volume of the class with the modes and size asked for', () => {
    const vols = [
      volume('big', { capacity: { storage: '10Gi' } }), volume('small', { capacity: { storage: '2Gi' } }),
      volume('tiny', { capacity: { storage: '500Mi' } }), volume('rwx-only', { accessModes: ['ReadWriteMany'] }),
      volume('taken', {}, 'Bound'), volume('other-class', { storageClassName: 'fast' }),
    ];
    expect(findMatchingVolume(claim({}), vols, false)?.metadata.name).toBe('small');
    expect(findMatchingVolume(claim({ storageClassName: 'fast' }), vols, false)?.metadata.name).toBe('other-class');
    expect(findMatchingVolume(claim({ selector: { matchLabels: { disk: 'ssd' } } }), [...vols, volume('ssd', {}, 'Available', { disk: 'ssd' })], false)?.metadata.name).toBe('ssd');
  });

  it('prefers a volume pre-bound to the claim, and otherwise leaves WaitForFirstConsumer claims to the scheduler', () => {
    const pre = volume('pre', { claimRef: { name: 'data', namespace: 'default' } }, 'Available');
    expect(findMatchingVolume(claim({}), [volume('a', {}), pre], true)?.metadata.name).toBe('pre');
    expect(findMatchingVolume(claim({}), [volume('a', {})], true)).toBeUndefined();
  });

  it.each([
    ['no class, no volume', claim({}), undefined, { type: 'no-class' }],
    ['a class that does not exist', claim({ storageClassName: 'gone' }), undefined, { type: 'class-not-found', className: 'gone' }],
    ['WaitForFirstConsumer without a node', claim({ storageClassName: 'default' }), sc('default', 'WaitForFirstConsumer'), { type: 'wait-for-first-consumer' }],
    ['WaitForFirstConsumer with a selected node', claim({ storageClassName: 'default' }, { annotations: { 'volume.kubernetes.io/selected-node': 'n1' } }),
      sc('default', 'WaitForFirstConsumer'), { type: 'provision', provisioner: 'disk.csi.azure.com' }],
    ['Immediate', claim({ storageClassName: 'files' }), sc('files', 'Immediate'), { type: 'provision', provisioner: 'disk.csi.azure.com' }],
  ])('syncUnboundClaim: %s', (_name, c, cls, expected) => {
    expect(unboundClaimStep(c, cls, [])).toEqual(expected);
  });

  it('gives volumes their phase from their claim', () => {
    const c = claim({ volumeName: 'pv' });
    expect(volumePhaseFor(volume('pv', {}), undefined)).toBe('Available');
    expect(volumePhaseFor(volume('pv', { claimRef: { name: 'data', namespace: 'default', uid: 'claim-uid' } }, 'Pending'), c)).toBe('Bound');
    expect(volumePhaseFor(volume('pv', { claimRef: { name: 'data', namespace: 'default', uid: 'claim-uid' } }, 'Pending'), claim({}))).toBeUndefined();
    expect(volumePhaseFor(volume('pv', { claimRef: { name: 'data', namespace: 'default', uid: 'old-uid' } }, 'Bound'), c)).toBe('Released');
    expect(volumePhaseFor(volume('pv', { claimRef: { name: 'data', namespace: 'default', uid: 'claim-uid' } }, 'Bound'), undefined)).toBe('Released');
  });

  it('picks the newest default class (GetDefaultClass)', () => {
    const older = sc('old', 'Immediate', '2026-01-01T08:00:00Z', true);
    const newer = sc('new', 'Immediate', '2026-01-01T08:30:00Z', true);
    expect(defaultStorageClass([older, newer, sc('plain', 'Immediate')])?.metadata.name).toBe('new');
    expect(defaultStorageClass([sc('plain', 'Immediate')])).toBeUndefined();
  });
});

describe('Azure CSI provisioning', () => {
  it.each([
    ['disk.csi.azure.com', 500e6, {}, 1], ['disk.csi.azure.com', 1.5 * 2 ** 30, {}, 2], ['disk.csi.azure.com', 2 ** 30, {}, 1],
    ['file.csi.azure.com', 5 * 2 ** 30, { skuName: 'Standard_LRS' }, 5], ['file.csi.azure.com', 5 * 2 ** 30, { skuName: 'Premium_LRS' }, 100],
  ])('%s: %d bytes → %d GiB', (driver, bytes, params, gib) => {
    expect(provisionedSizeGiB(driver, bytes, params)).toBe(gib);
  });

  it('refuses multi-node access modes for a managed disk only', () => {
    expect(unsupportedCapability('disk.csi.azure.com', ['ReadWriteOnce'])).toBeUndefined();
    expect(unsupportedCapability('disk.csi.azure.com', ['ReadWriteMany'])).toBe('rpc error: code = InvalidArgument desc = Volume capability not supported');
    expect(unsupportedCapability('file.csi.azure.com', ['ReadWriteMany'])).toBeUndefined();
  });

  it('deletes only the Released volumes it made whose reclaim policy is Delete', () => {
    const made = (phase: string, policy: string) => volume('v', { persistentVolumeReclaimPolicy: policy }, phase);
    const annotated = (v: PV) => ({ ...v, metadata: { ...v.metadata, annotations: { 'pv.kubernetes.io/provisioned-by': 'disk.csi.azure.com' } } }) as PV;
    expect(isDeletable(annotated(made('Released', 'Delete')), 'disk.csi.azure.com')).toBe(true);
    expect(isDeletable(annotated(made('Released', 'Retain')), 'disk.csi.azure.com')).toBe(false);
    expect(isDeletable(annotated(made('Bound', 'Delete')), 'disk.csi.azure.com')).toBe(false);
    expect(isDeletable(made('Released', 'Delete'), 'disk.csi.azure.com')).toBe(false);
  });
});

describe('attach/detach', () => {
  const delays = { attach: 5_000, detach: 3_000, inUse: 4_000 };
  const next = (a: Attachment | undefined, wanted: string[], now: number) => nextAttachment(a, wanted, now, (k) => delays[k]);

  it('attaches to the node that wants the volume, then detaches once nobody does', () => {
    const attaching = next(undefined, ['n1'], 0);
    expect(attaching).toEqual({ node: 'n1', state: 'attaching', doneAt: 5_000 });
    expect(next(attaching, ['n1'], 4_999)).toBe(attaching);
    const attached = next(attaching, ['n1'], 5_000);
    expect(attached).toEqual({ node: 'n1', state: 'attached', doneAt: 5_000 });
    const detaching = next(attached, [], 10_000);
    expect(detaching).toEqual({ node: 'n1', state: 'detaching', inUseUntil: 14_000, doneAt: 17_000 });
    expect(next(detaching, [], 17_000)).toBeUndefined();
  });

  it('keeps the disk when a pod on the same node wants it back in time, and moves it otherwise', () => {
    const detaching: Attachment = { node: 'n1', state: 'detaching', inUseUntil: 14_000, doneAt: 17_000 };
    expect(next(detaching, ['n1'], 12_000)?.state).toBe('attached');
    expect(next(detaching, ['n2'], 12_000)).toBe(detaching);
    expect(next(detaching, ['n2'], 17_000)).toEqual({ node: 'n2', state: 'attaching', doneAt: 22_000 });
  });
});

describe('VolumeBinding', () => {
  const claims: Record<string, PVC> = {
    bound: claim({ storageClassName: 'default', volumeName: 'pv-1' }, { name: 'bound', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }),
    wffc: claim({ storageClassName: 'default' }, { name: 'wffc' }),
    immediate: claim({ storageClassName: 'files' }, { name: 'immediate' }),
    going: claim({ storageClassName: 'default' }, { name: 'going', deletionTimestamp: '2026-01-01T09:00:00Z' }),
  };
  const zonal = volume('pv-1', { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['1'] }] }] } } }, 'Bound');
  const lookup: VolumeLookup = {
    claim: (_ns, name) => claims[name], volume: (name) => (name === 'pv-1' ? zonal : undefined),
    storageClass: (name) => (name === 'default' ? sc('default', 'WaitForFirstConsumer') : name === 'files' ? sc('files', 'Immediate') : undefined),
  };
  const podWith = (...names: string[]) => ({ metadata: { namespace: 'default' }, spec: { volumes: names.map((n) => ({ name: n, persistentVolumeClaim: { claimName: n } })) } }) as unknown as Pod;
  const node = (zone: string) => ({ metadata: { name: `n${zone}`, labels: { zone } } }) as unknown as Node;

  it.each([
    ['missing', 'persistentvolumeclaim "missing" not found'],
    ['going', 'persistentvolumeclaim "going" is being deleted'],
    ['immediate', 'pod has unbound immediate PersistentVolumeClaims'],
  ])('PreFilter rejects a pod with claim %s', (name, reason) => {
    expect(podVolumeClaims(podWith(name), lookup)).toEqual({ ok: false, reason });
  });

  it('sorts claims into bound volumes and delayed claims, and filters nodes by volume affinity', () => {
    const result = podVolumeClaims(podWith('bound', 'wffc'), lookup);
    expect(result).toMatchObject({ ok: true, missingVolume: false });
    expect(result.ok && result.delayed.map((c) => c.metadata.name)).toEqual(['wffc']);
    expect(volumeBindingFilter(result, node('1'))).toBeUndefined();
    expect(volumeBindingFilter(result, node('2'))).toBe('node(s) had volume node affinity conflict');
  });
});

describe('kubelet volume wait', () => {
  it('words the FailedMount of WaitForAttachAndMount as the kubelet does', () => {
    expect(failedMountMessage({ names: ['data', 'logs'], unattached: ['data'], unprocessed: [] })).toBe(
      'Unable to attach or mount volumes: unmounted volumes=[data logs], unattached volumes=[data], failed to process volumes=[]: context deadline exceeded');
  });
});
