// What the lesson flow needs to know about a lab: its steps in order and, per step, the timed hints (offered
// after the student has spent a while on it). Built from a parsed lab; plain data, so it persists with progress.
import type { Lab } from '../../../sim/labs/lab-types';

export interface TimedHint {
  readonly id: string;
  /** Ms on the step (from its start) before the hint is offered. */
  readonly afterMs: number;
  readonly text: string;
}

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  /** Sorted by `afterMs`. */
  readonly timedHints: readonly TimedHint[];
}

export interface LessonInput {
  readonly labId: string;
  readonly steps: readonly LessonStep[];
}

/** The lesson flow's view of a lab. Pure. */
export function lessonInputOf(lab: Lab): LessonInput {
  return {
    labId: lab.id,
    steps: lab.steps.map((step) => ({
      id: step.id,
      title: step.title,
      timedHints: step.hints
        .filter((h) => h.when === undefined && h.afterSeconds !== undefined)
        .map((h) => ({ id: h.id, afterMs: h.afterSeconds! * 1000, text: h.text ?? '' }))
        .sort((a, b) => a.afterMs - b.afterMs),
    })),
  };
}
