// Strict field validation (`fieldValidation=Strict`, kubectl's default `--validate=strict`): the paths of fields the
// API does not know, as sigs.k8s.io/json reports them (`spec.template.spec.containers[0].imagePullPolcy`).
import type { Kind } from '../../model/types';
import { SCHEMA_TYPES, rootTypeOf } from './known-fields';
import type { FieldSchema } from './schema-types';

/** sigs.k8s.io/json stops collecting strict errors at 100. */
const MAX_ERRORS = 100;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Go's string order (byte-wise for ASCII keys), which is how kubectl's JSON encoder orders object keys. */
function goOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function walk(value: unknown, schema: FieldSchema, path: string, out: string[]): void {
  if (out.length >= MAX_ERRORS || value === null || value === undefined) return;
  switch (schema.type) {
    case 'array':
      // SIMPLIFIED: a value of the wrong JSON type is a decoding error in Kubernetes; here it is left to validation.
      if (Array.isArray(value) && schema.items) value.forEach((item, i) => walk(item, schema.items!, `${path}[${i}]`, out));
      return;
    case 'map':
      if (isPlainObject(value) && schema.items) {
        for (const key of Object.keys(value).sort(goOrder)) walk(value[key], schema.items, join(path, key), out);
      }
      return;
    case 'object': {
      const type = schema.ref ? SCHEMA_TYPES[schema.ref] : undefined;
      if (!type || !isPlainObject(value)) return;
      for (const key of Object.keys(value).sort(goOrder)) {
        const field = type.fields[key];
        if (!field) {
          if (out.length < MAX_ERRORS) out.push(join(path, key));
          continue;
        }
        walk(value[key], field, join(path, key), out);
      }
      return;
    }
    default:
      return;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * The unknown fields of an object of `kind`, in the order the apiserver reports them: depth-first through the
 * object with its keys in Go's sorted order (kubectl sends JSON with sorted keys), array elements as `[i]`
 * and map keys as `.key`. Pure.
 */
export function unknownFieldsOf(kind: Kind, obj: unknown): string[] {
  const out: string[] = [];
  walk(obj, { type: 'object', ref: rootTypeOf(kind) }, '', out);
  return out;
}
