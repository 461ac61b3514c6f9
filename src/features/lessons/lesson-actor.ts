// The lesson machine's actor for one lab: started fresh, or from a persisted snapshot when that snapshot still
// fits the lab (same lab, same steps) — a snapshot from another version of the lab starts the lesson over.
import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Lab } from '../../../sim/labs/lab-types';
import { lessonMachine } from './lesson-machine';
import { lessonInputOf } from './lesson-steps';

export type LessonActor = Actor<typeof lessonMachine>;

/** Starts the lesson actor for `lab`, from a persisted snapshot when one is given and still fits the lab. */
export function startLessonActor(lab: Lab, persisted: unknown): { actor: LessonActor; restored: boolean } {
  const input = lessonInputOf(lab);
  if (persisted !== undefined) {
    try {
      const actor = createActor(lessonMachine, { input, snapshot: persisted as Snapshot<unknown> });
      const c = actor.getSnapshot().context;
      const fits = c.labId === lab.id && c.steps.length === input.steps.length && c.steps.every((s, i) => s.id === input.steps[i].id)
        && Number.isInteger(c.index) && c.index >= 0 && c.index < c.steps.length;
      if (fits) {
        actor.start();
        return { actor, restored: true };
      }
    } catch {
      // A snapshot from another version of the lab or the machine: start the lesson afresh.
    }
  }
  const actor = createActor(lessonMachine, { input });
  actor.start();
  return { actor, restored: false };
}
