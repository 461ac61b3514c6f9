// `kubectl apply -f`: create what is missing (created), three-way-merge what exists (configured / unchanged),
// record last-applied-configuration, honour --dry-run, and report errors per object as kubectl does.
import type { K8sObject } from '../model/types';
import { objectKey } from '../model/keys';
import { kindGroupName, resourceFor, resourceGroupName } from '../model/resources';
import { stableStringify } from '../core/names';
import type { ProgramContext } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { apiErrorText, clientError } from './errors';
import { readManifestArgs } from './manifests';
import { LAST_APPLIED, lastAppliedOf, threeWayMerge } from './apply-patch';
import { currentNamespace } from './namespace';
import { toJson, toYaml } from './output';

const FLAGS: FlagSpec = {
  filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true }, 'dry-run': {}, output: { short: 'o' },
  validate: {}, 'server-side': { bool: true }, 'force-conflicts': { bool: true }, 'field-manager': {}, prune: { bool: true },
  selector: { short: 'l' }, 'record': { bool: true }, 'overwrite': { bool: true },
};

export function* kubectlApply(ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl apply --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  const files = f.values.get('filename') ?? [];
  if (files.length === 0) {
    ctx.err(`error: must specify one of -f and -k\n\n`);
    return 1;
  }
  const dryRun = flag(f, 'dry-run');
  if (dryRun !== undefined && !['client', 'server', 'none'].includes(dryRun)) {
    ctx.err(clientError(`Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`));
    return 1;
  }
  const read = readManifestArgs(ctx.session.fs, ctx.session.cwd, files, ctx.stdin, boolFlag(f, 'recursive'));
  if (!read.ok) { ctx.err(clientError(read.error)); return 1; }
  const nsFlag = flag(f, 'namespace');
  const namespace = currentNamespace(ctx, f);
  let exit = read.errors.length > 0 ? 1 : 0;
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const output = flag(f, 'output');
  const applied: K8sObject[] = [];
  for (const m of read.manifests) {
    const info = resourceFor(m.object.kind);
    const manifest = JSON.parse(JSON.stringify(m.object)) as K8sObject;
    manifest.metadata = manifest.metadata ?? ({} as K8sObject['metadata']);
    if (info.namespaced) {
      const own = manifest.metadata.namespace;
      if (own && nsFlag && own !== nsFlag) {
        ctx.err(clientError(`the namespace from the provided object "${own}" does not match the namespace "${nsFlag}". You must pass '--namespace=${own}' to perform this operation.`));
        exit = 1;
        continue;
      }
      manifest.metadata.namespace = own || namespace;
    }
    if (!manifest.metadata.name) {
      ctx.err(clientError(`error when retrieving current configuration of:\nResource: "${resourceGroupName(info)}", GroupVersionKind: "${info.group ? `${info.group}/` : ''}${info.version}, Kind=${info.kind}"\nName: "", Namespace: "${manifest.metadata.namespace ?? ''}"\nfrom server for: "${m.source}": resource name may not be empty`));
      exit = 1;
      continue;
    }
    const annotation = lastAppliedOf(manifest as unknown as Record<string, unknown>);
    manifest.metadata.annotations = { ...(manifest.metadata.annotations ?? {}), [LAST_APPLIED]: annotation };
    const key = objectKey(info.kind, info.namespaced ? manifest.metadata.namespace : undefined, manifest.metadata.name);
    const live = ctx.host.store.get(key);
    const name = `${kindGroupName(info)}/${manifest.metadata.name}`;
    if (!live) {
      if (dryRun === 'client') { report(ctx, output, `${name} created${suffix}`); applied.push(manifest); continue; }
      const res = ctx.host.api.create(manifest, { dryRun: dryRun === 'server' });
      if (!res.ok) { ctx.err(apiErrorText(res.status, { verb: 'creating', file: m.source })); exit = 1; continue; }
      report(ctx, output, `${name} created${suffix}`);
      applied.push(res.object);
      continue;
    }
    const lastText = live.metadata.annotations?.[LAST_APPLIED];
    if (!lastText) {
      ctx.err(`Warning: resource ${resourceGroupName(info)}/${manifest.metadata.name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
    }
    let last: unknown;
    try { last = lastText ? JSON.parse(lastText) : undefined; } catch { last = undefined; }
    const merged = threeWayMerge(live, last, manifest) as K8sObject;
    const unchangedPatch = stableStringify(merged) === stableStringify(live);
    if (unchangedPatch) { report(ctx, output, `${name} unchanged${suffix}`); applied.push(live); continue; }
    if (dryRun === 'client') { report(ctx, output, `${name} configured${suffix}`); applied.push(merged); continue; }
    const res = ctx.host.api.update({ ...merged, metadata: { ...merged.metadata, resourceVersion: undefined } } as K8sObject, { dryRun: dryRun === 'server' });
    if (!res.ok) { ctx.err(apiErrorText(res.status, { verb: 'applying patch', file: m.source })); exit = 1; continue; }
    report(ctx, output, `${name} ${res.object === live ? 'unchanged' : 'configured'}${suffix}`);
    applied.push(res.object);
  }
  for (const e of read.errors) ctx.err(clientError(e));
  if (output === 'yaml' || output === 'json') {
    const value = applied.length === 1 ? applied[0] : { apiVersion: 'v1', items: applied, kind: 'List', metadata: { resourceVersion: '' } };
    ctx.out(output === 'yaml' ? toYaml(value) : toJson(value));
  }
  return exit;
}

function report(ctx: ProgramContext, output: string | undefined, line: string): void {
  if (output === 'yaml' || output === 'json') return;
  ctx.out(output === 'name' ? `${line.split(' ')[0]}\n` : `${line}\n`);
}
