// The store's change log (what the apiserver's watch cache keeps): recent changes in resourceVersion order, so
// a frame can say what changed since the UI's version; bounded, dropping the oldest half when full.
import type { Change } from './store';

export class ChangeLog {
  private entries: Change[] = [];
  /** The newest resourceVersion no longer in the log (a client older than this needs a full resync). */
  private start = 0;

  constructor(private readonly max: number) {}

  get length(): number {
    return this.entries.length;
  }

  append(change: Change): void {
    this.entries.push(change);
    if (this.entries.length > this.max) {
      const drop = this.entries.length - Math.floor(this.max / 2);
      this.start = this.entries[drop - 1].rv;
      this.entries = this.entries.slice(drop);
    }
  }

  /** Changes with rv > sinceRv, or undefined when the log no longer reaches back that far. O(changes). */
  since(sinceRv: number): Change[] | undefined {
    if (sinceRv < this.start) return undefined;
    const log = this.entries;
    let lo = 0, hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (log[mid].rv <= sinceRv) lo = mid + 1; else hi = mid;
    }
    return log.slice(lo);
  }
}
