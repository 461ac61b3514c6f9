// Probes and lifecycle hooks (core validation validateProbe, validateHandler, validateLifecycle): exactly one
// handler, valid ports and schemes, non-negative timings, successThreshold 1 for liveness and startup.
import { forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import { isRecord, nonNegative, portNumOrNameErrors } from './field-checks';

type Obj = Record<string, unknown>;

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

function handlerErrors(kind: string, h: Obj, path: string, gracePeriod: number | undefined): FieldError[] {
  switch (kind) {
    case 'exec':
      return Array.isArray(h.command) && h.command.length > 0 ? [] : [required(`${path}.command`)];
    case 'httpGet': {
      const errs: FieldError[] = [];
      if (!h.path) errs.push(required(`${path}.path`));
      errs.push(...portNumOrNameErrors(h.port, `${path}.port`));
      if (h.scheme !== 'HTTP' && h.scheme !== 'HTTPS') errs.push(notSupported(`${path}.scheme`, h.scheme ?? '', ['HTTP', 'HTTPS']));
      for (const header of Array.isArray(h.httpHeaders) ? h.httpHeaders : []) {
        const name = isRecord(header) ? String(header.name ?? '') : '';
        if (!/^[-A-Za-z0-9]+$/.test(name)) {
          errs.push(invalid(`${path}.httpHeaders`, name, "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"));
        }
      }
      return errs;
    }
    case 'tcpSocket':
      return portNumOrNameErrors(h.port, `${path}.port`);
    case 'grpc':
      return portNumOrNameErrors(typeof h.port === 'number' ? h.port : 0, `${path}.port`);
    case 'sleep': {
      const seconds = typeof h.seconds === 'number' ? h.seconds : 0;
      if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod)) {
        return [invalid(path, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`)];
      }
      return [];
    }
    default:
      return [];
  }
}

/** validateHandler: exactly one of the handler kinds, each valid. Pure. */
function validateHandler(handler: Obj, kinds: readonly string[], path: string, gracePeriod: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    const h = handler[kind];
    if (h === undefined || h === null) continue;
    if (count > 0) {
      errs.push(forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    errs.push(...handlerErrors(kind, isRecord(h) ? h : {}, `${path}.${kind}`, gracePeriod));
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

/** validateProbe for a liveness, readiness or startup probe at `path`; nothing for an absent probe. Pure. */
export function validateProbe(probe: unknown, kind: 'liveness' | 'readiness' | 'startup', path: string,
  gracePeriod: number | undefined): FieldError[] {
  if (!isRecord(probe)) return [];
  const errs = validateHandler(probe, PROBE_HANDLERS, path, gracePeriod);
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[field], `${path}.${field}`));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  if (kind !== 'readiness' && probe.successThreshold !== 1) {
    errs.push(invalid(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
  }
  if (kind === 'readiness' && tgps !== undefined && tgps !== null) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes'));
  }
  return errs;
}

/** validateLifecycle: postStart and preStop handlers. Pure. */
export function validateLifecycle(lifecycle: unknown, path: string, gracePeriod: number | undefined): FieldError[] {
  if (!isRecord(lifecycle)) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    if (isRecord(lifecycle[hook])) errs.push(...validateHandler(lifecycle[hook] as Obj, LIFECYCLE_HANDLERS, `${path}.${hook}`, gracePeriod));
  }
  return errs;
}
