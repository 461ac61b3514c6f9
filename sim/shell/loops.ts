// bash's compound commands as the terminal runs them: `for NAME in WORDS; do LIST; done`, `while LIST; do LIST;
// done`, `until …` and `if LIST; then LIST; [elif …;] [else LIST;] fi`, on one line or over several, nested, and
// followed by more of the command line (`done | sort`). Only their shape is read here; words, conditions and
// bodies run through the session as command lines.

/** A top-level token of a command line: a word, or an operator that separates commands. */
type Token =
  | { readonly kind: 'word'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'op'; readonly op: ';' | '\n' | '&&' | '||' | '|' | '&'; readonly start: number; readonly end: number };

/** What follows `done` or `fi`: the operator joining it and the rest of the line. */
export interface Rest {
  readonly op: ';' | '\n' | '&&' | '||' | '|' | '&';
  readonly text: string;
}

/** An `if` with its branches in order, and the `else` body if any. */
export interface ParsedIf {
  readonly kind: 'if';
  readonly branches: readonly { readonly condition: string; readonly body: string }[];
  readonly otherwise?: string;
  readonly rest?: Rest;
}

export interface ParsedLoop {
  readonly kind: 'for' | 'while' | 'until';
  /** The variable of a `for` loop. */
  readonly name?: string;
  /** The words a `for` loop runs over, as typed (expanded when the loop starts); undefined for `for NAME; do`. */
  readonly words?: string;
  /** The condition of `while`/`until`, as typed. */
  readonly condition?: string;
  readonly body: string;
  readonly rest?: Rest;
}

export type LoopParse =
  | { readonly kind: 'none' }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'loop'; readonly loop: ParsedLoop | ParsedIf };

const LOOP_WORDS = new Set(['for', 'while', 'until']);
/** Words that start a compound command the terminal runs. */
const COMPOUND_WORDS = new Set([...LOOP_WORDS, 'if']);
/** Keywords after which a new command starts. */
const COMMAND_AFTER = new Set(['do', 'then', 'else', 'elif']);

/** Splits `text` into words and operators outside quotes, `$(…)` and backquotes. Pure. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let start = -1;
  let single = false, double = false, back = false, depth = 0;
  const endWord = (i: number): void => {
    if (start >= 0) out.push({ kind: 'word', text: text.slice(start, i), start, end: i });
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const quoted = single || double || back || depth > 0;
    if (c === '\\' && !single) { if (start < 0) start = i; i++; continue; }
    if (c === "'" && !double && !back && depth === 0) { single = !single; if (start < 0) start = i; continue; }
    if (c === '"' && !single && !back && depth === 0) { double = !double; if (start < 0) start = i; continue; }
    if (c === '`' && !single) { back = !back; if (start < 0) start = i; continue; }
    if (c === '$' && text[i + 1] === '(' && !single) { depth++; if (start < 0) start = i; i++; continue; }
    if (c === ')' && depth > 0 && !single) { depth--; continue; }
    if (quoted) { if (start < 0) start = i; continue; }
    if (c === ' ' || c === '\t') { endWord(i); continue; }
    const two = text.slice(i, i + 2);
    const op = two === '&&' || two === '||' ? two : c === ';' || c === '\n' || c === '|' || c === '&' ? c : undefined;
    if (op) {
      endWord(i);
      out.push({ kind: 'op', op, start: i, end: i + op.length });
      i += op.length - 1;
      continue;
    }
    if (start < 0) start = i;
  }
  endWord(text.length);
  return out;
}

/** Whether token `i` stands where a command starts: first, after an operator, or after `do`, `then`, `else`. */
const atCommand = (ts: readonly Token[], i: number): boolean => {
  if (i === 0) return true;
  const prev = ts[i - 1];
  return prev.kind === 'op' || (COMMAND_AFTER.has(prev.text) && atCommand(ts, i - 1));
};

const isWord = (t: Token | undefined, text: string): boolean => t?.kind === 'word' && t.text === text;

