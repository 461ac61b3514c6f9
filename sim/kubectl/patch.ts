// `kubectl patch` (strategic merge, JSON merge and JSON patch), and the get-modify-write cycle every mutating verb
// shares: cli-runtime's resource builder (TYPE NAME, TYPE/NAME, -l, --all, -f) and checkErr's error printing.
// SIMPLIFIED: the simulated apiserver has no PATCH verb, so kubectl reads the live object, merges the patch and
// writes the result back with an optimistic-concurrency update.
import { parse as parseYaml } from 'yaml';
import type { K8sObject } from '../model/types';
import { objectKey } from '../model/keys';
import { kindGroupName, resourceFor, resourceGroupName, type ResourceInfo } from '../model/resources';
import { parseSelector } from '../model/labels';
import { notFoundStatus, type ApiStatus } from '../core/errors';
import type { ProgramContext } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec, type ParsedFlags } from './flags';
import { apiErrorText } from './errors';
import { resolveSelections } from './resources';
import { readManifestArgs } from './manifests';
import { currentNamespace } from './namespace';
import { applyStrategicPatch, isMap, jsonEqual, patchFailure, type Json } from './apply-patch';
import { changeCause, warnRecord, withChangeCause } from './record';

/** An error as kubectl's checkErr sees it: an API status (with the file it came from) or a plain message. */
export type KubectlError = { readonly status: ApiStatus; readonly source?: { verb: string; file: string } } | { readonly message: string };

/** checkErr / MultipleErrors: one error as `error: …` or from its status; several one per line, unprefixed. Pure. */
export function errorText(errs: readonly KubectlError[]): string {
  if (errs.length === 1) {
    const e = errs[0];
    if ('status' in e) return apiErrorText(e.status, e.source);
    const text = e.message.startsWith('error: ') ? e.message : `error: ${e.message}`;
    return text.endsWith('\n') ? text : `${text}\n`;
  }
  return errs.map((e) => {
    if (!('status' in e)) return `${e.message}\n`;
    const where = e.source ? `error when ${e.source.verb} "${e.source.file}": ` : '';
    return `Error from server (${e.status.reason}): ${where}${e.status.message}\n`;
  }).join('');
}

/** `error: unknown flag: --foo` and the usage hint, as cobra prints a bad flag. */
export function flagError(ctx: ProgramContext, command: string, error: string): number {
  ctx.err(`error: ${error}\nSee 'kubectl ${command} --help' for usage.\n`);
  return 1;
}

/** One object the builder found, with its live state. */
export interface Target {
  readonly info: ResourceInfo;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly object: K8sObject;
}

/** The name printer's line: `deployment.apps/web scaled` plus ` (dry run)` / ` (server dry run)`. Pure. */
export function nameLine(info: ResourceInfo, name: string, operation: string, dryRun?: string): string {
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  return `${kindGroupName(info)}/${name}${operation ? ` ${operation}` : ''}${suffix}\n`;
}

/** Info.ObjectName(): `deployments/web` (plural, no group), as kubectl names objects in warnings and errors. Pure. */
export function objectNameOf(info: ResourceInfo, name: string): string {
  return `${info.plural}/${name}`;
}

/**
 * The resource builder (ResourceTypeOrNameArgs + LabelSelectorParam + FilenameParam + Latest): resolves the
 * arguments to live objects; objects that are not found become NotFound errors and the others still run.
 */
export function resolveTargets(ctx: ProgramContext, f: ParsedFlags, args: readonly string[], all: 'flag' | 'never' | 'implicit' = 'flag'):
  { ok: true; targets: Target[]; errors: KubectlError[] } | { ok: false; error: string } {
  const namespace = currentNamespace(ctx, f);
  const allNs = boolFlag(f, 'all-namespaces');
  const wanted: { info: ResourceInfo; ns: string | undefined; name: string }[] = [];
  const targets: Target[] = [];
  const errors: KubectlError[] = [];
  const files = f.values.get('filename') ?? [];
  if (files.length > 0) {
    const read = readManifestArgs(ctx.session.fs, ctx.session.cwd, files, ctx.stdin, boolFlag(f, 'recursive'));
    if (!read.ok) return { ok: false, error: read.error };
    for (const e of read.errors) errors.push({ message: e });
    for (const m of read.manifests) {
      const info = resourceFor(m.object.kind);
      wanted.push({ info, ns: info.namespaced ? m.object.metadata?.namespace || namespace : undefined, name: m.object.metadata?.name ?? '' });
    }
  }
  if (args.length > 0) {
    const sel = resolveSelections(args);
    if (!sel.ok) return { ok: false, error: sel.error };
    const labels = flag(f, 'selector');
    for (const s of sel.selections) {
      const ns = s.info.namespaced ? (allNs && s.names.length === 0 ? undefined : namespace) : undefined;
      if (s.names.length > 0) { for (const name of s.names) wanted.push({ info: s.info, ns, name }); continue; }
      if (labels === undefined && all !== 'implicit' && !(all === 'flag' && boolFlag(f, 'all'))) return { ok: false, error: 'resource(s) were provided, but no name was specified' };
      const reqs = parseSelector(labels ?? '');
      if (!reqs.ok) return { ok: false, error: reqs.error };
      for (const o of ctx.host.store.select(s.info.kind, ns, reqs.requirements)) targets.push({ info: s.info, namespace: o.metadata.namespace, name: o.metadata.name, object: o });
    }
  }
  for (const w of wanted) {
    const live = ctx.host.store.get(objectKey(w.info.kind, w.ns, w.name));
    if (live) targets.push({ info: w.info, namespace: w.ns, name: w.name, object: live });
    else errors.push({ status: notFoundStatus(resourceGroupName(w.info), w.name) });
  }
  return { ok: true, targets, errors };
}

