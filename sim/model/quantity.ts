// resource.Quantity parsing for the values the simulator schedules on: CPU in millicores, memory in bytes.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a quantity (`500m`, `2`, `128Mi`, `1e3`) to its base-unit value; NaN when it is not a quantity. Pure. */
export function parseQuantity(text: string | number | undefined): number {
  if (typeof text === 'number') return text;
  if (text === undefined) return Number.NaN;
  let value = parsedQuantities.get(text);
  if (value === undefined) {
    value = parseQuantityText(text);
    if (parsedQuantities.size >= 4_096) parsedQuantities.clear();
    parsedQuantities.set(text, value);
  }
  return value;
}

/** Quantities already parsed: the same few (`1900m`, `110`, `100m`) are read for every scheduling decision. */
const parsedQuantities = new Map<string, number>();

function parseQuantityText(text: string): number {
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(text.trim());
  if (!m) return Number.NaN;
  const num = Number(m[1]);
  if (!Number.isFinite(num)) return Number.NaN;
  const suffix = m[2] ?? '';
  return num * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** A CPU quantity in millicores (`250m` → 250, `1` → 1000). Pure. */
export function cpuMillis(text: string | number | undefined): number {
  const v = parseQuantity(text);
  return Number.isNaN(v) ? 0 : Math.ceil(v * 1000);
}

/** A memory quantity in bytes (`128Mi` → 134217728). Pure. */
export function memoryBytes(text: string | number | undefined): number {
  const v = parseQuantity(text);
  return Number.isNaN(v) ? 0 : Math.ceil(v);
}

/** Whether `text` is a well-formed quantity. Pure. */
export function isQuantity(text: unknown): boolean {
  return (typeof text === 'string' || typeof text === 'number') && !Number.isNaN(parseQuantity(text));
}
