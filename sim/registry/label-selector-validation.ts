// metav1.LabelSelector validation (apimachinery ValidateLabelSelector) and selection semantics
// (LabelSelectorAsSelector: a nil selector selects nothing, an empty one selects everything).
import type { LabelSelector } from '../model/types';
import { forbidden, invalid, required, type FieldError } from '../core/errors';
import { matchesRequirements, requirementsOf } from '../model/labels';
import { labelValueErrors, qualifiedNameErrors, validateLabels } from './object-meta';
import { arrayOf, isRecord } from './field-checks';

/** ValidateLabelSelectorRequirement for one matchExpressions entry. Pure. */
function requirementErrors(expr: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = arrayOf<string>(expr.values);
  switch (expr.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(`${path}.operator`, expr.operator ?? '', 'not a valid selector operator'));
  }
  const key = typeof expr.key === 'string' ? expr.key : '';
  for (const msg of qualifiedNameErrors(key)) errs.push(invalid(`${path}.key`, key, msg));
  values.forEach((v, i) => {
    for (const msg of labelValueErrors(String(v))) errs.push(invalid(`${path}.values[${i}]`, v, msg));
  });
  return errs;
}

/** ValidateLabelSelector at `path` (nothing to check for an absent selector). Pure. */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  if (!isRecord(selector)) return [];
  const errs = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  arrayOf(selector.matchExpressions).forEach((expr, i) => {
    errs.push(...requirementErrors(isRecord(expr) ? expr : {}, `${path}.matchExpressions[${i}]`));
  });
  return errs;
}

/** Whether LabelSelectorAsSelector would fail (bad operator, key or values), which workloads report separately. Pure. */
export function isUnparsableSelector(selector: unknown): boolean {
  return isRecord(selector) && validateLabelSelector(selector, 'x').length > 0;
}

/** Whether a selector has no terms at all (`{}`), which selects everything. Pure. */
export function isEmptySelector(selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  return Object.keys((selector.matchLabels as object) ?? {}).length + arrayOf(selector.matchExpressions).length === 0;
}

/**
 * Whether the selector matches the labels as workload validation checks it: an absent selector matches nothing,
 * an empty one everything. Pure.
 */
export function selectorMatchesLabels(selector: unknown, labels: unknown): boolean {
  if (!isRecord(selector)) return false;
  const labelMap = isRecord(labels) ? (labels as Record<string, string>) : undefined;
  return matchesRequirements(requirementsOf(selector as LabelSelector), labelMap);
}
