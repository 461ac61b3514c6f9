// Container environment validation (core validation ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom).
import { invalid, notSupported, required, type FieldError } from '../core/errors';
import { dns1123SubdomainErrors } from './object-meta';
import { arrayOf, configMapKeyErrors, envVarNameErrors, isRecord } from './field-checks';

type Obj = Record<string, unknown>;

/** validEnvDownwardAPIFieldPathExpressions, sorted as sets.List returns them. */
const FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
];
const RESOURCE_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function fieldRefErrors(ref: Obj, path: string): FieldError[] {
  if (!ref.apiVersion) return [required(`${path}.apiVersion`)];
  const fieldPath = typeof ref.fieldPath === 'string' ? ref.fieldPath : '';
  if (!fieldPath) return [required(`${path}.fieldPath`)];
  if (/^metadata\.(labels|annotations)\['.+'\]$/.test(fieldPath)) return [];
  return FIELD_PATHS.includes(fieldPath) ? [] : [notSupported(`${path}.fieldPath`, fieldPath, FIELD_PATHS)];
}

function keyRefErrors(ref: Obj, path: string): FieldError[] {
  const name = typeof ref.name === 'string' ? ref.name : '';
  const errs = dns1123SubdomainErrors(name).map((m) => invalid(`${path}.name`, name, m));
  const key = typeof ref.key === 'string' ? ref.key : '';
  if (!key) errs.push(required(`${path}.key`));
  else errs.push(...configMapKeyErrors(key).map((m) => invalid(`${path}.key`, key, m)));
  return errs;
}

/** validateEnvVarValueFrom: exactly one source, and not together with `value`. Pure. */
function valueFromErrors(ev: Obj, path: string): FieldError[] {
  const from = ev.valueFrom;
  if (!isRecord(from)) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  if (isRecord(from.fieldRef)) { sources++; errs.push(...fieldRefErrors(from.fieldRef, `${path}.fieldRef`)); }
  if (isRecord(from.resourceFieldRef)) {
    sources++;
    const resource = typeof from.resourceFieldRef.resource === 'string' ? from.resourceFieldRef.resource : '';
    if (!resource) errs.push(required(`${path}.resourceFieldRef.resource`));
    else if (!RESOURCE_PATHS.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) {
      errs.push(notSupported(`${path}.resourceFieldRef.resource`, resource, RESOURCE_PATHS));
    }
  }
  if (isRecord(from.configMapKeyRef)) { sources++; errs.push(...keyRefErrors(from.configMapKeyRef, `${path}.configMapKeyRef`)); }
  if (isRecord(from.secretKeyRef)) { sources++; errs.push(...keyRefErrors(from.secretKeyRef, `${path}.secretKeyRef`)); }
  if (isRecord(from.fileKeyRef)) sources++;
  if (sources === 0) errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (typeof ev.value === 'string' && ev.value !== '') errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** ValidateEnv at `path` (`spec.containers[0].env`). Pure. */
export function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arrayOf(env).forEach((raw, i) => {
    const ev: Obj = isRecord(raw) ? raw : {};
    const at = `${path}[${i}]`;
    const name = typeof ev.name === 'string' ? ev.name : '';
    if (!name) errs.push(required(`${at}.name`));
    else errs.push(...envVarNameErrors(name).map((m) => invalid(`${at}.name`, name, m)));
    errs.push(...valueFromErrors(ev, `${at}.valueFrom`));
  });
  return errs;
}

/** ValidateEnvFrom at `path` (`spec.containers[0].envFrom`). Pure. */
export function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arrayOf(envFrom).forEach((raw, i) => {
    const ef: Obj = isRecord(raw) ? raw : {};
    const at = `${path}[${i}]`;
    if (typeof ef.prefix === 'string' && ef.prefix) errs.push(...envVarNameErrors(ef.prefix).map((m) => invalid(`${at}.prefix`, ef.prefix, m)));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = ef[kind];
      if (!isRecord(ref)) continue;
      sources++;
      const name = typeof ref.name === 'string' ? ref.name : '';
      if (!name) errs.push(required(`${at}.${kind}.name`));
      else errs.push(...dns1123SubdomainErrors(name).map((m) => invalid(`${at}.${kind}.name`, name, m)));
    }
    if (sources === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
