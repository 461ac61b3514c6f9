// Generates sim/registry/schema/generated.ts, the known-field schema of every kind the simulated apiserver serves,
// and generated-docs.ts, its documentation (only `kubectl explain` reads it, so decoding does not carry it), both
// read from the kubernetes-types declaration files with the TypeScript compiler API.
// Run with `npx tsx scripts/gen-schema.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { FieldSchema, TypeSchema } from '../sim/registry/schema/schema-types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES_DIR = join(ROOT, 'node_modules', 'kubernetes-types');
const OUT = join(ROOT, 'sim', 'registry', 'schema', 'generated.ts');
const DOCS_OUT = join(ROOT, 'sim', 'registry', 'schema', 'generated-docs.ts');
const MODULES = ['core/v1', 'apps/v1', 'meta/v1', 'discovery/v1', 'storage/v1', 'runtime', 'api/resource'];

/** The root type of each kind, as `<module>.<Interface>`. */
const KIND_ROOTS: Record<string, string> = {
  Namespace: 'core/v1.Namespace', Node: 'core/v1.Node', Pod: 'core/v1.Pod', Service: 'core/v1.Service',
  Endpoints: 'core/v1.Endpoints', ConfigMap: 'core/v1.ConfigMap', Secret: 'core/v1.Secret', Event: 'core/v1.Event',
  PersistentVolumeClaim: 'core/v1.PersistentVolumeClaim', PersistentVolume: 'core/v1.PersistentVolume',
  Deployment: 'apps/v1.Deployment', ReplicaSet: 'apps/v1.ReplicaSet', DaemonSet: 'apps/v1.DaemonSet',
  StatefulSet: 'apps/v1.StatefulSet', EndpointSlice: 'discovery/v1.EndpointSlice', StorageClass: 'storage/v1.StorageClass',
  ServiceAccount: 'core/v1.ServiceAccount',
};

/** Aliases that are scalars on the wire. */
const SCALAR_ALIASES: Record<string, FieldSchema['type']> = { Quantity: 'quantity', Time: 'string', MicroTime: 'string' };

interface ParsedModule {
  readonly interfaces: Map<string, ts.InterfaceDeclaration>;
  /** Imported name → module id. */
  readonly imports: Map<string, string>;
}

/** The first paragraph of a JSDoc comment, on one line. */
function firstParagraph(node: ts.Node, source: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const doc = ranges.map((r) => source.text.slice(r.pos, r.end)).find((c) => c.startsWith('/**'));
  if (!doc) return undefined;
  const lines = doc.replace(/^\/\*\*/, '').replace(/\*\/$/, '').split('\n').map((l) => l.replace(/^\s*\* ?/, '').trimEnd());
  const text = lines.join('\n').trim();
  const para = text.split(/\n\s*\n/)[0].replace(/\s*\n\s*/g, ' ').trim();
  return para || undefined;
}

function parseModule(id: string): ParsedModule {
  const file = join(TYPES_DIR, `${id}.d.ts`);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const imports = new Map<string, string>();
  for (const stmt of source.statements) {
    if (ts.isInterfaceDeclaration(stmt)) interfaces.set(stmt.name.text, stmt);
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const target = join(dirname(id), stmt.moduleSpecifier.text).replace(/\\/g, '/');
      const bindings = stmt.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) imports.set(el.name.text, target);
    }
  }
  return { interfaces, imports };
}

const modules = new Map(MODULES.map((id) => [id, parseModule(id)]));
const output: Record<string, TypeSchema> = {};
const queue: string[] = [];

/** Resolves a type name used in `moduleId` to its `<module>.<Name>` id. */
function resolveName(moduleId: string, name: string): string {
  const mod = modules.get(moduleId)!;
  if (mod.interfaces.has(name)) return `${moduleId}.${name}`;
  const from = mod.imports.get(name);
  if (!from) throw new Error(`cannot resolve ${name} in ${moduleId}`);
  return `${from}.${name}`;
}

function isEmptyInterface(id: string): boolean {
  const dot = id.lastIndexOf('.');
  const decl = modules.get(id.slice(0, dot))?.interfaces.get(id.slice(dot + 1));
  return decl !== undefined && decl.members.length === 0;
}

