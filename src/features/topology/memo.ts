// A one-entry memo: recomputes only when one of its inputs is no longer the same value (===), which is what lets the
// picture do work proportional to what changed between two frames.

/** Remembers the last value computed for the last dependencies. */
export class Memo<T> {
  private deps: readonly unknown[] | undefined;
  private value: T | undefined;

  /** The cached value while every dependency is identical to last time, else a fresh `compute()`. */
  get(deps: readonly unknown[], compute: () => T): T {
    const last = this.deps;
    if (last && last.length === deps.length && last.every((d, i) => d === deps[i])) return this.value as T;
    this.value = compute();
    this.deps = deps;
    return this.value;
  }
}
