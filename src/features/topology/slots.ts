// Sticky slots: an object keeps the place it was given for as long as it exists, so churn elsewhere never moves it.
// Services keep their anchor slot for their lifetime; a pod keeps its cell in its node.

/**
 * The next slot map for the keys present now: each key that had a slot keeps it, departed keys free theirs, and new
 * keys (in the order given) take the lowest free slots. Returns `prev` itself when nothing changed. Pure.
 */
export function nextSlots(prev: ReadonlyMap<string, number>, keys: readonly string[]): ReadonlyMap<string, number> {
  let same = prev.size === keys.length;
  if (same) for (const key of keys) if (!prev.has(key)) { same = false; break; }
  if (same) return prev;
  const next = new Map<string, number>();
  const taken = new Set<number>();
  for (const key of keys) {
    const slot = prev.get(key);
    if (slot !== undefined) {
      next.set(key, slot);
      taken.add(slot);
    }
  }
  let free = 0;
  for (const key of keys) {
    if (next.has(key)) continue;
    while (taken.has(free)) free++;
    next.set(key, free);
    taken.add(free);
  }
  return next;
}

/** One more than the highest slot in use (0 for none): how many cells a region must show. Pure. */
export function slotExtent(slots: ReadonlyMap<string, number>): number {
  let max = -1;
  for (const slot of slots.values()) if (slot > max) max = slot;
  return max + 1;
}
