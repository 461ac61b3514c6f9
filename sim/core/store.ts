// The apiserver's storage: versioned objects, indexes (kind, namespace, owner, label, custom), a change log and
// watches. Only `api.ts` writes here; everybody else reads.
import type { K8sObject, Kind, ObjectKey } from '../model/types';
import { keyOf } from '../model/keys';
import { matchesRequirements, type Requirement } from '../model/labels';
import { deleteFrom, labelIndexKey, mapFor, setFor } from './index-maps';
import { ChangeLog } from './change-log';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  readonly rv: number;
  readonly type: ChangeType;
  readonly key: ObjectKey;
  readonly kind: Kind;
  /** The object after the change (for DELETED: the last stored version). */
  readonly object: K8sObject;
  readonly previous: K8sObject | undefined;
}

export type Indexer = (obj: K8sObject) => readonly string[];
export type WatchHandler = (change: Change) => void;

interface IndexDef {
  readonly kind: Kind;
  readonly fn: Indexer;
  readonly entries: Map<string, Set<ObjectKey>>;
}

const EMPTY: ReadonlySet<ObjectKey> = new Set();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/** A versioned object store with indexes; reads return stored objects, which nobody may mutate. */
export class ObjectStore {
  private readonly objects = new Map<ObjectKey, K8sObject>();
  private readonly byKind = new Map<Kind, Map<ObjectKey, K8sObject>>();
  private readonly byKindNs = new Map<string, Map<ObjectKey, K8sObject>>();
  private readonly byUid = new Map<string, ObjectKey>();
  private readonly byOwnerUid = new Map<string, Set<ObjectKey>>();
  private readonly byLabel = new Map<string, Set<ObjectKey>>();
  private readonly indexes = new Map<string, IndexDef>();
  private readonly watchers: WatchHandler[] = [];
  private readonly log: ChangeLog;
  private rv = 0;

  constructor(private readonly opts: { freeze?: boolean; maxLogEntries?: number } = {}) {
    this.log = new ChangeLog(opts.maxLogEntries ?? 10_000);
  }

  /** The last resourceVersion handed out. */
  get resourceVersion(): number {
    return this.rv;
  }

  /** The next resourceVersion, reserved by the writer. */
  nextResourceVersion(): number {
    return ++this.rv;
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: ObjectKey): K8sObject | undefined {
    return this.objects.get(key);
  }

  getByUid(uid: string): K8sObject | undefined {
    const key = this.byUid.get(uid);
    return key === undefined ? undefined : this.objects.get(key);
  }

  /** All objects of a kind (optionally in one namespace), sorted by namespace then name as the apiserver lists. */
  list<T extends K8sObject = K8sObject>(kind: Kind, namespace?: string): T[] {
    const items = [...this.iterate(kind, namespace)] as T[];
    return items.sort(byNamespaceName);
  }

  /** Objects of a kind without sorting, for counting and aggregate work. */
  iterate(kind: Kind, namespace?: string): IterableIterator<K8sObject> {
    const map = namespace === undefined ? this.byKind.get(kind) : this.byKindNs.get(`${kind}/${namespace}`);
    return (map ?? new Map<ObjectKey, K8sObject>()).values();
  }

  count(kind: Kind, namespace?: string): number {
    const map = namespace === undefined ? this.byKind.get(kind) : this.byKindNs.get(`${kind}/${namespace}`);
    return map?.size ?? 0;
  }

  /** Objects that name `ownerUid` in their ownerReferences, sorted by name. */
  ownedBy<T extends K8sObject = K8sObject>(ownerUid: string, kind?: Kind): T[] {
    const out: T[] = [];
    for (const key of this.byOwnerUid.get(ownerUid) ?? EMPTY) {
      const obj = this.objects.get(key)!;
      if (kind === undefined || obj.kind === kind) out.push(obj as T);
    }
    return out.sort(byNamespaceName);
  }

