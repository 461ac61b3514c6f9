// Scheduling fields of a PodSpec (core validation ValidateTolerations, validateAffinity,
// validateTopologySpreadConstraints), with the apiserver's messages.
// SIMPLIFIED: matchLabelKeys, mismatchLabelKeys, minDomains, node inclusion policies and matchFields are not checked.
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import { labelValueErrors, qualifiedNameErrors } from './object-meta';
import { arrayOf, isRecord } from './field-checks';
import { validateLabelSelector } from './label-selector-validation';

type Obj = Record<string, unknown>;

const labelNameErrors = (key: unknown, path: string): FieldError[] =>
  qualifiedNameErrors(String(key ?? '')).map((m) => invalid(path, String(key ?? ''), m));

/** ValidateTolerations. Pure. */
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arrayOf(tolerations).forEach((raw, i) => {
    const t: Obj = isRecord(raw) ? raw : {};
    const at = `${path}[${i}]`;
    const key = typeof t.key === 'string' ? t.key : '';
    const operator = typeof t.operator === 'string' ? t.operator : '';
    const effect = typeof t.effect === 'string' ? t.effect : '';
    const value = typeof t.value === 'string' ? t.value : '';
    if (key) errs.push(...labelNameErrors(key, `${at}.key`));
    if (!key && operator !== 'Exists') {
      errs.push(invalid(`${at}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(invalid(`${at}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = labelValueErrors(value);
      if (msgs.length > 0) errs.push(invalid(`${at}.operator`, value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value) errs.push(invalid(`${at}.operator`, value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(`${at}.operator`, operator, ['Equal', 'Exists']));
    }
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      errs.push(notSupported(`${at}.effect`, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
  });
  return errs;
}

/** ValidateNodeSelectorRequirement. Pure. */
function nodeRequirementErrors(rq: Obj, path: string, checkValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const values = arrayOf<string>(rq.values);
  switch (rq.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt': case 'Lt':
      if (values.length !== 1) errs.push(required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(`${path}.operator`, rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...labelNameErrors(rq.key, `${path}.key`));
  if (checkValues) values.forEach((v, i) => errs.push(...labelValueErrors(String(v)).map((m) => invalid(`${path}.values[${i}]`, v, m))));
  return errs;
}

function nodeTermErrors(term: unknown, path: string, checkValues: boolean): FieldError[] {
  const t: Obj = isRecord(term) ? term : {};
  return arrayOf(t.matchExpressions).flatMap((rq, j) => nodeRequirementErrors(isRecord(rq) ? rq : {}, `${path}.matchExpressions[${j}]`, checkValues));
}

function weightErrors(weight: unknown, path: string): FieldError[] {
  return typeof weight === 'number' && weight > 0 && weight <= 100 ? [] : [invalid(path, weight ?? 0, 'must be in the range 1-100')];
}

function podAffinityTermErrors(term: Obj, path: string): FieldError[] {
  const errs = validateLabelSelector(term.labelSelector, `${path}.labelSelector`);
  if (!term.topologyKey) errs.push(required(`${path}.topologyKey`, 'can not be empty'));
  return [...errs, ...labelNameErrors(term.topologyKey, `${path}.topologyKey`)];
}

function podAffinityErrors(affinity: unknown, path: string): FieldError[] {
  if (!isRecord(affinity)) return [];
  const required_ = arrayOf(affinity.requiredDuringSchedulingIgnoredDuringExecution).flatMap((t, i) =>
    podAffinityTermErrors(isRecord(t) ? t : {}, `${path}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
  const preferred = arrayOf(affinity.preferredDuringSchedulingIgnoredDuringExecution).flatMap((raw, i) => {
    const w: Obj = isRecord(raw) ? raw : {};
    const at = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    return [...weightErrors(w.weight, `${at}.weight`), ...podAffinityTermErrors(isRecord(w.podAffinityTerm) ? w.podAffinityTerm : {}, `${at}.podAffinityTerm`)];
  });
  return [...required_, ...preferred];
}

/** validateAffinity: node affinity terms and weights, pod (anti-)affinity terms. Pure. */
export function validateAffinity(affinity: unknown, path: string): FieldError[] {
  if (!isRecord(affinity)) return [];
  const errs: FieldError[] = [];
  const na = affinity.nodeAffinity;
  if (isRecord(na)) {
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (isRecord(req)) {
      const at = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      const terms = arrayOf(req.nodeSelectorTerms);
      if (terms.length === 0) errs.push(required(at, 'must have at least one node selector term'));
      terms.forEach((t, i) => errs.push(...nodeTermErrors(t, `${at}[${i}]`, true)));
    }
    arrayOf(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, i) => {
      const p: Obj = isRecord(raw) ? raw : {};
      const at = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      errs.push(...weightErrors(p.weight, `${at}.weight`), ...nodeTermErrors(p.preference, `${at}.preference`, false));
    });
  }
  errs.push(...podAffinityErrors(affinity.podAffinity, `${path}.podAffinity`));
  errs.push(...podAffinityErrors(affinity.podAntiAffinity, `${path}.podAntiAffinity`));
  return errs;
}

/** validateTopologySpreadConstraints: maxSkew > 0, a topologyKey, a known action, no repeated pair. Pure. */
export function validateTopologySpread(constraints: unknown, path: string): FieldError[] {
  const list = arrayOf(constraints).map((c) => (isRecord(c) ? c : {}));
  const errs: FieldError[] = [];
  list.forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (typeof c.maxSkew !== 'number' || c.maxSkew <= 0) errs.push(invalid(`${at}.maxSkew`, c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(`${at}.topologyKey`, 'can not be empty'));
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(`${at}.whenUnsatisfiable`, c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(duplicate(`${at}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    errs.push(...validateLabelSelector(c.labelSelector, `${at}.labelSelector`));
  });
  return errs;
}
