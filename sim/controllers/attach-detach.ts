// kube-controller-manager's attach/detach controller (pkg/controller/volume/attachdetach, reconciler.go): attaches
// each Azure disk to the node whose pods use it, detaches it once no pod there needs it, and reports a
// Multi-Attach error for pods on another node while the disk is still held elsewhere.
// SIMPLIFIED: no VolumeAttachment objects or node.status.volumesAttached; the attachments live in memory, shared
// with the kubelet; Azure Files volumes need no attach (file.csi.azure.com has attachRequired: false).
import type { DeepReadonly, K8sObject, ObjectKey, PersistentVolume, Pod } from '../model/types';
import { objectKey, parseKey } from '../model/keys';
import { isPodTerminal } from '../model/pod';
import type { Change, ObjectStore } from '../core/store';
import type { Controller, ReconcileContext, ReconcileResult, Watch } from '../core/controller';
import { AZURE_DISK_DRIVER } from '../scenarios/aks-storage';
import type { Delay } from './kubelet-timings';
import { claimNamesOf, podsUsingClaim, type PV, type PVC } from './persistent-volume-binder';

type P = K8sObject & DeepReadonly<Pod>;

/**
 * How long Azure takes to attach a managed disk to a VM and to detach it, and how long after its last pod is gone
 * the node still reports the volume in use (kubelet unmount, then node.status.volumesInUse), in virtual ms.
 */
export const ATTACH_TIMINGS = {
  attach: { ms: 4_000, jitterMs: 8_000 },
  detach: { ms: 3_000, jitterMs: 5_000 },
  inUse: { ms: 2_000, jitterMs: 8_000 },
} as const satisfies Record<string, Delay>;

export interface Attachment {
  readonly node: string;
  readonly state: 'attaching' | 'attached' | 'detaching';
  /** When the attach or detach in progress completes (virtual ms). */
  readonly doneAt: number;
  /** While detaching: until when the node still holds the volume in use, so a new pod there keeps it attached. */
  readonly inUseUntil?: number;
}

/** Which node each attachable volume is attached to: the controller writes it, the kubelet reads it. */
export class VolumeAttachments {
  private readonly byVolume = new Map<string, Attachment>();

  get(volume: string): Attachment | undefined {
    return this.byVolume.get(volume);
  }

  set(volume: string, attachment: Attachment | undefined): void {
    if (attachment) this.byVolume.set(volume, attachment); else this.byVolume.delete(volume);
  }

  /** Whether the volume is attached to `node` and ready for the kubelet to mount. */
  isAttached(volume: string, node: string): boolean {
    const a = this.byVolume.get(volume);
    return !!a && a.node === node && a.state === 'attached';
  }
}

/** Whether a volume needs attaching before a node can mount it (its CSIDriver's attachRequired). Pure. */
export function isAttachable(pv: DeepReadonly<PersistentVolume>): boolean {
  return pv.spec?.csi?.driver === AZURE_DISK_DRIVER;
}

/**
 * The next attachment state for the nodes that want the volume (in priority order) at `now`: a volume no pod
 * needs is detached once its node stops reporting it in use, unless a pod on that node wants it again first. Pure.
 */
export function nextAttachment(current: Attachment | undefined, wanted: readonly string[], now: number,
  delay: (kind: keyof typeof ATTACH_TIMINGS) => number): Attachment | undefined {
  let a = current;
  if (a?.state === 'detaching' && wanted.includes(a.node) && now < (a.inUseUntil ?? 0)) a = { node: a.node, state: 'attached', doneAt: a.inUseUntil! };
  if (a?.state === 'detaching' && now >= a.doneAt) a = undefined;
  if (!a) return wanted.length > 0 ? { node: wanted[0], state: 'attaching', doneAt: now + delay('attach') } : undefined;
  if (a.state === 'attaching' && now >= a.doneAt) a = { ...a, state: 'attached' };
  if (a.state === 'attached' && !wanted.includes(a.node)) {
    const inUseUntil = now + delay('inUse');
    a = { node: a.node, state: 'detaching', inUseUntil, doneAt: inUseUntil + delay('detach') };
  }
  return a;
}

