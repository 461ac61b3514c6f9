// `kubectl wait` (cmd/wait): --for=condition=NAME[=VALUE], --for=delete, --for=create and --for=jsonpath='{…}'=VALUE
// over the named objects (or -l / --all), printing `<kind>/<name> condition met`; --timeout (30s by default).
// SIMPLIFIED: jsonpath conditions accept simple dotted paths (`{.status.readyReplicas}`), without filters.
import type { K8sObject } from '../model/types';
import { resourceGroupName } from '../model/resources';
import { notFoundStatus } from '../core/errors';
import type { ProgramContext, Wait } from '../shell/program';
import { flag, parseFlags, type FlagSpec } from './flags';
import { errorText, flagError, nameLine, objectNameOf, resolveTargets, type KubectlError, type Target } from './patch';

const UNITS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration, in ms: `30s`, `1m30s`, `1.5h`, `0`; undefined when malformed. Pure. */
export function parseGoDuration(text: string): number | undefined {
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (text === '0' || text === '-0' || text === '+0') return 0;
  if (!m) return undefined;
  let total = 0;
  for (const part of text.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * UNITS[part[2]];
  return m[1] === '-' ? -total : total;
}

/** What `--for` asks to wait for. */
export type Condition =
  | { readonly kind: 'delete' } | { readonly kind: 'create' }
  | { readonly kind: 'condition'; readonly name: string; readonly value: string }
  | { readonly kind: 'jsonpath'; readonly path: string[]; readonly value: string | undefined };

/** conditionFuncFor: parses --for, or the error text. Pure. */
export function parseCondition(text: string): Condition | string {
  if (text.toLowerCase() === 'delete') return { kind: 'delete' };
  if (text.toLowerCase() === 'create') return { kind: 'create' };
  if (text.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return eq < 0 ? { kind: 'condition', name: rest, value: 'true' } : { kind: 'condition', name: rest.slice(0, eq), value: rest.slice(eq + 1) };
  }
  if (text.startsWith('jsonpath=')) {
    const m = /^\{?\.?([^}=]*)\}?(?:=(.*))?$/.exec(text.slice('jsonpath='.length).replace(/'(\{[^}]*\})'/, '$1'));
    if (!m || m[1] === '') return 'jsonpath expression cannot be empty';
    if (m[2] !== undefined && m[2].replace(/^['"]|['"]$/g, '') === '') return "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3";
    return { kind: 'jsonpath', path: m[1].split('.').filter(Boolean), value: m[2]?.replace(/^['"]|['"]$/g, '') };
  }
  return `unrecognized condition: "${text}"`;
}

/** ConditionalWaiter.checkCondition / JSONPath check: whether the object satisfies the condition now. Pure. */
export function conditionMet(obj: K8sObject, c: Condition): boolean {
  if (c.kind === 'create') return true;
  if (c.kind === 'delete') return false;
  if (c.kind === 'jsonpath') {
    let cur: unknown = obj;
    for (const p of c.path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
    if (cur === undefined || cur === null) return false;
    return c.value === undefined || (typeof cur === 'object' ? JSON.stringify(cur) : String(cur)) === c.value;
  }
  const status = obj.status as { conditions?: { type?: string; status?: string; observedGeneration?: number }[]; observedGeneration?: number } | undefined;
  for (const cond of status?.conditions ?? []) {
    if ((cond.type ?? '').toLowerCase() !== c.name.toLowerCase() || cond.status === undefined) continue;
    const generation = obj.metadata.generation;
    const observed = cond.observedGeneration ?? status?.observedGeneration;
    if (generation !== undefined && observed !== undefined && observed < generation) return false;
    return cond.status.toLowerCase() === c.value.toLowerCase();
  }
  return false;
}

const FLAGS: FlagSpec = {
  for: {}, timeout: {}, selector: { short: 'l' }, all: { bool: true }, filename: { short: 'f', multi: true },
  output: { short: 'o' }, 'field-selector': {}, recursive: { short: 'R', bool: true }, local: { bool: true },
};

/** `kubectl wait`: waits for each target in turn until the shared deadline. */
export function* kubectlWait(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, 'wait', parsed.error);
  const f = parsed.flags;
  const cond = parseCondition(flag(f, 'for') ?? '');
  if (typeof cond === 'string') { ctx.err(`error: ${cond}\n`); return 1; }
  const timeoutText = flag(f, 'timeout') ?? '30s';
  const parsedTimeout = parseGoDuration(timeoutText);
  if (parsedTimeout === undefined) return flagError(ctx, 'wait', `invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`);
  const timeoutMs = parsedTimeout < 0 ? 168 * 3_600_000 : parsedTimeout;
  if (f.positionals.length === 0 && !(f.values.get('filename') ?? []).length) {
    ctx.err(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`);
    return 1;
  }
  const found = resolveTargets(ctx, f, f.positionals);
  if (!found.ok) { ctx.err(`error: ${found.error}\n`); return 1; }
  if (cond.kind === 'create') {
    return yield* waitForCreate(ctx, f.positionals, timeoutMs, found.targets, found.errors.length);
  }
  if (found.targets.length === 0 && found.errors.length === 0 && cond.kind !== 'delete') { ctx.err('error: no matching resources found\n'); return 1; }
  const errors: KubectlError[] = cond.kind === 'delete' ? [] : [...found.errors];
  const deadline = ctx.host.now() + timeoutMs;
  for (const t of found.targets) {
    const done = yield* waitOne(ctx, t, cond, deadline, timeoutMs === 0);
    if (done === true) ctx.out(nameLine(t.info, t.name, 'condition met'));
    else errors.push(done);
  }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  return 0;
}

function* waitOne(ctx: ProgramContext, t: Target, cond: Condition, deadline: number, once: boolean): Generator<Wait, true | KubectlError, void> {
  const key = `${t.info.kind}/${t.namespace ?? ''}/${t.name}`;
  for (;;) {
    const live = ctx.host.store.get(key);
    if (cond.kind === 'delete' ? !live || live.metadata.uid !== t.object.metadata.uid : live && conditionMet(live, cond)) return true;
    if (!live && cond.kind !== 'delete') return { status: notFoundStatus(resourceGroupName(t.info), t.name) };
    if (once) return { message: `condition not met for ${objectNameOf(t.info, t.name)}` };
    if (ctx.host.now() >= deadline) return { message: `timed out waiting for the condition on ${objectNameOf(t.info, t.name)}` };
    yield { kind: 'change', timeoutAt: deadline };
  }
}

function* waitForCreate(ctx: ProgramContext, args: readonly string[], timeoutMs: number, present: readonly Target[], missing: number): Generator<Wait, number, void> {
  for (const t of present) ctx.out(nameLine(t.info, t.name, 'condition met'));
  if (missing === 0) return 0;
  const deadline = ctx.host.now() + timeoutMs;
  const f = parseFlags(args, {});
  while (ctx.host.now() < deadline) {
    yield { kind: 'change', timeoutAt: deadline };
    if (!f.ok) break;
    const again = resolveTargets(ctx, f.flags, args);
    if (again.ok && again.errors.length === 0) {
      for (const t of again.targets) if (!present.some((p) => p.name === t.name && p.info === t.info)) ctx.out(nameLine(t.info, t.name, 'condition met'));
      return 0;
    }
  }
  ctx.err(`error: timed out waiting for the condition on ${args.join(' ')}\n`);
  return 1;
}
