// The pod pass of the picture: each visible pod's token data (state, owner, replacement), reused from the last pass
// while the pod object is the same, grouped by the node it is bound to ('' for pods not scheduled yet).
import type { Pod, SimTime, Stored } from '../../../sim/model/types';
import { keyOf } from '../../../sim/model/keys';
import { controllerOf, podIP } from '../../../sim/model/pod';
import type { ObjectsByKey } from '../../lib/cluster-view';
import type { HistoryTracker } from './history';
import { ownerOf, type OwnerInfo } from './owners';
import { podState } from './pod-state';
import type { Departure } from './replacements';
import type { PodToken } from './scene-types';
import { isVisibleNamespace, type NamespaceFilter } from './visibility';

/** A token before it has a place. */
export type PodData = Omit<PodToken, 'rect'> & { readonly pod: Stored<Pod> };

/** How long a replacement pod carries its "replaces …" label (virtual ms). */
export const REPLACES_LABEL_MS = 30_000;

export interface PodPass {
  /** Visible pods by node name ('' for unscheduled), each list in view order. */
  readonly byNode: ReadonlyMap<string, readonly PodData[]>;
  readonly byUid: ReadonlyMap<string, PodData>;
  readonly count: number;
  /** The earliest virtual time a visible "replaces" label expires (Infinity for none). */
  readonly nextExpiryMs: SimTime;
}

/**
 * Owner infos for pods: computed once per controller (and ReplicaSet version) rather than once per pod, and interned
 * by content so unchanged owners keep their identity across passes.
 */
export class OwnerInterner {
  private readonly byContent = new Map<string, OwnerInfo>();
  private readonly byController = new Map<string, { rs: unknown; info: OwnerInfo }>();

  /** The one object for owners with this content. */
  intern(info: OwnerInfo): OwnerInfo {
    const id = `${info.key}|${info.groupKey ?? ''}|${info.tag}|${info.colour}`;
    const known = this.byContent.get(id);
    if (known) return known;
    if (this.byContent.size > 5_000) this.byContent.clear();
    this.byContent.set(id, info);
    return info;
  }

  /** The owner of `pod`, reusing the answer for its controller while that controller's ReplicaSet is unchanged. */
  ownerOf(pod: Stored<Pod>, replicaSets: ObjectsByKey): OwnerInfo {
    const ref = controllerOf(pod);
    if (!ref) return this.intern(ownerOf(pod, replicaSets));
    const key = `${ref.kind}/${pod.metadata.namespace ?? ''}/${ref.name}`;
    const rs = ref.kind === 'ReplicaSet' ? replicaSets.get(key) : undefined;
    const cached = this.byController.get(key);
    if (cached && cached.rs === rs) return cached.info;
    const info = this.intern(ownerOf(pod, replicaSets));
    if (this.byController.size > 5_000) this.byController.clear();
    this.byController.set(key, { rs, info });
    return info;
  }
}

/**
 * Builds the pod pass, reusing `previous` entries whose pod, owner and replacement label are unchanged. O(pods).
 * `history` must already have observed the view the pods come from.
 */
export function podPass(
  pods: ObjectsByKey, replicaSets: ObjectsByKey, filter: NamespaceFilter, history: HistoryTracker, nowMs: SimTime,
  previous: PodPass | undefined, owners: OwnerInterner,
): PodPass {
  const byNode = new Map<string, PodData[]>();
  const byUid = new Map<string, PodData>();
  let nextExpiryMs = Infinity;
  for (const obj of pods.values()) {
    const pod = obj as unknown as Stored<Pod>;
    const namespace = pod.metadata.namespace ?? '';
    if (!isVisibleNamespace(namespace, filter)) continue;
    const uid = pod.metadata.uid ?? pod.metadata.name;
    const departure = history.replacementFor(uid);
    const replaces: Departure | undefined = departure && nowMs - departure.atMs < REPLACES_LABEL_MS ? departure : undefined;
    if (replaces) nextExpiryMs = Math.min(nextExpiryMs, replaces.atMs + REPLACES_LABEL_MS);
    const owner = owners.ownerOf(pod, replicaSets);
    const old = previous?.byUid.get(uid);
    const data: PodData = old && old.pod === pod && old.owner === owner && old.replaces === replaces ? old : {
      uid, key: keyOf(pod), name: pod.metadata.name, namespace, ip: podIP(pod), node: pod.spec?.nodeName || undefined,
      state: podState(pod), owner, replaces, pod,
    };
    byUid.set(uid, data);
    const node = data.node ?? '';
    let list = byNode.get(node);
    if (!list) byNode.set(node, (list = []));
    list.push(data);
  }
  return { byNode, byUid, count: byUid.size, nextExpiryMs };
}
