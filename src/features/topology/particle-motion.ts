// Where a traffic particle is at a moment: it travels its route at a steady speed, then lingers (a failed request
// stays where it failed, with its reason; an answered one fades at the pod). Pure maths for the canvas that draws them.
import type { Point } from './layout';

/** Wall ms a particle takes along its whole route. */
export const TRAVEL_MS = 1_000;
/** Wall ms a failed request's reason stays at the point of failure after it arrives. */
export const LINGER_MS = 1_500;
/** Wall ms an answered request takes to fade at its pod. */
export const FADE_MS = 400;

export interface ParticleFrame {
  readonly at: Point;
  readonly opacity: number;
  /** The particle reached the end of its route. */
  readonly arrived: boolean;
  /** Nothing left to draw. */
  readonly done: boolean;
}

/** Cumulative lengths along `points` (first 0). Pure. */
export function cumulativeLengths(points: readonly Point[]): number[] {
  const out = [0];
  for (let i = 1; i < points.length; i++) out.push(out[i - 1] + Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y));
  return out;
}

/**
 * The particle `ageMs` wall ms after it set off along `points` (with their `lengths`); `reduced` skips the travel
 * (prefers-reduced-motion: the particle is shown where it ends). Pure.
 */
export function particleAt(points: readonly Point[], lengths: readonly number[], ok: boolean, ageMs: number, reduced: boolean): ParticleFrame {
  const end = points[points.length - 1];
  const travel = reduced ? 0 : TRAVEL_MS;
  const linger = ok ? FADE_MS : LINGER_MS;
  if (ageMs >= travel + linger) return { at: end, opacity: 0, arrived: true, done: true };
  if (ageMs >= travel) return { at: end, opacity: ok && !reduced ? 1 - (ageMs - travel) / FADE_MS : 1, arrived: true, done: false };
  const total = lengths[lengths.length - 1];
  const target = total * Math.max(0, ageMs / travel);
  let i = 1;
  while (i < lengths.length - 1 && lengths[i] < target) i++;
  const span = lengths[i] - lengths[i - 1];
  const f = span > 0 ? (target - lengths[i - 1]) / span : 1;
  const a = points[i - 1], b = points[Math.min(i, points.length - 1)];
  return { at: { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f }, opacity: 1, arrived: false, done: false };
}

/**
 * Where a failed request's reason is written, `gap` px from where it stopped at `end`: above a pod it was heading
 * for (never over the pod's name), below a Service anchor or a client it never left. Pure.
 */
export function failureLabelAt(end: Point, endsAt: 'pod' | 'service' | 'start', gap: number): { readonly at: Point; readonly baseline: 'bottom' | 'top' } {
  return endsAt === 'pod' ? { at: { x: end.x, y: end.y - gap }, baseline: 'bottom' } : { at: { x: end.x, y: end.y + gap }, baseline: 'top' };
}
