import { describe, expect, it } from 'vitest';
import { eventName, newUid } from '../../../sim/core/names';
import { Rng } from '../../../sim/core/rng';

/** The event time in nanoseconds plus the sequence, in hex, worked out with BigInt as the reference. */
function referenceEventName(objectName: string, epochMs: number, sequence: number): string {
  const nanos = BigInt(Math.floor(epochMs)) * 1_000_000n + BigInt(sequence % 1_000_000);
  return `${objectName}.${nanos.toString(16)}`;
}

describe('eventName', () => {
  it('is the object name and the event time in hex nanoseconds, as the recorder names Events', () => {
    expect(eventName('web-7957885594-mvrmn', 1_767_258_000_000, 0)).toBe('web-7957885594-mvrmn.18868fc9a477a000');
  });

  it('is exact where the nanoseconds need more than 53 bits, across the 32-bit carry', () => {
    const times = [0, 1, 999, 4_294_967_295, 4_294_967_296, 1_767_258_000_000, 1_767_258_000_123.9, 2 ** 41 - 1];
    const sequences = [0, 1, 999_999, 1_000_000, 5_000_001];
    for (const ms of times) for (const seq of sequences) expect(eventName('x', ms, seq)).toBe(referenceEventName('x', ms, seq));
    const rng = Rng.seeded('event-names');
    for (let i = 0; i < 2_000; i++) {
      const ms = rng.nextUint32() * 400 + rng.int(400);
      const seq = rng.int(3_000_000);
      expect(eventName('x', ms, seq)).toBe(referenceEventName('x', ms, seq));
    }
  });
});

describe('newUid', () => {
  it('is a version-4 UUID with the RFC 4122 variant', () => {
    const rng = Rng.seeded('uids');
    for (let i = 0; i < 200; i++) expect(newUid(rng)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is drawn from the stream: the same seed gives the same uids, another seed others', () => {
    const a = Rng.seeded('same'), b = Rng.seeded('same'), c = Rng.seeded('other');
    const first = [newUid(a), newUid(a), newUid(a)];
    expect([newUid(b), newUid(b), newUid(b)]).toEqual(first);
    expect(new Set(first).size).toBe(3);
    expect(newUid(c)).not.toBe(first[0]);
  });
});
