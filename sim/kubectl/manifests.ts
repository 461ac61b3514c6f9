// Reading manifests for -f as kubectl's resource builder does: files, directories (.yaml/.yml/.json), stdin;
// documents split on `---` lines (apimachinery YAMLReader) and read with YAML 1.1 semantics (sigs.k8s.io/yaml over
// go-yaml v2: `0644` is octal 420, `yes`/`on` are booleans); `kind: List`; and kubectl's decoding errors.
import { parseDocument } from 'yaml';
import type { K8sObject } from '../model/types';
import { isKind, resourceFor, apiVersionOf } from '../model/resources';
import { resolvePath, type VirtualFs } from '../shell/vfs';
import { sortDeep } from './apply-patch';

/** One object read from a file, with the name kubectl gives its source. */
export interface Manifest {
  readonly object: K8sObject;
  /** Where it came from, as kubectl names it in messages (`mongo.svc.yaml`, `STDIN`). */
  readonly source: string;
}

/** The objects and per-document errors of every -f, or the error that stops the command. */
export type ManifestResult = { ok: true; manifests: Manifest[]; errors: string[] } | { ok: false; error: string };

/** Splits a stream into documents as apimachinery's YAMLReader does: a line starting `---` whose rest is blank or a comment. Pure. */
export function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest === '' || rest.startsWith('#')) { docs.push(current.join('\n')); current = []; continue; }
    }
    current.push(line);
  }
  docs.push(current.join('\n'));
  return docs;
}

// go-yaml reports scanner errors on the line of the problem and parser errors one line earlier (its 0-based mark).
function yamlError(code: string, message: string, line: number): string {
  switch (code) {
    case 'TAB_AS_INDENT': return `line ${line}: found character that cannot start any token`;
    case 'BLOCK_AS_IMPLICIT_KEY': case 'MULTILINE_IMPLICIT_KEY': return `line ${line}: mapping values are not allowed in this context`;
    case 'MISSING_CHAR':
      if (/closing/.test(message)) return `line ${line}: found unexpected end of stream`;
      if (/Sequence item/.test(message)) return `line ${Math.max(1, line - 1)}: did not find expected '-' indicator`;
      return `line ${Math.max(1, line - 1)}: did not find expected key`;
    case 'BAD_INDENT': return `line ${Math.max(1, line - 1)}: did not find expected key`;
    default: return `line ${line}: ${message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
  }
}

const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/** What kubectl's client-side check (pkg/validation getObjectKind) finds missing before a manifest reaches the server. Pure. */
export function kindProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['invalid object to validate'];
  const { apiVersion, kind } = value as Record<string, unknown>;
  const problems: string[] = [];
  if (apiVersion === undefined || apiVersion === null) problems.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') problems.push("apiVersion isn't string type");
  else if (apiVersion.split('/').length > 2) problems.push(`unexpected GroupVersion string: ${apiVersion}`);
  if (kind === undefined || kind === null) problems.push('kind not set');
  else if (typeof kind !== 'string') problems.push("kind isn't string type");
  return problems;
}

/**
 * Parses one file's text into objects, with kubectl-style errors. Like cli-runtime's StreamVisitor, the first bad
 * document ends the file: the documents before it are kept, the ones after it are never read. With `validate` (any
 * --validate but false/ignore), a document without apiVersion or kind fails kubectl's client-side check. Pure.
 */
export function parseManifests(text: string, source: string, validate = false): { manifests: Manifest[]; errors: string[] } {
  const manifests: Manifest[] = [];
  const errors: string[] = [];
  for (const chunk of splitDocuments(text)) {
    if (errors.length > 0) break;
    if (chunk.trim() === '') continue;
    const doc = parseDocument(chunk, { version: '1.1', uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      // A `key: value` in the wrong place is found at the colon, after the scalar the parser flags.
      const implicit = (c: string): boolean => c === 'BLOCK_AS_IMPLICIT_KEY' || c === 'MULTILINE_IMPLICIT_KEY';
      const at = implicit(e.code) ? Math.max(...doc.errors.filter((x) => implicit(x.code)).map((x) => x.pos[1])) : e.pos[0];
      const line = chunk.slice(0, at).split('\n').length;
      errors.push(`error parsing ${source}: error converting YAML to JSON: yaml: ${yamlError(e.code, e.message, line)}`);
      continue;
    }
    let value: unknown;
    try { value = doc.toJS({ maxAliasCount: 100 }); } catch (err) {
      errors.push(`error parsing ${source}: error converting YAML to JSON: yaml: ${(err as Error).message}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (hasCycle(value, new Set())) { errors.push(`error parsing ${source}: error converting YAML to JSON: yaml: anchor '${/&([^\s,[\]{}]+)/.exec(chunk)?.[1] ?? ''}' value contains itself`); continue; }
    const problems = validate ? kindProblems(value) : [];
    if (problems.length > 0) {
      const listed = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
      errors.push(`error validating "${source}": error validating data: ${listed}; ${STOP_VALIDATE}`);
      continue;
    }
    collect(value, source, manifests, errors);
  }
  return { manifests, errors };
}

