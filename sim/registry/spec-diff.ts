// The spec difference the apiserver appends to "may not change" Forbidden errors (Go's cmp.Diff output).
import { isRecord } from './field-checks';

function leaves(value: unknown, path: string, out: Map<string, string>): void {
  if (isRecord(value)) {
    for (const key of Object.keys(value).sort()) leaves(value[key], path ? `${path}.${key}` : key, out);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  } else if (value !== undefined) {
    out.set(path, JSON.stringify(value));
  }
}

/**
 * The difference between two specs, one changed field a line, in the frame of Go's cmp.Diff. Pure.
 * SIMPLIFIED: real apiservers print cmp.Diff of the internal Go structs; this lists changed JSON paths instead.
 */
export function specDiff(typeName: string, oldSpec: unknown, newSpec: unknown): string {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  leaves(oldSpec, '', a);
  leaves(newSpec, '', b);
  const lines = [`  ${typeName}{`];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(path) === b.get(path)) continue;
    if (a.has(path)) lines.push(`- \t${path}: ${a.get(path)},`);
    if (b.has(path)) lines.push(`+ \t${path}: ${b.get(path)},`);
  }
  lines.push('  }');
  return `${lines.join('\n')}\n`;
}

