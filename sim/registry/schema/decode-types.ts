// What encoding/json says when a manifest value has the wrong JSON type for its Go field: the apiserver cannot
// decode the object at all (400), whatever the field validation level — `json: cannot unmarshal bool into Go
// struct field ConfigMap.data of type string`.
import type { Kind } from '../../model/types';
import { SCHEMA_TYPES, rootTypeOf } from './known-fields';
import type { FieldSchema } from './schema-types';

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

function typeName(id: string | undefined): string {
  return id ? id.slice(id.lastIndexOf('.') + 1) : 'object';
}

/** The Go type a field decodes into, as encoding/json names it in errors. Pure. */
function goType(schema: FieldSchema): string {
  switch (schema.type) {
    case 'string': return 'string';
    case 'integer': return 'int32';
    case 'boolean': return 'bool';
    case 'quantity': return 'resource.Quantity';
    case 'int-or-string': return 'intstr.IntOrString';
    case 'array': return `[]${schema.items ? goType(schema.items) : 'interface {}'}`;
    case 'map': return `map[string]${schema.items ? goType(schema.items) : 'interface {}'}`;
    case 'object': return `v1.${typeName(schema.ref)}`;
    default: return 'interface {}';
  }
}

function fits(schema: FieldSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'string': return typeof value === 'string';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'quantity': case 'int-or-string': return typeof value === 'string' || typeof value === 'number';
    case 'array': return Array.isArray(value);
    case 'map': case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    default: return true;
  }
}

function walk(value: unknown, schema: FieldSchema, struct: string, path: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!fits(schema, value)) {
    const got = typeof value === 'number' ? 'number' : jsonType(value);
    return `json: cannot unmarshal ${got} into Go struct field ${struct}.${path} of type ${goType(schema)}`;
  }
  if (schema.type === 'array' && schema.items) {
    for (const item of value as unknown[]) {
      const e = walk(item, schema.items, struct, path);
      if (e) return e;
    }
  } else if (schema.type === 'map' && schema.items) {
    for (const key of Object.keys(value as object).sort()) {
      const e = walk((value as Record<string, unknown>)[key], schema.items, struct, path);
      if (e) return e;
    }
  } else if (schema.type === 'object') {
    const type = schema.ref ? SCHEMA_TYPES[schema.ref] : undefined;
    if (!type) return undefined;
    const inner = typeName(schema.ref);
    for (const key of Object.keys(value as object).sort()) {
      const field = type.fields[key];
      if (!field) continue;
      const e = walk((value as Record<string, unknown>)[key], field, field.type === 'object' ? inner : inner, path ? `${path}.${key}` : key);
      if (e) return e;
    }
  }
  return undefined;
}

/** The first decoding error of an object of `kind`, in the order encoding/json meets fields (sorted keys). Pure. */
export function decodeErrorOf(kind: Kind, obj: unknown): string | undefined {
  const root = rootTypeOf(kind);
  const type = SCHEMA_TYPES[root];
  if (!type || obj === null || typeof obj !== 'object') return undefined;
  for (const key of Object.keys(obj).sort()) {
    const field = type.fields[key];
    if (!field) continue;
    const e = walk((obj as Record<string, unknown>)[key], field, typeName(root), key);
    if (e) return e;
  }
  return undefined;
}
