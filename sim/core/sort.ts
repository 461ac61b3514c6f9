// Sorting for the short lists controllers work with (a Service's pods, a Deployment's ReplicaSets).

/**
 * Sorts `items` in place by `compare` and returns them. Short lists are sorted by insertion, which allocates
 * nothing; longer ones by Array.prototype.sort. Both are stable, so for a consistent comparator the result is
 * the same either way.
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > 16) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let j = i - 1;
    while (j >= 0 && compare(items[j], item) > 0) { items[j + 1] = items[j]; j--; }
    items[j + 1] = item;
  }
  return items;
}
