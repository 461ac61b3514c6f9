// `kubectl delete` (cmd/delete/delete.go, v1.34): by type and name, TYPE/NAME, -f, -l or --all; --grace-period,
// --now, --force, --cascade, --dry-run, -o name; prints `pod "x" deleted from default namespace` and then waits
// (--wait, --timeout) until the objects are gone, so pods go through Terminating and namespaces drain first.
import type { K8sObject } from '../model/types';
import { objectKey } from '../model/keys';
import { kindGroupName, resourceFor, type ResourceInfo } from '../model/resources';
import { parseSelector } from '../model/labels';
import type { ProgramContext, Wait } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { resolveSelections } from './resources';
import { readManifestArgs } from './manifests';
import { currentNamespace } from './namespace';
import { dryRunOf, errorText, flagError, objectNameOf, type KubectlError } from './patch';
import { parseGoDuration } from './wait';

const FLAGS: FlagSpec = {
  filename: { short: 'f', multi: true }, selector: { short: 'l' }, all: { bool: true }, 'grace-period': {}, now: { bool: true },
  force: { bool: true }, wait: { bool: true }, cascade: {}, 'ignore-not-found': { bool: true }, 'dry-run': {},
  recursive: { short: 'R', bool: true }, output: { short: 'o' }, timeout: {}, 'field-selector': {}, interactive: { short: 'i', bool: true },
  raw: {}, kustomize: { short: 'k' },
};

const MISSING = `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`;

interface Item { readonly info: ResourceInfo; readonly namespace: string | undefined; readonly name: string; readonly source?: string }

/** Complete()'s grace period rules: --now is 1, 0 without --force becomes 1, --force alone is 0; -1 means the object's own. Pure. */
export function effectiveGrace(grace: number, now: boolean, force: boolean): number | { error: string } {
  let g = grace;
  if (now) { if (g !== -1) return { error: '--now and --grace-period cannot be specified together' }; g = 1; }
  if (g === 0 && !force) g = 1;
  if (force && g < 0) g = 0;
  if (force && g > 0) return { error: '--force and --grace-period greater than 0 cannot be specified together' };
  return g;
}

/** The line delete prints (not the name printer): `deployment.apps "web" deleted from default namespace (dry run)`. Pure. */
export function deletedLine(info: ResourceInfo, name: string, namespace: string | undefined, grace: number, dryRun: string | undefined, output: string | undefined): string {
  if (output === 'name') return `${kindGroupName(info)}/${name}\n`;
  let op = grace === 0 ? 'force deleted' : 'deleted';
  if (info.namespaced) op += ` from ${namespace} namespace`;
  if (dryRun) op += dryRun === 'client' ? ' (dry run)' : ' (server dry run)';
  return `${kindGroupName(info)} "${name}" ${op}\n`;
}

