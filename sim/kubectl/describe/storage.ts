// kubectl describe for storage (kubectl describe.go describePersistentVolumeClaim, describePersistentVolume,
// describeStorageClass): class, phase, bound volume, capacity and access modes, the pods using a claim, a
// volume's node affinity and CSI source, a class's provisioner and parameters; then Events.
import type { K8sObject } from '../../model/types';
import { formatLabels } from '../../model/labels';
import { DescribeWriter, since, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';

type Any = Record<string, any>;

const MODES: readonly (readonly [string, string])[] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];

/** storageutil.GetAccessModesAsString: the short forms in a fixed order. Pure. */
function accessModes(modes: readonly string[] | undefined): string {
  return MODES.filter(([m]) => (modes ?? []).includes(m)).map(([, s]) => s).join(',');
}

/** storageutil.GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName. Pure. */
export function claimClass(pvc: Any): string {
  return pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

function finalizers(meta: Any): string {
  return `[${((meta.finalizers ?? []) as string[]).join(' ')}]`;
}

function status(obj: Any, nowEpochMs: number): string {
  return obj.metadata.deletionTimestamp ? `Terminating (lasts ${since(obj.metadata.deletionTimestamp, nowEpochMs)})` : String(obj.status?.phase ?? '');
}

/** Pods whose volumes name the claim (getPodsForPVC), sorted by name. Pure. */
export function podsUsingClaim(pods: readonly Any[], claim: K8sObject): string[] {
  return pods.filter((p) => (p.spec?.volumes ?? []).some((v: Any) => v.persistentVolumeClaim?.claimName === claim.metadata.name))
    .map((p) => p.metadata.name as string).sort();
}

/** The describe text of a PersistentVolumeClaim. Pure. */
export function describePersistentVolumeClaim(obj: K8sObject, usedBy: readonly string[], events: readonly Any[] | null, nowEpochMs: number): string {
  const pvc = obj as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  w.write(0, `Status:\t${status(pvc, nowEpochMs)}\n`);
  w.write(0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Finalizers:\t${finalizers(obj.metadata)}\n`);
  const bound = Boolean(pvc.spec?.volumeName);
  w.write(0, `Capacity:\t${bound ? String(pvc.status?.capacity?.storage ?? '0') : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}\n`);
  if (pvc.spec?.volumeMode) w.write(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  w.write(0, 'Used By:\t');
  if (usedBy.length === 0) w.line('<none>');
  else usedBy.forEach((name, i) => w.write(0, `${i === 0 ? '' : '\t'}${name}\n`));
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}

function writeNodeAffinity(w: DescribeWriter, affinity: Any | undefined): void {
  w.write(0, 'Node Affinity:\t');
  if (!affinity?.required) { w.line('<none>'); return; }
  w.line('');
  const terms = (affinity.required.nodeSelectorTerms ?? []) as Any[];
  w.write(1, 'Required Terms:\t');
  if (terms.length === 0) { w.line('<none>'); return; }
  w.line('');
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs = (term.matchExpressions ?? []) as Any[];
    if (reqs.length === 0) { w.line('<none>'); return; }
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(2, '\t');
      const values = (r.values ?? []) as string[];
      w.write(0, `${r.key} ${String(r.operator).toLowerCase()}${values.length > 0 ? ` [${values.join(', ')}]` : ''}\n`);
    });
  });
}

/** printCSIPersistentVolumeSource, with its VolumeAttributes written as describe.go's level-2 writes lay them out. */
function writeCsiSource(w: DescribeWriter, csi: Any): void {
  w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${csi.driver}\n    FSType:\t${csi.fsType ?? ''}\n`
    + `    VolumeHandle:\t${csi.volumeHandle}\n    ReadOnly:\t${csi.readOnly === true}\n`);
  w.write(2, 'VolumeAttributes:\t');
  const attrs = (csi.volumeAttributes ?? {}) as Record<string, string>;
  const keys = Object.keys(attrs).sort();
  if (keys.length === 0) { w.line('<none>'); return; }
  keys.forEach((k, i) => {
    if (i !== 0) { w.write(2, ''); w.write(2, '\t'); }
    const line = `${k}=${attrs[k]}`;
    w.write(2, `${line.length > 140 ? `${line.slice(0, 140)}...` : line}\n`);
  });
}

/** The describe text of a PersistentVolume. Pure. */
export function describePersistentVolume(obj: K8sObject, events: readonly Any[] | null, nowEpochMs: number): string {
  const pv = obj as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Finalizers:\t${finalizers(obj.metadata)}\n`);
  w.write(0, `StorageClass:\t${pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? ''}\n`);
  w.write(0, `Status:\t${status(pv, nowEpochMs)}\n`);
  const ref = pv.spec?.claimRef;
  w.write(0, `Claim:\t${ref ? `${ref.namespace}/${ref.name}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${pv.spec?.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModes(pv.spec?.accessModes)}\n`);
  if (pv.spec?.volumeMode) w.write(0, `VolumeMode:\t${pv.spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${pv.spec?.capacity?.storage ?? '0'}\n`);
  writeNodeAffinity(w, pv.spec?.nodeAffinity);
  w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  // SIMPLIFIED: kubesim provisions CSI volumes only; other sources print as describe.go's default case.
  if (pv.spec?.csi) writeCsiSource(w, pv.spec.csi);
  else w.write(1, '<unknown>\n');
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}

function boolPtr(v: unknown): string {
  return v === undefined || v === null ? '<unset>' : v ? 'True' : 'False';
}

/** The describe text of a StorageClass. Pure. */
export function describeStorageClass(obj: K8sObject, events: readonly Any[] | null, nowEpochMs: number): string {
  const sc = obj as Any;
  const ann = obj.metadata.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatLabels(ann)}\n`);
  w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(0, `AllowVolumeExpansion:\t${boolPtr(sc.allowVolumeExpansion)}\n`);
  const options = (sc.mountOptions ?? []) as string[];
  if (options.length === 0) w.write(0, 'MountOptions:\t<none>\n');
  else { w.write(0, 'MountOptions:\n'); for (const o of options) w.write(1, `${o}\n`); }
  if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}
