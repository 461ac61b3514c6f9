// `kubectl label` and `kubectl annotate` (cmd/label/label.go, cmd/annotate/annotate.go): `k=v` adds, `k-` removes,
// an existing key needs --overwrite; works on names, -l, --all and -f; prints labeled / unlabeled / not labeled
// (label decides by the length of the object's JSON, as kubectl does) or annotated.
import type { K8sObject } from '../model/types';
import { clone } from '../core/clone';
import type { ProgramContext } from '../shell/program';
import { labelValueErrors } from '../registry/object-meta';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { dryRunOf, errorText, flagError, nameLine, resolveTargets, writeModified, type KubectlError } from './patch';
import { changeCause, warnRecord, withChangeCause } from './record';
import { splitPairs } from './set';

const FLAGS: FlagSpec = {
  overwrite: { bool: true }, all: { bool: true }, selector: { short: 'l' }, filename: { short: 'f', multi: true },
  recursive: { short: 'R', bool: true }, 'dry-run': {}, output: { short: 'o' }, list: { bool: true }, local: { bool: true },
  'resource-version': {}, 'field-selector': {}, 'field-manager': {}, 'all-namespaces': { short: 'A', bool: true }, record: { bool: true },
};

/** Parses `k=v` / `k-` arguments as label.go's parseLabels (label: value validated) or annotate's parseAnnotations. Pure. */
export function parseChanges(pairs: readonly string[], what: 'label' | 'annotation'): { set: Map<string, string>; remove: string[] } | { error: string } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const p of pairs) {
    if (p.includes('=')) {
      const parts = what === 'label' ? p.split('=') : [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
      if (parts.length !== 2) return { error: `invalid label spec: ${p}` };
      const bad = what === 'label' ? labelValueErrors(parts[1]) : [];
      if (bad.length > 0) return { error: `invalid label value: "${p}": ${bad.join(';')}` };
      set.set(parts[0], parts[1]);
    } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
    else return { error: what === 'label' ? `unknown label spec: ${p}` : `invalid annotation format: ${p}` };
  }
  const both = remove.filter((r) => set.has(r));
  if (both.length > 0) {
    return { error: what === 'label' ? 'can not both modify and remove a label in the same command' : `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}` };
  }
  return { set, remove };
}

/** updateDataChangeMsg: `labeled`, `unlabeled` (the JSON got shorter without --overwrite) or `not labeled`. Pure. */
export function labelMessage(before: K8sObject, after: K8sObject, overwrite: boolean): string {
  const a = JSON.stringify(before), b = JSON.stringify(after);
  if (a === b) return 'not labeled';
  return !overwrite && b.length < a.length ? 'unlabeled' : 'labeled';
}

function* run(ctx: ProgramContext, args: readonly string[], what: 'label' | 'annotation'): Generator<never, number, void> {
  const verb = what === 'label' ? 'label' : 'annotate';
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, verb, parsed.error);
  const f = parsed.flags;
  warnRecord(ctx, f);
  const cause = changeCause([verb], f);
  const split = splitPairs(f.positionals, what);
  if ('error' in split) { ctx.err(`error: ${split.error}\n`); return 1; }
  const changes = parseChanges(split.pairs, what);
  if ('error' in changes) { ctx.err(`error: ${changes.error}\n`); return 1; }
  const list = boolFlag(f, 'list');
  if (list && flag(f, 'output') !== undefined) { ctx.err('error: --list and --output may not be specified together\n'); return 1; }
  if (boolFlag(f, 'all') && flag(f, 'selector') !== undefined) { ctx.err('error: cannot set --all and --selector at the same time\n'); return 1; }
  if (split.resources.length === 0 && !(f.values.get('filename') ?? []).length) {
    ctx.err('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    return 1;
  }
  if (changes.set.size === 0 && changes.remove.length === 0 && !list) { ctx.err(`error: at least one ${what} update is required\n`); return 1; }
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  const found = resolveTargets(ctx, f, split.resources);
  if (!found.ok) { ctx.err(`error: ${found.error}\n`); return 1; }
  const errors: KubectlError[] = [...found.errors];
  const overwrite = boolFlag(f, 'overwrite');
  const single = found.targets.length === 1 && found.errors.length === 0;
  for (const t of found.targets) {
    const field = what === 'label' ? 'labels' : 'annotations';
    const current = t.object.metadata[field] ?? {};
    if (!overwrite) {
      const taken = [...changes.set.keys()].filter((k) => k in current && !(what === 'annotation' && k === 'kubernetes.io/change-cause'));
      if (taken.length > 0) {
        if (what === 'label') for (const k of taken) errors.push({ message: `'${k}' already has a value (${current[k]}), and --overwrite is false` });
        else errors.push({ message: `--overwrite is false but found the following declared annotation(s): ${taken.map((k) => `'${k}' already has a value (${current[k]})`).join('; ')}` });
        continue;
      }
    }
    if (what === 'label' && !list && dry.value !== 'client') for (const r of changes.remove) if (!(r in current)) ctx.out(`label "${r}" not found.\n`);
    const next = clone(t.object) as K8sObject;
    const map: Record<string, string> = { ...current };
    for (const [k, v] of changes.set) map[k] = v;
    for (const r of changes.remove) delete map[r];
    next.metadata = { ...next.metadata, [field]: map };
    if (list) {
      if (!single) ctx.out(`Listing ${field} for ${t.info.kind}.${t.info.group}/${t.name}:\n`);
      for (const k of Object.keys(map).sort()) ctx.out(`${single ? '' : ' '}${k}=${map[k]}\n`);
      continue;
    }
    const recorded = withChangeCause(next, cause);
    const res = writeModified(ctx, t, recorded, dry.value);
    if (!res.ok) { errors.push({ status: res.status }); continue; }
    const word = what === 'label' ? labelMessage(t.object, recorded, overwrite) : 'annotated';
    ctx.out(flag(f, 'output') === 'name' ? nameLine(t.info, t.name, '') : nameLine(t.info, t.name, word, dry.value));
  }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  return 0;
}

/** `kubectl label`. */
export const kubectlLabel = (ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> => run(ctx, args, 'label');
/** `kubectl annotate`. */
export const kubectlAnnotate = (ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> => run(ctx, args, 'annotation');
