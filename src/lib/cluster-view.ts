// The page's copy of the cluster, as a watch cache in an informer keeps one: objects by kind and key, updated from
// the engine's Frames. `applyFrame` is pure; unchanged objects (and unchanged kinds) keep their identity.
import type { Frame, RunStatus } from '../../sim/protocol';
import type { K8sObject, Kind, Node, ObjectKey, Pod, Service, SimTime, Stored } from '../../sim/model/types';
import { keyOf, parseKey } from '../../sim/model/keys';

export type ObjectsByKey = ReadonlyMap<ObjectKey, K8sObject>;

export interface ClusterView {
  /** The engine's resourceVersion this view reflects (0 before the first frame). */
  readonly rv: number;
  /** Virtual ms since the session started. */
  readonly time: SimTime;
  /** Unix epoch ms of `time`, for AGE columns. */
  readonly epochMs: number;
  readonly status: RunStatus;
  /** One map per kind; a kind none of whose objects changed keeps the same map. */
  readonly kinds: ReadonlyMap<Kind, ObjectsByKey>;
}

const NO_OBJECTS: ObjectsByKey = new Map();

/** The view before the first frame. Pure. */
export function emptyView(): ClusterView {
  return { rv: 0, time: 0, epochMs: 0, status: 'caught-up', kinds: new Map() };
}

function sameVersion(a: K8sObject | undefined, b: K8sObject): boolean {
  return a !== undefined && a.metadata.uid === b.metadata.uid && a.metadata.resourceVersion === b.metadata.resourceVersion;
}

/** A full frame: the new set of objects, reusing the old object wherever uid and resourceVersion still match. */
function replaceAll(view: ClusterView, upserts: readonly K8sObject[]): Map<Kind, ObjectsByKey> {
  const kinds = new Map<Kind, Map<ObjectKey, K8sObject>>();
  for (const obj of upserts) {
    const key = keyOf(obj);
    const old = view.kinds.get(obj.kind)?.get(key);
    let byKey = kinds.get(obj.kind);
    if (!byKey) kinds.set(obj.kind, (byKey = new Map()));
    byKey.set(key, old && sameVersion(old, obj) ? old : obj);
  }
  // A kind whose every object is the same as before keeps its old map, so nothing downstream recomputes.
  const result = new Map<Kind, ObjectsByKey>();
  for (const [kind, byKey] of kinds) {
    const old = view.kinds.get(kind);
    const unchanged = old !== undefined && old.size === byKey.size && [...byKey].every(([k, o]) => old.get(k) === o);
    result.set(kind, unchanged ? old : byKey);
  }
  return result;
}

/** An incremental frame: copies only the maps of kinds that changed. */
function patch(view: ClusterView, upserts: readonly K8sObject[], deletes: readonly ObjectKey[]): ReadonlyMap<Kind, ObjectsByKey> {
  const touched = new Map<Kind, Map<ObjectKey, K8sObject>>();
  const writable = (kind: Kind): Map<ObjectKey, K8sObject> => {
    let byKey = touched.get(kind);
    if (!byKey) touched.set(kind, (byKey = new Map(view.kinds.get(kind) ?? NO_OBJECTS)));
    return byKey;
  };
  for (const obj of upserts) {
    const key = keyOf(obj);
    if (sameVersion(view.kinds.get(obj.kind)?.get(key), obj)) continue;
    writable(obj.kind).set(key, obj);
  }
  for (const key of deletes) {
    const { kind } = parseKey(key);
    if (view.kinds.get(kind)?.has(key) || touched.get(kind)?.has(key)) writable(kind).delete(key);
  }
  if (touched.size === 0) return view.kinds;
  const kinds = new Map<Kind, ObjectsByKey>(view.kinds);
  for (const [kind, byKey] of touched) {
    if (byKey.size === 0) kinds.delete(kind);
    else kinds.set(kind, byKey);
  }
  return kinds;
}

/**
 * Applies a Frame to a view and returns the new view; O(changes) plus one copy of each changed kind's map.
 * A `full` frame replaces the whole view. Pure: the input view is never modified.
 */
export function applyFrame(view: ClusterView, frame: Frame): ClusterView {
  const kinds = frame.full ? replaceAll(view, frame.upserts) : patch(view, frame.upserts, frame.deletes);
  return { rv: frame.rv, time: frame.time, epochMs: frame.epochMs, status: frame.status, kinds };
}

/** The objects of one kind, keyed by object key (an empty map when there are none). Pure. */
export function objectsOf(view: ClusterView, kind: Kind): ObjectsByKey {
  return view.kinds.get(kind) ?? NO_OBJECTS;
}

function byNamespaceThenName(a: K8sObject, b: K8sObject): number {
  const ns = (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '');
  return ns !== 0 ? ns : a.metadata.name.localeCompare(b.metadata.name);
}

/** Objects of one kind, in one namespace or all (`undefined`), sorted by namespace then name as kubectl lists them. Pure. */
export function listOf<T>(objects: ObjectsByKey, namespace?: string): Stored<T>[] {
  const list: K8sObject[] = [];
  for (const obj of objects.values()) {
    if (namespace === undefined || obj.metadata.namespace === namespace) list.push(obj);
  }
  return list.sort(byNamespaceThenName) as unknown as Stored<T>[];
}

/** Nodes sorted by name. Pure. */
export function nodesOf(view: ClusterView): Stored<Node>[] {
  return listOf<Node>(objectsOf(view, 'Node'));
}

/** Pods in a namespace (or all namespaces when `undefined`), sorted. Pure. */
export function podsOf(view: ClusterView, namespace?: string): Stored<Pod>[] {
  return listOf<Pod>(objectsOf(view, 'Pod'), namespace);
}

/** Services in a namespace (or all namespaces when `undefined`), sorted. Pure. */
export function servicesOf(view: ClusterView, namespace?: string): Stored<Service>[] {
  return listOf<Service>(objectsOf(view, 'Service'), namespace);
}

/** Pods grouped by the node they are bound to (`spec.nodeName`), each list sorted; unbound pods are left out. Pure. */
export function podsByNode(pods: ObjectsByKey): Map<string, Stored<Pod>[]> {
  const groups = new Map<string, Stored<Pod>[]>();
  for (const pod of listOf<Pod>(pods)) {
    const node = pod.spec?.nodeName;
    if (!node) continue;
    let list = groups.get(node);
    if (!list) groups.set(node, (list = []));
    list.push(pod);
  }
  return groups;
}

/** Namespace names present in the view, sorted. Pure. */
export function namespacesOf(view: ClusterView): string[] {
  return [...objectsOf(view, 'Namespace').values()].map((ns) => ns.metadata.name).sort();
}

/** The namespace filter's value for "all namespaces" (never a valid namespace name). */
export const ALL_NAMESPACES = '*';

/** The namespace to list for a filter value: `undefined` for all namespaces. Pure. */
export function namespaceFilter(selected: string): string | undefined {
  return selected === ALL_NAMESPACES ? undefined : selected;
}
