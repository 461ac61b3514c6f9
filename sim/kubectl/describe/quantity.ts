// resource.Quantity's canonical String() for the sums describe prints (requests and limits on a node): binary
// quantities with the largest exact Ki/Mi/Gi suffix, decimal ones in whole units or millis.
import { parseQuantity } from '../../model/quantity';

const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL = ['', 'k', 'M', 'G', 'T', 'P', 'E'];

/** Whether a quantity string uses a binary (Ki, Mi…) suffix. Pure. */
export function isBinary(text: string | undefined): boolean {
  return text !== undefined && /i$/.test(text.trim());
}

/** Canonical text of `value` (base units) in binary or decimal SI format. Pure. */
export function formatQuantity(value: number, binary: boolean): string {
  if (value === 0) return '0';
  if (!Number.isInteger(value)) {
    const millis = Math.ceil(value * 1000);
    return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
  }
  const base = binary ? 1024 : 1000;
  const suffixes = binary ? BINARY : DECIMAL;
  let v = value, i = 0;
  while (i < suffixes.length - 1 && v % base === 0 && (binary ? v >= base : true)) { v /= base; i++; }
  return `${v}${suffixes[i]}`;
}

/** Sums quantity strings; the result keeps the format of the first one, as Quantity.Add does. Pure. */
export function sumQuantities(texts: readonly (string | undefined)[]): string {
  const present = texts.filter((t): t is string => t !== undefined);
  if (present.length === 0) return '0';
  const total = present.reduce((s, t) => s + (Number.isNaN(parseQuantity(t)) ? 0 : parseQuantity(t)), 0);
  return formatQuantity(Math.round(total * 1000) / 1000, isBinary(present[0]));
}
