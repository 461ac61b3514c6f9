import { describe, expect, it } from 'vitest';
import { sortInPlace } from '../../../sim/core/sort';

describe('sortInPlace', () => {
  it('orders like Array.prototype.sort, keeping equal items in their order, for short and long lists', () => {
    let seed = 3;
    const next = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (const length of [0, 1, 2, 5, 16, 17, 40]) {
      for (let round = 0; round < 50; round++) {
        const items = Array.from({ length }, (_, i) => ({ key: next(6), at: i }));
        const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key;
        const expected = [...items].sort(byKey);
        const sorted = sortInPlace(items, byKey);
        expect(sorted).toBe(items);
        expect(sorted).toEqual(expected);
      }
    }
  });
});
