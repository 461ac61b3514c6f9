// Names as Kubernetes makes them: uids, generateName suffixes, pod-template-hash and Event names.
import type { Rng } from './rng';

/** The alphabet of apimachinery's rand.String and SafeEncodeString: no vowels, no 0, 1 or 3. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** storage/names: a generateName suffix is 5 characters; the base is cut to 63 - 5 = 58 characters. */
const RANDOM_LENGTH = 5;
const MAX_GENERATED_NAME_LENGTH = 58;

/** `base` + 5 random characters, as the apiserver's SimpleNameGenerator does. Draws from `rng`. */
export function generateName(base: string, rng: Rng): string {
  const prefix = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
  let suffix = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) suffix += NAME_ALPHABET[rng.int(NAME_ALPHABET.length)];
  return prefix + suffix;
}

const HEX_DIGITS = '0123456789abcdef';
/** The UUID's characters, filled in place: a uid is made for every object and Event created. */
const uidChars: number[] = new Array(36).fill(0x2d);

/** Writes `n` as `width` lower-case hex digits into uidChars from `at`. */
function putHex(n: number, width: number, at: number): void {
  for (let i = width - 1; i >= 0; i--) { uidChars[at + i] = HEX_DIGITS.charCodeAt(n & 0xf); n >>>= 4; }
}

/** A random version-4 UUID, drawn from `rng`. */
export function newUid(rng: Rng): string {
  const a = rng.nextUint32();
  const b = rng.nextUint32();
  const c = rng.nextUint32();
  const d = rng.nextUint32();
  const timeHi = ((b & 0x0fff) | 0x4000) >>> 0;
  const clockSeq = (((c >>> 16) & 0x3fff) | 0x8000) >>> 0;
  putHex(a, 8, 0);
  putHex(b >>> 16, 4, 9);
  putHex(timeHi, 4, 14);
  putHex(clockSeq, 4, 19);
  putHex(c & 0xffff, 4, 24);
  putHex(d, 8, 28);
  return String.fromCharCode.apply(null, uidChars);
}

/** JSON with object keys sorted, so equal values always serialise the same way. Pure. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/** 32-bit FNV-1a over the UTF-16 code units of `text` (low byte then high byte). Pure. */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h ^= code & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
    if (code > 0xff) {
      h ^= code >>> 8;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character c becomes NAME_ALPHABET[c % 27]. Pure. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += NAME_ALPHABET[text.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/**
 * The pod-template-hash of a Deployment's template (controller.ComputeHash): FNV-1a 32 of the template, plus the
 * collision count when set, rendered as SafeEncodeString of the decimal hash. Pure.
 * SIMPLIFIED: hashes a canonical JSON of the template rather than Go's dump.ForHash of the internal struct, so
 * the value differs from a real cluster's, while its alphabet, length and stability are the same.
 */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let h = templateFnv(template);
  if (collisionCount !== undefined && collisionCount > 0) {
    let bytes = '';
    let n = collisionCount;
    for (let i = 0; i < 8; i++) { bytes += String.fromCharCode(n & 0xff); n = Math.floor(n / 256); }
    h = fnv1a32(bytes, h);
  }
  return safeEncodeString(String(h));
}

const fnvOfTemplate = new WeakMap<object, number>();

/** FNV-1a of a template's canonical JSON, remembered per template object (templates are never mutated once hashed). */
function templateFnv(template: unknown): number {
  if (template === null || typeof template !== 'object') return fnv1a32(stableStringify(template));
  const cached = fnvOfTemplate.get(template);
  if (cached !== undefined) return cached;
  const h = fnv1a32(stableStringify(template));
  fnvOfTemplate.set(template, h);
  return h;
}

/** An Event's name: `<object>.<hex of the event time in ns>`, as the event recorder builds it. Pure. */
export function eventName(objectName: string, epochMs: number, sequence: number): string {
  // epochMs × 10^6 needs more than a double's 53 bits: it is worked out in two 32-bit halves, exactly.
  const ms = Math.floor(epochMs);
  const high = Math.floor(ms / 0x1_0000_0000), low = ms - high * 0x1_0000_0000;
  const lowNanos = low * 1_000_000 + (sequence % 1_000_000);
  const carry = Math.floor(lowNanos / 0x1_0000_0000);
  const top = high * 1_000_000 + carry, bottom = lowNanos - carry * 0x1_0000_0000;
  const hex = top > 0 ? top.toString(16) + bottom.toString(16).padStart(8, '0') : bottom.toString(16);
  return `${objectName}.${hex}`;
}
