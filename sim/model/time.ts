// Timestamps as the API writes them (RFC 3339, second precision) and kubectl's HumanDuration for AGE columns.

const MS_PER_DAY = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), so the engine needs no `Date`. Pure. */
function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Recently formatted or parsed timestamps: the same few seconds are written and read thousands of times. */
const formatted = new Map<number, string>();
const parsed = new Map<string, number>();
const MEMO_LIMIT = 4_096;

/** RFC 3339 UTC with seconds, as metav1.Time marshals: `2026-01-01T00:04:12Z`. Input: Unix epoch ms. Pure. */
export function formatTimestamp(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  let text = formatted.get(second);
  if (text === undefined) {
    text = formatSecond(second * 1000);
    if (formatted.size >= MEMO_LIMIT) formatted.clear();
    formatted.set(second, text);
  }
  return text;
}

function formatSecond(epochMs: number): string {
  const days = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - days * MS_PER_DAY;
  const { y, m, d } = civilFromDays(days);
  const s = Math.floor(msOfDay / 1000);
  return `${y}-${pad(m)}-${pad(d)}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}Z`;
}

/** RFC 3339 with microseconds, as metav1.MicroTime marshals (Event.eventTime, Lease times). Pure. */
export function formatMicroTimestamp(epochMs: number): string {
  const base = formatTimestamp(epochMs);
  const micros = pad(Math.floor(epochMs - Math.floor(epochMs / 1000) * 1000) * 1000, 6);
  return `${base.slice(0, -1)}.${micros}Z`;
}

/** Parses an RFC 3339 timestamp written by formatTimestamp back to epoch ms; NaN when malformed. Pure. */
export function parseTimestamp(text: string): number {
  let ms = parsed.get(text);
  if (ms === undefined) {
    ms = parseRfc3339(text);
    if (parsed.size >= MEMO_LIMIT) parsed.clear();
    parsed.set(text, ms);
  }
  return ms;
}

function parseRfc3339(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = mo > 2 ? mo - 3 : mo + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return days * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + frac;
}

/**
 * kubectl's `duration.HumanDuration` (apimachinery pkg/util/duration): the AGE column text for an elapsed
 * duration in ms. Values are truncated, never rounded; a year is 365 days. Pure.
 */
export function humanDuration(elapsedMs: number): string {
  const seconds = Math.trunc(elapsedMs / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}
