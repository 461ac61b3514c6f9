// The v1.34 field schema of every served kind: the generated v1.30 schema with the later additions merged in.
// It backs strict decoding; documented-schema.ts adds the descriptions `kubectl explain` prints.
import type { Kind } from '../../model/types';
import { GENERATED_ROOTS, GENERATED_TYPES } from './generated';
import { ADDED_FIELDS, ADDED_TYPES, REMOVED_FIELDS } from './additions';
import type { FieldSchema, SchemaTypes, TypeSchema } from './schema-types';

function mergeSchema(): SchemaTypes {
  const merged: Record<string, TypeSchema> = { ...GENERATED_TYPES, ...ADDED_TYPES };
  for (const [id, fields] of Object.entries(ADDED_FIELDS)) {
    merged[id] = { ...merged[id], fields: { ...merged[id].fields, ...fields } };
  }
  for (const [id, names] of Object.entries(REMOVED_FIELDS)) {
    const fields = { ...merged[id].fields };
    for (const name of names) delete fields[name];
    merged[id] = { ...merged[id], fields };
  }
  return merged;
}

/** Every known type, by id (`core/v1.PodSpec`). */
export const SCHEMA_TYPES: SchemaTypes = mergeSchema();

/** The id of a kind's root type (`Pod` → `core/v1.Pod`). */
export function rootTypeOf(kind: Kind): string {
  return GENERATED_ROOTS[kind];
}

/** A named type's schema, or undefined for an unknown id. Pure. */
export function typeSchema(id: string, types: SchemaTypes = SCHEMA_TYPES): TypeSchema | undefined {
  return types[id];
}

/**
 * The schema of the field at a dotted path below a kind (`spec.template.spec.containers`), walking through array
 * and map elements; undefined when the path leaves the schema. Pure.
 */
export function fieldSchemaAt(kind: Kind, path: readonly string[], types: SchemaTypes = SCHEMA_TYPES): FieldSchema | undefined {
  let current: FieldSchema = { type: 'object', ref: rootTypeOf(kind) };
  for (const name of path) {
    while (current.items) current = current.items;
    const type = current.ref ? types[current.ref] : undefined;
    const next = type?.fields[name];
    if (!next) return undefined;
    current = next;
  }
  return current;
}
