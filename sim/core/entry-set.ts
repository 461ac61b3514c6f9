// The store's slots and the sets of them its label and owner indexes hold (what the apiserver's watch cache
// keeps per index value), each remembering its members in list order until the membership changes.
import type { K8sObject } from '../model/types';
import { sortInPlace } from './sort';

/** One stored object's slot, shared by the maps that list it, so an update replaces the object in one place. */
export interface Entry {
  obj: K8sObject;
}

/**
 * A set of slots with its namespace-then-name order kept until a slot joins or leaves; an update replaces the
 * object inside a slot and never its name, so the order survives status writes.
 */
export class EntrySet {
  private readonly members = new Set<Entry>();
  private ordered: Entry[] | undefined;

  get size(): number {
    return this.members.size;
  }

  add(entry: Entry): void {
    if (this.members.has(entry)) return;
    this.members.add(entry);
    this.ordered = undefined;
  }

  delete(entry: Entry): void {
    if (this.members.delete(entry)) this.ordered = undefined;
  }

  /** The members sorted by `compare` (stably, from insertion order); shared, not to be changed. */
  inOrder(compare: (a: K8sObject, b: K8sObject) => number): readonly Entry[] {
    return this.ordered ??= sortInPlace([...this.members], (a, b) => compare(a.obj, b.obj));
  }
}

/** The empty set, for lookups that find nothing; never added to. */
export const EMPTY_ENTRY_SET: EntrySet = new EntrySet();

/** The set under `key`, created when missing. */
export function entrySetFor(map: Map<string, EntrySet>, key: string): EntrySet {
  let set = map.get(key);
  if (!set) { set = new EntrySet(); map.set(key, set); }
  return set;
}

/** Removes `entry` from the set under `key`, dropping the set once empty. */
export function deleteEntry(map: Map<string, EntrySet>, key: string, entry: Entry): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(entry);
  if (set.size === 0) map.delete(key);
}
