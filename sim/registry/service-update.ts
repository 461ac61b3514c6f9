// What the services strategy does to an update before validating it (patchAllocatedValues, NormalizeClusterIPs,
// dropTypeDependentFields in pkg/registry/core/service/strategy.go) and the update-only checks
// (validateUpgradeDowngradeClusterIPs, healthCheckNodePort immutability).
import { forbidden, invalid, type FieldError } from '../core/errors';
import { stableStringify } from '../core/names';
import { arrayOf, isRecord } from './field-checks';
import { isHeadless } from './service-defaults';

type Obj = Record<string, unknown>;

const same = (a: unknown, b: unknown): boolean => stableStringify(a ?? null) === stableStringify(b ?? null);
const nonEmpty = (v: unknown): boolean => arrayOf(v).length > 0;

/** needsClusterIP: every type but ExternalName holds a cluster IP (or None). Pure. */
export function needsClusterIP(spec: Obj): boolean {
  return spec.type !== 'ExternalName';
}

/** needsNodePort: NodePort, and LoadBalancer unless allocateLoadBalancerNodePorts is false. Pure. */
export function needsNodePort(spec: Obj): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

/** needsHCNodePort: a LoadBalancer with externalTrafficPolicy Local. Pure. */
export function needsHealthCheckNodePort(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

function nodePortsOf(spec: Obj): number[] {
  return arrayOf(spec.ports).map((p) => (isRecord(p) && typeof p.nodePort === 'number' ? p.nodePort : 0)).filter((n) => n > 0);
}

/** patchAllocatedValues: an update that omits clusterIP(s) or nodePorts keeps the allocated ones. Mutates `next`. */
function patchAllocatedValues(next: Obj, prev: Obj): void {
  if (needsClusterIP(prev) && needsClusterIP(next)) {
    if (!next.clusterIP && prev.clusterIP) next.clusterIP = prev.clusterIP;
    if (!nonEmpty(next.clusterIPs) && nonEmpty(prev.clusterIPs)) next.clusterIPs = [...arrayOf(prev.clusterIPs)];
  }
  if (needsNodePort(prev) && needsNodePort(next)) {
    const used = new Set(nodePortsOf(prev).filter((n) => nodePortsOf(next).includes(n)));
    const byName = new Map<unknown, unknown>(arrayOf(prev.ports).map((p) => (isRecord(p) ? [p.name ?? '', p.nodePort] : ['', 0])));
    for (const p of arrayOf(next.ports)) {
      if (!isRecord(p) || p.nodePort) continue;
      const old = byName.get(p.name ?? '');
      if (typeof old === 'number' && old > 0 && !used.has(old)) p.nodePort = old;
    }
  }
  if (needsHealthCheckNodePort(prev) && needsHealthCheckNodePort(next) && !next.healthCheckNodePort) {
    next.healthCheckNodePort = prev.healthCheckNodePort;
  }
}

/** NormalizeClusterIPs for an update: keeps clusterIP and clusterIPs in step. Mutates `next`. */
function normalizeClusterIPs(next: Obj, prev: Obj): void {
  if (nonEmpty(prev.clusterIPs) && !nonEmpty(next.clusterIPs) && prev.clusterIP === next.clusterIP) {
    next.clusterIPs = [...arrayOf(prev.clusterIPs)];
  }
  if ((prev.clusterIP ?? '') === (next.clusterIP ?? '')) return;
  if (prev.clusterIP && !next.clusterIP) {
    if (same(prev.clusterIPs, next.clusterIPs)) delete next.clusterIPs;
  } else if (same(prev.clusterIPs, next.clusterIPs)) {
    next.clusterIPs = [next.clusterIP];
  }
}

/** dropTypeDependentFields: fields a type change makes meaningless, when the user left them as they were. Mutates. */
function dropTypeDependentFields(next: Obj, prev: Obj): void {
  if (needsClusterIP(prev) && !needsClusterIP(next)) {
    if (same(prev.clusterIPs, next.clusterIPs)) { delete next.clusterIP; delete next.clusterIPs; }
    if (same(prev.ipFamilies, next.ipFamilies)) delete next.ipFamilies;
    if (same(prev.ipFamilyPolicy, next.ipFamilyPolicy)) delete next.ipFamilyPolicy;
  }
  // sameNodePorts: the user added no net-new nodePort.
  if (needsNodePort(prev) && !needsNodePort(next) && nodePortsOf(next).every((n) => nodePortsOf(prev).includes(n))) {
    for (const p of arrayOf(next.ports)) if (isRecord(p)) delete p.nodePort;
  }
  if (needsHealthCheckNodePort(prev) && !needsHealthCheckNodePort(next) && prev.healthCheckNodePort === next.healthCheckNodePort) {
    delete next.healthCheckNodePort;
  }
  if (prev.type === 'LoadBalancer' && next.type !== 'LoadBalancer' && next.allocateLoadBalancerNodePorts === prev.allocateLoadBalancerNodePorts) {
    delete next.allocateLoadBalancerNodePorts;
  }
  const externallyNeeded = (s: Obj): boolean => s.type === 'NodePort' || s.type === 'LoadBalancer';
  if (externallyNeeded(prev) && !externallyNeeded(next) && next.externalTrafficPolicy === prev.externalTrafficPolicy) {
    delete next.externalTrafficPolicy;
  }
}

/** The services strategy's PrepareForUpdate munging, applied before validation. Mutates `next`. */
export function prepareServiceSpecForUpdate(next: Obj, prev: Obj): void {
  patchAllocatedValues(next, prev);
  normalizeClusterIPs(next, prev);
  dropTypeDependentFields(next, prev);
}

/** validateUpgradeDowngradeClusterIPs and the healthCheckNodePort rule of ValidateServiceUpdate. Pure. */
export function validateServiceSpecUpdate(next: Obj, prev: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (needsClusterIP(next) && needsClusterIP(prev) && !(isHeadless(prev) && isHeadless(next))) {
    const a = arrayOf<string>(prev.clusterIPs);
    const b = arrayOf<string>(next.clusterIPs);
    if (a.length === b.length) {
      a.forEach((ip, i) => { if (ip !== b[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, b, 'may not change once set')); });
    } else if (a.length > b.length) {
      if (b.length === 0) errs.push(invalid('spec.clusterIPs[0]', b, 'primary clusterIP can not be unset'));
      if (a.length > 0 && b.length > 0 && a[0] !== b[0]) errs.push(invalid('spec.clusterIPs[0]', b, 'may not change once set'));
    } else if (a.length > 0 && a[0] !== b[0]) {
      errs.push(invalid('spec.clusterIPs[0]', b, 'may not change once set'));
    }
  }
  if (needsHealthCheckNodePort(prev) && needsHealthCheckNodePort(next) && next.healthCheckNodePort !== prev.healthCheckNodePort) {
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}
