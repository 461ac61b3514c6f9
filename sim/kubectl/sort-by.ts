// `kubectl get --sort-by=<path>` (kubectl cmd/get/sorter.go): objects ordered by the first value the path finds,
// numbers numerically, quantities by amount, other strings in natural order; objects without it come first.
import type { K8sObject } from '../model/types';
import { parseQuantity } from '../model/quantity';
import { fieldValues, relaxedJsonPath, RELAXED_PATH_ERROR } from './custom-columns';

/** fvbommel/sortorder.NaturalLess: digit runs compare by value, digits before other characters. Pure. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0, j = 0;
  const digit = (c: string): boolean => c >= '0' && c <= '9';
  while (i < a.length && j < b.length) {
    const c1 = a[i], c2 = b[j];
    const d1 = digit(c1), d2 = digit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++; j++;
      continue;
    }
    for (; i < a.length && a[i] === '0'; i++);
    for (; j < b.length && b[j] === '0'; j++);
    const s1 = i, s2 = j;
    for (; i < a.length && digit(a[i]); i++);
    for (; j < b.length && digit(b[j]); j++);
    if (i - s1 !== j - s2) return i - s1 < j - s2;
    const n1 = a.slice(s1, i), n2 = b.slice(s2, j);
    if (n1 !== n2) return n1 < n2;
    if (s1 !== s2) return s1 < s2;
  }
  return a.length < b.length;
}

function isLess(x: unknown, y: unknown): boolean {
  if (typeof x === 'number' && typeof y === 'number') return x < y;
  if (typeof x === 'string' && typeof y === 'string') {
    const qx = parseQuantity(x), qy = parseQuantity(y);
    if (!Number.isNaN(qx) && !Number.isNaN(qy)) return qx < qy;
    return naturalLess(x, y);
  }
  if (typeof x === 'boolean' && typeof y === 'boolean') return !x && y;
  return false;
}

/** Sorts objects by a --sort-by path (stable), or returns kubectl's error. Pure. */
export function sortObjects(objects: readonly K8sObject[], sortBy: string): { ok: true; objects: K8sObject[] } | { ok: false; error: string } {
  const field = relaxedJsonPath(sortBy);
  if (field === undefined) return { ok: false, error: RELAXED_PATH_ERROR };
  const keyed: { obj: K8sObject; value: unknown; found: boolean }[] = [];
  let foundOnce = false;
  for (const obj of objects) {
    const res = fieldValues(field, obj);
    if (!res.ok) return res;
    const found = res.values.length > 0;
    foundOnce ||= found;
    keyed.push({ obj, value: res.values[0], found });
  }
  if (objects.length > 1 && !foundOnce) return { ok: false, error: `couldn't find any field with path "${field}" in the list of objects` };
  keyed.sort((a, b) => {
    if (!a.found) return b.found ? -1 : 0;
    if (!b.found) return 1;
    return isLess(a.value, b.value) ? -1 : isLess(b.value, a.value) ? 1 : 0;
  });
  return { ok: true, objects: keyed.map((k) => k.obj) };
}
