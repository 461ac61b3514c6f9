// Colours of the cluster picture: the Okabe–Ito palette (safe for the common colour-vision deficiencies), handed to
// Deployment revisions so that old and new ReplicaSets of a rollout always differ.

/** Okabe–Ito without black, ordered so neighbouring indexes contrast well. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#D55E00', '#F0E442'] as const;

/** The colour for pods nobody owns (bare pods). */
export const UNOWNED_COLOUR = '#999999';

/** A small, stable string hash (FNV-1a, 32-bit) so a name always gets the same colour. Pure. */
export function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The colour of revision `revision` (1-based) of the workload `owner` (e.g. `default/web`): the owner's hash picks a
 * starting colour and each revision steps to the next one, so consecutive revisions never share a colour. Pure.
 */
export function revisionColour(owner: string, revision: number): string {
  const start = stringHash(owner) % OKABE_ITO.length;
  const step = Math.max(0, Math.floor(revision) - 1);
  return OKABE_ITO[(start + step) % OKABE_ITO.length];
}
