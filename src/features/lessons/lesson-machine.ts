// The flow of a guided lab: each step waits for the engine's check results, shows hints when a wrong turn is
// detected or after a while, and moves on when the check passes (or the student skips). The engine evaluates
// the checks; this machine only receives their results. Progress persists with getPersistedSnapshot().
import { assign, setup, type SnapshotFrom } from 'xstate';
import type { HintMatch, StepCheckResult } from '../../../sim/labs/lab-types';
import type { LessonInput, LessonStep } from './lesson-steps';

export type LessonEvent =
  /** The page asked the engine to evaluate the current step now. */
  | { type: 'LESSON.CHECK' }
  /** The engine's verdict for the current step. */
  | { type: 'LESSON.CHECKED'; result: StepCheckResult }
  | { type: 'LESSON.NEXT' }
  | { type: 'LESSON.SKIP' }
  /** The cluster was rebuilt to the start of the current step: start it over. */
  | { type: 'LESSON.RESET_STEP' }
  /** The student asked for the next hint now rather than waiting for it. */
  | { type: 'LESSON.HINT' }
  /**
   * Sent once after restoring a persisted snapshot: persisted snapshots carry no timers, so this restarts the
   * wait for the next timed hint (counted from now).
   */
  | { type: 'LESSON.RESUME' };

export type StepOutcome = 'passed' | 'skipped';

export interface LessonContext {
  readonly labId: string;
  readonly steps: readonly LessonStep[];
  /** The current step. */
  readonly index: number;
  readonly outcomes: Readonly<Record<string, StepOutcome>>;
  /** The latest check result for the current step. */
  readonly result?: StepCheckResult;
  /** Wrong turns the latest result detected. */
  readonly detected: readonly HintMatch[];
  /** How many of the current step's timed hints are showing. */
  readonly timedShown: number;
}

/** Longest delay a timer can take (no timed hint left: the timer never fires in practice). */
const NEVER_MS = 2 ** 31 - 1;

const currentStep = (c: LessonContext): LessonStep | undefined => c.steps[c.index];

/** Ms until the next timed hint of the current step, counted from the previous one (or the step's start). Pure. */
export function nextTimedHintDelayMs(context: LessonContext): number {
  const hints = currentStep(context)?.timedHints ?? [];
  const next = hints[context.timedShown];
  if (!next) return NEVER_MS;
  const previous = context.timedShown > 0 ? hints[context.timedShown - 1].afterMs : 0;
  return Math.max(0, next.afterMs - previous);
}

const freshStep = { result: undefined, detected: [] as readonly HintMatch[], timedShown: 0 };

const resultTransitions = [
  { guard: 'resultPassed', target: '#lesson.step.passed', actions: ['storeResult', 'markPassed'] },
  { guard: 'hintsVisibleAfterResult', target: '#lesson.step.active.hintShown', actions: 'storeResult' },
  { target: '#lesson.step.active.waiting', actions: 'storeResult' },
] as const;

const nextTransitions = [
  { guard: 'isLastStep', target: '#lesson.finished' },
  { target: '#lesson.step', reenter: true, actions: 'nextStep' },
] as const;

export const lessonMachine = setup({
  types: {
    context: {} as LessonContext,
    events: {} as LessonEvent,
    input: {} as LessonInput,
  },
  guards: {
    resultPassed: ({ event }) => event.type === 'LESSON.CHECKED' && event.result.passed,
    hintsVisibleAfterResult: ({ context, event }) =>
      event.type === 'LESSON.CHECKED' && (event.result.hints.length > 0 || context.timedShown > 0),
    hintsVisible: ({ context }) => context.detected.length > 0 || context.timedShown > 0,
    hasTimedHint: ({ context }) => context.timedShown < (currentStep(context)?.timedHints.length ?? 0),
    isLastStep: ({ context }) => context.index >= context.steps.length - 1,
  },
  actions: {
    storeResult: assign(({ event }) => (event.type === 'LESSON.CHECKED' ? { result: event.result, detected: event.result.hints } : {})),
    markPassed: assign({ outcomes: ({ context }) => ({ ...context.outcomes, [currentStep(context)!.id]: 'passed' as const }) }),
    markSkipped: assign({ outcomes: ({ context }) => ({ ...context.outcomes, [currentStep(context)!.id]: 'skipped' as const }) }),
    showTimedHint: assign({ timedShown: ({ context }) => context.timedShown + 1 }),
    nextStep: assign(({ context }) => ({ ...freshStep, index: context.index + 1 })),
    resetStep: assign(({ context }) => {
      const outcomes = { ...context.outcomes };
      delete outcomes[currentStep(context)?.id ?? ''];
      return { ...freshStep, outcomes };
    }),
  },
  delays: {
    nextTimedHint: ({ context }) => nextTimedHintDelayMs(context),
  },
}).createMachine({
  id: 'lesson',
  context: ({ input }) => ({ labId: input.labId, steps: input.steps, index: 0, outcomes: {}, ...freshStep }),
  initial: 'step',
  states: {
    step: {
      initial: 'active',
      states: {
        active: {
          initial: 'waiting',
          after: { nextTimedHint: { guard: 'hasTimedHint', target: '.hintShown', reenter: true, actions: 'showTimedHint' } },
          on: {
            'LESSON.HINT': { guard: 'hasTimedHint', target: '.hintShown', reenter: true, actions: 'showTimedHint' },
            'LESSON.SKIP': { target: 'skipped', actions: 'markSkipped' },
            'LESSON.RESUME': [
              { guard: 'hintsVisible', target: '.hintShown', reenter: true },
              { target: '.waiting', reenter: true },
            ],
          },
          states: {
            waiting: { on: { 'LESSON.CHECK': 'checking', 'LESSON.CHECKED': [...resultTransitions] } },
            checking: { on: { 'LESSON.CHECKED': [...resultTransitions] } },
            hintShown: { on: { 'LESSON.CHECK': 'checking', 'LESSON.CHECKED': [...resultTransitions] } },
          },
        },
        passed: { on: { 'LESSON.NEXT': [...nextTransitions] } },
        skipped: { on: { 'LESSON.NEXT': [...nextTransitions] } },
      },
      on: { 'LESSON.RESET_STEP': { target: '.active', reenter: true, actions: 'resetStep' } },
    },
    finished: { type: 'final' },
  },
});

export type LessonSnapshot = SnapshotFrom<typeof lessonMachine>;
