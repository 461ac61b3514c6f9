// Timestamps and hex identifiers in the formats real container processes print them (mongod, nginx, klog,
// Apache, redis, morgan), computed from virtual time without `Date` and from hashes without randomness.
import { fnv1a32 } from '../core/names';
import { formatTimestamp } from '../model/time';
import type { AppContext } from './app';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MS_PER_DAY = 86_400_000;

/** Unix epoch ms of "now" for a running container. Pure given the context. */
export function epochMsOf(ctx: AppContext): number {
  return ctx.nowEpochMs();
}

interface Parts {
  readonly y: string; readonly mo: number; readonly d: string;
  readonly h: string; readonly mi: string; readonly s: string;
  readonly ms: string; readonly weekday: string;
}

function partsOf(epochMs: number): Parts {
  const iso = formatTimestamp(epochMs); // 2026-01-01T09:00:00Z
  const whole = Math.floor(epochMs);
  const ms = String(((whole % 1000) + 1000) % 1000).padStart(3, '0');
  const days = Math.floor(whole / MS_PER_DAY);
  return {
    y: iso.slice(0, 4), mo: Number(iso.slice(5, 7)), d: iso.slice(8, 10),
    h: iso.slice(11, 13), mi: iso.slice(14, 16), s: iso.slice(17, 19), ms,
    weekday: WEEKDAYS[(((days + 4) % 7) + 7) % 7],
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** mongod 3.x/4.0 text logs: `2026-01-01T09:00:00.123+0000`. Pure. */
export function mongodDate(epochMs: number): string {
  const p = partsOf(epochMs);
  return `${p.y}-${two(p.mo)}-${p.d}T${p.h}:${p.mi}:${p.s}.${p.ms}+0000`;
}

/** mongod 4.4+ structured logs: `2026-01-01T09:00:00.123+00:00`. Pure. */
export function mongodJsonDate(epochMs: number): string {
  const p = partsOf(epochMs);
  return `${p.y}-${two(p.mo)}-${p.d}T${p.h}:${p.mi}:${p.s}.${p.ms}+00:00`;
}

/** Common Log Format time, as morgan and nginx write it: `01/Jan/2026:09:00:00 +0000`. Pure. */
export function clfDate(epochMs: number): string {
  const p = partsOf(epochMs);
  return `${p.d}/${MONTHS[p.mo - 1]}/${p.y}:${p.h}:${p.mi}:${p.s} +0000`;
}

/** nginx error-log time: `2026/01/01 09:00:00`. Pure. */
export function nginxDate(epochMs: number): string {
  const p = partsOf(epochMs);
  return `${p.y}/${two(p.mo)}/${p.d} ${p.h}:${p.mi}:${p.s}`;
}

/** RFC 7231 HTTP date for a `Date` header: `Thu, 01 Jan 2026 09:00:00 GMT`. Pure. */
export function httpDate(epochMs: number): string {
  const p = partsOf(epochMs);
  return `${p.weekday}, ${p.d} ${MONTHS[p.mo - 1]} ${p.y} ${p.h}:${p.mi}:${p.s} GMT`;
}

/** Apache httpd error-log time: `Thu Jan 01 09:00:00.123000 2026`. Pure. */
export function apacheDate(epochMs: number): string {
  const p = partsOf(epochMs);
  return `${p.weekday} ${MONTHS[p.mo - 1]} ${p.d} ${p.h}:${p.mi}:${p.s}.${p.ms}000 ${p.y}`;
}

/** redis-server log time: `01 Jan 2026 09:00:00.123`. Pure. */
export function redisDate(epochMs: number): string {
  const p = partsOf(epochMs);
  return `${p.d} ${MONTHS[p.mo - 1]} ${p.y} ${p.h}:${p.mi}:${p.s}.${p.ms}`;
}

/** A klog line header, as Kubernetes components print it: `I0101 09:00:00.123000       1 server.go:42] `. Pure. */
export function klogPrefix(epochMs: number, source: string, severity: 'I' | 'W' | 'E' = 'I', pid = 1): string {
  const p = partsOf(epochMs);
  return `${severity}${two(p.mo)}${p.d} ${p.h}:${p.mi}:${p.s}.${p.ms}000 ${String(pid).padStart(7, ' ')} ${source}] `;
}

/** busybox/coreutils `date` output: `Thu Jan  1 09:00:00 UTC 2026`. Pure. */
export function unixDate(epochMs: number): string {
  const p = partsOf(epochMs);
  return `${p.weekday} ${MONTHS[p.mo - 1]} ${String(Number(p.d)).padStart(2, ' ')} ${p.h}:${p.mi}:${p.s} UTC ${p.y}`;
}

/** `length` hex characters derived from `text` by hashing (git hashes, digests, config checksums). Pure. */
export function hashHex(text: string, length: number): string {
  let out = '';
  let h = fnv1a32(text);
  for (let i = 0; out.length < length; i++) {
    h = (h + fnv1a32(`${i}:${text}`, h)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
