// Reading manifests for -f: files, directories (.yaml/.yml/.json), stdin; multi-document YAML and JSON, `kind:
// List`; and kubectl's decoding errors (YAML syntax, missing kind, unknown kind or version).
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../model/types';
import { isKind, resourceFor, apiVersionOf } from '../model/resources';
import { resolvePath, type VirtualFs } from '../shell/vfs';

export interface Manifest {
  readonly object: K8sObject;
  /** Where it came from, as kubectl names it in messages (`mongo.svc.yaml`, `STDIN`). */
  readonly source: string;
}

export type ManifestResult = { ok: true; manifests: Manifest[]; errors: string[] } | { ok: false; error: string };

/** Parses one file's text into objects, collecting kubectl-style errors per document. Pure. */
export function parseManifests(text: string, source: string): { manifests: Manifest[]; errors: string[] } {
  const manifests: Manifest[] = [];
  const errors: string[] = [];
  const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const line = e.linePos?.[0]?.line ?? 1;
      errors.push(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${yamlMessage(e.code, e.message)}`);
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    collect(value, source, manifests, errors);
  }
  return { manifests, errors };
}

function yamlMessage(code: string, message: string): string {
  switch (code) {
    case 'BAD_INDENT': case 'MISSING_CHAR': return 'did not find expected key';
    case 'BLOCK_AS_IMPLICIT_KEY': case 'MULTILINE_IMPLICIT_KEY': return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT': return 'found character that cannot start any token';
    case 'DUPLICATE_KEY': return 'mapping key already defined';
    default: return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  }
}

function collect(value: unknown, source: string, out: Manifest[], errors: string[]): void {
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push(`error validating "${source}": error validating data: invalid object to validate`);
    return;
  }
  const obj = value as Record<string, unknown>;
  if (typeof obj.kind !== 'string' || obj.kind === '') {
    errors.push(`unable to decode "${source}": Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
    return;
  }
  if (obj.kind === 'List' || obj.kind.endsWith('List')) {
    for (const item of (obj.items as unknown[]) ?? []) collect(item, source, out, errors);
    return;
  }
  const version = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const meta = (obj.metadata ?? {}) as Record<string, unknown>;
  if (!isKind(obj.kind) || apiVersionOf(resourceFor(obj.kind)) !== version) {
    errors.push(`resource mapping not found for name: "${String(meta.name ?? '')}" namespace: "${String(meta.namespace ?? '')}" from "${source}": no matches for kind "${obj.kind}" in version "${version}"\nensure CRDs are installed first`);
    return;
  }
  out.push({ object: obj as unknown as K8sObject, source });
}

/** Reads every -f argument (file, directory, `-` for stdin, optionally recursive). */
export function readManifestArgs(fs: VirtualFs, cwd: string, files: readonly string[], stdin: string, recursive = false): ManifestResult {
  const manifests: Manifest[] = [];
  const errors: string[] = [];
  const read = (path: string, label: string): void => {
    const r = fs.read(path);
    if (!r.ok) { errors.push(`the path "${label}" does not exist`); return; }
    const parsed = parseManifests(r.value, label);
    manifests.push(...parsed.manifests);
    errors.push(...parsed.errors);
  };
  for (const f of files) {
    if (f === '-') {
      const parsed = parseManifests(stdin, 'STDIN');
      manifests.push(...parsed.manifests);
      errors.push(...parsed.errors);
      continue;
    }
    const path = resolvePath(cwd, f);
    if (fs.isDir(path)) {
      const walk = (dir: string): void => {
        for (const e of fs.list(dir)) {
          if (e.dir) { if (recursive) walk(e.path); continue; }
          if (/\.(ya?ml|json)$/.test(e.name)) read(e.path, e.path.startsWith(`${path}/`) ? `${f.replace(/\/$/, '')}/${e.path.slice(path.length + 1)}` : e.path);
        }
      };
      walk(path);
      continue;
    }
    if (!fs.isFile(path)) return { ok: false, error: `the path "${f}" does not exist` };
    read(path, f);
  }
  return { ok: true, manifests, errors };
}
