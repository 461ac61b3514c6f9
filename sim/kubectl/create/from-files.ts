// `kubectl create -f` and `kubectl replace -f` (cmd/create/create.go, cmd/replace/replace.go): the file's objects
// sent as they are, `created` / `replaced` per object, errors `error when creating|replacing "<file>": …` at the end.
// SIMPLIFIED: `replace --force` deletes and recreates at once, without waiting for graceful termination.
import type { K8sObject } from '../../model/types';
import { resourceFor } from '../../model/resources';
import type { ProgramContext } from '../../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { validates, readManifestArgs } from '../manifests';
import { LAST_APPLIED, lastAppliedOf } from '../apply-patch';
import { currentNamespace } from '../namespace';
import { toJson, toYaml } from '../output';
import { dryRunOf, errorText, flagError, nameLine, type KubectlError } from '../patch';
import { changeCause, warnRecord, withChangeCause } from '../record';

const FLAGS: FlagSpec = {
  filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true }, 'dry-run': {}, output: { short: 'o' },
  'save-config': { bool: true }, validate: {}, 'field-manager': {}, edit: { bool: true }, raw: {}, selector: { short: 'l' },
  force: { bool: true }, 'grace-period': {}, cascade: {}, timeout: {}, wait: { bool: true }, subresource: {},
  record: { bool: true },
};

/** Runs create -f (`verb` 'create') or replace -f (`verb` 'replace'). */
export function createFromFiles(ctx: ProgramContext, args: readonly string[], verb: 'create' | 'replace'): number {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, verb, parsed.error);
  const f = parsed.flags;
  warnRecord(ctx, f);
  const cause = changeCause([verb], f);
  if (boolFlag(f, 'edit')) { ctx.err('error: kubesim has no editor in the terminal; create the object with kubectl apply -f\n'); return 1; }
  const files = f.values.get('filename') ?? [];
  if (files.length === 0) { ctx.err('error: must specify --filename to replace\n'); return 1; }
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  const validate = validates(flag(f, 'validate'));
  if (typeof validate === 'string') { ctx.err(`error: ${validate}\n`); return 1; }
  const read = readManifestArgs(ctx.session.fs, ctx.session.cwd, files, ctx.stdin, boolFlag(f, 'recursive'), validate);
  if (!read.ok) { ctx.err(`error: ${read.error}\n`); return 1; }
  const nsFlag = flag(f, 'namespace');
  const namespace = currentNamespace(ctx, f);
  const errors: KubectlError[] = read.errors.map((message) => ({ message }));
  const output = flag(f, 'output');
  let count = 0;
  for (const m of read.manifests) {
    const info = resourceFor(m.object.kind);
    const obj = JSON.parse(JSON.stringify(m.object)) as K8sObject;
    obj.metadata = obj.metadata ?? ({} as K8sObject['metadata']);
    if (info.namespaced) {
      if (obj.metadata.namespace && nsFlag && obj.metadata.namespace !== nsFlag) {
        errors.push({ message: `the namespace from the provided object "${obj.metadata.namespace}" does not match the namespace "${nsFlag}". You must pass '--namespace=${obj.metadata.namespace}' to perform this operation.` });
        continue;
      }
      obj.metadata.namespace = obj.metadata.namespace || namespace;
    }
    if (boolFlag(f, 'save-config')) obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: lastAppliedOf(obj as unknown as Record<string, unknown>) };
    // CreateOrUpdateAnnotation, then the recorder: the change cause is not in the saved configuration.
    const recorded = withChangeCause(obj, cause);
    let result: K8sObject = recorded;
    if (dry.value !== 'client') {
      const source = { verb: verb === 'create' ? 'creating' : 'replacing', file: m.source };
      const opts = { dryRun: dry.value === 'server' };
      if (verb === 'replace' && boolFlag(f, 'force') && dry.value === undefined) {
        const del = ctx.host.api.delete(info.kind, obj.metadata.namespace, obj.metadata.name, { gracePeriodSeconds: 0 });
        if (!del.ok && del.status.reason !== 'NotFound') { errors.push({ status: del.status, source }); continue; }
      }
      const res = verb === 'create' || boolFlag(f, 'force') ? ctx.host.api.create(recorded, opts) : ctx.host.api.update(recorded, opts);
      if (!res.ok) { errors.push({ status: res.status, source }); continue; }
      result = res.object;
    }
    count++;
    if (output === 'yaml') ctx.out(toYaml(result));
    else if (output === 'json') ctx.out(toJson(result));
    else ctx.out(nameLine(info, obj.metadata.name, output === 'name' ? '' : verb === 'create' ? 'created' : 'replaced', output === 'name' ? undefined : dry.value));
  }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  if (count === 0) { ctx.err(`error: no objects passed to ${verb}\n`); return 1; }
  return 0;
}

/** `kubectl replace -f`. */
export function* kubectlReplace(ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> {
  return createFromFiles(ctx, args, 'replace');
}
