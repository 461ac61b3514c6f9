// Copies of API objects: what the apiserver does when it decodes a request, so input never aliases storage.

/** Deep copy of a JSON-shaped value (undefined members dropped): input never aliases stored objects. Pure. */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = clone(v);
  }
  return out as T;
}
