// `kubectl apply -f` (cmd/apply/apply.go, patcher.go): create what is missing (`created`, with the
// last-applied-configuration annotation), three-way strategic-merge-patch what exists (`configured`, or
// `unchanged` when the patch is `{}`), --dry-run, -o, --server-side, and errors collected per object.
// SIMPLIFIED: --server-side merges the manifest into the live object without field ownership or conflicts.
import type { K8sObject } from '../model/types';
import { objectKey } from '../model/keys';
import { resourceFor, type ResourceInfo } from '../model/resources';
import type { ProgramContext } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { validates, readManifestArgs, type Manifest } from './manifests';
import { applyStrategicPatch, createThreeWayPatch, LAST_APPLIED, lastAppliedOf, patchFailure, sortDeep } from './apply-patch';
import { currentNamespace } from './namespace';
import { toJson, toYaml } from './output';
import { dryRunOf, errorText, flagError, nameLine, objectNameOf, type KubectlError } from './patch';
import { changeCause, warnRecord, withChangeCause } from './record';

const FLAGS: FlagSpec = {
  filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true }, 'dry-run': {}, output: { short: 'o' },
  validate: {}, 'server-side': { bool: true }, 'force-conflicts': { bool: true }, 'field-manager': {}, prune: { bool: true },
  selector: { short: 'l' }, record: { bool: true }, overwrite: { bool: true }, kustomize: { short: 'k' }, force: { bool: true },
  'grace-period': {}, timeout: {}, wait: { bool: true }, all: { bool: true },
};

/** Info.String(): how kubectl names an object's mapping in "retrieving current configuration" errors. Pure. */
export function infoString(info: ResourceInfo, name: string, namespace: string): string {
  return `Resource: "${info.group}/${info.version}, Resource=${info.plural}", GroupVersionKind: "${info.group}/${info.version}, Kind=${info.kind}"\nName: "${name}", Namespace: "${namespace}"`;
}

