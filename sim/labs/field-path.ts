// Field paths in lab checks, as kubectl's JSONPath writes them but simpler: `spec.ports[0].port`,
// `metadata.annotations["kubernetes.io/change-cause"]`, and list items by field: `containers[name=web].image`.
import type { FieldExpectation } from './lab-types';

export type PathSegment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'match'; readonly key: string; readonly value: string };

/** Splits a field path into segments; an error text when it is malformed. Pure. */
export function parseFieldPath(path: string): PathSegment[] | string {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (i === 0 || i === path.length - 1 || path[i + 1] === '.') return `unexpected "." at ${i + 1} in "${path}"`;
      i++;
      continue;
    }
    if (c === '[') {
      const close = closingBracket(path, i);
      if (close < 0) return `unclosed "[" in "${path}"`;
      const inner = path.slice(i + 1, close).trim();
      const seg = bracketSegment(inner);
      if (!seg) return `cannot read "[${inner}]" in "${path}": use [0], ["key"] or [name=value]`;
      out.push(seg);
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    out.push({ kind: 'key', key: path.slice(i, j) });
    i = j;
  }
  return out.length > 0 ? out : `empty field path`;
}

function closingBracket(path: string, open: number): number {
  let quote: string | undefined;
  for (let k = open + 1; k < path.length; k++) {
    const c = path[k];
    if (quote) { if (c === quote) quote = undefined; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === ']') return k;
  }
  return -1;
}

function bracketSegment(inner: string): PathSegment | undefined {
  if (/^\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = /^(["'])(.*)\1$/.exec(inner);
  if (quoted) return { kind: 'key', key: quoted[2] };
  const match = /^([A-Za-z0-9_.-]+)\s*=\s*(["']?)(.*)\2$/.exec(inner);
  if (match && match[3] !== '') return { kind: 'match', key: match[1], value: match[3] };
  return undefined;
}

/** The value at `segments` inside `root`, or undefined when any step is missing. Pure. */
export function readPath(root: unknown, segments: readonly PathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of segments) {
    if (cur === null || cur === undefined) return undefined;
    if (seg.kind === 'key') {
      cur = typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>)[seg.key] : undefined;
    } else if (seg.kind === 'index') {
      cur = Array.isArray(cur) ? cur[seg.index] : undefined;
    } else {
      cur = Array.isArray(cur)
        ? cur.find((item) => item !== null && typeof item === 'object' && String((item as Record<string, unknown>)[seg.key]) === seg.value)
        : undefined;
    }
  }
  return cur;
}

const textOf = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/** Whether `actual` satisfies `expect`; values compare as text, so `27017` matches a port given as "27017". Pure. */
export function meetsExpectation(actual: unknown, expect: FieldExpectation): boolean {
  if (expect === null || typeof expect !== 'object') {
    if (expect === null) return actual === null || actual === undefined;
    return actual !== undefined && actual !== null && textOf(actual) === String(expect);
  }
  const present = actual !== undefined && actual !== null;
  if (expect.exists !== undefined && present !== expect.exists) return false;
  if (expect.matches !== undefined && !(present && new RegExp(expect.matches).test(textOf(actual)))) return false;
  if (expect.not !== undefined && present && textOf(actual) === String(expect.not)) return false;
  if (expect.min !== undefined && !(present && Number(actual) >= expect.min)) return false;
  if (expect.max !== undefined && !(present && Number(actual) <= expect.max)) return false;
  if (expect.oneOf !== undefined && !(present && expect.oneOf.some((v) => String(v) === textOf(actual)))) return false;
  if (expect.contains !== undefined) {
    if (Array.isArray(actual)) return actual.some((v) => textOf(v) === String(expect.contains));
    if (!(present && textOf(actual).includes(String(expect.contains)))) return false;
  }
  return true;
}

/** How an expectation reads in a check list (`= 27017`, `matches ^mongodb://`, `is set`). Pure. */
export function describeExpectation(expect: FieldExpectation): string {
  if (expect === null || typeof expect !== 'object') return expect === null ? 'is not set' : `= ${expect}`;
  const parts: string[] = [];
  if (expect.exists !== undefined) parts.push(expect.exists ? 'is set' : 'is not set');
  if (expect.matches !== undefined) parts.push(`matches /${expect.matches}/`);
  if (expect.not !== undefined) parts.push(`≠ ${expect.not}`);
  if (expect.min !== undefined) parts.push(`≥ ${expect.min}`);
  if (expect.max !== undefined) parts.push(`≤ ${expect.max}`);
  if (expect.oneOf !== undefined) parts.push(`is one of ${expect.oneOf.join(', ')}`);
  if (expect.contains !== undefined) parts.push(`contains ${expect.contains}`);
  return parts.join(' and ');
}

/** A value as a check list shows it (`<none>` when missing). Pure. */
export function showValue(v: unknown): string {
  return v === undefined || v === null ? '<none>' : textOf(v);
}
