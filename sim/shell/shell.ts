// The terminal's job control: each submitted command runs as a job whose waits are tasks on the engine's
// agenda, so `sleep`, `rollout status` and `get -w` behave the same in the page and in the headless runner.
// Background jobs (`cmd &`) write to the session's terminal: into the command running in the foreground, or
// into the line that started them when nothing runs.
import type { SimTime } from '../model/types';
import type { Agenda, Clock, Task } from '../core/clock';
import type { JobExit, JobOutput, OutputChunk } from '../protocol';
import type { JobEntry, Program, ShellHost, Wait } from './program';
import { ShellSession, type RunOutput, type SessionControl } from './session';
import { VirtualFs } from './vfs';

export interface Job {
  readonly id: number;
  readonly session: string;
  readonly line: string;
  readonly startedAt: SimTime;
  stdout: string;
  stderr: string;
  exitCode?: number;
  /** The job is paused until the next API change. */
  waitingForChange: boolean;
  timeout?: Task;
  wake?: Task;
  readonly gen: Generator<Wait, number, void>;
  /** Set for a background job: its number in the session (`%1`), its pid, and the job that started it. */
  readonly background?: { readonly number: number; readonly pid: number; readonly launcher: number };
  /** The job's generator is executing right now (it cannot be stopped from inside itself). */
  stepping?: boolean;
  /** A stop requested while stepping (a job that kills itself): applied when the step ends. */
  stopRequested?: number;
}

const MAX_KEPT_OUTPUT = 5_000;
const PID_BASE = 5_000;

export class Shell {
  readonly fs = new VirtualFs();
  private readonly sessions = new Map<string, ShellSession>();
  private readonly jobs = new Map<number, Job>();
  /** The job each session runs in the foreground. */
  private readonly foreground = new Map<string, Job>();
  private readonly changeWaiters = new Set<Job>();
  private changeResume: Task | undefined;
  private nextId = 1;
  /** Programs that threw (bugs): tests assert this stays empty. */
  readonly bugs: string[] = [];
  /** Output and exits not yet handed to the UI. */
  private pendingOutput: JobOutput[] = [];
  /** Output was dropped from `pendingOutput` since the last drain (too much at once). */
  private outputDropped = false;
  private pendingExits: JobExit[] = [];

  constructor(private readonly host: ShellHost, private readonly agenda: Agenda, private readonly clock: Clock,
    private readonly programs: ReadonlyMap<string, Program>, private readonly onExit?: (job: Job) => void) {}

  session(name = 'main'): ShellSession {
    let s = this.sessions.get(name);
    if (!s) { s = new ShellSession(name, this.fs, this.host, this.programs, this.controlFor(name)); this.sessions.set(name, s); }
    return s;
  }

  job(id: number): Job | undefined {
    return this.jobs.get(id);
  }

  /** The background jobs of a session, by job number. */
  backgroundJobs(sessionName = 'main'): JobEntry[] {
    return [...this.jobs.values()]
      .filter((j) => j.session === sessionName && j.background)
      .map((j) => ({ number: j.background!.number, pid: j.background!.pid, line: j.line }))
      .sort((a, b) => a.number - b.number);
  }

  /** Starts a command; it runs at once as far as it can without waiting. */
  start(line: string, sessionName = 'main'): Job {
    const session = this.session(sessionName);
    if (line.trim() !== '') session.history.push(line);
    const id = this.nextId++;
    const job: Job = {
      id, session: sessionName, line, startedAt: this.clock.now, stdout: '', stderr: '', waitingForChange: false,
      gen: session.execute(line, { out: (t) => this.write(job, 'stdout', t), err: (t) => this.write(job, 'stderr', t) }),
    };
    this.jobs.set(id, job);
    this.foreground.set(sessionName, job);
    this.step(job);
    return job;
  }

  /** Ctrl-C: stops a running job with status 130. */
  interrupt(id: number): void {
    const job = this.jobs.get(id);
    if (!job || job.exitCode !== undefined) return;
    this.stop(job, 130);
  }

  /** Stops every running job (a reset between lessons, or between generated command lines in tests). */
  interruptAll(): void {
    for (const job of [...this.jobs.values()].sort((a, b) => b.id - a.id)) this.interrupt(job.id);
  }

  /** Called after every API change: jobs waiting for one resume on a task at the current time. */
  notifyChange(): void {
    if (this.changeWaiters.size === 0 || this.changeResume) return;
    this.changeResume = this.agenda.schedule(this.clock.now, 'shell:change', () => {
      this.changeResume = undefined;
      const waiting = [...this.changeWaiters].sort((a, b) => a.id - b.id);
      this.changeWaiters.clear();
      for (const job of waiting) { job.waitingForChange = false; job.timeout && (job.timeout.cancelled = true); this.step(job); }
    });
  }

  /**
   * What job `jobId` wrote since the last drain, in order across its two streams; undefined when older output was
   * dropped (then only each stream's own order is known).
   */
  pendingOutputOf(jobId: number): OutputChunk[] | undefined {
    if (this.outputDropped) return undefined;
    return this.pendingOutput.filter((o) => o.jobId === jobId).map((o) => ({ stream: o.stream, text: o.text }));
  }

