// The engine as the page sees it through comlink: plain data in, plain data out, one simulation per worker.
import { createSimulation, replay, type Simulation } from '../engine';
import type { Command, CommandResult, Frame, InitOptions, RunRecord } from '../protocol';
import { complete, type Completion } from '../shell/completion';
import { PROGRAMS } from '../shell/programs';
import { diagnoseManifest, type Diagnostic } from '../kubectl/diagnostics';

export interface FileEntry {
  readonly path: string;
  readonly content: string;
}

/** Builds the API object a worker exposes; kept free of `self` so tests can expose it on a MessageChannel. */
export function createWorkerApi() {
  let sim: Simulation | undefined;
  const need = (): Simulation => {
    if (!sim) throw new Error('simulation not initialised: call init first');
    return sim;
  };
  return {
    /** Starts a fresh cluster and returns the full first frame. */
    init(options: InitOptions): Frame {
      sim = createSimulation(options);
      return sim.frame(0);
    },
    /** Rebuilds a recorded run (restore after a crash or reload) and returns its full frame. */
    restore(record: RunRecord): Frame {
      sim = replay(record);
      return sim.frame(0);
    },
    /** Advances virtual time by `ms` and returns what changed since `sinceRv`. */
    advance(ms: number, sinceRv: number): Frame {
      const s = need();
      const status = s.advance(ms);
      return s.frame(sinceRv, status);
    },
    /** Runs to the next scheduled event ("step") and returns what changed since `sinceRv`. */
    step(sinceRv: number): Frame {
      const s = need();
      s.stepToNextEvent();
      return s.frame(sinceRv);
    },
    /** Applies a command (a terminal line, a file save, a node power change). */
    dispatch(command: Command): CommandResult {
      return need().dispatch(command);
    },
    /** The files of the student's machine, for the editor. */
    files(): FileEntry[] {
      return need().shell.fs.allFiles();
    },
    /** Tab completion for a terminal line (read-only). */
    complete(line: string, cursor: number): Completion {
      const s = need();
      return complete(line, cursor, { store: s.store, fs: s.shell.fs, cwd: s.shell.session().cwd, commands: [...PROGRAMS.keys()] });
    },
    /** The problems `kubectl apply -f` would report for a manifest's text, by line (read-only). */
    diagnose(text: string): Diagnostic[] {
      return diagnoseManifest(text, need().store);
    },
    /** Seed + command log: replays this run exactly. */
    exportRun(): RunRecord {
      return need().record();
    },
  };
}

export type SimApi = ReturnType<typeof createWorkerApi>;
