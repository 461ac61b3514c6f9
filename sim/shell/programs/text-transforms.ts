// GNU sort, uniq, cut, tr and base64, for the usual one-liners over kubectl output.
// SIMPLIFIED: sort compares by code point (the C locale), not by the language's collation rules.
import type { Program } from '../program';
import { decodeBase64, encodeBase64, utf8Text } from '../../registry/base64';
import { linesOf, parseOptions, readInputs, usageError } from './text-input';

function sortKey(line: string, field: number | undefined, sep: string | undefined): string {
  if (field === undefined) return line;
  const parts = sep === undefined ? line.trim().split(/\s+/) : line.split(sep);
  return parts.slice(field - 1).join(sep ?? ' ');
}

export const sort: Program = (ctx) => {
  const parsed = parseOptions(ctx.argv.slice(1), 'rnuhf', 'kt', { reverse: 'r', 'numeric-sort': 'n', unique: 'u', key: 'k', 'field-separator': 't' });
  if (!parsed.ok) return usageError(ctx, 'sort', parsed.error, 2);
  const { flags, values, operands } = parsed.options;
  const field = values.has('k') ? Number.parseInt(values.get('k')!, 10) : undefined;
  if (field !== undefined && !(field >= 1)) { ctx.err(`sort: invalid number at field start: invalid count at start of ‘${values.get('k')}’\n`); return 2; }
  const { inputs, failed } = readInputs(ctx, 'sort', operands);
  const lines = inputs.flatMap((i) => linesOf(i.text));
  const key = (l: string): string => {
    const k = sortKey(l, field, values.get('t'));
    return flags.has('f') ? k.toUpperCase() : k;
  };
  const cmp = (a: string, b: string): number => {
    if (flags.has('n') || flags.has('h')) {
      const d = (Number.parseFloat(key(a)) || 0) - (Number.parseFloat(key(b)) || 0);
      if (d !== 0) return d;
    } else {
      const ka = key(a), kb = key(b);
      if (ka !== kb) return ka < kb ? -1 : 1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
  let sorted = lines.map((l, i) => ({ l, i })).sort((x, y) => cmp(x.l, y.l) || x.i - y.i).map((x) => x.l);
  if (flags.has('r')) sorted = sorted.reverse();
  if (flags.has('u')) sorted = sorted.filter((l, i) => i === 0 || cmp(sorted[i - 1], l) !== 0);
  ctx.out(sorted.map((l) => `${l}\n`).join(''));
  return failed ? 2 : 0;
};

export const uniq: Program = (ctx) => {
  const parsed = parseOptions(ctx.argv.slice(1), 'cdui', '', { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' });
  if (!parsed.ok) return usageError(ctx, 'uniq', parsed.error);
  const { flags, operands } = parsed.options;
  const { inputs, failed } = readInputs(ctx, 'uniq', operands.slice(0, 1));
  const lines = inputs.flatMap((i) => linesOf(i.text));
  const same = (a: string, b: string): boolean => (flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; n: number }[] = [];
  for (const l of lines) {
    const last = groups[groups.length - 1];
    if (last && same(last.line, l)) last.n++; else groups.push({ line: l, n: 1 });
  }
  for (const g of groups) {
    if ((flags.has('d') && g.n < 2) || (flags.has('u') && g.n > 1)) continue;
    ctx.out(flags.has('c') ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`);
  }
  return failed ? 1 : 0;
};

/** Parses a cut LIST (`1,3`, `2-4`, `-2`, `3-`) into a predicate over 1-based positions. Pure. */
export function cutList(list: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') || (m[2] === '' && m[3] !== '')) return undefined;
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3]);
    if (from < 1) return undefined;
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Program = (ctx) => {
  const parsed = parseOptions(ctx.argv.slice(1), 's', 'dfcb', { delimiter: 'd', fields: 'f', characters: 'c', bytes: 'b', 'only-delimited': 's' });
  if (!parsed.ok) return usageError(ctx, 'cut', parsed.error);
  const { flags, values, operands } = parsed.options;
  const spec = values.get('f') ?? values.get('c') ?? values.get('b');
  if (spec === undefined) return usageError(ctx, 'cut', 'you must specify a list of bytes, characters, or fields');
  const pick = cutList(spec);
  if (!pick) { ctx.err(`cut: invalid field value ‘${spec}’\nTry 'cut --help' for more information.\n`); return 1; }
  const delim = values.get('d') ?? '\t';
  if (delim.length !== 1) return usageError(ctx, 'cut', 'the delimiter must be a single character');
  const { inputs, failed } = readInputs(ctx, 'cut', operands);
  for (const l of inputs.flatMap((i) => linesOf(i.text))) {
    if (values.has('f')) {
      if (!l.includes(delim)) { if (!flags.has('s')) ctx.out(`${l}\n`); continue; }
      ctx.out(`${l.split(delim).filter((_, k) => pick(k + 1)).join(delim)}\n`);
    } else ctx.out(`${[...l].filter((_, k) => pick(k + 1)).join('')}\n`);
  }
  return failed ? 1 : 0;
};

const CLASSES: Readonly<Record<string, string>> = {
  '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '[:lower:]': 'abcdefghijklmnopqrstuvwxyz', '[:digit:]': '0123456789',
  '[:space:]': ' \t\n\r\f\v', '[:blank:]': ' \t', '[:alpha:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
};

/** Expands a tr SET (`a-z`, `[:upper:]`, `\n`) to its characters. Pure. */
export function trSet(set: string): string {
  let out = '';
  const text = set.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  for (let i = 0; i < text.length; i++) {
    const cls = Object.keys(CLASSES).find((k) => text.startsWith(k, i));
    if (cls) { out += CLASSES[cls]; i += cls.length - 1; continue; }
    if (text[i + 1] === '-' && i + 2 < text.length) {
      for (let c = text.charCodeAt(i); c <= text.charCodeAt(i + 2); c++) out += String.fromCharCode(c);
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

export const tr: Program = (ctx) => {
  const parsed = parseOptions(ctx.argv.slice(1), 'ds', '', { delete: 'd', 'squeeze-repeats': 's' });
  if (!parsed.ok) return usageError(ctx, 'tr', parsed.error);
  const { flags, operands } = parsed.options;
  const need = flags.has('d') && !flags.has('s') ? 1 : flags.has('s') && operands.length === 1 ? 1 : 2;
  if (operands.length < need) return usageError(ctx, 'tr', operands.length === 0 ? 'missing operand' : `missing operand after ‘${operands[operands.length - 1]}’`);
  const from = trSet(operands[0]);
  const to = operands[1] === undefined ? '' : trSet(operands[1]);
  let out = '';
  for (const c of ctx.stdin) {
    const k = from.indexOf(c);
    if (flags.has('d') && k >= 0) continue;
    const mapped = !flags.has('d') && to !== '' && k >= 0 ? to[Math.min(k, to.length - 1)] : c;
    const squeezeSet = flags.has('d') || to === '' ? from : to;
    if (flags.has('s') && out.endsWith(mapped) && squeezeSet.includes(mapped)) continue;
    out += mapped;
  }
  ctx.out(out);
  return 0;
};

export const base64: Program = (ctx) => {
  const parsed = parseOptions(ctx.argv.slice(1), 'di', 'w', { decode: 'd', 'ignore-garbage': 'i', wrap: 'w' });
  if (!parsed.ok) return usageError(ctx, 'base64', parsed.error);
  const { flags, values, operands } = parsed.options;
  const { inputs, failed } = readInputs(ctx, 'base64', operands.slice(0, 1));
  if (failed) return 1;
  const text = inputs[0]?.text ?? '';
  if (flags.has('d')) {
    const decoded = decodeBase64(text.replace(/\s+/g, ''));
    if (!decoded.ok) { ctx.err('base64: invalid input\n'); return 1; }
    ctx.out(utf8Text(decoded.bytes));
    return 0;
  }
  const wrap = values.has('w') ? Number(values.get('w')) : 76;
  const encoded = encodeBase64(text);
  const lines = wrap > 0 ? encoded.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? [] : [encoded];
  ctx.out(lines.map((l) => `${l}\n`).join(''));
  return 0;
};