  /** Output and exits since the last call (for frames). */
  drain(): { output: JobOutput[]; exits: JobExit[] } {
    this.outputDropped = false;
    const out = { output: this.pendingOutput, exits: this.pendingExits };
    this.pendingOutput = [];
    this.pendingExits = [];
    return out;
  }

  private controlFor(sessionName: string): SessionControl {
    return {
      spawn: (line, run, announce) => this.spawn(sessionName, line, run, announce),
      list: () => this.backgroundJobs(sessionName),
      kill: (number) => {
        const job = [...this.jobs.values()].find((j) => j.session === sessionName && j.background?.number === number);
        if (!job) return false;
        this.stop(job, 143);
        return true;
      },
    };
  }

  private spawn(sessionName: string, line: string, run: (io: RunOutput) => Generator<Wait, number, void>, announce: RunOutput): { number: number; pid: number } {
    const id = this.nextId++;
    const number = Math.max(0, ...this.backgroundJobs(sessionName).map((j) => j.number)) + 1;
    const launcher = this.foreground.get(sessionName)?.id ?? id;
    const background = { number, pid: PID_BASE + id, launcher };
    const job: Job = {
      id, session: sessionName, line, startedAt: this.clock.now, stdout: '', stderr: '', waitingForChange: false, background,
      gen: run({ out: (t) => this.write(job, 'stdout', t), err: (t) => this.write(job, 'stderr', t) }),
    };
    this.jobs.set(id, job);
    announce.err(`[${number}] ${background.pid}\n`);
    this.step(job);
    return { number, pid: background.pid };
  }

  /** Where a job's output goes: its own stream, or for a background job the terminal's current command. */
  private outputTarget(job: Job): Job | { id: number; session: string } {
    if (!job.background) return job;
    const fg = this.foreground.get(job.session);
    if (fg && fg.exitCode === undefined) return fg;
    return this.jobs.get(job.background.launcher) ?? { id: job.background.launcher, session: job.session };
  }

  private write(job: Job, stream: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    const target = this.outputTarget(job);
    if ('stdout' in target) target[stream] += text;
    const last = this.pendingOutput[this.pendingOutput.length - 1];
    if (last && last.jobId === target.id && last.stream === stream) this.pendingOutput[this.pendingOutput.length - 1] = { ...last, text: last.text + text };
    else this.pendingOutput.push({ jobId: target.id, session: target.session, stream, text });
    if (this.pendingOutput.length > MAX_KEPT_OUTPUT) {
      this.pendingOutput = this.pendingOutput.slice(-MAX_KEPT_OUTPUT);
      this.outputDropped = true;
    }
  }

  private step(job: Job): void {
    let next: IteratorResult<Wait, number>;
    job.stepping = true;
    try {
      next = job.gen.next();
    } catch (err) {
      job.stepping = false;
      this.crashed(job, err);
      return;
    }
    job.stepping = false;
    if (next.done) { this.finish(job, next.value); return; }
    if (job.stopRequested !== undefined) { this.stop(job, job.stopRequested); return; }
    const wait = next.value;
    if (wait.kind === 'sleep') {
      job.wake = this.agenda.schedule(Math.max(this.clock.now, wait.untilMs), `shell:job${job.id}`, () => { job.wake = undefined; this.step(job); });
      return;
    }
    job.waitingForChange = true;
    this.changeWaiters.add(job);
    if (wait.timeoutAt !== undefined) {
      job.timeout = this.agenda.schedule(Math.max(this.clock.now, wait.timeoutAt), `shell:job${job.id}:timeout`, () => {
        if (!this.changeWaiters.delete(job)) return;
        job.waitingForChange = false;
        this.step(job);
      });
    }
  }

  /** A program bug must not take the cluster down with it: report it, remember it, and end the job. */
  private crashed(job: Job, err: unknown): void {
    this.bugs.push(`${job.line}: ${(err as Error)?.stack ?? String(err)}`);
    this.write(job, 'stderr', `error: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    this.finish(job, 1);
  }

  /** Ends a running job from outside (Ctrl-C, `kill`): its cleanup code runs, then it exits with `code`. */
  private stop(job: Job, code: number): void {
    if (job.stepping) { job.stopRequested = code; return; }
    try {
      job.gen.return(code);
    } catch (err) {
      this.crashed(job, err);
      return;
    }
    this.finish(job, code);
  }

  private finish(job: Job, exitCode: number): void {
    if (job.exitCode !== undefined) return;
    job.exitCode = exitCode;
    this.changeWaiters.delete(job);
    if (job.wake) job.wake.cancelled = true;
    if (job.timeout) job.timeout.cancelled = true;
    this.jobs.delete(job.id);
    if (this.foreground.get(job.session) === job) this.foreground.delete(job.session);
    if (job.background) {
      const state = exitCode === 0 ? 'Done' : exitCode === 143 ? 'Terminated' : exitCode === 130 ? 'Interrupt' : `Exit ${exitCode}`;
      this.write(job, 'stderr', `[${job.background.number}]+  ${state.padEnd(24)}${job.line.replace(/ &$/, '')}\n`);
    } else {
      this.pendingExits.push({ jobId: job.id, session: job.session, exitCode, at: this.clock.now, cwd: this.session(job.session).cwd });
    }
    this.onExit?.(job);
  }
}
