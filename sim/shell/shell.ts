// The terminal's job control: each submitted command runs as a job whose waits are tasks on the engine's
// agenda, so `sleep`, `rollout status` and `get -w` behave the same in the page and in the headless runner.
import type { SimTime } from '../model/types';
import type { Agenda, Clock, Task } from '../core/clock';
import type { JobExit, JobOutput } from '../protocol';
import type { Program, ShellHost, Wait } from './program';
import { ShellSession } from './session';
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
}

const MAX_KEPT_OUTPUT = 5_000;

export class Shell {
  readonly fs = new VirtualFs();
  private readonly sessions = new Map<string, ShellSession>();
  private readonly jobs = new Map<number, Job>();
  private readonly changeWaiters = new Set<Job>();
  private changeResume: Task | undefined;
  private nextId = 1;
  /** Programs that threw (bugs): tests assert this stays empty. */
  readonly bugs: string[] = [];
  /** Output and exits not yet handed to the UI. */
  private pendingOutput: JobOutput[] = [];
  private pendingExits: JobExit[] = [];

  constructor(private readonly host: ShellHost, private readonly agenda: Agenda, private readonly clock: Clock,
    private readonly programs: ReadonlyMap<string, Program>, private readonly onExit?: (job: Job) => void) {}

  session(name = 'main'): ShellSession {
    let s = this.sessions.get(name);
    if (!s) { s = new ShellSession(name, this.fs, this.host, this.programs); this.sessions.set(name, s); }
    return s;
  }

  job(id: number): Job | undefined {
    return this.jobs.get(id);
  }

  /** Starts a command; it runs at once as far as it can without waiting. */
  start(line: string, sessionName = 'main'): Job {
    const session = this.session(sessionName);
    if (line.trim() !== '') session.history.push(line);
    const id = this.nextId++;
    const job: Job = {
      id, session: sessionName, line, startedAt: this.clock.now, stdout: '', stderr: '', waitingForChange: false,
      gen: session.execute(line, {
        out: (t) => this.write(job, 'stdout', t),
        err: (t) => this.write(job, 'stderr', t),
      }),
    };
    this.jobs.set(id, job);
    this.step(job);
    return job;
  }

  /** Ctrl-C: stops a running job with status 130. */
  interrupt(id: number): void {
    const job = this.jobs.get(id);
    if (!job || job.exitCode !== undefined) return;
    job.gen.return(130);
    this.finish(job, 130);
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

  /** Output and exits since the last call (for frames). */
  drain(): { output: JobOutput[]; exits: JobExit[] } {
    const out = { output: this.pendingOutput, exits: this.pendingExits };
    this.pendingOutput = [];
    this.pendingExits = [];
    return out;
  }

  private write(job: Job, stream: 'stdout' | 'stderr', text: string): void {
    if (!text) return;
    job[stream] += text;
    const last = this.pendingOutput[this.pendingOutput.length - 1];
    if (last && last.jobId === job.id && last.stream === stream) this.pendingOutput[this.pendingOutput.length - 1] = { ...last, text: last.text + text };
    else this.pendingOutput.push({ jobId: job.id, session: job.session, stream, text });
    if (this.pendingOutput.length > MAX_KEPT_OUTPUT) this.pendingOutput = this.pendingOutput.slice(-MAX_KEPT_OUTPUT);
  }

  private step(job: Job): void {
    let next: IteratorResult<Wait, number>;
    try {
      next = job.gen.next();
    } catch (err) {
      // A program bug must not take the cluster down with it: report it, remember it, and end the job.
      this.bugs.push(`${job.line}: ${(err as Error).stack ?? String(err)}`);
      this.write(job, 'stderr', `error: internal error: ${(err as Error).message}\n`);
      this.finish(job, 1);
      return;
    }
    if (next.done) { this.finish(job, next.value); return; }
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

  private finish(job: Job, exitCode: number): void {
    if (job.exitCode !== undefined) return;
    job.exitCode = exitCode;
    this.changeWaiters.delete(job);
    if (job.wake) job.wake.cancelled = true;
    if (job.timeout) job.timeout.cancelled = true;
    this.pendingExits.push({ jobId: job.id, session: job.session, exitCode, at: this.clock.now });
    this.jobs.delete(job.id);
    this.onExit?.(job);
  }
}
