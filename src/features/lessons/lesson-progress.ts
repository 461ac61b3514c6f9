// Progress through a lab at a glance: one glyph per step (✓ passed, ↷ skipped, the current step's state, ○ to
// come), as the header shows it (`step 3/6 ✓✓●○○○`), with words for screen readers. Colour is never the signal.
import type { LessonStatus, LessonView } from './lesson-view';

/** The glyph of the current step in each state. */
export const STATUS_GLYPHS: Readonly<Record<LessonStatus, string>> = {
  waiting: '●', checking: '◌', hintShown: '!', passed: '✓', skipped: '↷', finished: '✓',
};

/** What a state is called in the step's indicator. */
export const STATUS_WORDS: Readonly<Record<LessonStatus, string>> = {
  waiting: 'waiting', checking: 'checking', hintShown: 'hint shown', passed: 'passed', skipped: 'skipped', finished: 'lab complete',
};

export type StepMark = 'passed' | 'skipped' | 'current' | 'todo';

/** Each step's mark, in order. Pure. */
export function stepMarks(view: LessonView, stepIds: readonly string[]): StepMark[] {
  return stepIds.map((id, i) => {
    const outcome = view.outcomes[id];
    if (view.status !== 'finished' && i === view.index && outcome === undefined) return 'current';
    return outcome ?? 'todo';
  });
}

/** The glyph string, e.g. `✓✓●○○`. Pure. */
export function progressGlyphs(view: LessonView, stepIds: readonly string[]): string {
  return stepMarks(view, stepIds)
    .map((m) => (m === 'passed' ? '✓' : m === 'skipped' ? '↷' : m === 'current' ? STATUS_GLYPHS[view.status] : '○'))
    .join('');
}

/** `step 3/6`, or `done 6/6` once the lab is finished. Pure. */
export function progressLabel(view: LessonView): string {
  return view.status === 'finished' ? `done ${view.total}/${view.total}` : `step ${view.index + 1}/${view.total}`;
}

/** The same progress in words, for screen readers. Pure. */
export function progressWords(view: LessonView): string {
  const passed = Object.values(view.outcomes).filter((o) => o === 'passed').length;
  const skipped = Object.values(view.outcomes).filter((o) => o === 'skipped').length;
  const where = view.status === 'finished' ? 'lab complete' : `step ${view.index + 1} of ${view.total}, ${STATUS_WORDS[view.status]}`;
  return `${where}; ${passed} passed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}
