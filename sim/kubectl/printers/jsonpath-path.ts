// One kubectl JSONPath expression (`.items[0].status.podIP`, `..name`, `[?(@.type=="Ready")]`, escaped dots
// as in `.labels.app\.kubernetes\.io/name`) evaluated with jsonpath-plus, plus client-go's out-of-bounds check,
// which errors even when missing keys are allowed.
import { JSONPath } from 'jsonpath-plus';

export type PathResult = { ok: true; values: unknown[] } | { ok: false; error: string };

type Segment = { kind: 'name' | 'recursive'; name: string } | { kind: 'bracket'; text: string };

/** Splits a kubectl path into segments; undefined when a bracket is not closed. Pure. */
export function pathSegments(path: string): Segment[] | undefined {
  const segs: Segment[] = [];
  let i = 0;
  if (path[0] === '$' || path[0] === '@') i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '[') {
      let depth = 0, quote = '';
      let j = i;
      for (; j < path.length; j++) {
        const d = path[j];
        if (quote) { if (d === quote) quote = ''; continue; }
        if (d === '"' || d === "'") quote = d;
        else if (d === '[') depth++;
        else if (d === ']' && --depth === 0) break;
      }
      if (j >= path.length) return undefined;
      segs.push({ kind: 'bracket', text: path.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (c !== '.') return undefined;
    const recursive = path[i + 1] === '.';
    i += recursive ? 2 : 1;
    let name = '';
    while (i < path.length && path[i] !== '.' && path[i] !== '[') {
      if (path[i] === '\\' && path[i + 1] === '.') { name += '.'; i += 2; continue; }
      name += path[i++];
    }
    if (name === '' && !recursive) continue;
    segs.push({ kind: recursive ? 'recursive' : 'name', name });
  }
  return segs;
}

function bracketText(text: string): string {
  const t = text.trim();
  if (/^(['"]).*\1$/.test(t) && !/['"]\s*,/.test(t)) return `['${t.slice(1, -1).replace(/'/g, "\\'")}']`;
  if (/^['"]/.test(t)) return `[${t.split(',').map((p) => p.trim().replace(/^['"]|['"]$/g, '')).join(',')}]`;
  return `[${t}]`;
}

function segmentText(s: Segment): string {
  if (s.kind === 'bracket') return bracketText(s.text);
  const name = s.name === '*' ? '[*]' : `['${s.name.replace(/'/g, "\\'")}']`;
  return s.kind === 'recursive' ? `..${name}` : name;
}

function query(path: string, json: unknown): unknown[] {
  if (path === '$') return [json];
  return JSONPath({ path, json: json as object, wrap: true, eval: 'safe' }) as unknown[];
}

/** Evaluates one kubectl path against `data`; missing keys give no values, an index past the end an error. */
export function evalPath(path: string, data: unknown): PathResult {
  const segs = pathSegments(path);
  if (!segs) return { ok: false, error: 'unterminated array' };
  let built = '$';
  for (const s of segs) {
    if (s.kind === 'bracket' && /^\s*-?\d+\s*$/.test(s.text)) {
      const index = Number(s.text);
      for (const v of query(built, data)) {
        if (!Array.isArray(v)) continue;
        const at = index < 0 ? index + v.length : index;
        if (at >= v.length || at < 0) return { ok: false, error: `array index out of bounds: index ${at}, length ${v.length}` };
      }
    }
    built += segmentText(s);
  }
  try {
    return { ok: true, values: query(built, data) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
