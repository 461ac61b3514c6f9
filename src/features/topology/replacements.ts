// Which deleted pod a new pod replaces: the ReplicaSet controller creates a replacement as soon as a pod stops being
// active, so the oldest unclaimed recent departure of the same workload is the one it stands in for.
import type { SimTime } from '../../../sim/model/types';

/** A pod of a workload that was deleted (or began terminating) at `atMs`. */
export interface Departure {
  readonly name: string;
  readonly ip: string | undefined;
  readonly atMs: SimTime;
  claimed: boolean;
}

/**
 * Claims the oldest unclaimed departure within `windowMs` before `nowMs` (marking it claimed), or returns undefined.
 * Mutates only the claimed entry's `claimed` flag.
 */
export function claimReplacement(queue: readonly Departure[] | undefined, nowMs: SimTime, windowMs: number): Departure | undefined {
  for (const d of queue ?? []) {
    if (d.claimed || nowMs - d.atMs > windowMs || d.atMs > nowMs) continue;
    d.claimed = true;
    return d;
  }
  return undefined;
}
