// The order labs are listed in: by module number, then by id.
import type { Lab } from './lab-types';

/** Compares two labs for that order. Pure. */
export function byModule(a: Lab, b: Lab): number {
  return a.module - b.module || a.id.localeCompare(b.id);
}
