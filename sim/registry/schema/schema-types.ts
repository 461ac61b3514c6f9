// The shape of the known-field schema the apiserver decodes manifests against (the OpenAPI/Go struct surface of
// each kind): a graph of named types, each a map from JSON field name to the field's type.

/** How a field's value is shaped in JSON. */
export type FieldType =
  | 'object' | 'array' | 'map' | 'string' | 'integer' | 'boolean' | 'quantity' | 'int-or-string' | 'any';

/** One field: its type, the named type it holds (`ref`, for objects) or its element schema (arrays and maps). */
export interface FieldSchema {
  readonly type: FieldType;
  /** For `object`: the id of a TypeSchema (`core/v1.PodSpec`). */
  readonly ref?: string;
  /** For `array` and `map`: the schema of each element or value. */
  readonly items?: FieldSchema;
  readonly required?: boolean;
  readonly description?: string;
}

/** A named struct type (`core/v1.PodSpec`) and its fields. */
export interface TypeSchema {
  readonly description?: string;
  readonly fields: Readonly<Record<string, FieldSchema>>;
}

export type SchemaTypes = Readonly<Record<string, TypeSchema>>;

/** The documentation of a type: its description and each documented field's, by field name. */
export interface TypeDocs {
  readonly description?: string;
  readonly fields: Readonly<Record<string, string>>;
}

export type SchemaDocs = Readonly<Record<string, TypeDocs>>;
