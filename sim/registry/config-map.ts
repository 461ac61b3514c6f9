// The configmaps REST strategy (core validation ValidateConfigMap, ValidateConfigMapUpdate): valid keys, no key in
// both data and binaryData, 1 MiB in total, and nothing changes once `immutable` is set.
import type { K8sObject } from '../model/types';
import { forbidden, invalid, tooLong, type FieldError } from '../core/errors';
import { stableStringify } from '../core/names';
import type { Strategy } from './strategy';
import { configMapKeyErrors, isRecord } from './field-checks';
import { utf8Bytes } from './base64';
import { unknownFieldsOf } from './schema/unknown-fields';

/** core.MaxSecretSize, which also bounds ConfigMaps. */
export const MAX_DATA_SIZE = 1024 * 1024;

function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

/** ValidateConfigMap (without metadata). Pure. */
export function validateConfigMapData(obj: K8sObject): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  const binary = isRecord(obj.binaryData) ? obj.binaryData : {};
  for (const [key, value] of entries(obj.data)) {
    errs.push(...configMapKeyErrors(key).map((m) => invalid(`data[${key}]`, key, m)));
    if (key in binary) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += utf8Bytes(String(value ?? '')).length;
  }
  for (const [key, value] of entries(obj.binaryData)) {
    errs.push(...configMapKeyErrors(key).map((m) => invalid(`binaryData[${key}]`, key, m)));
    total += Math.floor((String(value ?? '').replace(/=+$/, '').length * 3) / 4);
  }
  if (total > MAX_DATA_SIZE) errs.push(tooLong('', MAX_DATA_SIZE));
  return errs;
}

/** The `immutable` rule shared by ConfigMaps and Secrets. Pure. */
export function immutableDataErrors(obj: K8sObject, old: K8sObject, fields: readonly string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const field of fields) {
    if (stableStringify(obj[field] ?? {}) !== stableStringify(old[field] ?? {})) errs.push(forbidden(field, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

/** How the apiserver treats ConfigMaps. */
export const configMapStrategy: Strategy = {
  unknownFields: (obj) => unknownFieldsOf('ConfigMap', obj),
  validate: validateConfigMapData,
  validateUpdate: (obj, old) => immutableDataErrors(obj, old, ['data', 'binaryData']),
};
