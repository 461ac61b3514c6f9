// Container and pod resource requirements (core validation validateResourceRequirements): resource names, quantity
// values and requests ≤ limits, with the apiserver's messages.
import { invalid, notSupported, required, type FieldError } from '../core/errors';
import { isRecord } from './field-checks';
import { qualifiedNameErrors } from './object-meta';
import { QUANTITY_REGEX_MSG, canonicalQuantity, compareQuantities, parseExactQuantity } from './quantity-canonical';

/** helper.standardResources: names that need no domain prefix. */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
/** helper.IsIntegerResourceName: object counts and extended resources. */
const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const POD_LEVEL_RESOURCES = ['cpu', 'memory'];

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** helper.IsOvercommitAllowed: native resources other than huge pages. */
const overcommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);

type NameCheck = (name: string, path: string) => FieldError[];

/** validateContainerResourceName. Pure. */
const containerResourceName: NameCheck = (name, path) => {
  const errs = qualifiedNameErrors(name).map((m) => invalid(path, name, m));
  if (errs.length > 0) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
    if (!CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && name.startsWith('requests.')) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
};

/** validatePodResourceName: only cpu and memory may be set at pod level. Pure. */
const podResourceName: NameCheck = (name, path) => {
  const errs = qualifiedNameErrors(name).map((m) => invalid(path, name, m));
  if (errs.length > 0) return errs;
  if (!POD_LEVEL_RESOURCES.includes(name)) {
    return [notSupported(path, name, POD_LEVEL_RESOURCES)];
  }
  return [];
};

/** ValidateResourceQuantityValue: non-negative, and whole for integer resources. Pure. */
function quantityErrors(name: string, value: unknown, path: string): FieldError[] {
  const q = parseExactQuantity(value);
  // SIMPLIFIED: a malformed quantity is a 400 decoding error upstream; here it is reported on the field.
  if (!q) return [invalid(path, value ?? null, QUANTITY_REGEX_MSG)];
  const errs: FieldError[] = [];
  if (q.mantissa < 0n) errs.push(invalid(path, canonicalQuantity(q), 'must be greater than or equal to 0'));
  const integerResource = INTEGER_RESOURCES.has(name) || (!isNative(name) && !name.startsWith('requests.'));
  if (integerResource && q.exponent < 0 && q.mantissa % 10n ** BigInt(-q.exponent) !== 0n) errs.push(invalid(path, canonicalQuantity(q), 'must be an integer'));
  return errs;
}

function validateRequirements(resources: unknown, path: string, nameCheck: NameCheck): FieldError[] {
  if (!isRecord(resources)) return [];
  const errs: FieldError[] = [];
  const limits = isRecord(resources.limits) ? resources.limits : {};
  const requests = isRecord(resources.requests) ? resources.requests : {};
  for (const [name, value] of Object.entries(limits)) {
    const p = `${path}.limits[${name}]`;
    errs.push(...nameCheck(name, p), ...quantityErrors(name, value, p));
  }
  for (const [name, value] of Object.entries(requests)) {
    const p = `${path}.requests[${name}]`;
    errs.push(...nameCheck(name, p), ...quantityErrors(name, value, p));
    const req = parseExactQuantity(value);
    const lim = name in limits ? parseExactQuantity(limits[name]) : undefined;
    if (req && lim) {
      const cmp = compareQuantities(req, lim);
      if (cmp !== 0 && !overcommitAllowed(name)) {
        errs.push(invalid(`${path}.requests`, canonicalQuantity(req), `must be equal to ${name} limit of ${canonicalQuantity(lim)}`));
      } else if (cmp > 0) {
        errs.push(invalid(`${path}.requests`, canonicalQuantity(req), `must be less than or equal to ${name} limit of ${canonicalQuantity(lim)}`));
      }
    } else if (!(name in limits) && !overcommitAllowed(name)) {
      errs.push(required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  const names = [...Object.keys(limits), ...Object.keys(requests)];
  if (names.some(isHugePages) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    errs.push({ type: 'FieldValueForbidden', field: path, message: 'Forbidden: HugePages require cpu or memory' });
  }
  return errs;
}

/** ValidateContainerResourceRequirements at `path` (`spec.containers[0].resources`). Pure. */
export function validateContainerResources(resources: unknown, path: string): FieldError[] {
  return validateRequirements(resources, path, containerResourceName);
}

/** validatePodResources (pod-level `spec.resources`, PodLevelResources is beta and on in v1.34). Pure. */
export function validatePodLevelResources(resources: unknown, path: string): FieldError[] {
  if (!isRecord(resources)) return [];
  const errs: FieldError[] = [];
  if (resources.claims !== undefined) {
    errs.push({ type: 'FieldValueForbidden', field: `${path}.claims`, message: 'Forbidden: claims cannot be set for Resources at pod-level' });
  }
  return [...errs, ...validateRequirements(resources, path, podResourceName)];
}
