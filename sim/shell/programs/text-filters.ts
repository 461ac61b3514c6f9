// GNU grep, head, tail and wc as labs use them after a pipe (`kubectl get pods | grep Running | wc -l`).
// SIMPLIFIED: grep never colours its matches; basic regular expressions are translated to JavaScript ones.
import type { Program } from '../program';
import { linesOf, parseOptions, readInputs, usageError } from './text-input';

/** Translates a grep pattern (basic unless `extended`) to a JavaScript RegExp source. Pure. */
export function grepPatternSource(pattern: string, extended: boolean, fixed: boolean): string {
  if (fixed) return pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (extended) return pattern;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i];
      out += '|+?(){}'.includes(n) ? n : `\\${n}`;
    } else out += '|+?(){}'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

const GREP_HELP = `Usage: grep [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE.
Example: grep -i 'hello world' menu.h main.c
PATTERNS can contain multiple patterns separated by newlines.

Pattern selection and interpretation:
  -E, --extended-regexp     PATTERNS are extended regular expressions
  -F, --fixed-strings       PATTERNS are strings
  -e, --regexp=PATTERNS     use PATTERNS for matching
  -i, --ignore-case         ignore case distinctions in patterns and data
  -w, --word-regexp         match only whole words

Miscellaneous:
  -v, --invert-match        select non-matching lines

Output control:
  -m, --max-count=NUM       stop after NUM selected lines
  -n, --line-number         print line number with output lines
  -H, --with-filename       print file name with output lines
  -h, --no-filename         suppress the file name prefix on output
  -o, --only-matching       show only nonempty parts of lines that match
  -q, --quiet, --silent     suppress all normal output
  -r, --recursive           like --directories=recurse
  -l, --files-with-matches  print only names of FILEs with selected lines
  -c, --count               print only a count of selected lines per FILE

Context control:
  -B, --before-context=NUM  print NUM lines of leading context
  -A, --after-context=NUM   print NUM lines of trailing context
  -C, --context=NUM         print NUM lines of output context

When FILE is '-', read standard input.  With no FILE, read '.' if
recursive, '-' otherwise.  With fewer than two FILEs, assume -h.
Exit status is 0 if any line is selected, 1 otherwise;
if any error occurs and -q is not given, the exit status is 2.
`;

/** A context count (`-A 2`): a whole number, or grep's error. */
function contextCount(value: string | undefined): number | string {
  if (value === undefined) return 0;
  return /^\d+$/.test(value) ? Number(value) : `${value}: invalid context length argument`;
}

