// The daemonsets REST strategy (pkg/registry/apps/daemonset/strategy.go): RollingUpdate 1/0 defaults,
// ValidateDaemonSet, the template generation annotation, and an immutable selector.
import type { K8sObject } from '../model/types';
import { invalid, notSupported, required, type FieldError } from '../core/errors';
import { stableStringify } from '../core/names';
import type { Strategy } from './strategy';
import { immutable, isRecord, nonNegative } from './field-checks';
import { applyPodTemplateDefaults } from './pod-spec-defaults';
import { isEmptySelector, isUnparsableSelector, validateLabelSelector } from './label-selector-validation';
import { validatePodTemplateSpec } from './pod-spec-validation';
import {
  alwaysRestartErrors, ensureTemplate, internalStrategy, intOrPercentValue, notMoreThan100PercentErrors, positiveIntOrPercentErrors,
  templateMatchErrors,
} from './workload-validation';
import { unknownFieldsOf } from './schema/unknown-fields';

type Obj = Record<string, unknown>;

/** Where apps/v1 keeps the internal templateGeneration. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

function specOf(obj: K8sObject): Obj {
  if (!isRecord(obj.spec)) obj.spec = {};
  return obj.spec as Obj;
}

/** SetDefaults_DaemonSet. Mutates. */
export function applyDaemonSetDefaults(obj: K8sObject): void {
  const spec = specOf(obj);
  if (!isRecord(spec.updateStrategy)) spec.updateStrategy = {};
  const strategy = spec.updateStrategy as Obj;
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    if (!isRecord(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    const ru = strategy.rollingUpdate as Obj;
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  applyPodTemplateDefaults(ensureTemplate(spec));
}

/** ValidateDaemonSetUpdateStrategy. Pure. */
function updateStrategyErrors(strategy: Obj): FieldError[] {
  const path = 'spec.updateStrategy';
  if (strategy.type === 'OnDelete') return [];
  if (strategy.type !== 'RollingUpdate') {
    return [notSupported(path, internalStrategy(strategy), ['RollingUpdate', 'OnDelete'])];
  }
  const ru = strategy.rollingUpdate;
  if (!isRecord(ru)) return [required(`${path}.rollingUpdate`)];
  const p = `${path}.rollingUpdate`;
  const errs = [
    ...positiveIntOrPercentErrors(ru.maxUnavailable, `${p}.maxUnavailable`), ...positiveIntOrPercentErrors(ru.maxSurge, `${p}.maxSurge`),
    ...notMoreThan100PercentErrors(ru.maxUnavailable, `${p}.maxUnavailable`), ...notMoreThan100PercentErrors(ru.maxSurge, `${p}.maxSurge`),
  ];
  const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const surge = intOrPercentValue(ru.maxSurge) !== 0;
  if (unavailable && surge) errs.push(invalid(`${p}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errs.push(required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** ValidateDaemonSetSpec in the apiserver's order (no Required for a missing selector: it matches nothing). */
export function validateDaemonSetSpec(specValue: unknown): FieldError[] {
  const spec: Obj = isRecord(specValue) ? specValue : {};
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  if (!isUnparsableSelector(spec.selector)) errs.push(...templateMatchErrors(spec.selector, spec.template));
  if (isEmptySelector(spec.selector)) errs.push(invalid('spec.selector', spec.selector, 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  errs.push(...alwaysRestartErrors(spec.template, 'DaemonSet'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...updateStrategyErrors(isRecord(spec.updateStrategy) ? spec.updateStrategy : {}));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

function templateGeneration(obj: K8sObject): number {
  const n = Number(obj.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

function setTemplateGeneration(obj: K8sObject, generation: number): void {
  obj.metadata.annotations = { ...obj.metadata.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

/** How the apiserver treats DaemonSets. */
export const daemonSetStrategy: Strategy = {
  applyDefaults: applyDaemonSetDefaults,
  unknownFields: (obj) => unknownFieldsOf('DaemonSet', obj),
  validate: (obj) => validateDaemonSetSpec(obj.spec),
  validateUpdate: (obj, old) => immutable(specOf(obj).selector, isRecord(old.spec) ? old.spec.selector : undefined, 'spec.selector'),
  prepareForCreate(obj) {
    obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    setTemplateGeneration(obj, Math.max(1, templateGeneration(obj)));
  },
  prepareForUpdate(obj, old) {
    const changed = stableStringify(specOf(obj).template) !== stableStringify(isRecord(old.spec) ? old.spec.template : undefined);
    setTemplateGeneration(obj, Math.max(1, templateGeneration(old)) + (changed ? 1 : 0));
  },
};