/** Index of the `done` closing the loop whose `do` is at `doAt`, counting nested loops; -1 when missing. */
function matchingDone(ts: readonly Token[], doAt: number): number {
  let depth = 1;
  for (let i = doAt + 1; i < ts.length; i++) {
    if (!atCommand(ts, i) || ts[i].kind !== 'word') continue;
    if (LOOP_WORDS.has((ts[i] as { text: string }).text)) depth++;
    else if (isWord(ts[i], 'done') && --depth === 0) return i;
  }
  return -1;
}

/** What follows a compound command's closing word at `closeAt`: nothing, or an operator and the rest. */
function restAfter(ts: readonly Token[], closeAt: number, text: string): { rest?: Rest } | { error: string } {
  const after = ts[closeAt + 1];
  if (after === undefined) return {};
  if (after.kind !== 'op') return { error: `syntax error near unexpected token \`${after.text}'` };
  return { rest: { op: after.op, text: text.slice(after.end) } };
}

/** An `if … fi` at the start of `text` (its first token is `if`). */
function parseIf(ts: readonly Token[], text: string): LoopParse {
  const slice = (from: number, to: number): string => (from < to ? text.slice(ts[from].start, ts[to - 1].end).trim() : '');
  const branches: { condition: string; body: string }[] = [];
  let otherwise: string | undefined;
  let part: 'condition' | 'then' | 'else' = 'condition';
  let from = 1;
  let condition = '';
  let depth = 0;
  const separated = (i: number): boolean => ts[i - 1]?.kind === 'op' && ((ts[i - 1] as { op: string }).op === ';' || (ts[i - 1] as { op: string }).op === '\n');
  for (let i = 1; i < ts.length; i++) {
    const t = ts[i];
    if (t.kind !== 'word' || !atCommand(ts, i)) continue;
    if (t.text === 'if') { depth++; continue; }
    if (depth > 0) { if (t.text === 'fi') depth--; continue; }
    const keyword = t.text;
    if (!['then', 'elif', 'else', 'fi'].includes(keyword)) continue;
    if (!separated(i) || (keyword === 'then') !== (part === 'condition')) return { kind: 'error', error: `syntax error near unexpected token \`${keyword}'` };
    const piece = slice(from, i - 1);
    if (piece === '') return { kind: 'error', error: `syntax error near unexpected token \`${keyword}'` };
    if (part === 'condition') condition = piece;
    else if (part === 'then') branches.push({ condition, body: piece });
    else otherwise = piece;
    if (keyword === 'fi') {
      const after = restAfter(ts, i, text);
      if ('error' in after) return { kind: 'error', error: after.error };
      return { kind: 'loop', loop: { kind: 'if', branches, ...(otherwise !== undefined ? { otherwise } : {}), ...after } };
    }
    if (part === 'else') return { kind: 'error', error: `syntax error near unexpected token \`${keyword}'` };
    part = keyword === 'then' ? 'then' : keyword === 'elif' ? 'condition' : 'else';
    from = i + 1;
  }
  return { kind: 'incomplete' };
}