/**
 * Writes `next` (a modified copy of `target.object`) as kubectl's patch would; `changed` is false when the
 * result equals the live object. Client dry-run writes nothing.
 */
export function writeModified(ctx: ProgramContext, target: Target, next: K8sObject, dryRun: string | undefined):
  { ok: true; object: K8sObject; changed: boolean } | { ok: false; status: ApiStatus } {
  if (dryRun === 'client') return { ok: true, object: next, changed: !jsonEqual(next, target.object) };
  const res = ctx.host.api.update({ ...next, metadata: { ...next.metadata, resourceVersion: target.object.metadata.resourceVersion } } as K8sObject, { dryRun: dryRun === 'server' });
  if (!res.ok) return res;
  return { ok: true, object: res.object, changed: res.object !== target.object };
}

/**
 * go-yaml's words for a patch text that does not parse. An unclosed `{` or `[` is found at the end of the stream,
 * which go-yaml reports on its 0-based line (no line at all on the first). Pure.
 */
export function patchYamlError(text: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const close = /^Flow (map|sequence) must end with a/.exec(first);
  if (close === null) return first;
  const line = text.split('\n').length - 1;
  return `${line > 0 ? `line ${line}: ` : ''}did not find expected ',' or '${close[1] === 'map' ? '}' : ']'}'`;
}

/** `--dry-run` as kubectl validates it; undefined for none. */
export function dryRunOf(f: ParsedFlags): { ok: true; value: string | undefined } | { ok: false; error: string } {
  const v = flag(f, 'dry-run');
  if (v === undefined || v === 'none') return { ok: true, value: undefined };
  if (v === 'client' || v === 'server') return { ok: true, value: v };
  if (v === 'true' || v === 'false') return { ok: true, value: v === 'true' ? 'client' : undefined };
  return { ok: false, error: `Invalid dry-run value (${v}). Must be "none", "server", or "client".` };
}