/** A YAML alias that contains itself makes a cyclic value, which go-yaml refuses. Pure. */
function hasCycle(v: unknown, path: Set<unknown>): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (path.has(v)) return true;
  path.add(v);
  const found = Object.values(v as object).some((x) => hasCycle(x, path));
  path.delete(v);
  return found;
}

const GO_TYPE: Readonly<Record<string, string>> = { string: 'string', number: 'number', boolean: 'bool', object: 'array' };

function collect(value: unknown, source: string, out: Manifest[], errors: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(`unable to decode "${source}": json: cannot unmarshal ${GO_TYPE[typeof value] ?? 'string'} into Go value of type map[string]interface {}`);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.kind !== 'string' || obj.kind === '') {
    errors.push(`unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(sortDeep(obj))}'`);
    return;
  }
  if (obj.kind === 'List' || (obj.kind.endsWith('List') && Array.isArray(obj.items))) {
    if (obj.items !== undefined && obj.items !== null && !Array.isArray(obj.items)) {
      errors.push(`unable to decode "${source}": json: cannot unmarshal ${GO_TYPE[typeof obj.items] === 'array' ? 'object' : GO_TYPE[typeof obj.items] ?? 'string'} into Go value of type []interface {}`);
      return;
    }
    for (const item of (obj.items as unknown[] | null | undefined) ?? []) collect(item, source, out, errors);
    return;
  }
  const version = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  if (!isKind(obj.kind) || apiVersionOf(resourceFor(obj.kind)) !== version) {
    errors.push(`resource mapping not found for name: "${String(meta.name ?? '')}" namespace: "${String(meta.namespace ?? '')}" from "${source}": no matches for kind "${obj.kind}" in version "${version}"\nensure CRDs are installed first`);
    return;
  }
  // The unstructured accessors kubectl reads metadata through see a non-map metadata or a non-string name as unset.
  const metadata = meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? { ...meta } : {};
  if (typeof metadata.name !== 'string') delete metadata.name;
  if (typeof metadata.namespace !== 'string') delete metadata.namespace;
  out.push({ object: { ...obj, metadata } as unknown as K8sObject, source });
}

/**
 * cmdutil.GetValidationDirective: whether a --validate value keeps kubectl's client-side check (strconv.ParseBool
 * values, strict, warn and ignore), or the error for any other value. Pure.
 */
export function validates(value: string | undefined): boolean | string {
  if (value === undefined || ['1', 't', 'T', 'TRUE', 'true', 'True', 'strict', 'warn'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', 'ignore'].includes(value)) return false;
  return `invalid - validate option "${value}"; must be one of: strict (or true), warn, ignore (or false)`;
}

/** Reads every -f argument (file, directory, `-` for stdin, optionally recursive); a missing path fails the whole command. */
export function readManifestArgs(fs: VirtualFs, cwd: string, files: readonly string[], stdin: string, recursive = false, validate = false): ManifestResult {
  const manifests: Manifest[] = [];
  const errors: string[] = [];
  const read = (path: string, label: string): void => {
    const r = fs.read(path);
    if (!r.ok) { errors.push(`the path "${label}" does not exist`); return; }
    const parsed = parseManifests(r.value, label, validate);
    manifests.push(...parsed.manifests);
    errors.push(...parsed.errors);
  };
  for (const f of files) {
    if (/^https?:\/\//.test(f)) return { ok: false, error: `kubesim cannot download manifests from the internet: ${f}` };
    const path = resolvePath(cwd, f);
    if (f !== '-' && !fs.isDir(path) && !fs.isFile(path)) return { ok: false, error: `the path "${f}" does not exist` };
  }
  for (const f of files) {
    if (f === '-') {
      const parsed = parseManifests(stdin, 'STDIN', validate);
      manifests.push(...parsed.manifests);
      errors.push(...parsed.errors);
      continue;
    }
    const path = resolvePath(cwd, f);
    if (fs.isDir(path)) {
      const walk = (dir: string): void => {
        for (const e of fs.list(dir)) {
          if (e.dir) { if (recursive) walk(e.path); continue; }
          if (/\.(ya?ml|json)$/.test(e.name)) read(e.path, cleanPath(`${f}/${e.path.slice(path.length + 1)}`));
        }
      };
      walk(path);
      continue;
    }
    read(path, f);
  }
  return { ok: true, manifests, errors };
}

/** Go's filepath.Clean, which filepath.Walk's joins apply to the files found in a directory (`./x.yaml` → `x.yaml`). Pure. */
export function cleanPath(path: string): string {
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !rooted) out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}
