// What a command run from the terminal sees: its arguments, stdin, output streams, the session and the cluster.
import type { SimTime } from '../model/types';
import type { ObjectStore } from '../core/store';
import type { ApiClient } from '../core/api';
import type { Runtime } from '../core/runtime';
import type { VirtualFs } from './vfs';

/** A running command pauses by yielding what it waits for; the engine resumes it on virtual time. */
export type Wait =
  | { readonly kind: 'sleep'; readonly untilMs: SimTime }
  /** Resume after the next API change (or at `timeoutAt`). */
  | { readonly kind: 'change'; readonly timeoutAt?: SimTime };

export type ProgramRun = Generator<Wait, number, void>;

/** The cluster as seen from the student's machine. */
export interface ShellHost {
  readonly store: ObjectStore;
  /** Writes attributed to `kubectl`. */
  readonly api: ApiClient;
  readonly runtime: Runtime;
  now(): SimTime;
  nowEpochMs(): number;
}

export interface SessionState {
  cwd: string;
  readonly env: Map<string, string>;
  readonly history: string[];
  readonly fs: VirtualFs;
  /** Local ports forwarded by `kubectl port-forward`: local port → target. */
  readonly portForwards: Map<number, { readonly podUid: string; readonly podPort: number; readonly label: string }>;
}

export interface ProgramContext {
  readonly argv: readonly string[];
  readonly stdin: string;
  out(text: string): void;
  err(text: string): void;
  readonly session: SessionState;
  readonly host: ShellHost;
  /** Runs another command line (for `$(…)` and `sh -c`), returning its output. */
  run(line: string): Generator<Wait, { exitCode: number; stdout: string; stderr: string }, void>;
}

/** A command: returns its exit code at once, or a generator that yields waits and returns the exit code. */
export type Program = (ctx: ProgramContext) => number | ProgramRun;
