// Keeps the worker's calls in the order the page made them once one of them has to wait for a module to load:
// a call runs at once (synchronously) while nothing waits, and after the waiting ones otherwise, so a file saved
// after a command is never written before that command runs.

export type Serial = <T>(run: () => T | Promise<T>) => T | Promise<T>;

/** A queue of calls; each result is returned as is when nothing was waiting, else as a promise. */
export function inOrder(): Serial {
  let tail: Promise<void> | undefined;
  const track = <T>(result: Promise<T>): Promise<T> => {
    const settled = result.then(() => undefined, () => undefined);
    tail = settled;
    void settled.then(() => { if (tail === settled) tail = undefined; });
    return result;
  };
  return <T>(run: () => T | Promise<T>): T | Promise<T> => {
    if (tail) return track(tail.then(run));
    const result = run();
    return result instanceof Promise ? track(result) : result;
  };
}
