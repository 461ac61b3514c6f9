// `kubectl -o yaml` as sigs.k8s.io/yaml writes it through go-yaml v2: keys in go-yaml's natural order, sequences
// not indented under their key, strings that would read back as another type double-quoted ("True", "80",
// timestamps), strings that cannot be plain single-quoted, multi-line strings as literal blocks, and long
// scalars folded at spaces past column 80.
import { goYamlKeyLess } from './go-yaml-keys';
import { goFloat, goYamlQuoted, isPlainAllowed, needsDoubleQuotes, quotedAllowed } from './go-yaml-scalars';

const BEST_WIDTH = 80;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isMap(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Writes a scalar starting at `column`, folding at spaces past column 80 onto lines indented by `indent`. */
function foldScalar(text: string, column: number, indent: number, quote: string): string {
  let out = quote;
  let col = column + quote.length;
  let spaces = false;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === ' ') {
      const inner = quote === '' || (i > 0 && i < chars.length - 1);
      if (!spaces && col > BEST_WIDTH && inner && chars[i + 1] !== ' ') {
        out += `\n${' '.repeat(indent)}`;
        col = indent;
        spaces = true;
        continue;
      }
      spaces = true;
    } else spaces = false;
    const piece = quote === "'" && c === "'" ? "''" : c;
    out += piece;
    col += piece.length;
  }
  return out + quote;
}

function literalBlock(text: string, indent: number): string {
  const chomp = text.endsWith('\n') ? (text.endsWith('\n\n') ? '+' : '') : '-';
  const hint = text.startsWith(' ') || text.startsWith('\n') ? String(2) : '';
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const pad = ' '.repeat(indent);
  return `|${hint}${chomp}\n${body.split('\n').map((l) => (l === '' ? '' : pad + l)).join('\n')}`;
}

/** The text of a scalar value written at `column`, with continuation lines at `indent`. Pure. */
function scalar(value: Json, column: number, indent: number): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return goFloat(value);
  const s = value as string;
  if (needsDoubleQuotes(s)) return goYamlQuoted(s, column, indent, BEST_WIDTH);
  if (s.includes('\n') && quotedAllowed(s).block) return literalBlock(s, indent);
  if (isPlainAllowed(s)) return foldScalar(s, column, indent, '');
  if (quotedAllowed(s).single) return foldScalar(s, column, indent, "'");
  return goYamlQuoted(s, column, indent, BEST_WIDTH);
}

function keyText(key: string): string {
  if (needsDoubleQuotes(key) || !quotedAllowed(key).single) return goYamlQuoted(key, 0, 0, Number.POSITIVE_INFINITY);
  return isPlainAllowed(key) ? key : `'${key.replace(/'/g, "''")}'`;
}

function emitMap(map: Record<string, Json>, indent: number, firstInline: boolean): string {
  const keys = Object.keys(map).filter((k) => map[k] !== undefined).sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
  let out = '';
  keys.forEach((k, i) => {
    const prefix = i === 0 && firstInline ? '' : ' '.repeat(indent);
    const key = keyText(k);
    out += `${prefix}${key}:${emitValue(map[k], indent, indent + key.length + 1, true)}`;
  });
  return out;
}

function emitSeq(seq: Json[], indent: number, firstInline: boolean): string {
  let out = '';
  seq.forEach((item, i) => {
    const prefix = i === 0 && firstInline ? '' : ' '.repeat(indent);
    out += `${prefix}-${emitValue(item, indent, indent + 1, false)}`;
  });
  return out;
}

/** A value after `key:` (inMap) or `-`, whose indicator ends at `column`. */
function emitValue(value: Json, indent: number, column: number, inMap: boolean): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []\n';
    return inMap ? `\n${emitSeq(value, indent, false)}` : ` ${emitSeq(value, indent + 2, true)}`;
  }
  if (isMap(value)) {
    if (Object.keys(value).length === 0) return ' {}\n';
    return inMap ? `\n${emitMap(value, indent + 2, false)}` : ` ${emitMap(value, indent + 2, true)}`;
  }
  return ` ${scalar(value, column + 1, indent + 2)}\n`;
}

/** The YAML document kubectl prints for an API object (or List). Pure. */
export function toGoYaml(value: unknown): string {
  const json = JSON.parse(JSON.stringify(value ?? null)) as Json;
  if (isMap(json)) return Object.keys(json).length === 0 ? '{}\n' : emitMap(json, 0, false);
  if (Array.isArray(json)) return json.length === 0 ? '[]\n' : emitSeq(json, 0, false);
  return `${scalar(json, 0, 0)}\n`;
}