  /** Objects of `kind` in `namespace` whose labels satisfy every requirement, narrowed through the label index. */
  select<T extends K8sObject = K8sObject>(kind: Kind, namespace: string | undefined, reqs: readonly Requirement[]): T[] {
    let candidates: Iterable<ObjectKey> | undefined;
    let best = Infinity;
    if (namespace !== undefined) {
      for (const req of reqs) {
        if ((req.operator === '=' || req.operator === '==' || req.operator === 'in') && req.values.length === 1) {
          const set = this.byLabel.get(labelIndexKey(kind, namespace, req.key, req.values[0])) ?? EMPTY;
          if (set.size < best) { best = set.size; candidates = set; }
        }
      }
    }
    const out: T[] = [];
    if (candidates) {
      for (const key of candidates) {
        const obj = this.objects.get(key)!;
        if (matchesRequirements(reqs, obj.metadata.labels)) out.push(obj as T);
      }
    } else {
      for (const obj of this.iterate(kind, namespace)) {
        if (matchesRequirements(reqs, obj.metadata.labels)) out.push(obj as T);
      }
    }
    return out.sort(byNamespaceName);
  }

  /** Registers a custom index (e.g. pods by node); must be added before objects of that kind are stored. */
  addIndex(name: string, kind: Kind, fn: Indexer): void {
    const def: IndexDef = { kind, fn, entries: new Map() };
    this.indexes.set(name, def);
    for (const obj of this.iterate(kind)) this.indexAdd(def, obj);
  }

  /** Keys under one value of a custom index. */
  indexKeys(name: string, value: string): ReadonlySet<ObjectKey> {
    return this.indexes.get(name)?.entries.get(value) ?? EMPTY;
  }

  /** Objects under one value of a custom index, sorted by name. */
  byIndex<T extends K8sObject = K8sObject>(name: string, value: string): T[] {
    const out: T[] = [];
    for (const key of this.indexKeys(name, value)) out.push(this.objects.get(key)! as T);
    return out.sort(byNamespaceName);
  }

  /** Called synchronously after every write, in write order. */
  watch(handler: WatchHandler): void {
    this.watchers.push(handler);
  }

  /** Stores `obj` (already stamped with its resourceVersion by the writer) and notifies watchers. */
  put(obj: K8sObject): Change {
    const key = keyOf(obj);
    const previous = this.objects.get(key);
    if (this.opts.freeze) deepFreeze(obj);
    this.objects.set(key, obj);
    if (previous) this.reindex(key, previous, obj); else this.index(key, obj);
    return this.record({ rv: Number(obj.metadata.resourceVersion), type: previous ? 'MODIFIED' : 'ADDED', key, kind: obj.kind, object: obj, previous });
  }

  /** Removes an object and notifies watchers; returns undefined if it was not there. */
  remove(key: ObjectKey): Change | undefined {
    const previous = this.objects.get(key);
    if (!previous) return undefined;
    this.unindex(key, previous);
    this.objects.delete(key);
    return this.record({ rv: this.nextResourceVersion(), type: 'DELETED', key, kind: previous.kind, object: previous, previous });
  }

  /** Changes with rv > sinceRv, or undefined when the log no longer reaches back that far. O(changes). */
  changesSince(sinceRv: number): Change[] | undefined {
    return this.log.since(sinceRv);
  }

  /** Every stored object, in no particular order. */
  all(): IterableIterator<K8sObject> {
    return this.objects.values();
  }

  private record(change: Change): Change {
    this.log.append(change);
    for (const handler of this.watchers) handler(change);
    return change;
  }