/** The loop or `if` at the start of `text`, if it starts with one. Pure. */
export function parseLoop(text: string): LoopParse {
  const ts = tokens(text);
  const first = ts[0];
  if (first?.kind === 'word' && first.text === 'if') return parseIf(ts, text);
  if (first?.kind !== 'word' || !LOOP_WORDS.has(first.text)) return { kind: 'none' };
  const kind = first.text as ParsedLoop['kind'];
  // The `do` that opens the body: at a command position, after the header.
  let doAt = -1;
  for (let i = 1; i < ts.length; i++) if (atCommand(ts, i) && isWord(ts[i], 'do')) { doAt = i; break; }
  if (doAt < 0) return { kind: 'incomplete' };
  const doneAt = matchingDone(ts, doAt);
  if (doneAt < 0) return { kind: 'incomplete' };
  const slice = (from: number, to: number): string => (from < to ? text.slice(ts[from].start, ts[to - 1].end) : '');
  // The header ends at the separator before `do` (`do` and `done` stand at command positions, after an operator).
  const headerEnd = doAt - 1;
  const separator = ts[headerEnd];
  if (separator.kind !== 'op' || (separator.op !== ';' && separator.op !== '\n')) {
    return { kind: 'error', error: "syntax error near unexpected token `do'" };
  }
  const body = slice(doAt + 1, doneAt - 1).trim();
  if (body === '') return { kind: 'error', error: "syntax error near unexpected token `done'" };
  const after = restAfter(ts, doneAt, text);
  if ('error' in after) return { kind: 'error', error: after.error };
  const rest = after.rest;
  if (kind === 'for') {
    const name = ts[1];
    if (name?.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) {
      return { kind: 'error', error: `\`${name?.kind === 'word' ? name.text : ''}': not a valid identifier` };
    }
    if (isWord(ts[2], 'in')) return { kind: 'loop', loop: { kind, name: name.text, words: slice(3, headerEnd), body, rest } };
    if (headerEnd === 2) return { kind: 'loop', loop: { kind, name: name.text, body, rest } };
    return { kind: 'error', error: `syntax error near unexpected token \`${(ts[2] as { text?: string }).text ?? ''}'` };
  }
  const condition = slice(1, headerEnd).trim();
  if (condition === '') return { kind: 'error', error: "syntax error near unexpected token `do'" };
  return { kind: 'loop', loop: { kind, condition, body, rest } };
}

/**
 * bash's brace expansion of sequences in a word list (`{1..5}`, `{a..e}`, `{10..0..2}`), outside quotes; other
 * words stay as they are. Pure.
 */
export function expandBraceRanges(words: string): string {
  return tokens(words).map((t) => {
    if (t.kind !== 'word') return t.op;
    const m = /^([^{}'"]*)\{(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?\}([^{}'"]*)$/.exec(t.text);
    if (!m) return t.text;
    const [, pre, a, b, stepText, post] = m;
    const numeric = /^-?\d+$/.test(a) && /^-?\d+$/.test(b);
    if (!numeric && (/\d/.test(a) || /\d/.test(b))) return t.text;
    const from = numeric ? Number(a) : a.charCodeAt(0);
    const to = numeric ? Number(b) : b.charCodeAt(0);
    const step = Math.max(1, Math.abs(Number(stepText ?? 1)));
    const out: string[] = [];
    for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
      out.push(pre + (numeric ? String(v) : String.fromCharCode(v)) + post);
      if (out.length > MAX_BRACE_WORDS) break;
    }
    return out.join(' ');
  }).join(' ');
}

/** The most words one brace sequence becomes (bash has no limit; this keeps a typo from exhausting memory). */
const MAX_BRACE_WORDS = 100_000;

/**
 * A command line whose loop starts after other commands (`kubectl get pods; for …`): the text before it, the
 * operator joining them and the loop's text; undefined when no loop starts at a later command position. Pure.
 */
export function splitBeforeLoop(text: string): { readonly before: string; readonly op: string; readonly loop: string } | undefined {
  const ts = tokens(text);
  for (let i = 1; i < ts.length; i++) {
    const t = ts[i];
    const prev = ts[i - 1];
    if (t.kind !== 'word' || !COMPOUND_WORDS.has(t.text) || prev.kind !== 'op') continue;
    if (prev.op === '\n' && parseLoop(text.slice(0, prev.start)).kind === 'incomplete') continue;
    // Inside an earlier loop's body the loop is that loop's business.
    if (parseLoop(text.slice(0, t.start)).kind !== 'none') return undefined;
    return { before: text.slice(0, prev.start), op: prev.op, loop: text.slice(t.start) };
  }
  return undefined;
}

/** Whether a command line still lacks a loop's `do` or `done` (the terminal asks for more lines). Pure. */
export function loopIncomplete(text: string): boolean {
  const split = splitBeforeLoop(text);
  return parseLoop(split ? split.loop : text).kind === 'incomplete';
}
