// The secrets REST strategy (core v1 conversion and defaults, core validation ValidateSecret): `stringData` folds
// into base64 `data`, type Opaque by default, key and per-type checks, and an immutable type.
import type { K8sObject } from '../model/types';
import { invalid, required, tooLong, type FieldError } from '../core/errors';
import type { Strategy } from './strategy';
import { configMapKeyErrors, immutable, isRecord } from './field-checks';
import { decodeBase64, encodeBase64, utf8Text } from './base64';
import { MAX_DATA_SIZE, immutableDataErrors } from './config-map';
import { unknownFieldsOf } from './schema/unknown-fields';

const REDACTED = '<secret contents redacted>';

/** The key holding each docker config Secret type's JSON. */
const DOCKER_KEYS: Record<string, string> = {
  'kubernetes.io/dockercfg': '.dockercfg',
  'kubernetes.io/dockerconfigjson': '.dockerconfigjson',
};

/** The v1 conversion: each stringData entry overwrites data with its base64, then stringData is gone. Mutates. */
export function foldStringData(obj: K8sObject): void {
  obj.type ||= 'Opaque';
  if (!isRecord(obj.stringData)) { delete obj.stringData; return; }
  const data: Record<string, unknown> = isRecord(obj.data) ? obj.data : {};
  for (const [key, value] of Object.entries(obj.stringData)) data[key] = encodeBase64(String(value ?? ''));
  obj.data = data;
  delete obj.stringData;
}

/** What Go's json.Unmarshal says about text that is not JSON (the common cases). Pure. */
function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    const first = text.trimStart()[0];
    if (first === undefined) return 'unexpected end of JSON input';
    return /[{["\d\-tfn]/.test(first) ? 'unexpected end of JSON input' : `invalid character '${first}' looking for beginning of value`;
  }
}

/** ValidateSecret (without metadata). Pure. */
export function validateSecretData(obj: K8sObject): FieldError[] {
  const errs: FieldError[] = [];
  const data = isRecord(obj.data) ? obj.data : {};
  const decoded = new Map<string, number[]>();
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    errs.push(...configMapKeyErrors(key).map((m) => invalid(`data[${key}]`, key, m)));
    const res = decodeBase64(String(value ?? ''));
    // SIMPLIFIED: bad base64 is a 400 decoding error upstream (`illegal base64 data at input byte N`).
    if (!res.ok) errs.push(invalid(`data[${key}]`, REDACTED, res.error));
    else { decoded.set(key, res.bytes); total += res.bytes.length; }
  }
  if (total > MAX_DATA_SIZE) errs.push(tooLong('data', MAX_DATA_SIZE));
  const type = String(obj.type ?? '');
  if (type === 'kubernetes.io/service-account-token' && !obj.metadata.annotations?.['kubernetes.io/service-account.name']) {
    errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
    errs.push(required('data[username]'), required('data[password]'));
  }
  const dockerKey = DOCKER_KEYS[type];
  if (dockerKey && !(dockerKey in data)) errs.push(required(`data[${dockerKey}]`));
  else if (dockerKey) {
    const problem = jsonError(utf8Text(decoded.get(dockerKey) ?? []));
    if (problem) errs.push(invalid(`data[${dockerKey}]`, REDACTED, problem));
  }
  if (type === 'kubernetes.io/ssh-auth' && (decoded.get('ssh-privatekey')?.length ?? 0) === 0) errs.push(required('data[ssh-privatekey]'));
  if (type === 'kubernetes.io/tls') {
    for (const key of ['tls.crt', 'tls.key']) if (!(key in data)) errs.push(required(`data[${key}]`));
  }
  return errs;
}

/** How the apiserver treats Secrets. */
export const secretStrategy: Strategy = {
  applyDefaults: foldStringData,
  unknownFields: (obj) => unknownFieldsOf('Secret', obj),
  validate: validateSecretData,
  validateUpdate: (obj, old) => [...immutable(obj.type, old.type, 'type'), ...immutableDataErrors(obj, old, ['data'])],
};
