// Go's fmt verbs over unstructured JSON values, as kubectl's jsonpath and custom-columns printers show them:
// %v (`map[a:1 b:[x y]]`) for column cells and %#v (`map[string]interface {}{"a":1}`) in jsonpath errors.
import { goFloat } from './go-yaml-scalars';

function sortedKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map).filter((k) => map[k] !== undefined).sort();
}

function goNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : goFloat(n).replace('.nan', 'NaN').replace('-.inf', '-Inf').replace('.inf', '+Inf');
}

/** fmt.Sprint of a JSON value. Pure. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  const map = value as Record<string, unknown>;
  return `map[${sortedKeys(map).map((k) => `${k}:${goSprint(map[k])}`).join(' ')}]`;
}

/** strconv.Quote. Pure. */
export function goQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (named[c]) out += named[c];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

/** fmt's %#v of a JSON value held in an interface{} (as unstructured content is). Pure. */
export function goSharpV(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map((v) => goSharpV(v)).join(', ')}}`;
  const map = value as Record<string, unknown>;
  const body = sortedKeys(map).map((k) => `${goQuote(k)}:${goSharpV(map[k])}`).join(', ');
  return `map[string]interface {}{${body}}`;
}
