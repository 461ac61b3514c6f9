// Structural equality for JSON-shaped API objects (apiequality.Semantic.DeepEqual for what the store holds).

/** Whether two JSON-shaped values are equal; `undefined` members count as absent. Pure. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let countX = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    countX++;
    if (!deepEqual(x[k], y[k])) return false;
  }
  let countY = 0;
  for (const k in y) if (y[k] !== undefined) countY++;
  return countX === countY;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v !== 'object') return false;
  for (const k in v as Record<string, unknown>) if (!isEmpty((v as Record<string, unknown>)[k])) return false;
  return true;
}

/**
 * apimachinery's semantic equality for templates: nil and empty maps and slices are alike, at any depth;
 * `skip(path)` leaves out a member (e.g. one label). Pure; allocates nothing for equal inputs.
 */
export function semanticEqual(a: unknown, b: unknown, skip?: (path: readonly string[]) => boolean, path: string[] = []): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  // A missing member compares as an empty one, so skipped members inside it still count as equal.
  if ((a === undefined || a === null) && typeof b === 'object' && !Array.isArray(b)) a = {};
  if ((b === undefined || b === null) && typeof a === 'object' && !Array.isArray(a)) b = {};
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticEqual(a[i], b[i], skip, path)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) {
    path.push(k);
    const same = (skip?.(path) ?? false) || semanticEqual(x[k], y[k], skip, path);
    path.pop();
    if (!same) return false;
  }
  for (const k in y) {
    if (k in x) continue;
    path.push(k);
    const same = (skip?.(path) ?? false) || semanticEqual(undefined, y[k], skip, path);
    path.pop();
    if (!same) return false;
  }
  return true;
}

/**
 * Whether two JSON-shaped values cannot be told apart except by identity: the same members in the same order
 * (undefined ones included) with identical values at every depth, so either serialises exactly as the other. Pure.
 */
export function indistinguishable(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!indistinguishable((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

/**
 * `next`'s elements, each replaced by the element at the same place in `previous` when indistinguishable from
 * it; `previous` itself when every element is. `next` is the caller's own array and is updated in place. Pure
 * for `previous`, which is never changed.
 */
export function reuseElements<T>(previous: readonly T[] | undefined, next: T[]): T[] {
  if (!previous) return next;
  let all = previous.length === next.length;
  for (let i = 0; i < next.length; i++) {
    if (i < previous.length && indistinguishable(previous[i], next[i])) next[i] = previous[i];
    else all = false;
  }
  return all ? previous as T[] : next;
}
