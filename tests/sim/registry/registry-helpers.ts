// Shared helpers for the apiserver strategy tests: error lines as kubectl prints them.
import type { ApiResult } from '../../../sim/core/api';

/** The `field: message` lines of a failed write, or [] when it succeeded. */
export function causesOf(res: ApiResult): string[] {
  if (res.ok) return [];
  return (res.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
}

/** The status message of a failed write; throws when the write succeeded. */
export function messageOf(res: ApiResult): string {
  if (res.ok) throw new Error('expected the write to fail');
  return res.status.message;
}

/** Reads a dotted path (`spec.template.spec.containers.0.name`) from a plain object. */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
