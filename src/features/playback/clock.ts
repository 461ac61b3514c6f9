// The header's virtual clock: session time as HH:MM:SS, and the seed the session runs with.
import type { SimTime } from '../../../sim/model/types';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Virtual ms since the session started as `HH:MM:SS` (hours keep counting past 24; negative shows 00:00:00). Pure. */
export function formatClock(timeMs: SimTime): string {
  const seconds = Math.max(0, Math.floor(timeMs / 1000));
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** The seed asked for in a query string (`?seed=42` or `?seed=lab-4`), else `fallback`. Pure. */
export function seedFromQuery(search: string, fallback: number): number | string {
  const raw = new URLSearchParams(search).get('seed')?.trim();
  if (!raw) return fallback;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
}
