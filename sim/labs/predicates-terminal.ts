// Lab checks over the student's own machine: files in the editor's file system, the commands they ran during the
// step (or the session's whole history), what those commands printed, and running port-forwards.
import type { CheckItem } from './lab-types';
import type { CheckContext } from './check-context';
import type { PredicateOf } from './predicates-cluster';
import { resolveRefs } from './refs';
import { HOME, resolvePath } from '../shell/vfs';

const item = (label: string | undefined, fallback: string, passed: boolean, detail?: string): CheckItem =>
  ({ label: label ?? fallback, passed, ...(detail !== undefined && !passed ? { detail } : {}) });

/** A file exists (or not) in the student's home directory and holds the expected text. Pure read. */
export function fileCheck(p: PredicateOf<'file'>, ctx: CheckContext): CheckItem {
  const read = ctx.sim.shell.fs.read(resolvePath(HOME, p.path));
  if (p.absent) return item(p.label, `file ${p.path} is gone`, !read.ok, `${p.path} still exists`);
  const wants = [p.contains !== undefined ? `contains "${p.contains}"` : '', p.matches !== undefined ? `matches /${p.matches}/` : ''].filter(Boolean).join(' and ');
  const fallback = `file ${p.path} ${wants || 'exists'}`;
  if (!read.ok) return item(p.label, fallback, false, `${p.path}: ${read.error}`);
  const problems: string[] = [];
  if (p.contains !== undefined && !read.value.includes(p.contains)) problems.push(`it does not contain "${p.contains}"`);
  if (p.matches !== undefined && !new RegExp(p.matches, 'm').test(read.value)) problems.push(`no line matches /${p.matches}/`);
  return item(p.label, fallback, problems.length === 0, problems.join('; '));
}

/** A command matching the pattern was run during the step (or, with `session`, ever in this terminal). Pure read. */
export function historyCheck(p: PredicateOf<'history'>, ctx: CheckContext): CheckItem {
  const re = new RegExp(p.matches);
  const lines = p.session ? ctx.sim.shell.session(ctx.session).history : ctx.transcript.map((t) => t.line);
  const fallback = `you ran a command matching /${p.matches}/${p.session ? '' : ' in this step'}`;
  return item(p.label, fallback, lines.some((l) => re.test(l)), lines.length === 0 ? 'no command yet' : 'not yet');
}

function allMatches(re: RegExp, text: string): string[] {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  return [...text.matchAll(global)].map((m) => m[1] ?? m[0]);
}

/**
 * What the step's commands printed: the last one (optionally the last matching `command`) matches the pattern, or
 * with `anyCommand` any of them; `distinct: N` counts different matches (the first group) across all outputs. Pure.
 */
export function outputCheck(p: PredicateOf<'output'>, ctx: CheckContext): CheckItem {
  const pattern = resolveRefs(ctx.sim.store, p.matches, { regex: true });
  const scope = p.command === undefined ? ctx.transcript : ctx.transcript.filter((t) => new RegExp(p.command!).test(t.line));
  const outputs = scope.map((t) => t.stdout + t.stderr);
  const fallback = p.distinct !== undefined
    ? `your commands printed ${p.distinct} different /${p.matches}/`
    : `${p.anyCommand ? 'a' : 'the last'} command${p.command ? ` matching /${p.command}/` : ''} printed /${p.matches}/`;
  if (!pattern.ok) return item(p.label, fallback, false, pattern.missing);
  if (outputs.length === 0) return item(p.label, fallback, false, p.command ? 'not run in this step yet' : 'nothing typed in this step yet');
  const re = new RegExp(pattern.text);
  if (p.distinct !== undefined) {
    const seen = new Set(outputs.flatMap((o) => allMatches(re, o)));
    return item(p.label, fallback, seen.size >= p.distinct, `seen ${seen.size}${seen.size ? `: ${[...seen].join(', ')}` : ''}`);
  }
  const passed = p.anyCommand ? outputs.some((o) => re.test(o)) : re.test(outputs[outputs.length - 1]);
  return item(p.label, fallback, passed, 'not in the output');
}

/** A `kubectl port-forward` is listening on the local port (to a target matching the pattern). Pure read. */
export function portForwardCheck(p: PredicateOf<'portForward'>, ctx: CheckContext): CheckItem {
  const forward = ctx.sim.shell.session(ctx.session).portForwards.get(p.localPort);
  const fallback = `local port ${p.localPort} is forwarded${p.target ? ` to /${p.target}/` : ''}`;
  if (!forward) return item(p.label, fallback, false, `nothing listens on localhost:${p.localPort}`);
  const passed = p.target === undefined || new RegExp(p.target).test(forward.label);
  return item(p.label, fallback, passed, `it goes to ${forward.label}`);
}
