import { describe, expect, it } from 'vitest';
import { formatClock, seedFromQuery } from '../../src/features/playback/clock';

describe('formatClock', () => {
  it.each([
    [0, '00:00:00'],
    [999, '00:00:00'],
    [1000, '00:00:01'],
    [252_000, '00:04:12'],
    [3_600_000 + 61_000, '01:01:01'],
    [25 * 3_600_000, '25:00:00'],
    [-5000, '00:00:00'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('seedFromQuery', () => {
  it('reads numbers and names, and falls back when absent or blank', () => {
    expect(seedFromQuery('?seed=42', 7)).toBe(42);
    expect(seedFromQuery('?seed=lab-4', 7)).toBe('lab-4');
    expect(seedFromQuery('?other=1', 7)).toBe(7);
    expect(seedFromQuery('?seed=%20', 7)).toBe(7);
    expect(seedFromQuery('', 7)).toBe(7);
  });
});
