// `kubectl -o json` as encoding/json's MarshalIndent writes an unstructured object: map keys sorted, four-space
// indent, and Go's string escaping (<, > and & as \u003c, \u003e, \u0026; U+2028/2029 escaped).

function goString(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || c === '<' || c === '>' || c === '&' || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += c;
  }
  return `${out}"`;
}

function encode(value: unknown, indent: string, step: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  const inner = indent + step;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + encode(v, inner, step)).join(',\n')}\n${indent}]`;
  }
  const map = value as Record<string, unknown>;
  const keys = Object.keys(map).filter((k) => map[k] !== undefined).sort();
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goString(k)}: ${encode(map[k], inner, step)}`).join(',\n')}\n${indent}}`;
}

/** JSON as kubectl prints an object (`indent` spaces per level, keys sorted, trailing newline). Pure. */
export function toGoJson(value: unknown, indent = 4): string {
  return `${encode(value, '', ' '.repeat(indent))}\n`;
}

/** Compact JSON as encoding/json.Marshal writes it (keys sorted, HTML characters escaped). Pure. */
export function toGoJsonCompact(value: unknown): string {
  const compact = (v: unknown): string => {
    if (v === null || v === undefined || typeof v !== 'object') return encode(v, '', '');
    if (Array.isArray(v)) return `[${v.map(compact).join(',')}]`;
    const map = v as Record<string, unknown>;
    return `{${Object.keys(map).filter((k) => map[k] !== undefined).sort().map((k) => `${goString(k)}:${compact(map[k])}`).join(',')}}`;
  };
  return compact(value);
}
