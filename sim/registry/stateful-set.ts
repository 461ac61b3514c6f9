// The statefulsets REST strategy (pkg/registry/apps/statefulset/strategy.go): apps/v1 defaults,
// ValidateStatefulSet (which, upstream, does not validate the pod spec itself) and the fields an update may change.
import type { K8sObject } from '../model/types';
import { forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import { stableStringify } from '../core/names';
import type { Strategy } from './strategy';
import { arrayOf, isRecord, nonNegative } from './field-checks';
import { applyClaimSpecDefaults, applyPodTemplateDefaults } from './pod-spec-defaults';
import { isUnparsableSelector } from './label-selector-validation';
import { validateAnnotations, validateLabels } from './object-meta';
import {
  alwaysRestartErrors, ensureTemplate, internalRollingUpdate, intOrPercentValue, notMoreThan100PercentErrors, positiveIntOrPercentErrors,
  requiredSelectorErrors, templateLabels, templateMatchErrors,
} from './workload-validation';
import { unknownFieldsOf } from './schema/unknown-fields';

type Obj = Record<string, unknown>;

const UPDATE_FORBIDDEN_MSG = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
  + "'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
const MUTABLE_FIELDS = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

function specOf(obj: K8sObject): Obj {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}

/** SetDefaults_StatefulSet, and the PersistentVolumeClaim defaults of each volumeClaimTemplate. Mutates. */
export function applyStatefulSetDefaults(obj: K8sObject): void {
  const spec = specOf(obj);
  spec.podManagementPolicy ||= 'OrderedReady';
  if (!isRecord(spec.updateStrategy)) spec.updateStrategy = {};
  const strategy = spec.updateStrategy as Obj;
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    if (!isRecord(strategy.rollingUpdate)) strategy.rollingUpdate = {};
  }
  if (strategy.type === 'RollingUpdate' && isRecord(strategy.rollingUpdate)) strategy.rollingUpdate.partition ??= 0;
  if (!isRecord(spec.persistentVolumeClaimRetentionPolicy)) spec.persistentVolumeClaimRetentionPolicy = {};
  const retention = spec.persistentVolumeClaimRetentionPolicy as Obj;
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  applyPodTemplateDefaults(ensureTemplate(spec));
  for (const claim of arrayOf(spec.volumeClaimTemplates)) {
    if (!isRecord(claim)) continue;
    claim.apiVersion ||= 'v1';
    claim.kind ||= 'PersistentVolumeClaim';
    applyClaimSpecDefaults(claim.spec);
    if (!isRecord(claim.status)) claim.status = {};
    (claim.status as Obj).phase ||= 'Pending';
  }
}

function updateStrategyErrors(strategy: Obj): FieldError[] {
  const path = 'spec.updateStrategy';
  switch (strategy.type) {
    case undefined: case null: case '':
      return [required(path)];
    case 'OnDelete':
      return isRecord(strategy.rollingUpdate)
        ? [invalid(`${path}.rollingUpdate`, internalRollingUpdate({ partition: 0, ...strategy.rollingUpdate }), "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate': {
      const ru = strategy.rollingUpdate;
      if (!isRecord(ru)) return [];
      const errs = nonNegative(ru.partition, `${path}.rollingUpdate.partition`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        const p = `${path}.rollingUpdate.maxUnavailable`;
        errs.push(...positiveIntOrPercentErrors(ru.maxUnavailable, p));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(p, ru.maxUnavailable, 'cannot be 0'));
        errs.push(...notMoreThan100PercentErrors(ru.maxUnavailable, p));
      }
      return errs;
    }
    default:
      return [invalid(path, { Type: strategy.type, RollingUpdate: isRecord(strategy.rollingUpdate) ? internalRollingUpdate({ partition: 0, ...strategy.rollingUpdate }) : null }, "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

/** ValidateStatefulSetSpec in the apiserver's order. Pure. */
export function validateStatefulSetSpec(specValue: unknown): FieldError[] {
  const spec: Obj = isRecord(specValue) ? specValue : {};
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  errs.push(...updateStrategyErrors(isRecord(spec.updateStrategy) ? spec.updateStrategy : {}));
  const retention = isRecord(spec.persistentVolumeClaimRetentionPolicy) ? spec.persistentVolumeClaimRetentionPolicy : undefined;
  for (const field of retention ? ['whenDeleted', 'whenScaled'] : []) {
    const v = retention![field];
    if (v !== 'Retain' && v !== 'Delete') errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${field}`, v ?? '', ['Retain', 'Delete']));
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (isRecord(spec.ordinals)) errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  errs.push(...requiredSelectorErrors(spec.selector, 'statefulset'));
  if (isUnparsableSelector(spec.selector)) {
    errs.push(invalid('spec.selector', spec.selector, ''));
  } else {
    const meta = isRecord(spec.template) && isRecord(spec.template.metadata) ? spec.template.metadata : {};
    errs.push(...templateMatchErrors(spec.selector, spec.template));
    errs.push(...validateLabels(templateLabels(spec.template), 'spec.template.labels'));
    errs.push(...validateAnnotations(meta.annotations, 'spec.template.annotations'));
  }
  const restartErrs = alwaysRestartErrors(spec.template, 'StatefulSet');
  return [...errs, ...restartErrs];
}

/** ValidateStatefulSetUpdate: only the mutable fields may change. Pure. */
export function validateStatefulSetUpdate(nextSpec: unknown, prevSpec: unknown): FieldError[] {
  const next: Obj = isRecord(nextSpec) ? { ...nextSpec } : {};
  const prev: Obj = isRecord(prevSpec) ? { ...prevSpec } : {};
  for (const field of MUTABLE_FIELDS) { delete next[field]; delete prev[field]; }
  return stableStringify(next) === stableStringify(prev) ? [] : [forbidden('spec', UPDATE_FORBIDDEN_MSG)];
}

/** How the apiserver treats StatefulSets. */
export const statefulSetStrategy: Strategy = {
  applyDefaults: applyStatefulSetDefaults,
  unknownFields: (obj) => unknownFieldsOf('StatefulSet', obj),
  validate: (obj) => validateStatefulSetSpec(obj.spec),
  validateUpdate: (obj, old) => validateStatefulSetUpdate(obj.spec, old.spec),
  prepareForCreate(obj) {
    obj.status = { availableReplicas: 0, replicas: 0 };
  },
};
