// The kubelet's volume manager, for what the simulated apps need: a pod with PersistentVolumeClaim volumes waits
// (ContainerCreating, no sandbox yet) until each claim is bound, its disk attached to the node and mounted
// (WaitForAttachAndMount); data on a volume outlives the pod that wrote it, while everything else (emptyDir, no
// volume) dies with the container.
// SIMPLIFIED: only PersistentVolumeClaim volumes are waited for; mounting is a short delay on the virtual clock.
import type { Container, DeepReadonly, K8sObject, PersistentVolume, PersistentVolumeClaim, Pod } from '../model/types';
import type { ObjectStore } from '../core/store';
import type { Rng } from '../core/rng';
import { objectKey } from '../model/keys';
import type { Delay } from './kubelet-timings';

/** What the kubelet needs to know about attachments (the attach/detach controller's view). */
export interface AttachmentView {
  isAttached(volume: string, node: string): boolean;
}

/** MountDevice + SetUp of a volume (formatting a fresh disk included), in virtual ms. */
export const MOUNT_DELAY: Delay = { ms: 500, jitterMs: 1_500 };
/** podAttachAndMountTimeout: how long WaitForAttachAndMount waits before reporting FailedMount. */
export const ATTACH_AND_MOUNT_TIMEOUT_MS = 123_000;

/** Whether a volume needs an attach before mounting (Azure disks do). Pure. */
function needsAttach(pv: DeepReadonly<PersistentVolume>): boolean {
  return pv.spec?.csi?.driver === 'disk.csi.azure.com';
}

/** The volumes of a pod still in the way of mounting: not yet processable (claim missing or unbound) or unattached. */
export interface VolumeProgress {
  readonly names: readonly string[];
  readonly unattached: readonly string[];
  readonly unprocessed: readonly string[];
}

/** Sorts a pod's claim volumes by what they still wait for, on `node`. Pure. */
export function volumeProgress(store: ObjectStore, pod: DeepReadonly<Pod>, node: string, attachments: AttachmentView | undefined): VolumeProgress {
  const names: string[] = [], unattached: string[] = [], unprocessed: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const claimName = v.persistentVolumeClaim?.claimName;
    if (!claimName) continue;
    names.push(v.name);
    const claim = store.get(objectKey('PersistentVolumeClaim', pod.metadata?.namespace, claimName)) as DeepReadonly<PersistentVolumeClaim> | undefined;
    const pv = claim?.spec?.volumeName ? store.get(objectKey('PersistentVolume', undefined, claim.spec.volumeName)) as DeepReadonly<PersistentVolume> | undefined : undefined;
    if (!claim || claim.status?.phase !== 'Bound' || !pv) { unprocessed.push(v.name); unattached.push(v.name); continue; }
    if (attachments && needsAttach(pv) && !attachments.isAttached(pv.metadata!.name!, node)) unattached.push(v.name);
  }
  return { names, unattached, unprocessed };
}

/** The FailedMount message of WaitForAttachAndMount's timeout. Pure. */
export function failedMountMessage(p: VolumeProgress): string {
  return `Unable to attach or mount volumes: unmounted volumes=[${p.names.join(' ')}], unattached volumes=[${p.unattached.join(' ')}], failed to process volumes=[${p.unprocessed.join(' ')}]: context deadline exceeded`;
}

interface MountWait {
  since: number;
  mountedAt?: number;
}

export type MountResult =
  | { readonly mounted: true }
  | { readonly mounted: false; readonly wakeAt: number; readonly failedMount?: string };

/** Data held by each volume, by PersistentVolume name (a new claim gets a new, empty volume), and pods' mount waits. */
export class VolumeData {
  private readonly byVolume = new Map<string, Map<string, unknown>>();
  private readonly waits = new Map<string, MountWait>();

  constructor(private readonly attachments?: AttachmentView, private readonly rng?: Rng) {}

  /** WaitForAttachAndMount for a pod on `node` at `now`: mounted, or when to look again (and a FailedMount to report). */
  waitForMount(store: ObjectStore, pod: DeepReadonly<Pod> & K8sObject, node: string, now: number): MountResult {
    if (!(pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim)) return { mounted: true };
    const uid = pod.metadata.uid!;
    let wait = this.waits.get(uid);
    if (!wait) { wait = { since: now }; this.waits.set(uid, wait); }
    const progress = volumeProgress(store, pod, node, this.attachments);
    if (progress.unattached.length === 0) {
      wait.mountedAt ??= now + (this.rng ? this.rng.jitter(MOUNT_DELAY.ms, MOUNT_DELAY.jitterMs) : MOUNT_DELAY.ms);
      if (now >= wait.mountedAt) return { mounted: true };
      return { mounted: false, wakeAt: wait.mountedAt };
    }
    wait.mountedAt = undefined;
    const deadline = wait.since + ATTACH_AND_MOUNT_TIMEOUT_MS;
    if (now < deadline) return { mounted: false, wakeAt: deadline };
    wait.since = now;
    return { mounted: false, wakeAt: now + ATTACH_AND_MOUNT_TIMEOUT_MS, failedMount: failedMountMessage(progress) };
  }

  /** Forgets a pod's mount wait (it was torn down). */
  forget(podUid: string): void {
    this.waits.delete(podUid);
  }

  /** The data map of the volume mounted at `mountPath` in `container`, or undefined if no bound claim is there. */
  dataFor(store: ObjectStore, pod: DeepReadonly<Pod>, container: DeepReadonly<Container>, mountPath: string): Map<string, unknown> | undefined {
    const mount = container.volumeMounts?.find((m) => m.mountPath.replace(/\/+$/, '') === mountPath.replace(/\/+$/, ''));
    if (!mount) return undefined;
    const volume = pod.spec?.volumes?.find((v) => v.name === mount.name);
    const claimName = volume?.persistentVolumeClaim?.claimName;
    if (!claimName) return undefined;
    const claim = store.get(objectKey('PersistentVolumeClaim', pod.metadata?.namespace, claimName)) as (DeepReadonly<PersistentVolumeClaim> & K8sObject) | undefined;
    const volumeName = claim?.spec?.volumeName;
    if (!claim || claim.status?.phase !== 'Bound' || !volumeName) return undefined;
    let data = this.byVolume.get(volumeName);
    if (!data) { data = new Map(); this.byVolume.set(volumeName, data); }
    return data;
  }

  /** Forgets a deleted volume's data. */
  release(volumeName: string): void {
    this.byVolume.delete(volumeName);
  }
}
