// What the lab pane shows for a lesson snapshot: the current step and its status, the hints on screen (detected
// wrong turns and timed hints), and progress over the whole lab. Pure functions of the snapshot.
import type { CheckItem } from '../../../sim/labs/lab-types';
import type { LessonSnapshot, StepOutcome } from './lesson-machine';

export type LessonStatus = 'waiting' | 'checking' | 'hintShown' | 'passed' | 'skipped' | 'finished';

export interface VisibleHint {
  readonly id: string;
  readonly text: string;
  /** `detected`: the cluster shows this mistake now; `timed`: offered after a while on the step. */
  readonly kind: 'detected' | 'timed';
}

export interface LessonView {
  readonly status: LessonStatus;
  readonly index: number;
  readonly stepId: string | undefined;
  readonly hints: readonly VisibleHint[];
  /** The latest check list for the current step (empty before the first result). */
  readonly items: readonly CheckItem[];
  readonly outcomes: Readonly<Record<string, StepOutcome>>;
  /** Steps passed or skipped, of all steps. */
  readonly done: number;
  readonly total: number;
}

/** The status a snapshot is in. Pure. */
export function statusOf(snapshot: LessonSnapshot): LessonStatus {
  if (snapshot.matches('finished')) return 'finished';
  if (snapshot.matches({ step: 'passed' })) return 'passed';
  if (snapshot.matches({ step: 'skipped' })) return 'skipped';
  if (snapshot.matches({ step: { active: 'checking' } })) return 'checking';
  if (snapshot.matches({ step: { active: 'hintShown' } })) return 'hintShown';
  return 'waiting';
}

/** Everything the lab pane renders from a snapshot. Pure. */
export function lessonView(snapshot: LessonSnapshot): LessonView {
  const c = snapshot.context;
  const step = c.steps[c.index];
  const status = statusOf(snapshot);
  const active = status !== 'passed' && status !== 'skipped' && status !== 'finished';
  const hints: VisibleHint[] = active ? [
    ...c.detected.map((h) => ({ id: h.id, text: h.text, kind: 'detected' as const })),
    ...(step?.timedHints.slice(0, c.timedShown) ?? []).map((h) => ({ id: h.id, text: h.text, kind: 'timed' as const })),
  ] : [];
  return {
    status, index: c.index, stepId: step?.id, hints, items: c.result?.items ?? [], outcomes: c.outcomes,
    done: Object.keys(c.outcomes).length, total: c.steps.length,
  };
}
