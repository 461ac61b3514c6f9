// How kubectl prints failures (cmd/util/helpers.go checkErr / StandardErrorMessage): Invalid errors from their
// causes, other API errors as `Error from server (Reason): …`, everything else as `error: …`.
import type { ApiStatus } from '../core/errors';

/** The text kubectl writes to stderr for an API error (with a trailing newline). Pure. */
export function apiErrorText(status: ApiStatus, source?: { verb: string; file: string }): string {
  if (status.reason === 'Invalid') {
    const d = status.details;
    let s = 'The request is invalid';
    if (!d) return `${s}\n`;
    if (d.kind || d.name) s = `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid`;
    const causes = d.causes ?? [];
    if (causes.length === 0) return `${s}\n`;
    if (causes.length === 1) return `${s}: ${causes[0].field}: ${causes[0].message}\n`;
    return `${s}: \n${causes.map((c) => `* ${c.field}: ${c.message}`).join('\n')}\n`;
  }
  const message = source ? `error when ${source.verb} "${source.file}": ${status.message}` : status.message;
  return `Error from server (${status.reason}): ${message}\n`;
}

/** `error: <msg>` as kubectl prints a client-side failure. Pure. */
export function clientError(message: string): string {
  return `error: ${message}\n`;
}