/** `kubectl delete`: deletes what the arguments name, prints each, then waits until they are gone. */
export function* kubectlDelete(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, 'delete', parsed.error);
  const f = parsed.flags;
  const fail = (message: string): number => { ctx.err(`error: ${message}\n`); return 1; };
  if (flag(f, 'kustomize') !== undefined || flag(f, 'raw') !== undefined || boolFlag(f, 'interactive')) return fail('kubesim does not simulate -k, --raw or --interactive for kubectl delete');
  const graceText = flag(f, 'grace-period') ?? '-1';
  if (!/^-?\d+$/.test(graceText)) return flagError(ctx, 'delete', `invalid argument "${graceText}" for "--grace-period" flag: strconv.ParseInt: parsing "${graceText}": invalid syntax`);
  const grace = effectiveGrace(Number(graceText), boolFlag(f, 'now'), boolFlag(f, 'force'));
  if (typeof grace !== 'number') return fail(grace.error);
  const dry = dryRunOf(f);
  if (!dry.ok) return fail(dry.error);
  const output = flag(f, 'output');
  if (output !== undefined && output !== 'name') return fail(`unexpected -o output mode: ${output}. We only support '-o name'`);
  const labels = flag(f, 'selector');
  if (boolFlag(f, 'all') && labels !== undefined) return fail('cannot set --all and --selector at the same time');
  let cascade = flag(f, 'cascade') ?? 'background';
  if (cascade === 'true') cascade = 'background';
  if (cascade === 'false') { ctx.err('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n'); cascade = 'orphan'; }
  if (!['background', 'foreground', 'orphan'].includes(cascade)) return fail(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
  const timeoutMs = parseGoDuration(flag(f, 'timeout') ?? '0s');
  if (timeoutMs === undefined) return flagError(ctx, 'delete', `invalid argument "${flag(f, 'timeout')}" for "--timeout" flag: time: invalid duration "${flag(f, 'timeout')}"`);
  if (grace === 0 && boolFlag(f, 'force')) ctx.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const namespace = currentNamespace(ctx, f);
  const allNs = boolFlag(f, 'all-namespaces');
  const ignoreNotFound = f.values.has('ignore-not-found') ? boolFlag(f, 'ignore-not-found') : boolFlag(f, 'all') || labels !== undefined;
  const items: Item[] = [];
  const errors: KubectlError[] = [];
  const files = f.values.get('filename') ?? [];
  if (files.length > 0) {
    const read = readManifestArgs(ctx.session.fs, ctx.session.cwd, files, ctx.stdin, boolFlag(f, 'recursive'));
    if (!read.ok) return fail(read.error);
    for (const e of read.errors) errors.push({ message: e });
    for (const m of read.manifests) {
      const info = resourceFor(m.object.kind);
      items.push({ info, namespace: info.namespaced ? m.object.metadata?.namespace || namespace : undefined, name: m.object.metadata?.name ?? '', source: m.source });
    }
  } else {
    if (f.positionals.length === 0) return fail(MISSING);
    const sel = resolveSelections(f.positionals);
    if (!sel.ok) return fail(sel.error);
    for (const s of sel.selections) {
      const ns = s.info.namespaced ? (allNs && s.names.length === 0 ? undefined : namespace) : undefined;
      if (s.names.length > 0) { for (const name of s.names) items.push({ info: s.info, namespace: ns, name }); continue; }
      if (labels === undefined && !boolFlag(f, 'all')) return fail('resource(s) were provided, but no name was specified');
      const reqs = parseSelector(labels ?? '');
      if (!reqs.ok) return fail(reqs.error);
      for (const o of ctx.host.store.select(s.info.kind, ns, reqs.requirements)) items.push({ info: s.info, namespace: o.metadata.namespace, name: o.metadata.name });
    }
  }
  let warnClusterScope = flag(f, 'namespace') !== undefined && !allNs;
  const gone: { key: string; uid: string; item: Item }[] = [];
  let found = 0;
  for (const t of items) {
    if (warnClusterScope && !t.info.namespaced) { ctx.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n'); warnClusterScope = false; }
    const key = objectKey(t.info.kind, t.namespace, t.name);
    if (dry.value === 'client') {
      if (!ctx.host.store.get(key)) { if (!ignoreNotFound) errors.push({ status: { code: 404, reason: 'NotFound', message: `${t.info.plural}${t.info.group ? `.${t.info.group}` : ''} "${t.name}" not found` } }); continue; }
      found++;
      ctx.out(deletedLine(t.info, t.name, t.namespace, grace, dry.value, output));
      continue;
    }
    const res = ctx.host.api.delete(t.info.kind, t.namespace, t.name, {
      gracePeriodSeconds: grace >= 0 ? grace : undefined, dryRun: dry.value === 'server',
      propagationPolicy: cascade === 'orphan' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background',
    });
    if (!res.ok) {
      if (!(res.status.reason === 'NotFound' && ignoreNotFound)) errors.push({ status: res.status, source: t.source ? { verb: 'deleting', file: t.source } : undefined });
      continue;
    }
    found++;
    ctx.out(deletedLine(t.info, t.name, t.namespace, grace, dry.value, output));
    gone.push({ key, uid: (res.object as K8sObject).metadata.uid ?? '', item: t });
  }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  if (found === 0) { ctx.out('No resources found\n'); return 0; }
  if (flag(f, 'wait') === 'false' || dry.value) return 0;
  const deadline = ctx.host.now() + (timeoutMs > 0 ? timeoutMs : 168 * 3_600_000);
  const present = (g: { key: string; uid: string }): boolean => ctx.host.store.get(g.key)?.metadata.uid === g.uid;
  while (gone.some(present) && ctx.host.now() < deadline) yield { kind: 'change', timeoutAt: deadline };
  const left = gone.filter(present);
  if (left.length > 0) {
    ctx.err(errorText(left.map((g) => ({ message: `timed out waiting for the condition on ${objectNameOf(g.item.info, g.item.name)}` }))));
    return 1;
  }
  return 0;
}
