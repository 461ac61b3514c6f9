// When the page asks the engine to evaluate a step while the student is not typing: every few virtual seconds
// (the cluster keeps changing on its own: pulls, rollouts, load balancers), but never so often in wall time
// that checks (some rebuild the cluster to probe it over HTTP) crowd out the frames.
import type { LessonStatus } from './lesson-view';

/** Virtual ms between two checks while a step waits. */
export const PERIODIC_CHECK_VIRTUAL_MS = 5_000;
/** The fewest wall ms between two periodic checks. */
export const MIN_CHECK_GAP_WALL_MS = 1_000;
/** A slow check spaces the next periodic one out by this many times its own duration. */
const SLOW_CHECK_FACTOR = 4;

/** When the last check ran and how long it took. */
export interface LastCheck {
  readonly virtualMs: number;
  readonly wallMs: number;
  readonly durationMs: number;
}

/** Whether a step in `status` is waiting for its check to pass (the only time periodic checks run). Pure. */
export function awaitsCheck(status: LessonStatus | undefined): boolean {
  return status === 'waiting' || status === 'hintShown';
}

/** Whether a periodic check is due at virtual time `virtualMs` and wall time `wallMs`. Pure. */
export function periodicCheckDue(status: LessonStatus | undefined, last: LastCheck, virtualMs: number, wallMs: number): boolean {
  if (!awaitsCheck(status)) return false;
  const wallGap = Math.max(MIN_CHECK_GAP_WALL_MS, SLOW_CHECK_FACTOR * last.durationMs);
  return virtualMs - last.virtualMs >= PERIODIC_CHECK_VIRTUAL_MS && wallMs - last.wallMs >= wallGap;
}
