// jq's path filters, evaluated exactly as jq 1.7 does (including its error messages): `.`, `.a.b`, `.["a"]`,
// `.[0]`, `.[-1]`, `.[]`, `?`, `,`, `|`, and `keys`, `length`, `type`. Anything else is left to jqjs (jq.ts).

export type JqValue = null | boolean | number | string | JqValue[] | { [k: string]: JqValue };

type Step =
  | { kind: 'field'; name: string; optional: boolean }
  | { kind: 'index'; index: number; optional: boolean }
  | { kind: 'iterate'; optional: boolean }
  | { kind: 'builtin'; name: 'keys' | 'length' | 'type' | 'keys_unsorted' };

/** A compiled filter: alternatives separated by `,` inside each `|` stage. */
export type PathFilter = Step[][][];

/** Thrown for a jq runtime error (`Cannot index number with "x"`). */
export class JqError {
  constructor(readonly message: string) {}
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

function parsePath(text: string): Step[] | undefined {
  const t = text.trim();
  if (t === 'keys' || t === 'length' || t === 'type' || t === 'keys_unsorted') return [{ kind: 'builtin', name: t }];
  if (!t.startsWith('.')) return undefined;
  const steps: Step[] = [];
  let i = 0;
  let needDot = true;
  while (i < t.length) {
    if (t[i] === '.' && needDot) {
      i++;
      const m = IDENT.exec(t.slice(i));
      if (m) { steps.push({ kind: 'field', name: m[0], optional: false }); i += m[0].length; needDot = false; continue; }
      if (t[i] === '"') {
        const end = t.indexOf('"', i + 1);
        if (end < 0 || t.slice(i + 1, end).includes('\\')) return undefined;
        steps.push({ kind: 'field', name: t.slice(i + 1, end), optional: false });
        i = end + 1;
        needDot = false;
        continue;
      }
      if (i === t.length || t[i] === '[') { needDot = false; continue; }
      return undefined;
    }
    if (t[i] === '[') {
      const end = t.indexOf(']', i);
      if (end < 0) return undefined;
      const inner = t.slice(i + 1, end).trim();
      if (inner === '') steps.push({ kind: 'iterate', optional: false });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner), optional: false });
      else if (/^"[^"\\]*"$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1), optional: false });
      else return undefined;
      i = end + 1;
      continue;
    }
    if (t[i] === '?' && steps.length > 0) { (steps[steps.length - 1] as { optional: boolean }).optional = true; i++; continue; }
    if (t[i] === '.' && !needDot) { needDot = true; continue; }
    return undefined;
  }
  return steps;
}

/** Compiles a filter made only of paths, `,` and `|`; undefined when it uses anything else. Pure. */
export function compilePathFilter(program: string): PathFilter | undefined {
  if (/["']/.test(program.replace(/\["[^"\\]*"\]|\."[^"\\]*"/g, ''))) return undefined;
  const stages = program.split('|');
  const out: PathFilter = [];
  for (const stage of stages) {
    const alternatives: Step[][] = [];
    for (const alt of stage.split(',')) {
      const steps = parsePath(alt);
      if (!steps) return undefined;
      alternatives.push(steps);
    }
    out.push(alternatives);
  }
  return out;
}

/** jq's name for a value's type. Pure. */
export function typeOf(v: JqValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** A value as jq quotes it in error messages (`number (1.5)`, `string ("abc")`), cut to 11 characters. */
function described(v: JqValue): string {
  const text = JSON.stringify(v);
  return `${typeOf(v)} (${text.length > 11 ? `${text.slice(0, 10)}...` : text})`;
}

function* applyStep(step: Step, v: JqValue): Generator<JqValue> {
  switch (step.kind) {
    case 'field':
      if (v === null) { yield null; return; }
      if (typeof v === 'object' && !Array.isArray(v)) { yield Object.prototype.hasOwnProperty.call(v, step.name) ? v[step.name] : null; return; }
      throw new JqError(`Cannot index ${typeOf(v)} with "${step.name}"`);
    case 'index':
      if (v === null) { yield null; return; }
      if (Array.isArray(v)) { const k = step.index < 0 ? v.length + step.index : step.index; yield k >= 0 && k < v.length ? v[k] : null; return; }
      throw new JqError(`Cannot index ${typeOf(v)} with number`);
    case 'iterate':
      if (Array.isArray(v)) { yield* v; return; }
      if (v !== null && typeof v === 'object') { yield* Object.values(v); return; }
      throw new JqError(v === null ? 'Cannot iterate over null' : `Cannot iterate over ${described(v)}`);
    case 'builtin':
      if (step.name === 'type') { yield typeOf(v); return; }
      if (step.name === 'length') {
        if (v === null) yield 0;
        else if (typeof v === 'boolean') throw new JqError(`${described(v)} has no length`);
        else if (typeof v === 'number') yield Math.abs(v);
        else if (typeof v === 'string') yield [...v].length;
        else yield Array.isArray(v) ? v.length : Object.keys(v).length;
        return;
      }
      if (Array.isArray(v)) { yield v.map((_, k) => k); return; }
      if (v !== null && typeof v === 'object') { const keys = Object.keys(v); yield step.name === 'keys' ? keys.sort() : keys; return; }
      throw new JqError(`${described(v)} has no keys`);
  }
}

function* applySteps(steps: readonly Step[], v: JqValue, from = 0): Generator<JqValue> {
  if (from === steps.length) { yield v; return; }
  const step = steps[from];
  let outs: JqValue[];
  try {
    outs = [...applyStep(step, v)];
  } catch (err) {
    if (err instanceof JqError && 'optional' in step && step.optional) return;
    throw err;
  }
  for (const out of outs) yield* applySteps(steps, out, from + 1);
}

/** Runs a compiled path filter over one input; throws JqError on a type error. Pure. */
export function* runPathFilter(filter: PathFilter, input: JqValue, stage = 0): Generator<JqValue> {
  if (stage === filter.length) { yield input; return; }
  for (const alt of filter[stage]) for (const v of applySteps(alt, input)) yield* runPathFilter(filter, v, stage + 1);
}