/** Go's json.Marshal of a patch: sorted keys, and <, >, & escaped as it does for HTML safety. Pure. */
export function goJson(value: unknown): string {
  return JSON.stringify(sortDeep(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Outcome { readonly line?: string; readonly object?: K8sObject; readonly error?: KubectlError; readonly warning?: string }

/** Applies one manifest (namespace already resolved) as applyOneObject does; writes through the API unless client dry-run. */
export function applyOne(ctx: ProgramContext, m: Manifest, manifest: K8sObject, dryRun: string | undefined, serverSide: boolean): Outcome {
  const info = resourceFor(manifest.kind);
  const name = manifest.metadata.name;
  const ns = manifest.metadata.namespace ?? '';
  const live = ctx.host.store.get(objectKey(info.kind, info.namespaced ? ns : undefined, name));
  const source = { verb: 'creating', file: m.source };
  if (serverSide) {
    const next = live ? applyStrategicPatch(info.kind, live, manifest) as unknown as K8sObject : manifest;
    if (dryRun === 'client') return { line: nameLine(info, name, 'serverside-applied', dryRun), object: next };
    const res = live ? ctx.host.api.update({ ...next, metadata: { ...next.metadata, resourceVersion: live.metadata.resourceVersion } } as K8sObject, { dryRun: dryRun === 'server' })
      : ctx.host.api.create(next, { dryRun: dryRun === 'server' });
    if (!res.ok) return { error: { status: res.status, source: live ? { verb: 'patching', file: m.source } : source } };
    return { line: nameLine(info, name, 'serverside-applied', dryRun), object: res.object };
  }
  const annotated = { ...manifest, metadata: { ...manifest.metadata, annotations: { ...manifest.metadata.annotations, [LAST_APPLIED]: lastAppliedOf(manifest as unknown as Record<string, unknown>) } } } as K8sObject;
  if (!live) {
    if (dryRun === 'client') return { line: nameLine(info, name, 'created', dryRun), object: annotated };
    const res = ctx.host.api.create(annotated, { dryRun: dryRun === 'server' });
    if (!res.ok) return { error: { status: res.status, source } };
    return { line: nameLine(info, name, 'created', dryRun), object: res.object };
  }
  if (dryRun === 'client') return { line: nameLine(info, name, 'configured', dryRun), object: live };
  const lastText = live.metadata.annotations?.[LAST_APPLIED];
  const warning = lastText === undefined
    ? `Warning: resource ${objectNameOf(info, name)} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`
    : undefined;
  let original: unknown;
  try { original = lastText ? JSON.parse(lastText) : undefined; } catch { original = undefined; }
  const patch = createThreeWayPatch(info.kind, original, annotated, live);
  // WarnIfDeleting: changes to an object that is already being deleted.
  const deleting = (o: K8sObject): string => (o.metadata.deletionTimestamp ? `Warning: Detected changes to resource ${name} which is currently being deleted.\n` : '');
  if (Object.keys(patch).length === 0) return { warning: (warning ?? '') + deleting(live) || undefined, line: nameLine(info, name, 'unchanged', dryRun), object: live };
  const merged = applyStrategicPatch(info.kind, live, patch) as unknown as K8sObject;
  const res = ctx.host.api.update({ ...merged, metadata: { ...merged.metadata, resourceVersion: live.metadata.resourceVersion } } as K8sObject, { dryRun: dryRun === 'server' });
  if (!res.ok) {
    const verb = `applying patch:\n${goJson(patch)}\nto:\n${infoString(info, name, ns)}\nfor:`;
    return { warning, error: { status: patchFailure(res.status, patch), source: { verb, file: m.source } } };
  }
  return { warning: (warning ?? '') + deleting(res.object) || undefined, line: nameLine(info, name, 'configured', dryRun), object: res.object };
}

/** `kubectl apply`: runs each manifest of -f through applyOne and prints errors after the successes. */
export function* kubectlApply(ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, 'apply', parsed.error);
  const f = parsed.flags;
  warnRecord(ctx, f);
  const cause = changeCause(['apply'], f);
  if (flag(f, 'kustomize') !== undefined) { ctx.err('error: kubesim does not simulate kustomize (-k); apply the manifests with -f\n'); return 1; }
  if (boolFlag(f, 'prune')) { ctx.err('error: kubesim does not simulate --prune; delete the objects you no longer need with kubectl delete\n'); return 1; }
  const files = f.values.get('filename') ?? [];
  if (files.length === 0) { ctx.err('error: must specify one of -f and -k\n'); return 1; }
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  const output = flag(f, 'output');
  if (output !== undefined && !['yaml', 'json', 'name'].includes(output)) {
    ctx.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml\n`);
    return 1;
  }
  const validate = validates(flag(f, 'validate'));
  if (typeof validate === 'string') { ctx.err(`error: ${validate}\n`); return 1; }
  const read = readManifestArgs(ctx.session.fs, ctx.session.cwd, files, ctx.stdin, boolFlag(f, 'recursive'), validate);
  if (!read.ok) { ctx.err(`error: ${read.error}\n`); return 1; }
  const nsFlag = flag(f, 'namespace');
  const namespace = currentNamespace(ctx, f);
  const builderErrors: KubectlError[] = read.errors.map((message) => ({ message }));
  const todo: { m: Manifest; manifest: K8sObject }[] = [];
  for (const m of read.manifests) {
    const info = resourceFor(m.object.kind);
    const manifest = JSON.parse(JSON.stringify(m.object)) as K8sObject;
    manifest.metadata = manifest.metadata ?? ({} as K8sObject['metadata']);
    if (info.namespaced) {
      const own = manifest.metadata.namespace;
      if (own && nsFlag && own !== nsFlag) {
        builderErrors.push({ message: `the namespace from the provided object "${own}" does not match the namespace "${nsFlag}". You must pass '--namespace=${own}' to perform this operation.` });
        continue;
      }
      manifest.metadata.namespace = own || namespace;
    }
    todo.push({ m, manifest });
  }
  if (todo.length === 0 && builderErrors.length === 0) { ctx.err('error: no objects passed to apply\n'); return 1; }
  const errors: KubectlError[] = [...builderErrors];
  const printed: K8sObject[] = [];
  for (const { m, manifest } of todo) {
    const info = resourceFor(manifest.kind);
    if (!manifest.metadata.name) {
      errors.push({ message: `error when retrieving current configuration of:\n${infoString(info, '', manifest.metadata.namespace ?? '')}\nfrom server for: "${m.source}": resource name may not be empty` });
      continue;
    }
    // applyOneObject records first, so the change cause is also in the last-applied configuration.
    const r = applyOne(ctx, m, withChangeCause(manifest, cause), dry.value, boolFlag(f, 'server-side'));
    if (r.warning) ctx.err(r.warning);
    if (r.error) { errors.push(r.error); continue; }
    if (output === 'yaml' || output === 'json') printed.push(r.object!);
    else if (output === 'name') ctx.out(nameLine(info, manifest.metadata.name, ''));
    else if (r.line) ctx.out(r.line);
  }
  if (printed.length > 0) {
    const value = printed.length === 1 ? printed[0] : { apiVersion: 'v1', items: printed, kind: 'List', metadata: {} };
    ctx.out(output === 'yaml' ? toYaml(value) : toJson(value));
  }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  return 0;
}
