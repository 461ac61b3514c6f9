// The field schema with its documentation, as the apiserver's OpenAPI document serves it to `kubectl explain`:
// the known fields of known-fields.ts, each type and field carrying the first paragraph of its Go doc comment.
import { GENERATED_DOCS } from './generated-docs';
import { SCHEMA_TYPES } from './known-fields';
import type { FieldSchema, SchemaTypes, TypeSchema } from './schema-types';

function documented(id: string, type: TypeSchema): TypeSchema {
  const docs = GENERATED_DOCS[id];
  if (!docs) return type;
  const fields: Record<string, FieldSchema> = {};
  for (const [name, field] of Object.entries(type.fields)) {
    const description = docs.fields[name];
    fields[name] = description && !field.description ? { ...field, description } : field;
  }
  const description = type.description ?? docs.description;
  return { ...(description ? { description } : {}), fields };
}

/** Every known type, by id, with descriptions (types added after the generated version bring their own). */
export const DOCUMENTED_TYPES: SchemaTypes = Object.fromEntries(
  Object.entries(SCHEMA_TYPES).map(([id, type]) => [id, documented(id, type)]),
);
