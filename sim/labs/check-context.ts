// What a lab check reads: the simulation (only read, never written), the student's terminal transcript for the
// step, and, for HTTP checks, a copy of the cluster rebuilt from the run record so that probing it draws no
// random numbers and writes no logs in the student's cluster.
import type { Simulation } from '../engine';
import { replay } from '../engine';
import type { Count, TranscriptEntry } from './lab-types';

export interface CheckContext {
  readonly sim: Simulation;
  /** The commands run since the step started, oldest first. */
  readonly transcript: readonly TranscriptEntry[];
  /** The terminal session whose history and port-forwards count. */
  readonly session: string;
  /** A replica of the cluster at this instant, built on first use and shared by the checks of one evaluation. */
  replica(): Simulation;
}

/** A check context over `sim`; the replica for HTTP checks is only built if a check asks for it. */
export function checkContext(sim: Simulation, transcript: readonly TranscriptEntry[] = [], session = 'main'): CheckContext {
  let copy: Simulation | undefined;
  return {
    sim, transcript, session,
    replica: () => (copy ??= replicaOf(sim)),
  };
}

/**
 * Rebuilds `sim` from its run record up to its current time: the same objects, node runtimes and random streams,
 * so a request sent to the copy meets what the student's own request would meet now, without touching `sim`.
 */
export function replicaOf(sim: Simulation): Simulation {
  const copy = replay(sim.record());
  copy.runUntil(sim.now, Number.POSITIVE_INFINITY);
  return copy;
}

/** Whether `n` satisfies a count. Pure. */
export function countMet(n: number, count: Count): boolean {
  if (typeof count === 'number') return n === count;
  return (count.min === undefined || n >= count.min) && (count.max === undefined || n <= count.max);
}

/** A count as a check list says it (`3`, `at least 2`, `at most 1`, `2 to 4`). Pure. */
export function countText(count: Count): string {
  if (typeof count === 'number') return String(count);
  if (count.min !== undefined && count.max !== undefined) return count.min === count.max ? String(count.min) : `${count.min} to ${count.max}`;
  return count.min !== undefined ? `at least ${count.min}` : `at most ${count.max}`;
}

/** Whether a count reads as one thing (`1`, `at least 1`, `at most 1`). Pure. */
export function isSingular(count: Count): boolean {
  if (typeof count === 'number') return count === 1;
  return (count.min ?? count.max) === 1 && (count.max === undefined || count.min === undefined || count.min === count.max);
}

/** `1 pod` / `at least 1 pod` / `2 pods`. Pure. */
export function plural(count: Count, word: string): string {
  return `${countText(count)} ${word}${isSingular(count) ? '' : 's'}`;
}
