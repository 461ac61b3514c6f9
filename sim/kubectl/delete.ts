// `kubectl delete`: by type and name, type/name, -f, -l or --all; graceful by default and waiting until the
// objects are gone (--wait), `--now`, `--grace-period`, `--force`, `--cascade`; v1.34 wording
// (`pod "x" deleted from default namespace`).
import type { K8sObject } from '../model/types';
import { objectKey } from '../model/keys';
import { kindGroupName, resourceFor, type ResourceInfo } from '../model/resources';
import { parseSelector } from '../model/labels';
import type { ProgramContext, Wait } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { apiErrorText, clientError } from './errors';
import { resolveSelections } from './resources';
import { readManifestArgs } from './manifests';
import { currentNamespace } from './namespace';

const FLAGS: FlagSpec = {
  filename: { short: 'f', multi: true }, selector: { short: 'l' }, all: { bool: true }, 'grace-period': {}, now: { bool: true },
  force: { bool: true }, wait: { bool: true }, cascade: {}, 'ignore-not-found': { bool: true }, 'dry-run': {},
  recursive: { short: 'R', bool: true }, output: { short: 'o' }, timeout: {},
};

interface Target { readonly info: ResourceInfo; readonly namespace: string | undefined; readonly name: string; readonly source?: string }

export function* kubectlDelete(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl delete --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  const namespace = currentNamespace(ctx, f);
  const files = f.values.get('filename') ?? [];
  const targets: Target[] = [];
  let exit = 0;
  if (files.length > 0) {
    const read = readManifestArgs(ctx.session.fs, ctx.session.cwd, files, ctx.stdin, boolFlag(f, 'recursive'));
    if (!read.ok) { ctx.err(clientError(read.error)); return 1; }
    for (const e of read.errors) { ctx.err(clientError(e)); exit = 1; }
    for (const m of read.manifests) {
      const info = resourceFor(m.object.kind);
      targets.push({ info, namespace: info.namespaced ? m.object.metadata?.namespace || namespace : undefined, name: m.object.metadata?.name ?? '', source: m.source });
    }
  } else {
    if (f.positionals.length === 0) {
      ctx.err(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`);
      return 1;
    }
    const sel = resolveSelections(f.positionals);
    if (!sel.ok) { ctx.err(clientError(sel.error)); return 1; }
    const labels = flag(f, 'selector');
    for (const s of sel.selections) {
      const ns = s.info.namespaced ? namespace : undefined;
      if (s.names.length > 0) { for (const name of s.names) targets.push({ info: s.info, namespace: ns, name }); continue; }
      if (!labels && !boolFlag(f, 'all')) {
        ctx.err(clientError(`resource(s) were provided, but no name was specified`));
        return 1;
      }
      const reqs = parseSelector(labels ?? '');
      if (!reqs.ok) { ctx.err(clientError(reqs.error)); return 1; }
      for (const o of ctx.host.store.select(s.info.kind, ns, reqs.requirements)) targets.push({ info: s.info, namespace: ns, name: o.metadata.name });
    }
    if (targets.length === 0) { ctx.out('No resources found\n'); return 0; }
  }
  const force = boolFlag(f, 'force');
  let grace = flag(f, 'grace-period') !== undefined ? Number(flag(f, 'grace-period')) : undefined;
  if (boolFlag(f, 'now')) grace = 1;
  if (grace === 0 && !force) grace = 1;
  if (force && grace === undefined) grace = 0;
  if (force && grace === 0) ctx.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const cascade = flag(f, 'cascade') ?? 'background';
  const propagationPolicy = cascade === 'orphan' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
  const dryRun = flag(f, 'dry-run');
  const gone: { key: string; uid: string }[] = [];
  for (const t of targets) {
    const res = ctx.host.api.delete(t.info.kind, t.namespace, t.name, { gracePeriodSeconds: grace, propagationPolicy, dryRun: dryRun === 'server' || dryRun === 'client' });
    if (!res.ok) {
      if (res.status.reason === 'NotFound' && boolFlag(f, 'ignore-not-found')) continue;
      ctx.err(apiErrorText(res.status, t.source ? { verb: 'deleting', file: t.source } : undefined));
      exit = 1;
      continue;
    }
    const word = force && grace === 0 ? 'force deleted' : 'deleted';
    const where = t.info.namespaced ? ` from ${t.namespace} namespace` : '';
    const dry = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    ctx.out(flag(f, 'output') === 'name' ? `${kindGroupName(t.info)}/${t.name}\n` : `${kindGroupName(t.info)} "${t.name}" ${word}${where}${dry}\n`);
    if (!dryRun) gone.push({ key: objectKey(t.info.kind, t.namespace, t.name), uid: (res.object as K8sObject).metadata.uid ?? '' });
  }
  const wait = flag(f, 'wait') !== 'false' && !(force && grace === 0);
  if (wait) {
    const deadline = ctx.host.now() + 3_600_000;
    while (gone.some((g) => ctx.host.store.get(g.key)?.metadata.uid === g.uid) && ctx.host.now() < deadline) {
      yield { kind: 'change', timeoutAt: deadline };
    }
  }
  return exit;
}
