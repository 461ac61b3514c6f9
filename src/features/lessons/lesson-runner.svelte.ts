// One lab being followed: the lesson machine's actor, the engine checks that feed it (when a command finishes,
// after a file is saved, and every few virtual seconds while a step waits), and the moves between steps. Reads
// the cluster only through the SimClient; rebuilding it for a step goes through `rebuildAtStep`.
import type { Lab, LabStep, StepCheckResult } from '../../../sim/labs/lab-types';
import type { LabSource } from '../../../sim/labs/lab-set';
import type { SimClient } from '../../lib/sim-client.svelte';
import type { LessonSnapshot } from './lesson-machine';
import { startLessonActor, type LessonActor } from './lesson-actor';
import { lessonView, type LessonView } from './lesson-view';
import { awaitsCheck, periodicCheckDue, type LastCheck } from './check-timing';
import { finishedSince, transcriptSince } from './step-transcript';
import { rebuildAtStep } from './step-rebuild';

/** The parts of the SimClient a lesson uses. */
export type LessonClient = Pick<SimClient, 'labCheck' | 'stepStart' | 'rebuild' | 'init' | 'commands' | 'view' | 'liveTime'>;

/** What the runner tells its owner. */
export interface LessonHooks {
  /** Progress changed (save it). */
  changed(): void;
  /** Wall-clock ms (performance.now in the page). */
  now(): number;
}

/** A failing result that says why the check could not run. */
function unchecked(at: number, reason: string): StepCheckResult {
  return { passed: false, at, items: [{ label: 'the check could not run', passed: false, detail: reason }], hints: [] };
}

export class LessonRunner {
  snapshot = $state.raw<LessonSnapshot>(undefined as unknown as LessonSnapshot);
  readonly view: LessonView = $derived(lessonView(this.snapshot));
  /** Why the latest check could not run, if it could not. */
  checkProblem = $state<string | undefined>(undefined);
  /** The transcript entry where the current step began. */
  stepStartSeq = $state(0);
  /** False when a saved snapshot did not fit the lab and the lesson started over. */
  readonly restored: boolean;

  private readonly actor: LessonActor;
  /** Bumped whenever the step changes or starts over: a result for an older step is dropped. */
  private token = 0;
  /** The token of the check in flight, if any. */
  private flying: number | undefined;
  private again = false;
  private last: LastCheck = { virtualMs: -Infinity, wallMs: -Infinity, durationMs: 0 };
  private finished = 0;
  /** Where the next step's commands begin: right after the command that passed this one. */
  private nextStart: number | undefined;
  private stopped = false;

  constructor(
    private readonly client: LessonClient,
    private readonly sources: () => readonly LabSource[],
    readonly lab: Lab,
    private readonly hooks: LessonHooks,
    saved?: { readonly lesson: unknown; readonly stepStartSeq: number },
  ) {
    const { actor, restored } = startLessonActor(lab, saved?.lesson);
    this.actor = actor;
    this.restored = restored;
    this.snapshot = actor.getSnapshot();
    this.stepStartSeq = restored && saved ? saved.stepStartSeq : client.commands.nextSeq;
    this.finished = finishedSince(client.commands, this.stepStartSeq);
    actor.subscribe((snapshot) => {
      this.snapshot = snapshot;
      hooks.changed();
    });
    // Persisted snapshots carry no timers: restart the wait for the next timed hint.
    if (restored) actor.send({ type: 'LESSON.RESUME' });
  }

  get step(): LabStep | undefined {
    return this.lab.steps[this.view.index];
  }

  /** The lesson machine's persisted snapshot (plain data). */
  persisted(): unknown {
    return this.actor.getPersistedSnapshot();
  }

  stop(): void {
    this.stopped = true;
    this.token++;
    this.actor.stop();
  }

  /** A command finished or the transcript changed: check again when a command of this step has finished since. */
  commandsChanged(): void {
    const n = finishedSince(this.client.commands, this.stepStartSeq);
    if (n === this.finished) return;
    this.finished = n;
    if (n > 0) void this.check(true);
  }