/** The wire schema of a declared property type. */
function schemaOf(type: ts.TypeNode, moduleId: string): FieldSchema {
  if (type.kind === ts.SyntaxKind.StringKeyword) return { type: 'string' };
  if (type.kind === ts.SyntaxKind.NumberKeyword) return { type: 'integer' };
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return { type: 'boolean' };
  if (ts.isLiteralTypeNode(type)) return { type: 'string' };
  if (ts.isUnionTypeNode(type)) {
    const kinds = new Set(type.types.map((t) => t.kind));
    if (kinds.has(ts.SyntaxKind.NumberKeyword) && kinds.has(ts.SyntaxKind.StringKeyword)) return { type: 'int-or-string' };
    return { type: 'string' };
  }
  if (ts.isTypeLiteralNode(type)) {
    const index = type.members.find(ts.isIndexSignatureDeclaration);
    if (index?.type) return { type: 'map', items: schemaOf(index.type, moduleId) };
    return { type: 'any' };
  }
  if (ts.isArrayTypeNode(type)) return { type: 'array', items: schemaOf(type.elementType, moduleId) };
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    if (name === 'Array' && type.typeArguments?.length === 1) return { type: 'array', items: schemaOf(type.typeArguments[0], moduleId) };
    if (SCALAR_ALIASES[name]) return { type: SCALAR_ALIASES[name] };
    const id = resolveName(moduleId, name);
    if (isEmptyInterface(id)) return { type: 'any' };
    if (!(id in output) && !queue.includes(id)) queue.push(id);
    return { type: 'object', ref: id };
  }
  throw new Error(`unsupported type ${ts.SyntaxKind[type.kind]} in ${moduleId}`);
}

function describeInterface(id: string): TypeSchema {
  const dot = id.lastIndexOf('.');
  const moduleId = id.slice(0, dot);
  const decl = modules.get(moduleId)!.interfaces.get(id.slice(dot + 1))!;
  const source = decl.getSourceFile();
  const fields: Record<string, FieldSchema> = {};
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
    const description = firstParagraph(member, source);
    fields[name] = {
      ...schemaOf(member.type, moduleId),
      ...(member.questionToken ? {} : { required: true }),
      ...(description ? { description } : {}),
    };
  }
  const description = firstParagraph(decl, source);
  return { ...(description ? { description } : {}), fields };
}

queue.push(...Object.values(KIND_ROOTS));
while (queue.length > 0) {
  const id = queue.shift()!;
  if (!(id in output)) output[id] = describeInterface(id);
}

const sorted = Object.fromEntries(Object.keys(output).sort().map((id) => [id, output[id]]));
const version = JSON.parse(readFileSync(join(TYPES_DIR, 'package.json'), 'utf8')).version as string;

/** A type without its documentation: what decoding needs. */
function bare(schema: TypeSchema): TypeSchema {
  const fields = Object.fromEntries(Object.entries(schema.fields).map(([name, { description: _, ...field }]) => [name, field]));
  return { fields };
}

/** A type's documentation: its own description and each documented field's. */
function docsOf(schema: TypeSchema): { description?: string; fields: Record<string, string> } {
  const fields = Object.fromEntries(Object.entries(schema.fields).flatMap(([name, f]) => (f.description ? [[name, f.description]] : [])));
  return { ...(schema.description ? { description: schema.description } : {}), fields };
}

const types = [
  `// The known fields of every served kind, generated by scripts/gen-schema.ts from kubernetes-types ${version}.`,
  '// Do not edit: regenerate instead. Fields added in later Kubernetes versions live in additions.ts; the',
  '// documentation of each type and field is in generated-docs.ts.',
  "import type { SchemaTypes } from './schema-types';",
  '',
  `/** The root type of each kind. */`,
  `export const GENERATED_ROOTS: Readonly<Record<string, string>> = ${JSON.stringify(KIND_ROOTS)};`,
  '',
  `/** Every type reachable from a root, by id. */`,
  'export const GENERATED_TYPES: SchemaTypes = {',
  ...Object.entries(sorted).map(([id, schema]) => `  ${JSON.stringify(id)}: ${JSON.stringify(bare(schema))},`),
  '};',
  '',
].join('\n');
const docs = [
  `// The documentation of every type in generated.ts (the first paragraph of each Go doc comment), generated by`,
  `// scripts/gen-schema.ts from kubernetes-types ${version}. Do not edit: regenerate instead.`,
  "import type { SchemaDocs } from './schema-types';",
  '',
  `/** Each type's description and its fields' descriptions, by type id. */`,
  'export const GENERATED_DOCS: SchemaDocs = {',
  ...Object.entries(sorted).map(([id, schema]) => `  ${JSON.stringify(id)}: ${JSON.stringify(docsOf(schema))},`),
  '};',
  '',
].join('\n');
writeFileSync(OUT, types);
writeFileSync(DOCS_OUT, docs);
console.log(`wrote ${Object.keys(sorted).length} types (${types.length} bytes) to ${OUT} and their documentation (${docs.length} bytes) to ${DOCS_OUT}`);
