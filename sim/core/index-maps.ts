// The small map-of-sets helpers the store's indexes are made of.
import type { ObjectKey } from '../model/types';

export function mapFor<K, V>(map: Map<K, Map<ObjectKey, V>>, key: K): Map<ObjectKey, V> {
  let inner = map.get(key);
  if (!inner) { inner = new Map(); map.set(key, inner); }
  return inner;
}

export function setFor<T>(map: Map<string, Set<T>>, key: string): Set<T> {
  let set = map.get(key);
  if (!set) { set = new Set(); map.set(key, set); }
  return set;
}

export function deleteFrom<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

