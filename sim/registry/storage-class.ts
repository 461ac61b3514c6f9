// The storageclasses REST strategy (storage/v1 SetDefaults_StorageClass, pkg/apis/storage/validation
// ValidateStorageClass and ValidateStorageClassUpdate).
import type { K8sObject } from '../model/types';
import { forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import { stableStringify } from '../core/names';
import type { Strategy } from './strategy';
import { qualifiedNameErrors } from './object-meta';
import { unknownFieldsOf } from './schema/unknown-fields';

/** ValidateStorageClass (without metadata). Pure. */
export function validateStorageClass(obj: K8sObject): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = typeof obj.provisioner === 'string' ? obj.provisioner : '';
  if (!provisioner) errs.push(required('provisioner'));
  else {
    errs.push(...qualifiedNameErrors(provisioner.toLowerCase()).map((m) => invalid('provisioner', provisioner, m)));
  }
  if (obj.reclaimPolicy !== undefined && !['Delete', 'Retain'].includes(String(obj.reclaimPolicy))) {
    errs.push(notSupported('reclaimPolicy', obj.reclaimPolicy, ['Delete', 'Retain']));
  }
  if (obj.volumeBindingMode !== undefined && !['Immediate', 'WaitForFirstConsumer'].includes(String(obj.volumeBindingMode))) {
    errs.push(notSupported('volumeBindingMode', obj.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}

/** ValidateStorageClassUpdate: parameters, provisioner, reclaimPolicy and volumeBindingMode are fixed. Pure. */
export function validateStorageClassUpdate(obj: K8sObject, old: K8sObject): FieldError[] {
  const errs: FieldError[] = [];
  if (stableStringify(obj.parameters ?? {}) !== stableStringify(old.parameters ?? {})) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (obj.provisioner !== old.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (obj.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (obj.volumeBindingMode !== old.volumeBindingMode) {
    errs.push(invalid('volumeBindingMode', obj.volumeBindingMode ?? null, 'field is immutable'));
  }
  return errs;
}

/** How the apiserver treats StorageClasses. */
export const storageClassStrategy: Strategy = {
  applyDefaults(obj) {
    obj.reclaimPolicy ??= 'Delete';
    obj.volumeBindingMode ??= 'Immediate';
  },
  unknownFields: (obj) => unknownFieldsOf('StorageClass', obj),
  validate: validateStorageClass,
  validateUpdate: validateStorageClassUpdate,
};
