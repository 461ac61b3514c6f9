// The event recorder's expiry bookkeeping (the apiserver's event TTL): keys in least-recently-set order, each with
// the time it expires. Setting a key again moves it to the back. Superseded entries are skipped lazily, so the
// oldest key is found in amortised constant time however many keys were set or dropped before it.
import type { ObjectKey } from '../model/types';

export interface ExpiryEntry {
  readonly key: ObjectKey;
  readonly expiresAt: number;
}

export class ExpiryQueue {
  /** Entries in the order they were set; entries no longer current are skipped and compacted away. */
  private order: ExpiryEntry[] = [];
  private head = 0;
  /** Each live key's current entry. */
  private readonly current = new Map<ObjectKey, ExpiryEntry>();

  get size(): number {
    return this.current.size;
  }

  has(key: ObjectKey): boolean {
    return this.current.has(key);
  }

  /** Sets (or resets) a key's expiry and moves it to the back. */
  set(key: ObjectKey, expiresAt: number): void {
    const entry: ExpiryEntry = { key, expiresAt };
    this.current.set(key, entry);
    this.order.push(entry);
    if (this.order.length - this.head > 2 * this.current.size + 1024) this.compact();
  }

  delete(key: ObjectKey): void {
    this.current.delete(key);
  }

  /** The least recently set live key, or undefined when there is none. */
  oldest(): ExpiryEntry | undefined {
    const { order, current } = this;
    while (this.head < order.length) {
      const entry = order[this.head];
      if (current.get(entry.key) === entry) {
        if (this.head > 1024 && this.head * 2 > order.length) this.compact();
        return entry;
      }
      this.head++;
    }
    this.order = [];
    this.head = 0;
    return undefined;
  }

  /** Keeps only the current entries, in order (superseded ones would only be skipped later). */
  private compact(): void {
    const kept: ExpiryEntry[] = [];
    for (let i = this.head; i < this.order.length; i++) {
      const entry = this.order[i];
      if (this.current.get(entry.key) === entry) kept.push(entry);
    }
    this.order = kept;
    this.head = 0;
  }
}
