// The apiserver's storage: versioned objects, indexes (kind, namespace, owner, label, custom), a change log and
// watches. Only `api.ts` writes here; everybody else reads.
import type { K8sObject, Kind, ObjectKey } from '../model/types';
import { keyOf } from '../model/keys';
import { matchesRequirements, type Requirement } from '../model/labels';
import { deleteFrom, mapFor, setFor } from './index-maps';
import { deleteEntry, EMPTY_ENTRY_SET, entrySetFor, type Entry, type EntrySet } from './entry-set';
import { ChangeLog } from './change-log';
import { sortInPlace } from './sort';

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
const NO_INDEXES: readonly IndexDef[] = [];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/** The objects of one kind in one namespace, with their label index (`key` → `value` → entries). */
interface Bucket {
  readonly entries: Map<ObjectKey, Entry>;
  readonly labels: Map<string, Map<string, EntrySet>>;
}

const NO_ENTRIES: ReadonlyMap<ObjectKey, Entry> = new Map();

function* objectsOf(entries: ReadonlyMap<ObjectKey, Entry>): IterableIterator<K8sObject> {
  for (const entry of entries.values()) yield entry.obj;
}

/** A versioned object store with indexes; reads return stored objects, which nobody may mutate. */
export class ObjectStore {
  private readonly objects = new Map<ObjectKey, Entry>();
  private readonly byKind = new Map<Kind, Map<ObjectKey, Entry>>();
  private readonly byKindNs = new Map<Kind, Map<string, Bucket>>();
  private readonly byUid = new Map<string, ObjectKey>();
  private readonly byOwnerUid = new Map<string, EntrySet>();
  private readonly indexes = new Map<string, IndexDef>();
  /** The custom indexes of each kind, so a write looks only at its own kind's. */
  private readonly indexesByKind = new Map<Kind, IndexDef[]>();
  private readonly watchers: WatchHandler[] = [];
  /** Writes per kind, counted before watchers hear of them. */
  private readonly writesByKind = new Map<Kind, number>();
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
    return this.objects.get(key)?.obj;
  }

  getByUid(uid: string): K8sObject | undefined {
    const key = this.byUid.get(uid);
    return key === undefined ? undefined : this.objects.get(key)?.obj;
  }

  /** All objects of a kind (optionally in one namespace), sorted by namespace then name as the apiserver lists. */
  list<T extends K8sObject = K8sObject>(kind: Kind, namespace?: string): T[] {
    const items = [...this.iterate(kind, namespace)] as T[];
    return sortByNamespaceName(items);
  }

  /** Objects of a kind without sorting, for counting and aggregate work. */
  iterate(kind: Kind, namespace?: string): IterableIterator<K8sObject> {
    return objectsOf(this.entriesOf(kind, namespace));
  }

  count(kind: Kind, namespace?: string): number {
    return this.entriesOf(kind, namespace).size;
  }

  /** Objects that name `ownerUid` in their ownerReferences, sorted by name. */
  ownedBy<T extends K8sObject = K8sObject>(ownerUid: string, kind?: Kind): T[] {
    const out: T[] = [];
    // The set keeps its members sorted, and keeping some of a stably sorted list keeps it sorted.
    for (const entry of (this.byOwnerUid.get(ownerUid) ?? EMPTY_ENTRY_SET).inOrder(byNamespaceName)) {
      const obj = entry.obj;
      if (kind === undefined || obj.kind === kind) out.push(obj as T);
    }
    return out;
  }

  /** Objects of `kind` in `namespace` whose labels satisfy every requirement, narrowed through the label index. */
  select<T extends K8sObject = K8sObject>(kind: Kind, namespace: string | undefined, reqs: readonly Requirement[]): T[] {
    let candidates: EntrySet | undefined;
    if (namespace !== undefined) {
      const labels = this.byKindNs.get(kind)?.get(namespace)?.labels;
      for (const req of reqs) {
        if ((req.operator === '=' || req.operator === '==' || req.operator === 'in') && req.values.length === 1) {
          const set = labels?.get(req.key)?.get(req.values[0]) ?? EMPTY_ENTRY_SET;
          if (candidates === undefined || set.size < candidates.size) candidates = set;
        }
      }
    }
    const out: T[] = [];
    // The index sets keep their members sorted, so what is taken from them in order needs no sorting.
    if (candidates && reqs.length === 1) {
      // The index holds exactly the objects with this one `key=value`: nothing else to check.
      for (const entry of candidates.inOrder(byNamespaceName)) out.push(entry.obj as T);
      return out;
    }
    if (candidates) {
      for (const entry of candidates.inOrder(byNamespaceName)) {
        if (matchesRequirements(reqs, entry.obj.metadata.labels)) out.push(entry.obj as T);
      }
      return out;
    }
    for (const entry of this.entriesOf(kind, namespace).values()) {
      if (matchesRequirements(reqs, entry.obj.metadata.labels)) out.push(entry.obj as T);
    }
    return sortByNamespaceName(out);
  }

  /** Registers a custom index (e.g. pods by node); must be added before objects of that kind are stored. */
  addIndex(name: string, kind: Kind, fn: Indexer): void {
    const def: IndexDef = { kind, fn, entries: new Map() };
    this.indexes.set(name, def);
    this.indexesByKind.clear();
    for (const d of this.indexes.values()) {
      const list = this.indexesByKind.get(d.kind);
      if (list) list.push(d); else this.indexesByKind.set(d.kind, [d]);
    }
    for (const obj of this.iterate(kind)) this.indexAdd(def, obj);
  }

  /** Keys under one value of a custom index. */
  indexKeys(name: string, value: string): ReadonlySet<ObjectKey> {
    return this.indexes.get(name)?.entries.get(value) ?? EMPTY;
  }

  /** Objects under one value of a custom index, sorted by name. */
  byIndex<T extends K8sObject = K8sObject>(name: string, value: string): T[] {
    const out: T[] = [];
    for (const key of this.indexKeys(name, value)) out.push(this.objects.get(key)!.obj as T);
    return sortByNamespaceName(out);
  }

  /** Called synchronously after every write, in write order. */
  watch(handler: WatchHandler): void {
    this.watchers.push(handler);
  }

  /** Stores `obj` (already stamped with its resourceVersion by the writer) and notifies watchers. */
  put(obj: K8sObject, key: ObjectKey = keyOf(obj)): Change {
    const entry = this.objects.get(key);
    const previous = entry?.obj;
    if (this.opts.freeze) deepFreeze(obj);
    if (entry) {
      entry.obj = obj;
      this.reindex(key, entry, previous!, obj);
    } else this.index(key, obj);
    return this.record({ rv: Number(obj.metadata.resourceVersion), type: previous ? 'MODIFIED' : 'ADDED', key, kind: obj.kind, object: obj, previous });
  }

  /** Removes an object and notifies watchers; returns undefined if it was not there. */
  remove(key: ObjectKey): Change | undefined {
    const entry = this.objects.get(key);
    if (!entry) return undefined;
    const previous = entry.obj;
    this.unindex(key, entry);
    this.objects.delete(key);
    return this.record({ rv: this.nextResourceVersion(), type: 'DELETED', key, kind: previous.kind, object: previous, previous });
  }

  /** How many writes (puts and removes) objects of `kind` have seen; it changes before any watcher runs. */
  writesOf(kind: Kind): number {
    return this.writesByKind.get(kind) ?? 0;
  }

  /** Changes with rv > sinceRv, or undefined when the log no longer reaches back that far. O(changes). */
  changesSince(sinceRv: number): Change[] | undefined {
    return this.log.since(sinceRv);
  }

  /** Every stored object, in no particular order. */
  all(): IterableIterator<K8sObject> {
    return objectsOf(this.objects);
  }

  private record(change: Change): Change {
    this.writesByKind.set(change.kind, (this.writesByKind.get(change.kind) ?? 0) + 1);
    this.log.append(change);
    for (const handler of this.watchers) handler(change);
    return change;
  }

  private entriesOf(kind: Kind, namespace: string | undefined): ReadonlyMap<ObjectKey, Entry> {
    const map = namespace === undefined ? this.byKind.get(kind) : this.byKindNs.get(kind)?.get(namespace)?.entries;
    return map ?? NO_ENTRIES;
  }

  private bucket(kind: Kind, ns: string): Bucket {
    let namespaces = this.byKindNs.get(kind);
    if (!namespaces) { namespaces = new Map(); this.byKindNs.set(kind, namespaces); }
    let bucket = namespaces.get(ns);
    if (!bucket) { bucket = { entries: new Map(), labels: new Map() }; namespaces.set(ns, bucket); }
    return bucket;
  }

  private index(key: ObjectKey, obj: K8sObject): void {
    const entry: Entry = { obj };
    const bucket = this.bucket(obj.kind, obj.metadata.namespace ?? '');
    this.objects.set(key, entry);
    mapFor(this.byKind, obj.kind).set(key, entry);
    bucket.entries.set(key, entry);
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, key);
    for (const ref of obj.metadata.ownerReferences ?? []) entrySetFor(this.byOwnerUid, ref.uid).add(entry);
    const labels = obj.metadata.labels;
    if (labels) for (const k in labels) addLabel(bucket, k, labels[k], entry);
    for (const def of this.indexesOf(obj.kind)) this.indexAdd(def, obj);
  }

  /** Moves an updated object's index entries; only what changed is touched (most writes change status only). */
  private reindex(key: ObjectKey, entry: Entry, old: K8sObject, obj: K8sObject): void {
    if (old.metadata.uid !== obj.metadata.uid) {
      if (old.metadata.uid) this.byUid.delete(old.metadata.uid);
      if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, key);
    }
    if (!sameOwners(old.metadata.ownerReferences, obj.metadata.ownerReferences)) {
      for (const ref of old.metadata.ownerReferences ?? []) deleteEntry(this.byOwnerUid, ref.uid, entry);
      for (const ref of obj.metadata.ownerReferences ?? []) entrySetFor(this.byOwnerUid, ref.uid).add(entry);
    }
    if (old.metadata.labels !== obj.metadata.labels) {
      const before = old.metadata.labels;
      const after = obj.metadata.labels;
      let bucket: Bucket | undefined;
      if (before) for (const k in before) if (after?.[k] !== before[k]) deleteLabel(bucket ??= this.bucket(obj.kind, obj.metadata.namespace ?? ''), k, before[k], entry);
      if (after) for (const k in after) if (before?.[k] !== after[k]) addLabel(bucket ??= this.bucket(obj.kind, obj.metadata.namespace ?? ''), k, after[k], entry);
    }
    for (const def of this.indexesOf(obj.kind)) {
      const before = def.fn(old);
      const after = def.fn(obj);
      if (sameValues(before, after)) continue;
      // Only the values that come or go are touched: a slice that changes one address keeps the others' sets.
      const had = valueSet(before), has = valueSet(after);
      for (const value of before) if (!has.has(value)) deleteFrom(def.entries, value, key);
      for (const value of after) if (!had.has(value)) setFor(def.entries, value).add(key);
    }
  }

  private unindex(key: ObjectKey, entry: Entry): void {
    const obj = entry.obj;
    const bucket = this.bucket(obj.kind, obj.metadata.namespace ?? '');
    this.byKind.get(obj.kind)?.delete(key);
    bucket.entries.delete(key);
    if (obj.metadata.uid) this.byUid.delete(obj.metadata.uid);
    for (const ref of obj.metadata.ownerReferences ?? []) deleteEntry(this.byOwnerUid, ref.uid, entry);
    const labels = obj.metadata.labels;
    if (labels) for (const k in labels) deleteLabel(bucket, k, labels[k], entry);
    for (const def of this.indexesOf(obj.kind)) {
      for (const value of def.fn(obj)) deleteFrom(def.entries, value, key);
    }
  }

  private indexesOf(kind: Kind): readonly IndexDef[] {
    return this.indexesByKind.get(kind) ?? NO_INDEXES;
  }

  private indexAdd(def: IndexDef, obj: K8sObject): void {
    const key = keyOf(obj);
    for (const value of def.fn(obj)) setFor(def.entries, value).add(key);
  }
}

