// Small field validators shared by every kind (apimachinery's ValidateNonnegativeField, ValidateImmutableField,
// field.NotFound, IsValidPortNum, IsValidPortName, IsConfigMapKey), with their exact wording.
import { invalid, renderValue, type FieldError } from '../core/errors';
import { stableStringify } from '../core/names';

/** apimachinery IsNegativeErrorMsg. */
export const IS_NEGATIVE_MSG = 'must be greater than or equal to 0';
/** apimachinery FieldImmutableErrorMsg. */
export const FIELD_IMMUTABLE_MSG = 'field is immutable';

/** field.NotFound: `Not found: "x"`. Pure. */
export function notFound(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, message: `Not found: ${renderValue(value)}` };
}

/** ValidateNonnegativeField: a negative number is `must be greater than or equal to 0`. Pure. */
export function nonNegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(field, value, IS_NEGATIVE_MSG)] : [];
}

/** ValidateImmutableField: `field is immutable` when the value changed (compared as canonical JSON). Pure. */
export function immutable(newValue: unknown, oldValue: unknown, field: string): FieldError[] {
  return stableStringify(newValue ?? null) === stableStringify(oldValue ?? null) ? [] : [invalid(field, newValue ?? null, FIELD_IMMUTABLE_MSG)];
}

/** InclusiveRangeError. Pure. */
export function inclusiveRange(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** IsValidPortNum: error texts for a port outside 1–65535. Pure. */
export function portNumErrors(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRange(1, 65535)];
}

/** IsValidPortName (IANA_SVC_NAME): error texts. Pure. */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** ValidatePortNumOrName for an IntOrString port (probes, targetPort), at `field`. Pure. */
export function portNumOrNameErrors(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return portNumErrors(port).map((m) => invalid(field, port, m));
  if (typeof port === 'string') return portNameErrors(port).map((m) => invalid(field, port, m));
  return portNumErrors(0).map((m) => invalid(field, 0, m));
}

/** hasChDirPrefix: `.`, `..` and a leading `..` are not keys. Pure. */
function chDirErrors(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** IsConfigMapKey: ConfigMap and Secret data keys. Pure. */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  }
  return [...errs, ...chDirErrors(key)];
}

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is GA in v1.34): printable ASCII except `=`. Pure. */
export function envVarNameErrors(name: string): string[] {
  if (name.length === 0) return ['environment variable name must be non-empty'];
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (code > 0x7e || code < 0x20 || ch === '=') return ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
  }
  return [];
}

/** Whether `value` is a non-null object (not an array). Pure. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value as an array, or [] when absent or of another type. Pure. */
export function arrayOf<T = Record<string, unknown>>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}
