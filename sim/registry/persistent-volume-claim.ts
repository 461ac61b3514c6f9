// The persistentvolumeclaims REST strategy (core v1 defaults, core validation ValidatePersistentVolumeClaim and
// ValidatePersistentVolumeClaimUpdate): access modes, a positive storage request, phase Pending on create, and
// the DefaultStorageClass and StorageObjectInUseProtection admission plugins.
import type { K8sObject } from '../model/types';
import { forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import { stableStringify } from '../core/names';
import type { Strategy } from './strategy';
import { arrayOf, isRecord } from './field-checks';
import { applyClaimSpecDefaults } from './pod-spec-defaults';
import { dns1123SubdomainErrors } from './object-meta';
import { validateLabelSelector } from './label-selector-validation';
import { QUANTITY_REGEX_MSG, canonicalQuantity, parseExactQuantity } from './quantity-canonical';
import { specDiff } from './spec-diff';
import { unknownFieldsOf } from './schema/unknown-fields';
import { admitClaim } from './storage-admission';

type Obj = Record<string, unknown>;

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function specOf(obj: K8sObject): Obj {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}

/** ValidatePersistentVolumeClaimSpec at `path`. Pure. */
export function validateClaimSpec(specValue: unknown, path: string): FieldError[] {
  const spec: Obj = isRecord(specValue) ? specValue : {};
  const errs: FieldError[] = [];
  const modes = arrayOf<string>(spec.accessModes);
  if (modes.length === 0) errs.push(required(`${path}.accessModes`, 'at least 1 access mode is required'));
  errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  for (const mode of modes) if (!ACCESS_MODES.includes(String(mode))) errs.push(notSupported(`${path}.accessModes`, mode, ACCESS_MODES));
  const requests = isRecord(spec.resources) && isRecord(spec.resources.requests) ? spec.resources.requests : {};
  const storagePath = `${path}.resources[storage]`;
  if (!('storage' in requests)) errs.push(required(storagePath));
  else {
    const q = parseExactQuantity(requests.storage);
    if (!q) errs.push(invalid(storagePath, requests.storage, QUANTITY_REGEX_MSG));
    else if (q.mantissa <= 0n) errs.push(invalid(storagePath, canonicalQuantity(q), 'must be greater than zero'));
  }
  if (typeof spec.storageClassName === 'string' && spec.storageClassName) {
    errs.push(...dns1123SubdomainErrors(spec.storageClassName).map((m) => invalid(`${path}.storageClassName`, spec.storageClassName, m)));
  }
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && spec.volumeMode !== 'Block' && spec.volumeMode !== 'Filesystem') {
    errs.push(notSupported(`${path}.volumeMode`, spec.volumeMode, ['Block', 'Filesystem']));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate: only a bound claim's requests (and a first volumeName) may change. Pure. */
export function validateClaimUpdate(obj: K8sObject, old: K8sObject): FieldError[] {
  const next = JSON.parse(JSON.stringify(specOf(obj))) as Obj;
  const prev = isRecord(old.spec) ? (old.spec as Obj) : {};
  if (!prev.volumeName) next.volumeName = prev.volumeName;
  const bound = isRecord(old.status) && old.status.phase === 'Bound';
  if (bound && isRecord(next.resources) && isRecord(next.resources.requests) && isRecord(prev.resources) && isRecord(prev.resources.requests)) {
    next.resources.requests.storage = prev.resources.requests.storage;
  }
  if (bound) next.volumeAttributesClassName = prev.volumeAttributesClassName;
  if (stableStringify(next) === stableStringify(prev)) return [];
  const msg = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';
  return [forbidden('spec', `${msg}\n${specDiff('core.PersistentVolumeClaimSpec', prev, next)}`)];
}

/** How the apiserver treats PersistentVolumeClaims. */
export const persistentVolumeClaimStrategy: Strategy = {
  applyDefaults: (obj) => applyClaimSpecDefaults(specOf(obj)),
  unknownFields: (obj) => unknownFieldsOf('PersistentVolumeClaim', obj),
  validate: (obj) => validateClaimSpec(obj.spec, 'spec'),
  validateUpdate: validateClaimUpdate,
  prepareForCreate(obj, ctx) {
    obj.status = { phase: 'Pending' };
    admitClaim(obj, ctx.store);
  },
};
