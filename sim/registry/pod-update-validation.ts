// What an update through the main pods resource may change (core validation ValidatePodUpdate): images,
// activeDeadlineSeconds (downwards), added tolerations and removed scheduling gates; anything else is Forbidden.
import { forbidden, invalid, required, type FieldError } from '../core/errors';
import { stableStringify } from '../core/names';
import { arrayOf, inclusiveRange, isRecord } from './field-checks';
import { specDiff } from './spec-diff';

type Obj = Record<string, unknown>;

const MAX_INT32 = 2147483647;

/** updatablePodSpecFields, joined as ValidatePodUpdate prints them. */
export const POD_UPDATE_FORBIDDEN_MSG = 'pod updates may not change fields other than '
  + '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,'
  + '`spec.tolerations` (only additions to existing tolerations),'
  + '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Semantic equality treats empty and absent lists alike (apimachinery equality.Semantic). */
function semantic(value: unknown): string {
  return stableStringify(JSON.parse(JSON.stringify(value ?? null), (_k, v) => (Array.isArray(v) && v.length === 0 ? undefined : v)));
}

/** ValidateContainerUpdates: the same number of containers, each with an image; `stop` ends validation. */
function containerUpdateErrors(next: unknown, prev: unknown, path: string): { errors: FieldError[]; stop: boolean } {
  const a = arrayOf(next);
  if (a.length !== arrayOf(prev).length) return { errors: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errors: FieldError[] = [];
  a.forEach((c, i) => {
    const image = isRecord(c) && typeof c.image === 'string' ? c.image : '';
    if (!image) errors.push(required(`${path}[${i}].image`));
    if (image.trim() !== image) errors.push(invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errors, stop: false };
}

/** validateOnlyAddedTolerations: every old toleration survives (tolerationSeconds may change). */
function tolerationErrors(next: unknown, prev: unknown): FieldError[] {
  const added = arrayOf(next).map((t) => stableStringify({ ...(isRecord(t) ? t : {}), tolerationSeconds: null }));
  for (const old of arrayOf(prev)) {
    if (!added.includes(stableStringify({ ...(isRecord(old) ? old : {}), tolerationSeconds: null }))) {
      return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
    }
  }
  return [];
}

/** ValidatePodUpdate (spec part) for a new and an old pod spec. Pure. */
export function validatePodSpecUpdate(nextSpec: unknown, prevSpec: unknown): FieldError[] {
  const next: Obj = isRecord(nextSpec) ? nextSpec : {};
  const prev: Obj = isRecord(prevSpec) ? prevSpec : {};
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers']) {
    const r = containerUpdateErrors(next[list], prev[list], `spec.${list}`);
    errs.push(...r.errors);
    if (r.stop) return errs;
  }
  const nextAds = next.activeDeadlineSeconds;
  const prevAds = prev.activeDeadlineSeconds;
  if (typeof nextAds === 'number') {
    if (nextAds < 0 || nextAds > MAX_INT32) return [...errs, invalid('spec.activeDeadlineSeconds', nextAds, inclusiveRange(0, MAX_INT32))];
    if (typeof prevAds === 'number' && prevAds < nextAds) {
      return [...errs, invalid('spec.activeDeadlineSeconds', nextAds, 'must be less than or equal to previous value')];
    }
  } else if (typeof prevAds === 'number') {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...tolerationErrors(next.tolerations, prev.tolerations));
  if (semantic(next) === semantic(prev)) return errs;
  const munged = clone(next);
  for (const list of ['containers', 'initContainers']) {
    arrayOf(munged[list]).forEach((c, i) => {
      const old = arrayOf(prev[list])[i];
      if (isRecord(c) && isRecord(old)) c.image = old.image;
    });
  }
  for (const field of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (prev[field] === undefined) delete munged[field];
    else munged[field] = clone(prev[field]);
  }
  const prevGrace = prev.terminationGracePeriodSeconds;
  if (typeof prevGrace === 'number' && prevGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = prevGrace;
  if (semantic(munged) !== semantic(prev)) {
    errs.push(forbidden('spec', `${POD_UPDATE_FORBIDDEN_MSG}\n${specDiff('core.PodSpec', prev, munged)}`));
  }
  return errs;
}
