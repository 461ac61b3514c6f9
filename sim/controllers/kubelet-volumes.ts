// The kubelet's volume manager, for what the simulated apps need: data on a PersistentVolumeClaim outlives
// the pod that wrote it; everything else (emptyDir, no volume) dies with the container.
import type { Container, DeepReadonly, K8sObject, PersistentVolumeClaim, Pod } from '../model/types';
import type { ObjectStore } from '../core/store';
import { objectKey } from '../model/keys';

/** Data held by each bound PVC, by the claim's uid (a deleted and recreated claim starts empty). */
export class VolumeData {
  private readonly byClaimUid = new Map<string, Map<string, unknown>>();

  /** The data map of the PVC mounted at `mountPath` in `container`, or undefined if no bound PVC is there. */
  dataFor(store: ObjectStore, pod: DeepReadonly<Pod>, container: DeepReadonly<Container>, mountPath: string): Map<string, unknown> | undefined {
    const mount = container.volumeMounts?.find((m) => m.mountPath.replace(/\/+$/, '') === mountPath.replace(/\/+$/, ''));
    if (!mount) return undefined;
    const volume = pod.spec?.volumes?.find((v) => v.name === mount.name);
    const claimName = volume?.persistentVolumeClaim?.claimName;
    if (!claimName) return undefined;
    const claim = store.get(objectKey('PersistentVolumeClaim', pod.metadata?.namespace, claimName)) as (DeepReadonly<PersistentVolumeClaim> & K8sObject) | undefined;
    if (!claim || claim.status?.phase !== 'Bound') return undefined;
    let data = this.byClaimUid.get(claim.metadata.uid!);
    if (!data) { data = new Map(); this.byClaimUid.set(claim.metadata.uid!, data); }
    return data;
  }

  /** Forgets a deleted claim's data. */
  release(claimUid: string): void {
    this.byClaimUid.delete(claimUid);
  }
}