/** Membership in a list of index values: the list itself when short, a Set when long. */
function valueSet(values: readonly string[]): { has(value: string): boolean } {
  return values.length <= 8 ? { has: (v) => values.includes(v) } : new Set(values);
}

/** Whether two lists of index values are the same values in the same order. */
function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two ownerReferences lists name the same owners in the same order (copies of one list usually do). */
function sameOwners(a: K8sObject['metadata']['ownerReferences'], b: K8sObject['metadata']['ownerReferences']): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return (a?.length ?? 0) === 0 && (b?.length ?? 0) === 0;
  for (let i = 0; i < a.length; i++) if (a[i].uid !== b[i].uid) return false;
  return true;
}

function addLabel(bucket: Bucket, k: string, v: string, entry: Entry): void {
  let values = bucket.labels.get(k);
  if (!values) { values = new Map(); bucket.labels.set(k, values); }
  entrySetFor(values, v).add(entry);
}

function deleteLabel(bucket: Bucket, k: string, v: string, entry: Entry): void {
  const values = bucket.labels.get(k);
  if (!values) return;
  deleteEntry(values, v, entry);
  if (values.size === 0) bucket.labels.delete(k);
}

/** Sorts in place by namespace then name (no two stored objects share both, so the order is total). */
export function sortByNamespaceName<T extends K8sObject>(items: T[]): T[] {
  return sortInPlace(items, byNamespaceName);
}

/** Namespace, then name, byte-wise: the apiserver's list order (etcd key order). Pure. */
export function byNamespaceName(a: K8sObject, b: K8sObject): number {
  const na = a.metadata.namespace ?? '', nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const x = a.metadata.name, y = b.metadata.name;
  return x < y ? -1 : x > y ? 1 : 0;
}
