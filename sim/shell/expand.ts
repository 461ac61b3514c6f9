// bash's word expansions before the words are split: parameter expansion (`$X`, `${X}`, `${X:-word}`, `${#X}`,
// `$?`), field splitting of unquoted values, tilde expansion and `#` comments, done quote-aware so that the
// shell-quote library, which splits the result into words, sees only literal text.
import { arithmeticEnd, evaluateArithmetic } from './arithmetic';
import { HOME } from './vfs';

/** Marks the file-descriptor redirections shell-quote does not know (`2>&1`, `>&2`, `2>`, `&>`). */
export const FD_MARK = {
  errToOut: '\u0000fd2to1\u0000',
  outToErr: '\u0000fd1to2\u0000',
  err: '\u0000fd2\u0000',
  both: '\u0000fd12\u0000',
} as const;

export type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Quotes text so the tokenizer reads it back as literal characters (one word, or split on blanks). Pure. */
export function literalWords(text: string, insideDoubleQuotes: boolean): string {
  if (insideDoubleQuotes) return text.replace(/(["\\$`])/g, '\\$1');
  return text.split(/[ \t\n]+/).filter(Boolean).map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
}

/** Reads one `$…` expansion at `text[i] === '$'`: its value (undefined when unset) and where it ends. */
function parameter(text: string, i: number, lookup: Lookup): { value: string | undefined; end: number } | undefined {
  const rest = text.slice(i + 1);
  let m: RegExpExecArray | null;
  if ((m = /^[?$#!0-9]/.exec(rest))) return { value: lookup(m[0]), end: i + 2 };
  if ((m = NAME.exec(rest))) return { value: lookup(m[0]), end: i + 1 + m[0].length };
  if (!rest.startsWith('{')) return undefined;
  const close = rest.indexOf('}');
  if (close < 0) return undefined;
  const inner = rest.slice(1, close);
  const end = i + 2 + close;
  if ((m = /^#([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner))) return { value: String((lookup(m[1]) ?? '').length), end };
  if ((m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#!0-9])(?:(:?)([-=+?])(.*))?$/.exec(inner))) {
    const value = lookup(m[1]);
    if (m[3] === undefined) return { value, end };
    const unset = value === undefined || (m[2] === ':' && value === '');
    if (m[3] === '+') return { value: unset ? '' : m[4], end };
    return { value: unset ? m[4] : value, end };
  }
  return undefined;
}

function wordStart(text: string, i: number): boolean {
  return i === 0 || /[\s;&|()<>]/.test(text[i - 1]);
}

/**
 * Rewrites one command line for the tokenizer: expands parameters (unquoted values are split into words),
 * `~` at a word's start, drops a `#` comment, escapes a `#` inside a word and marks fd redirections. Pure.
 */
export function prepareLine(text: string, lookup: Lookup): string {
  let out = '';
  let quote: 'none' | 'single' | 'double' = 'none';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === 'single') { out += c; if (c === "'") quote = 'none'; continue; }
    if (c === '\\') { out += c + (text[i + 1] ?? ''); i++; continue; }
    if (quote === 'double') {
      if (c === '"') quote = 'none';
      if (c === '$') { i = dollar(text, i, lookup, true, (s) => { out += s; }); continue; }
      out += c;
      continue;
    }
    if (c === "'") { quote = 'single'; out += c; continue; }
    if (c === '"') { quote = 'double'; out += c; continue; }
    if (c === '#') { if (wordStart(text, i)) break; out += '\\#'; continue; }
    if (c === '$') { i = dollar(text, i, lookup, false, (s) => { out += s; }); continue; }
    if (c === '~' && wordStart(text, i) && (i + 1 === text.length || /[\s/;&|)]/.test(text[i + 1]))) { out += HOME; continue; }
    if (wordStart(text, i)) {
      const redirect = /^(2>&1|1?>&2|&>>?|2>>?)/.exec(text.slice(i));
      if (redirect) {
        const r = redirect[0];
        if (r === '2>&1') out += ` ${FD_MARK.errToOut} `;
        else if (r.endsWith('>&2')) out += ` ${FD_MARK.outToErr} `;
        else if (r.startsWith('&')) out += ` ${FD_MARK.both} ${r.slice(1)}`;
        else out += ` ${FD_MARK.err} ${r.slice(1)}`;
        i += r.length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Expands the `$` at `i`, emitting the quoted result; returns the index of the last character consumed. */
function dollar(text: string, i: number, lookup: Lookup, inDouble: boolean, emit: (s: string) => void): number {
  if (text.startsWith('$((', i)) {
    const end = arithmeticEnd(text, i);
    if (end > 0) {
      emit(evaluateArithmetic(text.slice(i + 3, end - 2), lookup));
      return end - 1;
    }
  }
  const p = parameter(text, i, lookup);
  if (!p) { emit('\\$'); return i; }
  emit(literalWords(p.value ?? '', inDouble));
  return p.end - 1;
}

/** Expands `$VAR`, `${VAR}` and `\$` in a heredoc body (no word splitting). Pure. */
export function expandVariables(text: string, lookup: Lookup): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '$' || text[i + 1] === '\\' || text[i + 1] === '`')) { out += text[i + 1]; i++; continue; }
    if (c !== '$') { out += c; continue; }
    const p = parameter(text, i, lookup);
    if (!p) { out += c; continue; }
    out += p.value ?? '';
    i = p.end - 1;
  }
  return out;
}

/** Whether a glob pattern (`*`, `?`, `[abc]`) matches a file name; a leading dot must be matched literally. Pure. */
export function globMatches(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) { re += '\\['; continue; }
      const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      re += `[${body}]`;
      i = close;
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    return new RegExp(`${re}$`).test(name);
  } catch {
    return false;
  }
}
