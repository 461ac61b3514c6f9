// What a command run from the terminal sees: its arguments, stdin, output streams, the session and the cluster.
import type { SimTime } from '../model/types';
import type { ObjectStore } from '../core/store';
import type { ApiClient } from '../core/api-client';
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
  /** The page's editor, when one is attached (`kubectl edit` opens files in it). */
  readonly editor?: EditorBridge;
}

/** How `kubectl edit` asks the page to open a file and learns that it was closed. */
export interface EditorBridge {
  /** Asks the page to open `path` for the command `title` (`kubectl edit deployment/web`, `nano svc.yaml`); returns the request id. */
  open(path: string, title: string): number;
  /** `saved`/`cancelled` once the editor closed the request, undefined while it is open. */
  result(requestId: number): 'saved' | 'cancelled' | undefined;
}

/** A local port `kubectl port-forward` listens on, and the pod port behind it. */
export interface PortForward {
  readonly podUid: string;
  readonly podPort: number;
  /** `pod/data-api-5f…` as kubectl names the target. */
  readonly label: string;
  /** Called for each connection accepted on the local port (kubectl prints `Handling connection for N`). */
  readonly onConnection?: () => void;
  /** Called when forwarding a connection failed inside the pod (kubectl logs the error). */
  readonly onError?: (message: string) => void;
}

/** One background job of a session, as `jobs` lists it. */
export interface JobEntry {
  /** The job number (`%1`). */
  readonly number: number;
  readonly line: string;
  readonly pid: number;
}

/** The session's job control (`&`, `jobs`, `kill %N`). */
export interface JobControl {
  list(): JobEntry[];
  /** Stops background job `number` (SIGTERM); false when there is no such job. */
  kill(number: number): boolean;
}

export interface SessionState {
  cwd: string;
  readonly env: Map<string, string>;
  /** `alias` definitions: name → the text that replaces it as a command word. */
  readonly aliases: Map<string, string>;
  readonly history: string[];
  readonly fs: VirtualFs;
  /** Local ports forwarded by `kubectl port-forward`: local port → target. */
  readonly portForwards: Map<number, PortForward>;
  /** Background jobs; absent where there is no job control (`$(…)`). */
  readonly jobs?: JobControl;
  /** The exit status of the last command (`$?`). */
  readonly lastExitCode?: number;
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
