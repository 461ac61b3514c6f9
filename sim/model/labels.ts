// Label selectors: matching (apimachinery labels.Selector), parsing kubectl's `-l` syntax, and formatting.
import type { LabelSelector } from './types';

export type Operator = 'in' | 'notin' | 'exists' | '!' | '=' | '==' | '!=';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** Whether one requirement holds for a label set. Pure. */
export function requirementMatches(req: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels![req.key] : undefined;
  switch (req.operator) {
    case '=': case '==': case 'in': return has && req.values.includes(value!);
    case '!=': case 'notin': return !has || !req.values.includes(value!);
    case 'exists': return has;
    case '!': return !has;
  }
}

/** Whether every requirement holds (an empty list selects everything). Pure. */
export function matchesRequirements(reqs: readonly Requirement[], labels: Labels): boolean {
  for (const req of reqs) if (!requirementMatches(req, labels)) return false;
  return true;
}

/** Requirements of a metav1.LabelSelector (matchLabels + matchExpressions). Pure. */
export function requirementsOf(selector: LabelSelector | undefined): Requirement[] {
  if (!selector) return [];
  const reqs: Requirement[] = [];
  for (const key of Object.keys(selector.matchLabels ?? {}).sort()) {
    reqs.push({ key, operator: '=', values: [selector.matchLabels![key]] });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const op = expr.operator.toLowerCase();
    const operator: Operator = op === 'in' ? 'in' : op === 'notin' ? 'notin' : op === 'exists' ? 'exists' : '!';
    reqs.push({ key: expr.key, operator, values: [...(expr.values ?? [])] });
  }
  return reqs;
}

/** A Service-style selector (a plain map; empty selects nothing for Services, as the endpoints controller does). */
export function requirementsOfMap(selector: Readonly<Record<string, string>> | undefined): Requirement[] {
  return Object.keys(selector ?? {}).sort().map((key) => ({ key, operator: '=' as const, values: [selector![key]] }));
}

/** `a=b,c=d` sorted by key, or `<none>` when empty: labels.FormatLabels. Pure. */
export function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** The selector's string form as LabelSelectorAsSelector(...).String() prints it. Pure. */
export function formatSelector(selector: LabelSelector | undefined): string {
  const reqs = requirementsOf(selector);
  if (!selector) return '<none>';
  return formatRequirements(reqs);
}

/** Requirements as a selector string (`app=web,tier in (a,b),!x`), sorted by key as apimachinery does. Pure. */
export function formatRequirements(reqs: readonly Requirement[]): string {
  return [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((req) => {
    switch (req.operator) {
      case '=': case '==': return `${req.key}=${req.values[0]}`;
      case '!=': return `${req.key}!=${req.values[0]}`;
      case 'in': return `${req.key} in (${[...req.values].sort().join(',')})`;
      case 'notin': return `${req.key} notin (${[...req.values].sort().join(',')})`;
      case 'exists': return req.key;
      case '!': return `!${req.key}`;
    }
  }).join(',');
}

export type ParseResult = { ok: true; requirements: Requirement[] } | { ok: false; error: string };

/**
 * Parses kubectl's `-l` syntax: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a)`, `k`, `!k`, comma-separated.
 * Pure; a malformed selector returns the apimachinery-style error text.
 */
export function parseSelector(text: string): ParseResult {
  const reqs: Requirement[] = [];
  const src = text.trim();
  if (src === '') return { ok: true, requirements: reqs };
  let i = 0;
  const skipSpace = (): void => { while (i < src.length && src[i] === ' ') i++; };
  const readKey = (): string => {
    const start = i;
    while (i < src.length && /[A-Za-z0-9._\-/]/.test(src[i])) i++;
    return src.slice(start, i);
  };
  const readValue = (): string => {
    const start = i;
    while (i < src.length && /[A-Za-z0-9._\-]/.test(src[i])) i++;
    return src.slice(start, i);
  };
  while (i < src.length) {
    skipSpace();
    let negated = false;
    if (src[i] === '!') { negated = true; i++; skipSpace(); }
    const key = readKey();
    if (!key) return { ok: false, error: `unable to parse requirement: found '${src[i] ?? ''}', expected: identifier` };
    skipSpace();
    if (negated) {
      reqs.push({ key, operator: '!', values: [] });
    } else if (src.startsWith('!=', i)) {
      i += 2; skipSpace();
      reqs.push({ key, operator: '!=', values: [readValue()] });
    } else if (src.startsWith('==', i)) {
      i += 2; skipSpace();
      reqs.push({ key, operator: '==', values: [readValue()] });
    } else if (src[i] === '=') {
      i += 1; skipSpace();
      reqs.push({ key, operator: '=', values: [readValue()] });
    } else if (/^(in|notin)\s*\(/.test(src.slice(i))) {
      const operator = src.startsWith('notin', i) ? 'notin' : 'in';
      i = src.indexOf('(', i) + 1;
      const close = src.indexOf(')', i);
      if (close < 0) return { ok: false, error: `unable to parse requirement: found '', expected: ')'` };
      const values = src.slice(i, close).split(',').map((v) => v.trim()).filter((v) => v !== '');
      i = close + 1;
      reqs.push({ key, operator, values });
    } else if (i >= src.length || src[i] === ',') {
      reqs.push({ key, operator: 'exists', values: [] });
    } else {
      return { ok: false, error: `unable to parse requirement: found '${src[i]}', expected: in, notin, =, ==, !=, gt, lt` };
    }
    skipSpace();
    if (i < src.length) {
      if (src[i] !== ',') return { ok: false, error: `found '${src[i]}', expected: ',' or 'end of string'` };
      i++;
    }
  }
  return { ok: true, requirements: reqs };
}
