// resource.Quantity as the apiserver stores it: parsed exactly (no floating point), rounded up to milli-units
// (SetDefaults_ResourceList) and printed in canonical form (`0.5` → `500m`, `1024Mi` → `1Gi`, `1000` → `1k`).

/** The quantity grammar the API decoder enforces, with its error text. */
export const QUANTITY_REGEX_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact quantity: mantissa × 10^exponent, and the format it was written in. */
export interface ExactQuantity {
  readonly mantissa: bigint;
  readonly exponent: number;
  readonly format: Format;
}

const BINARY_POWERS: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_EXPONENTS: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIXES = new Map(Object.entries(DECIMAL_EXPONENTS).map(([s, e]) => [e, s]));

/** Parses a quantity exactly; undefined when it is not one. Numbers (YAML `cpu: 1`) are accepted. Pure. */
export function parseExactQuantity(input: unknown): ExactQuantity | undefined {
  const text = typeof input === 'number' ? String(input) : input;
  if (typeof text !== 'string') return undefined;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, whole, frac = '', suffix] = m;
  let mantissa = BigInt(`${whole}${frac}` || '0');
  let exponent = -frac.length;
  let format: Format = 'DecimalSI';
  if (suffix in BINARY_POWERS) {
    mantissa *= 1024n ** BigInt(BINARY_POWERS[suffix]);
    format = 'BinarySI';
  } else if (suffix in DECIMAL_EXPONENTS) {
    exponent += DECIMAL_EXPONENTS[suffix];
  } else {
    const e = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
    if (!e) return undefined;
    exponent += Number(e[1]);
    format = 'DecimalExponent';
  }
  return { mantissa: sign === '-' ? -mantissa : mantissa, exponent, format };
}

/** Rounds up to milli-units, as SetDefaults_ResourceList does (`0.1m` → `1m`). Pure. */
function roundUpToMilli(q: ExactQuantity): ExactQuantity {
  if (q.exponent >= -3) return q;
  const div = 10n ** BigInt(-3 - q.exponent);
  let mantissa = q.mantissa / div;
  if (q.mantissa > 0n && mantissa * div !== q.mantissa) mantissa += 1n;
  return { ...q, mantissa, exponent: -3 };
}

function stripZeros(mantissa: bigint, exponent: number): [bigint, number] {
  if (mantissa === 0n) return [0n, 0];
  while (mantissa % 10n === 0n) { mantissa /= 10n; exponent++; }
  return [mantissa, exponent];
}

function decimalString(q: ExactQuantity, format: Format): string {
  let [mantissa, exponent] = stripZeros(q.mantissa, q.exponent);
  if (mantissa === 0n) return '0';
  let target = Math.floor(exponent / 3) * 3;
  if (format === 'DecimalSI') target = Math.min(18, Math.max(-9, target));
  mantissa *= 10n ** BigInt(exponent - target);
  exponent = target;
  const suffix = format === 'DecimalSI' ? DECIMAL_SUFFIXES.get(exponent)! : exponent === 0 ? '' : `e${exponent}`;
  return `${mantissa}${suffix}`;
}

/** The canonical string of a quantity (resource.Quantity.String()). Pure. */
export function canonicalQuantity(q: ExactQuantity): string {
  const rounded = roundUpToMilli(q);
  if (rounded.format !== 'BinarySI') return decimalString(rounded, rounded.format);
  const [mantissa, exponent] = stripZeros(rounded.mantissa, rounded.exponent);
  const abs = mantissa < 0n ? -mantissa : mantissa;
  if (exponent < 0 || abs * 10n ** BigInt(Math.max(0, exponent)) < 1024n) return decimalString(rounded, 'DecimalSI');
  let value = mantissa * 10n ** BigInt(exponent);
  const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let power = 0;
  while (power < 6 && value % 1024n === 0n) { value /= 1024n; power++; }
  return `${value}${suffixes[power]}`;
}

/** Canonical form of a written quantity, or undefined when it does not parse. Pure. */
export function canonicalQuantityText(input: unknown): string | undefined {
  const q = parseExactQuantity(input);
  return q ? canonicalQuantity(q) : undefined;
}

/** Compares two quantities exactly: negative, zero or positive. Pure. */
export function compareQuantities(a: ExactQuantity, b: ExactQuantity): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}