  private index(key: ObjectKey, obj: K8sObject): void {
    const ns = obj.metadata.namespace ?? '';
    mapFor(this.byKind, obj.kind).set(key, obj);
    mapFor(this.byKindNs, `${obj.kind}/${ns}`).set(key, obj);
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, key);
    for (const ref of obj.metadata.ownerReferences ?? []) setFor(this.byOwnerUid, ref.uid).add(key);
    const labels = obj.metadata.labels;
    if (labels) for (const k in labels) setFor(this.byLabel, labelIndexKey(obj.kind, ns, k, labels[k])).add(key);
    for (const def of this.indexes.values()) if (def.kind === obj.kind) this.indexAdd(def, obj);
  }

  /** Moves an updated object's index entries; only what changed is touched (most writes change status only). */
  private reindex(key: ObjectKey, old: K8sObject, obj: K8sObject): void {
    const ns = obj.metadata.namespace ?? '';
    this.byKind.get(obj.kind)!.set(key, obj);
    this.byKindNs.get(`${obj.kind}/${ns}`)!.set(key, obj);
    if (old.metadata.uid !== obj.metadata.uid) {
      if (old.metadata.uid) this.byUid.delete(old.metadata.uid);
      if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, key);
    }
    if (!sameOwners(old.metadata.ownerReferences, obj.metadata.ownerReferences)) {
      for (const ref of old.metadata.ownerReferences ?? []) deleteFrom(this.byOwnerUid, ref.uid, key);
      for (const ref of obj.metadata.ownerReferences ?? []) setFor(this.byOwnerUid, ref.uid).add(key);
    }
    if (old.metadata.labels !== obj.metadata.labels) {
      const before = old.metadata.labels;
      const after = obj.metadata.labels;
      if (before) for (const k in before) if (after?.[k] !== before[k]) deleteFrom(this.byLabel, labelIndexKey(obj.kind, ns, k, before[k]), key);
      if (after) for (const k in after) if (before?.[k] !== after[k]) setFor(this.byLabel, labelIndexKey(obj.kind, ns, k, after[k])).add(key);
    }
    for (const def of this.indexes.values()) {
      if (def.kind !== obj.kind) continue;
      const before = def.fn(old);
      const after = def.fn(obj);
      if (before.length === after.length && before.every((v, i) => v === after[i])) continue;
      for (const value of before) deleteFrom(def.entries, value, key);
      for (const value of after) setFor(def.entries, value).add(key);
    }
  }

  private unindex(key: ObjectKey, obj: K8sObject): void {
    const ns = obj.metadata.namespace ?? '';
    this.byKind.get(obj.kind)?.delete(key);
    this.byKindNs.get(`${obj.kind}/${ns}`)?.delete(key);
    if (obj.metadata.uid) this.byUid.delete(obj.metadata.uid);
    for (const ref of obj.metadata.ownerReferences ?? []) deleteFrom(this.byOwnerUid, ref.uid, key);
    const labels = obj.metadata.labels;
    if (labels) for (const k in labels) deleteFrom(this.byLabel, labelIndexKey(obj.kind, ns, k, labels[k]), key);
    for (const def of this.indexes.values()) {
      if (def.kind !== obj.kind) continue;
      for (const value of def.fn(obj)) deleteFrom(def.entries, value, key);
    }
  }

  private indexAdd(def: IndexDef, obj: K8sObject): void {
    const key = keyOf(obj);
    for (const value of def.fn(obj)) setFor(def.entries, value).add(key);
  }
}

/** Namespace, then name, byte-wise: the apiserver's list order (etcd key order). Pure. */
/** Whether two ownerReferences lists name the same owners in the same order (copies of one list usually do). */
function sameOwners(a: K8sObject['metadata']['ownerReferences'], b: K8sObject['metadata']['ownerReferences']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return (a?.length ?? 0) === 0 && (b?.length ?? 0) === 0;
  for (let i = 0; i < a.length; i++) if (a[i].uid !== b[i].uid) return false;
  return true;
}

export function byNamespaceName(a: K8sObject, b: K8sObject): number {
  const na = a.metadata.namespace ?? '', nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const x = a.metadata.name, y = b.metadata.name;
  return x < y ? -1 : x > y ? 1 : 0;
}