export const grep: Program = (ctx) => {
  if (ctx.argv.includes('--help')) { ctx.out(GREP_HELP); return 0; }
  const parsed = parseOptions(ctx.argv.slice(1), 'ivcnEwqFlhHro', 'emABC', {
    'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', 'extended-regexp': 'E', 'word-regexp': 'w',
    quiet: 'q', silent: 'q', 'fixed-strings': 'F', 'files-with-matches': 'l', regexp: 'e', 'only-matching': 'o', 'max-count': 'm',
    'after-context': 'A', 'before-context': 'B', context: 'C', 'with-filename': 'H', 'no-filename': 'h', recursive: 'r',
  });
  if (!parsed.ok) return usageError(ctx, 'grep', parsed.error, 2);
  const { flags, values, operands } = parsed.options;
  const after = contextCount(values.get('A') ?? values.get('C'));
  const before = contextCount(values.get('B') ?? values.get('C'));
  for (const c of [after, before]) if (typeof c === 'string') { ctx.err(`grep: ${c}\n`); return 2; }
  const files = [...operands];
  const pattern = values.get('e') ?? files.shift();
  if (pattern === undefined) { ctx.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"); return 2; }
  let source = grepPatternSource(pattern, flags.has('E'), flags.has('F'));
  if (flags.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  let re: RegExp;
  try {
    re = new RegExp(source, flags.has('i') ? 'gi' : 'g');
  } catch {
    ctx.err(`grep: Unmatched ( or \\(\n`);
    return 2;
  }
  const { inputs, failed } = readInputs(ctx, 'grep', files);
  const prefixName = (inputs.length > 1 || flags.has('H')) && !flags.has('h');
  const limit = values.has('m') ? Number(values.get('m')) : Infinity;
  const context = (after as number) > 0 || (before as number) > 0;
  let any = false;
  // Context output: `--` between groups that do not touch, `-` after the name and number of a context line.
  let groupsShown = false;
  for (const input of inputs) {
    let count = 0;
    let last = -1;
    let trailing = 0;
    const lines = linesOf(input.text);
    const show = (n: number, sep: ':' | '-'): void => {
      if (context && groupsShown && last >= 0 && n > last + 1) ctx.out('--\n');
      if (context && groupsShown && last < 0) ctx.out('--\n');
      groupsShown = true;
      last = n;
      ctx.out(`${prefixName ? `${input.name}${sep}` : ''}${flags.has('n') ? `${n + 1}${sep}` : ''}${lines[n]}\n`);
    };
    for (let n = 0; n < lines.length; n++) {
      if (count >= limit) {
        if (trailing-- > 0) show(n, '-');
        else break;
        continue;
      }
      re.lastIndex = 0;
      const matched = re.test(lines[n]) !== flags.has('v');
      if (!matched) {
        if (trailing > 0 && !flags.has('c') && !flags.has('l') && !flags.has('q')) { trailing--; show(n, '-'); }
        continue;
      }
      count++;
      any = true;
      if (flags.has('q')) return 0;
      if (flags.has('c') || flags.has('l')) continue;
      if (flags.has('o') && !flags.has('v')) {
        const prefix = `${prefixName ? `${input.name}:` : ''}${flags.has('n') ? `${n + 1}:` : ''}`;
        re.lastIndex = 0;
        for (const m of lines[n].matchAll(re)) if (m[0] !== '') ctx.out(`${prefix}${m[0]}\n`);
        continue;
      }
      for (let b = Math.max(last + 1, n - (before as number)); b < n; b++) show(b, '-');
      show(n, ':');
      trailing = after as number;
    }
    if (flags.has('c')) ctx.out(`${prefixName ? `${input.name}:` : ''}${count}\n`);
    if (flags.has('l') && count > 0) ctx.out(`${input.name}\n`);
  }
  if (failed) return 2;
  return any ? 0 : 1;
};

function headOrTail(which: 'head' | 'tail'): Program {
  return (ctx) => {
    const parsed = parseOptions(ctx.argv.slice(1), 'qvf', 'nc', { lines: 'n', bytes: 'c', quiet: 'q', follow: 'f' }, true);
    if (!parsed.ok) return usageError(ctx, which, parsed.error);
    const { values, operands, flags } = parsed.options;
    // -c counts bytes instead of lines. SIMPLIFIED: a character counts as one byte.
    const bytes = values.has('c');
    const raw = (bytes ? values.get('c') : values.get('n')) ?? '10';
    const fromStart = which === 'tail' && raw.startsWith('+');
    const count = Number(raw.replace(/^[+-]/, ''));
    if (!/^[+-]?\d+$/.test(raw)) { ctx.err(`${which}: invalid number of ${bytes ? 'bytes' : 'lines'}: ‘${raw}’\n`); return 1; }
    const { inputs, failed } = readInputs(ctx, which, operands);
    inputs.forEach((input, i) => {
      if (inputs.length > 1 && !flags.has('q')) ctx.out(`${i > 0 ? '\n' : ''}==> ${input.name} <==\n`);
      if (bytes) {
        const text = input.text;
        const negative = which === 'head' && raw.startsWith('-');
        ctx.out(which === 'head'
          ? (negative ? text.slice(0, Math.max(0, text.length - count)) : text.slice(0, count))
          : (fromStart ? text.slice(Math.max(0, count - 1)) : text.slice(Math.max(0, text.length - count))));
        return;
      }
      const lines = linesOf(input.text);
      const negative = which === 'head' && raw.startsWith('-');
      const chosen = which === 'head'
        ? (negative ? lines.slice(0, Math.max(0, lines.length - count)) : lines.slice(0, count))
        : (fromStart ? lines.slice(Math.max(0, count - 1)) : lines.slice(Math.max(0, lines.length - count)));
      const endsOpen = input.text !== '' && !input.text.endsWith('\n');
      const lastKept = chosen.length > 0 && chosen[chosen.length - 1] === lines[lines.length - 1];
      ctx.out(chosen.map((l, k) => (k === chosen.length - 1 && lastKept && endsOpen ? l : `${l}\n`)).join(''));
    });
    return failed ? 1 : 0;
  };
}

export const head = headOrTail('head');
export const tail = headOrTail('tail');

export const wc: Program = (ctx) => {
  const parsed = parseOptions(ctx.argv.slice(1), 'lwcm', '', { lines: 'l', words: 'w', bytes: 'c', chars: 'm' });
  if (!parsed.ok) return usageError(ctx, 'wc', parsed.error);
  const { flags, operands } = parsed.options;
  const cols = ['l', 'w', 'c'].filter((c) => flags.has(c) || (c === 'c' && flags.has('m')));
  const shown = cols.length > 0 ? cols : ['l', 'w', 'c'];
  const { inputs, failed } = readInputs(ctx, 'wc', operands);
  const countsOf = (text: string): Record<string, number> => ({
    l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: text.length,
  });
  const rows = inputs.map((i) => ({ name: operands.length === 0 ? '' : i.name, counts: countsOf(i.text) }));
  if (rows.length > 1) rows.push({ name: 'total', counts: { l: sum(rows, 'l'), w: sum(rows, 'w'), c: sum(rows, 'c') } });
  // GNU wc pads every column to the width of the total size when it prints more than one number.
  const width = operands.length === 0
    ? (shown.length === 1 ? 1 : 7)
    : (shown.length === 1 && inputs.length === 1 ? 1 : String(inputs.reduce((n, i) => n + i.text.length, 0)).length);
  for (const r of rows) ctx.out(`${shown.map((c) => String(r.counts[c]).padStart(width)).join(' ')}${r.name ? ` ${r.name}` : ''}\n`);
  return failed ? 1 : 0;
};

function sum(rows: { counts: Record<string, number> }[], key: string): number {
  return rows.reduce((n, r) => n + r.counts[key], 0);
}
