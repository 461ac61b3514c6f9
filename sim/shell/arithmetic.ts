// bash's arithmetic expansion, `$(( … ))`: integers with + - * / % **, comparisons, ! && ||, parentheses and
// variables by name (unset or not a number reads as 0), evaluated by a small recursive-descent parser.

export type ArithLookup = (name: string) => string | undefined;

/** A wrong arithmetic expression, with bash's message. */
export class ArithmeticError extends Error {}

type Tok = { readonly kind: 'num'; readonly value: number } | { readonly kind: 'name'; readonly name: string } | { readonly kind: 'op'; readonly op: string };

const OPS = ['**', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '!', '(', ')'];

function lex(text: string): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < text.length;) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) { i += space[0].length; continue; }
    const num = /^(0x[0-9a-fA-F]+|\d+)/.exec(rest);
    if (num) { out.push({ kind: 'num', value: Number(num[0]) }); i += num[0].length; continue; }
    const name = /^\$?([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (name) { out.push({ kind: 'name', name: name[1] }); i += name[0].length; continue; }
    const op = OPS.find((o) => rest.startsWith(o));
    if (!op) throw new ArithmeticError(`${text.trim()}: syntax error: operand expected (error token is "${rest.trim()}")`);
    out.push({ kind: 'op', op });
    i += op.length;
  }
  return out;
}

/** The value of an arithmetic expression, as a decimal string; throws with bash's message when it is wrong. Pure. */
export function evaluateArithmetic(text: string, lookup: ArithLookup): string {
  const toks = lex(text);
  let at = 0;
  const peek = (): Tok | undefined => toks[at];
  const isOp = (op: string): boolean => { const t = peek(); return t?.kind === 'op' && t.op === op; };
  const fail = (): never => { throw new ArithmeticError(`${text.trim()}: syntax error: operand expected (error token is "${toks.slice(at).map(show).join(' ')}")`); };
  const bool = (v: boolean): number => (v ? 1 : 0);
  const primary = (): number => {
    const t = toks[at++];
    if (!t) return fail();
    if (t.kind === 'num') return t.value;
    if (t.kind === 'name') {
      const v = Number.parseInt(lookup(t.name) ?? '', 10);
      return Number.isFinite(v) ? v : 0;
    }
    if (t.op === '(') { const v = or(); if (!isOp(')')) fail(); at++; return v; }
    if (t.op === '-') return -unary();
    if (t.op === '+') return unary();
    if (t.op === '!') return bool(unary() === 0);
    at--;
    return fail();
  };
  const unary = (): number => primary();
  const power = (): number => { const b = unary(); if (isOp('**')) { at++; return b ** power(); } return b; };
  const product = (): number => {
    let v = power();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = (toks[at++] as { op: string }).op;
      const r = power();
      if (op !== '*' && r === 0) throw new ArithmeticError(`${text.trim()}: division by 0 (error token is "${toks.slice(at - 1).map(show).join(' ')}")`);
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => { let v = product(); while (isOp('+') || isOp('-')) { const op = (toks[at++] as { op: string }).op; v = op === '+' ? v + product() : v - product(); } return v; };
  const compare = (): number => {
    let v = sum();
    while (['<', '>', '<=', '>='].some(isOp)) {
      const op = (toks[at++] as { op: string }).op;
      const r = sum();
      v = bool(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : v >= r);
    }
    return v;
  };
  const equality = (): number => { let v = compare(); while (isOp('==') || isOp('!=')) { const op = (toks[at++] as { op: string }).op; v = bool(op === '==' ? v === compare() : v !== compare()); } return v; };
  const and = (): number => { let v = equality(); while (isOp('&&')) { at++; const r = equality(); v = bool(v !== 0 && r !== 0); } return v; };
  const or = (): number => { let v = and(); while (isOp('||')) { at++; const r = and(); v = bool(v !== 0 || r !== 0); } return v; };
  if (toks.length === 0) return '0';
  const value = or();
  if (at < toks.length) fail();
  return String(Math.trunc(value));
}

function show(t: Tok): string {
  return t.kind === 'num' ? String(t.value) : t.kind === 'name' ? t.name : t.op;
}

/** The end (index after `))`) of the `$((` at `i`, or -1 when it is not closed. Pure. */
export function arithmeticEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i + 3; j < text.length; j++) {
    if (text[j] === '(') depth++;
    else if (text[j] === ')') {
      if (depth > 0) { depth--; continue; }
      return text[j + 1] === ')' ? j + 2 : -1;
    }
  }
  return -1;
}
