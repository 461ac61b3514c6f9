// Validation shared by the apps/v1 workloads (pkg/apis/apps/validation): selector against template labels,
// int-or-percent fields, and the pod template rules of ReplicaSets and Deployments.
import { forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import { isRecord, nonNegative } from './field-checks';
import { isEmptySelector, isUnparsableSelector, selectorMatchesLabels, validateLabelSelector } from './label-selector-validation';
import { validatePodTemplateSpec } from './pod-spec-validation';

type Obj = Record<string, unknown>;

const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** Ensures `spec.template.spec` exists, as the Go struct always does, so template defaults apply. Mutates. */
export function ensureTemplate(spec: Obj): Obj {
  if (!isRecord(spec.template)) spec.template = {};
  const template = spec.template as Obj;
  if (!isRecord(template.spec)) template.spec = {};
  return template;
}

/** A rolling-update struct as the internal apps types marshal it (Go field names, no JSON tags). Pure. */
export function internalRollingUpdate(ru: unknown): Record<string, unknown> | null {
  if (!isRecord(ru)) return null;
  const out: Record<string, unknown> = {};
  if ('partition' in ru) out.Partition = ru.partition ?? 0;
  out.MaxUnavailable = ru.maxUnavailable ?? null;
  if (!('partition' in ru)) out.MaxSurge = ru.maxSurge ?? null;
  return out;
}

/** An update strategy as the internal apps types marshal it. Pure. */
export function internalStrategy(strategy: Record<string, unknown>): Record<string, unknown> {
  return { Type: strategy.type ?? '', RollingUpdate: internalRollingUpdate(strategy.rollingUpdate) };
}

/** The labels of a pod template. Pure. */
export function templateLabels(template: unknown): unknown {
  return isRecord(template) && isRecord(template.metadata) ? template.metadata.labels : undefined;
}

/** ValidatePositiveIntOrPercent. Pure. */
export function positiveIntOrPercentErrors(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string') return /^[0-9]+%$/.test(value) ? [] : [invalid(path, value, PERCENT_MSG)];
  if (typeof value === 'number') return nonNegative(value, path);
  return [];
}

/** getIntOrPercentValue: the number or the percentage, 0 when absent or malformed. Pure. */
export function intOrPercentValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[0-9]+%$/.test(value)) return Number(value.slice(0, -1));
  return 0;
}

/** IsNotMoreThan100Percent. Pure. */
export function notMoreThan100PercentErrors(value: unknown, path: string): FieldError[] {
  return typeof value === 'string' && /^[0-9]+%$/.test(value) && Number(value.slice(0, -1)) > 100
    ? [invalid(path, value, 'must not be greater than 100%')] : [];
}

/** The selector checks of ValidateDeploymentSpec / ValidateReplicaSetSpec / ValidateStatefulSetSpec. Pure. */
export function requiredSelectorErrors(selector: unknown, kindWord: string): FieldError[] {
  if (selector === undefined || selector === null) return [required('spec.selector')];
  const errs = validateLabelSelector(selector, 'spec.selector');
  if (isEmptySelector(selector)) errs.push(invalid('spec.selector', selector, `empty selector is invalid for ${kindWord}`));
  return errs;
}

/** `selector` does not match template `labels`, unless the selector is empty (selects everything). Pure. */
export function templateMatchErrors(selector: unknown, template: unknown): FieldError[] {
  if (isEmptySelector(selector) || selectorMatchesLabels(selector, templateLabels(template))) return [];
  return [invalid('spec.template.metadata.labels', templateLabels(template) ?? null, '`selector` does not match template `labels`')];
}

/** ValidatePodTemplateSpecForReplicaSet: match, full template validation, restartPolicy Always. Pure. */
export function replicaSetTemplateErrors(spec: Obj, kindName: string, storedTemplate?: unknown): FieldError[] {
  if (isUnparsableSelector(spec.selector)) return [invalid('spec.selector', spec.selector, 'invalid label selector')];
  const template = spec.template;
  const errs = templateMatchErrors(spec.selector, template);
  // The stored version's very template object passed these checks when it was stored, and they read nothing
  // else: an update that keeps it (a resize) need not walk the pod spec again.
  if (template !== undefined && template === storedTemplate) return errs;
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  errs.push(...alwaysRestartErrors(template, kindName));
  return errs;
}

/** The template rules every workload shares: restartPolicy Always, no activeDeadlineSeconds. Pure. */
export function alwaysRestartErrors(template: unknown, kindName: string): FieldError[] {
  const podSpec = isRecord(template) && isRecord(template.spec) ? template.spec : {};
  const errs: FieldError[] = [];
  if (podSpec.restartPolicy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', podSpec.restartPolicy ?? '', ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kindName} is not Supported`));
  }
  return errs;
}
