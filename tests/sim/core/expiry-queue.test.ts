import { describe, expect, it } from 'vitest';
import { ExpiryQueue } from '../../../sim/core/expiry-queue';

/** The behaviour the queue replaces: a Map in least-recently-set order (delete + set moves a key to the back). */
class ReferenceQueue {
  readonly map = new Map<string, number>();
  set(key: string, at: number): void { this.map.delete(key); this.map.set(key, at); }
  delete(key: string): void { this.map.delete(key); }
  oldest(): { key: string; expiresAt: number } | undefined {
    for (const [key, expiresAt] of this.map) return { key, expiresAt };
    return undefined;
  }
}

describe('ExpiryQueue', () => {
  it('hands out keys in least-recently-set order; setting again moves a key to the back', () => {
    const q = new ExpiryQueue();
    q.set('a', 1); q.set('b', 2); q.set('c', 3);
    expect(q.oldest()).toEqual({ key: 'a', expiresAt: 1 });
    q.set('a', 10);
    expect(q.oldest()).toEqual({ key: 'b', expiresAt: 2 });
    q.delete('b');
    expect(q.oldest()).toEqual({ key: 'c', expiresAt: 3 });
    expect(q.size).toBe(2);
    expect(q.has('b')).toBe(false);
    q.delete('c'); q.delete('a');
    expect(q.oldest()).toBeUndefined();
    expect(q.size).toBe(0);
  });

  it('agrees with a least-recently-set Map over a long run of sets, resets and evictions', () => {
    const q = new ExpiryQueue();
    const ref = new ReferenceQueue();
    let seed = 7;
    const next = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let step = 0; step < 50_000; step++) {
      const op = next(10);
      const key = `k${next(3_000)}`;
      if (op < 6) { q.set(key, step); ref.set(key, step); }
      else if (op < 8) { q.delete(key); ref.delete(key); }
      else {
        const a = q.oldest(), b = ref.oldest();
        expect(a && { key: a.key, expiresAt: a.expiresAt }).toEqual(b);
        if (b) { q.delete(b.key); ref.delete(b.key); }
      }
      expect(q.size).toBe(ref.map.size);
    }
    const drained: string[] = [];
    for (let e = q.oldest(); e; e = q.oldest()) { drained.push(e.key); q.delete(e.key); }
    expect(drained).toEqual([...ref.map.keys()]);
  });
});