/** The attachdetach-controller: reconciles one attachable volume at a time, woken by its pods, claim and itself. */
export class AttachDetachController implements Controller {
  readonly name = 'attachdetach-controller';
  readonly latencyMs = 5;
  readonly watches: readonly Watch[] = [
    { kind: 'Pod', keys: (change, store) => this.volumeKeysOfPod(change, store) },
    {
      kind: 'PersistentVolumeClaim',
      keys: (change) => {
        const volume = (change.object as PVC).spec?.volumeName;
        return volume ? [objectKey('PersistentVolume', undefined, volume)] : [];
      },
    },
    { kind: 'PersistentVolume' },
  ];
  /** Pods already told about a Multi-Attach error, as `<pod uid>/<volume>`. */
  private readonly reported = new Set<string>();

  constructor(private readonly attachments: VolumeAttachments, private readonly kubeletSync: (podKey: ObjectKey) => void) {}

  private volumeKeysOfPod(change: Change, store: ObjectStore): ObjectKey[] {
    const keys = new Set<ObjectKey>();
    for (const pod of [change.object, change.previous] as (P | undefined)[]) {
      if (!pod?.spec?.nodeName) continue;
      for (const name of claimNamesOf(pod)) {
        const claim = store.get(objectKey('PersistentVolumeClaim', pod.metadata.namespace, name)) as PVC | undefined;
        if (claim?.spec?.volumeName) keys.add(objectKey('PersistentVolume', undefined, claim.spec.volumeName));
      }
    }
    return [...keys].sort();
  }

  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const name = parseKey(key).name;
    const pv = ctx.store.get(key) as PV | undefined;
    if (!pv || !isAttachable(pv)) { this.attachments.set(name, undefined); return; }
    const pods = this.podsOf(pv, ctx.store);
    const wanted = [...new Set(pods.map((p) => p.spec!.nodeName!))];
    const before = this.attachments.get(name);
    const after = nextAttachment(before, wanted, ctx.now, (kind) => ctx.rng.jitter(ATTACH_TIMINGS[kind].ms, ATTACH_TIMINGS[kind].jitterMs));
    this.attachments.set(name, after);
    if (after?.state === 'attached' && before?.state !== 'attached') {
      // A detach called off in time needs no new attach (and no event); the kubelet hears either way.
      for (const pod of pods.filter((p) => p.spec!.nodeName === after.node)) {
        if (before?.state === 'attaching') ctx.recordEvent(pod, 'Normal', 'SuccessfulAttachVolume', `AttachVolume.Attach succeeded for volume "${name}" `);
        this.reported.delete(`${pod.metadata.uid}/${name}`);
        this.kubeletSync(objectKey('Pod', pod.metadata.namespace, pod.metadata.name));
      }
    }
    if (after) this.reportMultiAttach(name, after.node, pods, ctx);
    if (after && after.state !== 'attached') return { requeueAfterMs: Math.max(0, after.doneAt - ctx.now) };
  }

  /** The scheduled, unfinished pods that mount the claim bound to this volume, by name. */
  private podsOf(pv: PV, store: ObjectStore): P[] {
    const ref = pv.spec?.claimRef;
    if (!ref?.name) return [];
    const claim = store.get(objectKey('PersistentVolumeClaim', ref.namespace, ref.name)) as PVC | undefined;
    if (!claim || claim.spec?.volumeName !== pv.metadata.name) return [];
    return podsUsingClaim<P>(store, claim.metadata.namespace, claim.metadata.name).filter((p) => !!p.spec?.nodeName && !isPodTerminal(p));
  }

  /** reportMultiAttachError: once per pod, naming the pods in its namespace that hold the volume on the other node. */
  private reportMultiAttach(volume: string, holder: string, pods: readonly P[], ctx: ReconcileContext): void {
    const holders = pods.filter((p) => p.spec!.nodeName === holder);
    for (const pod of pods) {
      const id = `${pod.metadata.uid}/${volume}`;
      if (pod.spec!.nodeName === holder || this.reported.has(id)) continue;
      this.reported.add(id);
      const local = holders.filter((h) => h.metadata.namespace === pod.metadata.namespace).map((h) => h.metadata.name);
      const others = holders.length - local.length;
      let detail = 'Volume is already exclusively attached to one node and can\'t be attached to another';
      if (local.length > 0) detail = `Volume is already used by pod(s) ${local.join(', ')}${others > 0 ? ` and ${others} pod(s) in different namespaces` : ''}`;
      else if (others > 0) detail = `Volume is already used by ${others} pod(s) in different namespaces`;
      ctx.recordEvent(pod, 'Warning', 'FailedAttachVolume', `Multi-Attach error for volume "${volume}" ${detail}`);
    }
  }
}
