// Object keys: `kind/namespace/name`, the store's primary key (namespace is empty for cluster-scoped kinds).
import type { Kind, ObjectKey } from './types';

/** Builds the key of an object from its identity. Pure. */
export function objectKey(kind: Kind, namespace: string | undefined, name: string): ObjectKey {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The key of a stored object. Pure. */
export function keyOf(obj: { kind: Kind; metadata: { name: string; namespace?: string } }): ObjectKey {
  return objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
}

/** Splits a key into its parts. Pure. */
export function parseKey(key: ObjectKey): { kind: Kind; namespace: string; name: string } {
  const first = key.indexOf('/');
  const second = key.indexOf('/', first + 1);
  return { kind: key.slice(0, first) as Kind, namespace: key.slice(first + 1, second), name: key.slice(second + 1) };
}
