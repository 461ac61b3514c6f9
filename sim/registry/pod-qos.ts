// A pod's QoS class (pkg/apis/core/helper/qos ComputePodQOS): BestEffort, Burstable or Guaranteed, from the cpu and
// memory requests and limits of all containers and init containers, or from pod-level resources when set.
import { arrayOf, isRecord } from './field-checks';
import { compareQuantities, parseExactQuantity, type ExactQuantity } from './quantity-canonical';

export type QOSClass = 'BestEffort' | 'Burstable' | 'Guaranteed';

const QOS_RESOURCES = ['cpu', 'memory'];

function add(total: Map<string, ExactQuantity>, name: string, q: ExactQuantity): void {
  const prev = total.get(name);
  if (!prev) { total.set(name, q); return; }
  const e = Math.min(prev.exponent, q.exponent);
  const mantissa = prev.mantissa * 10n ** BigInt(prev.exponent - e) + q.mantissa * 10n ** BigInt(q.exponent - e);
  total.set(name, { mantissa, exponent: e, format: prev.format });
}

/** Adds the positive cpu/memory quantities of `list` to `total`; returns the names it found. */
function collect(list: unknown, total: Map<string, ExactQuantity>): Set<string> {
  const found = new Set<string>();
  if (!isRecord(list)) return found;
  for (const [name, value] of Object.entries(list)) {
    if (!QOS_RESOURCES.includes(name)) continue;
    const q = parseExactQuantity(value);
    if (!q || q.mantissa <= 0n) continue;
    found.add(name);
    add(total, name, q);
  }
  return found;
}

/** The QoS class of a pod spec (after requests were defaulted from limits). Pure. */
export function podQOSClass(spec: unknown): QOSClass {
  const s = isRecord(spec) ? spec : {};
  const requests = new Map<string, ExactQuantity>();
  const limits = new Map<string, ExactQuantity>();
  let guaranteed = true;
  const podLevel = isRecord(s.resources) ? s.resources : undefined;
  if (podLevel) {
    collect(podLevel.requests, requests);
    if (isRecord(podLevel.limits) && Object.keys(podLevel.limits).length > 0) {
      const found = collect(podLevel.limits, limits);
      if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
    }
  } else {
    for (const c of [...arrayOf(s.containers), ...arrayOf(s.initContainers)]) {
      const resources = isRecord(c) && isRecord(c.resources) ? c.resources : {};
      collect(resources.requests, requests);
      const found = collect(resources.limits, limits);
      if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantities(lim, req) !== 0) { guaranteed = false; break; }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
