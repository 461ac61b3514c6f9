import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../helpers/harness';
import type { K8sObject } from '../../../sim/model/types';
import { StatefulSetController } from '../../../sim/controllers/stateful-set';
import { PersistentVolumeController } from '../../../sim/controllers/persistent-volume';
import { pvcProtectionController } from '../../../sim/controllers/persistent-volume-protection';
import { registerPodsByClaimIndex } from '../../../sim/controllers/persistent-volume-binder';
import { aksStorageClasses } from '../../../sim/scenarios/aks-storage';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Writes and Events recorded since `from`, without the event recorder's own writes. */
function actions(h: Harness, from = 0): string[] {
  return h.trace.lines().slice(from).filter((l) => !l.includes('event-recorder')).map((l) => l.replace(/^\S+ /, ''));
}

function statefulSet(h: Harness): K8sObject {
  return h.mustCreate({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'web', replicas: 2, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  });
}

describe('StatefulSet controller', () => {
  it('creates the first ordinal\'s claim, then its pod, and reports status', () => {
    const h = createHarness();
    statefulSet(h);
    const from = h.trace.lines().length;
    new StatefulSetController().reconcile('StatefulSet/default/web', h.ctxFor('statefulset-controller'));
    expect(actions(h, from)).toEqual([
      'statefulset-controller create PersistentVolumeClaim/default/www-web-0',
      'event Normal SuccessfulCreate StatefulSet/web: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'statefulset-controller create Pod/default/web-0',
      'event Normal SuccessfulCreate StatefulSet/web: create Pod web-0 in StatefulSet web successful',
      'statefulset-controller update-status StatefulSet/default/web',
    ]);
    const set = h.store.get('StatefulSet/default/web') as Any;
    expect(set.status).toEqual({
      observedGeneration: 1, replicas: 0, currentRevision: set.status.updateRevision, updateRevision: set.status.updateRevision,
      collisionCount: 0, availableReplicas: 0,
    });
    expect((h.store.get('PersistentVolumeClaim/default/www-web-0') as Any).metadata.labels).toEqual({ app: 'web' });
  });

  it('does not create the pod while its claim is being deleted', () => {
    const h = createHarness();
    statefulSet(h);
    h.mustCreate({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www-web-0', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    h.api.delete('PersistentVolumeClaim', 'default', 'www-web-0');
    const from = h.trace.lines().length;
    expect(() => new StatefulSetController().reconcile('StatefulSet/default/web', h.ctxFor('statefulset-controller'))).toThrow('pvc www-web-0 is being deleted');
    expect(actions(h, from)).toEqual([
      'event Warning FailedCreate StatefulSet/web: create Pod web-0 in StatefulSet web failed error: pvc www-web-0 is being deleted',
      'statefulset-controller update-status StatefulSet/default/web',
    ]);
  });
});

describe('PersistentVolume controller', () => {
  it('binds a claim to a matching static volume: claimRef, phases, annotations and status', () => {
    const h = createHarness();
    h.mustCreate({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-a' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' }, storageClassName: 'manual', hostPath: { path: '/a' } } });
    const pvc: K8sObject = h.mustCreate({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '1Gi' } } } });
    const pvController = new PersistentVolumeController();
    pvController.reconcile('PersistentVolume//pv-a', h.ctxFor('persistentvolume-controller'));
    const from = h.trace.lines().length;
    pvController.reconcile('PersistentVolumeClaim/default/data', h.ctxFor('persistentvolume-controller'));
    expect(actions(h, from)).toEqual([
      'persistentvolume-controller update PersistentVolume//pv-a',
      'persistentvolume-controller update-status PersistentVolume//pv-a',
      'persistentvolume-controller update PersistentVolumeClaim/default/data',
      'persistentvolume-controller update-status PersistentVolumeClaim/default/data',
    ]);
    const pv = h.store.get('PersistentVolume//pv-a') as Any;
    expect(pv.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', name: 'data', namespace: 'default', uid: pvc.metadata.uid });
    expect(pv.status.phase).toBe('Bound');
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    const bound = h.store.get('PersistentVolumeClaim/default/data') as Any;
    expect(bound.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(bound.spec.volumeName).toBe('pv-a');
    expect(bound.status).toEqual({ accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' }, phase: 'Bound' });
  });

  it('hands an Immediate claim to its provisioner and says so', () => {
    const h = createHarness();
    for (const sc of aksStorageClasses()) h.mustCreate(sc);
    h.mustCreate({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'files', namespace: 'default' }, spec: { accessModes: ['ReadWriteMany'], storageClassName: 'azurefile-csi', resources: { requests: { storage: '1Gi' } } } });
    const from = h.trace.lines().length;
    new PersistentVolumeController().reconcile('PersistentVolumeClaim/default/files', h.ctxFor('persistentvolume-controller'));
    expect(actions(h, from)).toEqual([
      'persistentvolume-controller update PersistentVolumeClaim/default/files',
      "event Normal ExternalProvisioning PersistentVolumeClaim/files: Waiting for a volume to be created either by the external provisioner 'file.csi.azure.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ]);
    expect((h.store.get('PersistentVolumeClaim/default/files') as Any).metadata.annotations).toEqual({
      'volume.beta.kubernetes.io/storage-provisioner': 'file.csi.azure.com', 'volume.kubernetes.io/storage-provisioner': 'file.csi.azure.com',
    });
  });
});

describe('pvc-protection controller', () => {
  it('keeps the finalizer while a scheduled pod mounts the claim and removes it after', () => {
    const h = createHarness();
    registerPodsByClaimIndex(h.store);
    h.mustCreate({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    h.mustCreate({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'user', namespace: 'default' },
      spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
    });
    h.api.delete('PersistentVolumeClaim', 'default', 'data');
    pvcProtectionController.reconcile('PersistentVolumeClaim/default/data', h.ctxFor('pvc-protection-controller'));
    expect(h.store.get('PersistentVolumeClaim/default/data')?.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    h.api.delete('Pod', 'default', 'user', { gracePeriodSeconds: 0 });
    pvcProtectionController.reconcile('PersistentVolumeClaim/default/data', h.ctxFor('pvc-protection-controller'));
    expect(h.store.get('PersistentVolumeClaim/default/data')).toBeUndefined();
  });
});
