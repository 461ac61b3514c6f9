// `kubectl explain RESOURCE[.FIELD…]` as kubectl v1.34 renders it (pkg/explain/v2 plaintext.tmpl over OpenAPI v3):
// GROUP/KIND/VERSION, the FIELD line with its type, DESCRIPTION wrapped at 76 columns with line breaks removed,
// and FIELDS with `<type>` and `-required-`, or a tree of names and types with --recursive.
// SIMPLIFIED: the schema is kubesim's field schema, which carries no enum values, so no `enum:` lines print.
import type { Kind } from '../model/types';
import { findResource } from '../model/resources';
import { fieldSchemaAt, rootTypeOf, typeSchema } from '../registry/schema/known-fields';
import { DOCUMENTED_TYPES } from '../registry/schema/documented-schema';
import type { FieldSchema } from '../registry/schema/schema-types';
import type { ProgramContext, Wait } from '../shell/program';
import { boolFlag, parseFlags, type FlagSpec } from './flags';
import { clientError } from './errors';

const FLAGS: FlagSpec = { recursive: { bool: true }, 'api-version': {}, output: { short: 'o' } };

export const EXPLAIN_HELP = `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a
simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]

 Information about each field is retrieved from the server in OpenAPI format.

Examples:
  # Get the documentation of the resource and its fields
  kubectl explain pods

  # Get all the fields in the resource
  kubectl explain pods --recursive

  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers

Usage:
  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** mitchellh/go-wordwrap WrapString: breaks at spaces so lines stay within `limit`. Pure. */
export function wordWrap(s: string, limit: number): string {
  let out = '', word = '', space = '', current = 0;
  for (const c of s) {
    if (c === '\n') {
      if (word === '') { if (current + space.length <= limit) out += space; } else out += space + word;
      out += c; word = ''; space = ''; current = 0;
    } else if (/\s/.test(c) && c !== '\u00a0') {
      if (space === '' || word !== '') { current += space.length + word.length; out += space + word; space = ''; word = ''; }
      space += c;
    } else {
      word += c;
      if (current + space.length + word.length > limit && word.length < limit) { out += '\n'; current = 0; space = ''; }
    }
  }
  if (word === '') { if (current + space.length <= limit) out += space; } else out += space + word;
  return out;
}

/** The template's `wrap N | indent M`: line breaks removed, wrapped, then every line indented. Pure. */
function wrapIndent(text: string, width: number, indent: number): string {
  const pad = ' '.repeat(indent);
  return pad + wordWrap(text.replace(/\n/g, ''), width).replace(/\n/g, `\n${pad}`);
}

/** typeGuess: `string`, `[]Container`, `map[string]string`, `IntOrString`, `Object`. Pure. */
export function typeGuess(f: FieldSchema): string {
  switch (f.type) {
    case 'array': return `[]${f.items ? typeGuess(f.items) : 'Object'}`;
    case 'map': return `map[string]${f.items ? typeGuess(f.items) : 'Object'}`;
    case 'object': return f.ref ? f.ref.split('.').pop()! : 'Object';
    case 'quantity': return 'Quantity';
    case 'int-or-string': return 'IntOrString';
    case 'any': return 'Object';
    default: return f.type;
  }
}

/** The struct a field leads to (through arrays and maps). Pure. */
function refOf(f: FieldSchema): string | undefined {
  let cur: FieldSchema | undefined = f;
  while (cur && !cur.ref && cur.items) cur = cur.items;
  return cur?.ref;
}

function fieldList(ref: string | undefined, level: number, recursive: boolean, seen: ReadonlySet<string>): string {
  const type = ref ? typeSchema(ref, DOCUMENTED_TYPES) : undefined;
  if (!type || seen.has(ref!)) return '';
  const next = new Set(seen).add(ref!);
  let out = '';
  for (const name of Object.keys(type.fields).sort()) {
    const f = type.fields[name];
    const indent = level * 2;
    out += `${' '.repeat(indent)}${name}\t<${typeGuess(f)}>${f.required ? ' -required-' : ''}\n`;
    if (recursive) out += fieldList(refOf(f), level + 1, true, next);
    else out += `${wrapIndent(f.description || '<no description>', 78 - indent, indent + 2)}\n\n`;
  }
  return out;
}

/** The explain text for a kind and field path, or the error kubectl prints. Pure. */
export function explain(kind: Kind, group: string, version: string, path: readonly string[], recursive: boolean): { ok: true; text: string } | { ok: false; error: string } {
  let out = `${group ? `GROUP:      ${group}\n` : ''}KIND:       ${kind}\nVERSION:    ${version}\n\n`;
  let description: string;
  let ref: string | undefined;
  if (path.length === 0) {
    ref = rootTypeOf(kind);
    description = `${typeSchema(ref, DOCUMENTED_TYPES)?.description ?? ''}\n`;
  } else {
    const f = fieldSchemaAt(kind, path, DOCUMENTED_TYPES);
    if (!f) return { ok: false, error: `field "${path[path.length - 1]}" does not exist` };
    ref = refOf(f);
    out += `FIELD: ${path[path.length - 1]} <${typeGuess(f)}>\n\n\n`;
    const refDesc = ref ? typeSchema(ref, DOCUMENTED_TYPES)?.description : undefined;
    description = `${f.description ? `${f.description}\n` : ''}${refDesc ? `${refDesc}\n` : ''}`;
  }
  out += `DESCRIPTION:\n${wrapIndent(description || '<empty>', 76, 4)}\n`;
  const fields = fieldList(ref, 1, recursive, new Set());
  if (fields) out += `FIELDS:\n${fields}`;
  return { ok: true, text: `${out}\n` };
}

/** `kubectl explain`: prints a kind's or field's documentation; returns the exit code. */
export function* kubectlExplain(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  if (args.includes('--help') || args.includes('-h')) { ctx.out(EXPLAIN_HELP); return 0; }
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl explain --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  if (f.positionals.length === 0) {
    ctx.err(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples\n`);
    return 1;
  }
  if (f.positionals.length > 1) { ctx.err(clientError(`We accept only this format: explain RESOURCE\nSee 'kubectl explain -h' for help and examples`)); return 1; }
  const [resource, ...path] = f.positionals[0].split('.');
  const info = findResource(resource);
  if (!info) { ctx.err(clientError(`the server doesn't have a resource type "${resource}"`)); return 1; }
  const res = explain(info.kind, info.group, info.version, path.filter((p) => p !== ''), boolFlag(f, 'recursive'));
  if (!res.ok) { ctx.err(clientError(res.error)); return 1; }
  ctx.out(res.text);
  return 0;
}