/** RFC 7386 JSON merge patch (`kubectl patch --type merge`, label and annotate): maps merge, null deletes. Pure. */
export function applyMergePatch(target: unknown, patch: unknown): Json {
  if (!isMap(patch)) return patch as Json;
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

type JsonPatchResult = { ok: true; value: Json } | { ok: false; error: string; invalid: boolean };

/** RFC 6902 JSON patch (`kubectl patch --type json`): add, remove, replace, copy, move, test. Pure. */
export function applyJsonPatch(doc: Json, ops: Json): JsonPatchResult {
  if (!Array.isArray(ops)) return { ok: false, error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch', invalid: false };
  let out: Json = JSON.parse(JSON.stringify(doc)) as Json;
  for (const op of ops) {
    if (!isMap(op) || typeof op.op !== 'string' || typeof op.path !== 'string') return { ok: false, error: 'the server rejected our request due to an error in our request', invalid: true };
    const get = (path: string): Json | undefined => pointer(out, path).reduce<Json | undefined>((v, k) => (Array.isArray(v) ? v[Number(k)] : isMap(v) ? v[k] : undefined), out);
    const value = op.op === 'copy' || op.op === 'move' ? get(String(op.from ?? '')) : op.value;
    if (op.op === 'test') { if (!jsonEqual(get(op.path), op.value)) return { ok: false, error: 'the server rejected our request due to an error in our request', invalid: true }; continue; }
    if (op.op === 'move') out = setAt(out, pointer(out, String(op.from ?? '')), undefined, 'remove') ?? out;
    const next = setAt(out, pointer(out, op.path), value ?? null, op.op);
    if (next === undefined) return { ok: false, error: 'the server rejected our request due to an error in our request', invalid: true };
    out = next;
  }
  return { ok: true, value: out };
}

function pointer(_doc: Json, path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function setAt(doc: Json, path: readonly string[], value: Json | undefined, op: string): Json | undefined {
  if (path.length === 0) return op === 'remove' ? null : (value as Json);
  const [head, ...rest] = path;
  if (Array.isArray(doc)) {
    const i = head === '-' ? doc.length : Number(head);
    if (!Number.isInteger(i) || i < 0 || i > doc.length) return undefined;
    const copy = [...doc];
    if (rest.length > 0) { const sub = setAt(copy[i], rest, value, op); if (sub === undefined) return undefined; copy[i] = sub; return copy; }
    if (op === 'add' || op === 'copy' || op === 'move') copy.splice(i, 0, value as Json);
    else if (i >= doc.length) return undefined;
    else if (op === 'remove') copy.splice(i, 1);
    else copy[i] = value as Json;
    return copy;
  }
  if (!isMap(doc)) return undefined;
  const copy: Record<string, Json> = { ...doc };
  if (rest.length > 0) { if (!(head in copy)) return undefined; const sub = setAt(copy[head], rest, value, op); if (sub === undefined) return undefined; copy[head] = sub; return copy; }
  if ((op === 'remove' || op === 'replace') && !(head in copy)) return undefined;
  if (op === 'remove') delete copy[head]; else copy[head] = value as Json;
  return copy;
}

const FLAGS: FlagSpec = {
  patch: { short: 'p' }, 'patch-file': {}, type: {}, filename: { short: 'f', multi: true }, 'dry-run': {}, output: { short: 'o' },
  local: { bool: true }, recursive: { short: 'R', bool: true }, subresource: {}, 'field-manager': {}, record: { bool: true },
};

/** `kubectl patch TYPE NAME -p '{…}' [--type strategic|merge|json]`: `patched` or `patched (no change)`. */
export function* kubectlPatch(ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, 'patch', parsed.error);
  const f = parsed.flags;
  warnRecord(ctx, f);
  const cause = changeCause(['patch'], f);
  const type = flag(f, 'type') ?? 'strategic';
  if (!['json', 'merge', 'strategic'].includes(type)) { ctx.err(`error: --type must be one of [json merge strategic], not "${type}"\n`); return 1; }
  let text = flag(f, 'patch');
  const file = flag(f, 'patch-file');
  if (file !== undefined) {
    const r = ctx.session.fs.read(file.startsWith('/') ? file : `${ctx.session.cwd}/${file}`);
    if (!r.ok) { ctx.err(`error: unable to read patch file: open ${file}: no such file or directory\n`); return 1; }
    text = r.value;
  }
  if (text === undefined || text === '') { ctx.err('error: must specify --patch or --patch-file containing the contents of the patch\n'); return 1; }
  let patch: Json;
  try { patch = parseYaml(text, { version: '1.1' }) as Json; } catch (err) {
    ctx.err(`error: unable to parse "${text}": yaml: ${patchYamlError(text, (err as Error).message)}\n`);
    return 1;
  }
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  if (f.positionals.length === 0 && !(f.values.get('filename') ?? []).length) {
    ctx.err(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`);
    return 1;
  }
  const found = resolveTargets(ctx, f, f.positionals, 'never');
  if (!found.ok) { ctx.err(`error: ${found.error}\n`); return 1; }
  const errors: KubectlError[] = [...found.errors];
  for (const t of found.targets) {
    let next: Json;
    if (type === 'json') {
      const r = applyJsonPatch(t.object as unknown as Json, patch);
      if (!r.ok) { errors.push(r.invalid ? { status: { code: 422, reason: 'Invalid', message: r.error } } : { message: `unable to parse "${text}": ${r.error}` }); continue; }
      next = r.value;
    } else if (!isMap(patch)) {
      errors.push({ message: `unable to parse "${text}": json: cannot unmarshal array into Go value of type map[string]interface {}` });
      continue;
    } else next = type === 'merge' ? applyMergePatch(t.object, patch) : applyStrategicPatch(t.info.kind, t.object, patch);
    const res = writeModified(ctx, t, next as unknown as K8sObject, dry.value);
    if (!res.ok) { errors.push({ status: patchFailure(res.status, patch) }); continue; }
    // The change cause is a second merge patch, which does not count as a change of its own.
    const recorded = withChangeCause(res.object, cause);
    if (recorded !== res.object && dry.value === undefined) writeModified(ctx, { ...t, object: res.object }, recorded, undefined);
    if (flag(f, 'output') === 'name') ctx.out(nameLine(t.info, t.name, ''));
    else ctx.out(nameLine(t.info, t.name, res.changed ? 'patched' : 'patched (no change)', dry.value));
  }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  return 0;
}
