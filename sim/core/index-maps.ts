// The small map-of-sets helpers the store's indexes are made of.
import type { Kind, ObjectKey } from '../model/types';

/** The label index's key for one `key=value` pair of one kind in one namespace. Pure. */
export function labelIndexKey(kind: Kind, ns: string, k: string, v: string): string {
  return `${kind}/${ns}/${k}=${v}`;
}

export function mapFor<K, V>(map: Map<K, Map<ObjectKey, V>>, key: K): Map<ObjectKey, V> {
  let inner = map.get(key);
  if (!inner) { inner = new Map(); map.set(key, inner); }
  return inner;
}

export function setFor(map: Map<string, Set<ObjectKey>>, key: string): Set<ObjectKey> {
  let set = map.get(key);
  if (!set) { set = new Set(); map.set(key, set); }
  return set;
}

export function deleteFrom(map: Map<string, Set<ObjectKey>>, key: string, value: ObjectKey): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