  /** The virtual clock moved: a periodic check runs when one is due. */
  timeMoved(virtualMs: number): void {
    if (periodicCheckDue(this.view.status, this.last, virtualMs, this.hooks.now())) void this.check(false);
  }

  /** Evaluates the current step in the engine; `shown` marks it as checking meanwhile (not for periodic checks). */
  async check(shown = true): Promise<void> {
    const { stepId, status } = this.view;
    if (this.stopped || !stepId || !(awaitsCheck(status) || status === 'checking')) return;
    const token = this.token;
    if (this.flying === token) {
      this.again = true;
      return;
    }
    this.flying = token;
    if (shown) this.actor.send({ type: 'LESSON.CHECK' });
    const started = this.hooks.now();
    const at = this.client.liveTime;
    const result = await this.client.labCheck(this.sources(), this.lab.id, stepId, transcriptSince(this.client.commands, this.stepStartSeq));
    if (this.flying !== token) return;
    this.flying = undefined;
    this.last = { virtualMs: at, wallMs: this.hooks.now(), durationMs: this.hooks.now() - started };
    if (token === this.token && !this.stopped) {
      if ('error' in result) {
        this.checkProblem = result.error;
        if (shown) this.actor.send({ type: 'LESSON.CHECKED', result: unchecked(at, result.error) });
      } else {
        this.checkProblem = undefined;
        this.actor.send({ type: 'LESSON.CHECKED', result });
        if (result.passed) this.nextStart = this.client.commands.nextSeq;
      }
    }
    if (this.again && token === this.token) {
      this.again = false;
      void this.check(true);
    }
  }

  /** Moves on from a passed or skipped step. */
  next(): void {
    const { status } = this.view;
    if (status !== 'passed' && status !== 'skipped') return;
    this.actor.send({ type: 'LESSON.NEXT' });
    this.beginStep(this.nextStart ?? this.client.commands.nextSeq);
  }

  skip(): void {
    if (!awaitsCheck(this.view.status) && this.view.status !== 'checking') return;
    this.token++;
    this.actor.send({ type: 'LESSON.SKIP' });
    this.nextStart = this.client.commands.nextSeq;
  }

  /** Shows the next timed hint now. */
  hint(): void {
    this.actor.send({ type: 'LESSON.HINT' });
  }

  /** Whether the current step has timed hints not yet shown. */
  get moreHints(): boolean {
    const step = this.snapshot.context.steps[this.view.index];
    return awaitsCheck(this.view.status) && (step?.timedHints.length ?? 0) > this.snapshot.context.timedShown;
  }

  /** Rebuilds the cluster as the current step starts and starts the step over; true, or why not. */
  async resetStep(): Promise<true | string> {
    const step = this.step;
    if (!step || this.view.status === 'finished') return 'There is no step to reset.';
    const n = this.view.index + 1;
    const done = await rebuildAtStep(this.client, this.sources(), this.lab, step.id, `reset to the start of step ${n} (${step.title})`);
    if (done !== true || this.stopped) return done;
    this.actor.send({ type: 'LESSON.RESET_STEP' });
    this.beginStep(this.client.commands.nextSeq);
    return true;
  }

  /** After a skip: rebuilds the cluster as the next step starts (the lab's solution so far), then moves on. */
  async nextWithSetup(): Promise<true | string> {
    const following = this.lab.steps[this.view.index + 1];
    if (this.view.status !== 'skipped' || !following) {
      this.next();
      return true;
    }
    const n = this.view.index + 2;
    const done = await rebuildAtStep(this.client, this.sources(), this.lab, following.id, `the cluster is set up as step ${n} starts (${following.title})`);
    if (done !== true || this.stopped) return done;
    this.actor.send({ type: 'LESSON.NEXT' });
    this.beginStep(this.client.commands.nextSeq);
    return true;
  }

  private beginStep(fromSeq: number): void {
    this.token++;
    this.again = false;
    this.nextStart = undefined;
    this.checkProblem = undefined;
    this.stepStartSeq = fromSeq;
    this.finished = finishedSince(this.client.commands, fromSeq);
    this.last = { virtualMs: -Infinity, wallMs: -Infinity, durationMs: 0 };
    this.hooks.changed();
    void this.check(true);
  }
}
