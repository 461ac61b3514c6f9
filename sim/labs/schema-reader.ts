// The building blocks for reading a lab's hand-written YAML: typed values with an error per bad value (and the
// path to it), counts, selectors, regular expressions, field expectations and where HTTP checks start from.
import { parseSelector } from '../model/labels';
import type { Count, FieldExpectation, HttpFrom } from './lab-types';

export type Raw = Record<string, unknown>;

/** A YAML mapping. */
export const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects errors with the path of the value they concern. */
export class Reader {
  readonly errors: string[] = [];
  fail(path: string, message: string): undefined {
    this.errors.push(`${path}: ${message}`);
    return undefined;
  }
  text(v: unknown, path: string): string | undefined {
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (typeof v === 'number') return String(v);
    return this.fail(path, 'expected text');
  }
  regex(v: unknown, path: string): string | undefined {
    const s = this.text(v, path);
    if (s === undefined) return undefined;
    try {
      new RegExp(s);
      return s;
    } catch (err) {
      return this.fail(path, `not a valid regular expression (${(err as Error).message})`);
    }
  }
  bool(v: unknown, path: string): boolean | undefined {
    return typeof v === 'boolean' ? v : this.fail(path, 'expected true or false');
  }
  int(v: unknown, path: string, min = 0): number | undefined {
    return typeof v === 'number' && Number.isInteger(v) && v >= min ? v : this.fail(path, `expected a whole number ≥ ${min}`);
  }
  count(v: unknown, path: string): Count | undefined {
    if (typeof v === 'number') return this.int(v, path);
    if (isRecord(v) && Object.keys(v).every((k) => k === 'min' || k === 'max') && Object.keys(v).length > 0) {
      const min = v.min === undefined ? undefined : this.int(v.min, `${path}.min`);
      const max = v.max === undefined ? undefined : this.int(v.max, `${path}.max`);
      return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    return this.fail(path, 'expected a number or {min, max}');
  }
  selector(v: unknown, path: string): string | undefined {
    const s = this.text(v, path);
    if (s === undefined) return undefined;
    const parsed = parseSelector(s);
    return parsed.ok ? s : this.fail(path, parsed.error);
  }
}

/** A field value or test (`{exists: true}`, `{matches: …}`…). */
export function fieldExpectation(r: Reader, v: unknown, path: string): FieldExpectation | undefined {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return v as FieldExpectation;
  if (!isRecord(v)) return r.fail(path, 'expected a value or a test such as {exists: true}');
  const allowed = ['exists', 'matches', 'not', 'min', 'max', 'oneOf', 'contains'];
  for (const k of Object.keys(v)) if (!allowed.includes(k)) r.fail(`${path}.${k}`, `unknown test (use ${allowed.join(', ')})`);
  if (v.matches !== undefined) r.regex(v.matches, `${path}.matches`);
  if (v.exists !== undefined) r.bool(v.exists, `${path}.exists`);
  if (v.oneOf !== undefined && !Array.isArray(v.oneOf)) r.fail(`${path}.oneOf`, 'expected a list');
  return v as FieldExpectation;
}

/** `outside` (the default) or `pod <selector>`. */
export function httpFrom(r: Reader, v: unknown, path: string, namespace: string): HttpFrom | undefined {
  if (v === undefined || v === 'outside') return { kind: 'outside' };
  const s = r.text(v, path);
  const m = s === undefined ? null : /^pod\s+(.+)$/.exec(s.trim());
  if (!m) return r.fail(path, 'expected "outside" or "pod <label selector>"');
  const selector = r.selector(m[1], path);
  return selector === undefined ? undefined : { kind: 'pod', selector, namespace };
}
