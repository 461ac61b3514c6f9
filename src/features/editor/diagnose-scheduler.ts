// Checks the editor's text as the student types: waits for a pause in typing, asks the engine what
// `kubectl apply -f` would say, and drops answers that arrive after the text has changed again.
import type { Diagnostic } from '../../../sim/kubectl/diagnostics';

/** How long typing must pause before the text is checked, in wall ms. */
export const DIAGNOSE_DELAY_MS = 300;

/** Wall-clock timers (the browser's by default; tests pass fakes). */
export interface Timers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Debounced diagnose calls: only the answer for the latest text is delivered. */
export class DiagnoseScheduler {
  private timer: unknown;
  /** Bumped for every new text, so an answer for older text is dropped. */
  private generation = 0;
  private disposed = false;

  constructor(
    private readonly diagnose: (text: string) => Promise<Diagnostic[]>,
    private readonly deliver: (diagnostics: Diagnostic[], text: string) => void,
    private readonly delayMs = DIAGNOSE_DELAY_MS,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** Checks `text` once typing has paused for the delay; replaces any check not yet delivered. */
  schedule(text: string): void {
    this.cancel();
    const gen = this.generation;
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      void this.run(text, gen);
    }, this.delayMs);
  }

  /** Checks `text` at once (a file just opened); replaces any check not yet delivered. */
  now(text: string): void {
    this.cancel();
    void this.run(text, this.generation);
  }

  /** Forgets any pending check and any answer still on its way. */
  cancel(): void {
    this.generation++;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancel();
    this.disposed = true;
  }

  private async run(text: string, gen: number): Promise<void> {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = await this.diagnose(text);
    } catch {
      // A worker that fails here fails its frames too; the crash banner reports it.
      diagnostics = [];
    }
    if (gen === this.generation && !this.disposed) this.deliver(diagnostics, text);
  }
}
