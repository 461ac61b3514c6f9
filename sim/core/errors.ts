// API errors as the apiserver returns them (metav1.Status) and field errors (apimachinery field.Error).

export type StatusReason =
  | 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Conflict' | 'Forbidden' | 'MethodNotAllowed'
  | 'InternalError';

export interface StatusCause {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly message: string;
}

/** A failed API call, shaped like metav1.Status. */
export interface ApiStatus {
  readonly code: number;
  readonly reason: StatusReason;
  readonly message: string;
  readonly details?: {
    readonly name?: string;
    readonly group?: string;
    readonly kind?: string;
    readonly causes?: readonly StatusCause[];
  };
}

export type FieldErrorType =
  | 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate'
  | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTooMany' | 'FieldValueNotFound';

/** One field error: its path, its type and the body text apimachinery's ErrorBody renders. */
export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  /** The full body, e.g. `Invalid value: 70000: must be between 1 and 65535, inclusive`. */
  readonly message: string;
}

/**
 * How apimachinery renders a bad value since v1.34: strings quoted (%q), numbers and booleans bare, and
 * composite values as JSON. Pure.
 */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return 'null';
  return JSON.stringify(value);
}

/** field.Required: `Required value` (plus `: detail` when given). Pure. */
export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' };
}

/** field.Invalid: `Invalid value: <value>: <detail>`. Pure. */
export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${renderValue(value)}${detail ? `: ${detail}` : ''}` };
}

/** field.NotSupported: `Unsupported value: "X": supported values: "a", "b"`. Pure. */
export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return { type: 'FieldValueNotSupported', field, message: `Unsupported value: ${renderValue(value)}: supported values: ${list}` };
}

/** field.Duplicate: `Duplicate value: <value>`. Pure. */
export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, message: `Duplicate value: ${renderValue(value)}` };
}

/** field.Forbidden: `Forbidden: <detail>`. Pure. */
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` };
}

/** field.TooLong: `Too long: may not be more than N bytes`. Pure. */
export function tooLong(field: string, maxLength: number): FieldError {
  return { type: 'FieldValueTooLong', field, message: `Too long: may not be more than ${maxLength} bytes` };
}

/** NewInvalid: 422 with one cause per field error; the message lists them as the apiserver does. Pure. */
export function invalidStatus(kind: string, group: string, name: string, errors: readonly FieldError[]): ApiStatus {
  const seen = new Set<string>();
  const causes: StatusCause[] = [];
  for (const e of errors) {
    const text = `${e.field}: ${e.message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    causes.push({ type: e.type, field: e.field, message: e.message });
  }
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const body = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return {
    code: 422, reason: 'Invalid', message: `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${body}`,
    details: { name, group, kind, causes },
  };
}

/** NewNotFound: `pods "x" not found`. Pure. */
export function notFoundStatus(resource: string, name: string): ApiStatus {
  return { code: 404, reason: 'NotFound', message: `${resource} "${name}" not found`, details: { name } };
}

/** NewAlreadyExists: `services "x" already exists`. Pure. */
export function alreadyExistsStatus(resource: string, name: string): ApiStatus {
  return { code: 409, reason: 'AlreadyExists', message: `${resource} "${name}" already exists`, details: { name } };
}

/** NewConflict for a stale resourceVersion. Pure. */
export function conflictStatus(resource: string, name: string): ApiStatus {
  return {
    code: 409, reason: 'Conflict',
    message: `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    details: { name },
  };
}

/** NewBadRequest. Pure. */
export function badRequestStatus(message: string): ApiStatus {
  return { code: 400, reason: 'BadRequest', message };
}

/** NewForbidden with a plain message. Pure. */
export function forbiddenStatus(message: string): ApiStatus {
  return { code: 403, reason: 'Forbidden', message };
}

/** A broken engine invariant: a bug, never a user mistake. Stops the run. */
export class InvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantError';
  }
}
