// ClusterIP and NodePort allocation for Services (pkg/registry/core/service/storage/alloc.go: allocateCreate,
// allocateUpdate, releaseForDelete), transactional: a failed allocation gives back what it took.
import { invalid, type FieldError } from '../core/errors';
import type { ServiceAllocators } from './service-allocators';
import { arrayOf, isRecord } from './field-checks';
import { isHeadless } from './service-defaults';
import { needsClusterIP, needsHealthCheckNodePort, needsNodePort } from './service-update';

type Obj = Record<string, unknown>;

/** What one allocation step took, so it can be given back. */
class Txn {
  private readonly ips: string[] = [];
  private readonly ports: number[] = [];

  constructor(private readonly alloc: ServiceAllocators, private readonly dryRun: boolean) {}

  ip(requested: string | undefined): { ok: true; value: string } | { ok: false; error: string } {
    const res = requested ? this.alloc.clusterIPs.allocate(requested, this.dryRun) : this.alloc.clusterIPs.allocateNext(this.dryRun);
    if (res.ok && !this.dryRun) this.ips.push(res.value);
    return res;
  }

  port(requested: number | undefined): { ok: true; value: number } | { ok: false; error: string } {
    const res = requested ? this.alloc.nodePorts.allocate(requested, this.dryRun) : this.alloc.nodePorts.allocateNext(this.dryRun);
    if (!res.ok) return res;
    const value = Number(res.value);
    if (!this.dryRun) this.ports.push(value);
    return { ok: true, value };
  }

  revert(): void {
    for (const ip of this.ips) this.alloc.clusterIPs.release(ip);
    for (const port of this.ports) this.alloc.nodePorts.release(port);
  }
}

/** txnAllocClusterIPs: the requested IP or a random free one; nothing for headless and ExternalName Services. */
function allocClusterIP(spec: Obj, txn: Txn): FieldError[] {
  if (!needsClusterIP(spec) || isHeadless(spec)) return [];
  const requested = arrayOf<string>(spec.clusterIPs)[0];
  const res = txn.ip(requested);
  if (!res.ok) {
    // SIMPLIFIED: a full range is a 500 InternalError upstream; here it is reported on the field.
    return [invalid('spec.clusterIPs', arrayOf(spec.clusterIPs), res.error)];
  }
  spec.clusterIP = res.value;
  spec.clusterIPs = [res.value];
  return [];
}

/**
 * initNodePorts / updateNodePorts: requested nodePorts are reserved, missing ones drawn at random (ports sharing a
 * port number share a nodePort); `keep` are ports the Service already holds.
 */
function allocNodePorts(spec: Obj, txn: Txn, keep: readonly number[]): FieldError[] {
  const byPort = new Map<unknown, number>();
  const taken = new Set<number>(keep);
  const ports = arrayOf(spec.ports);
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i];
    if (!isRecord(p)) continue;
    const requested = typeof p.nodePort === 'number' && p.nodePort > 0 ? p.nodePort : undefined;
    if (!requested && !needsNodePort(spec)) continue;
    if (!requested && byPort.has(p.port)) { p.nodePort = byPort.get(p.port); continue; }
    if (requested && taken.has(requested)) { byPort.set(p.port, requested); continue; }
    const res = txn.port(requested);
    if (!res.ok) {
      if (!requested) return [invalid(`spec.ports[${i}].nodePort`, 0, `failed to allocate a nodePort: ${res.error}`)];
      return [invalid(`spec.ports[${i}].nodePort`, requested, res.error)];
    }
    p.nodePort = res.value;
    taken.add(res.value);
    byPort.set(p.port, res.value);
  }
  return [];
}

function allocHealthCheckNodePort(spec: Obj, txn: Txn, keep: number | undefined): FieldError[] {
  if (!needsHealthCheckNodePort(spec)) return [];
  const requested = typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort > 0 ? spec.healthCheckNodePort : undefined;
  if (requested !== undefined && requested === keep) return [];
  const res = txn.port(requested);
  if (!res.ok) return [invalid('spec.healthCheckNodePort', requested ?? 0, res.error)];
  spec.healthCheckNodePort = res.value;
  return [];
}

/** allocateCreate: cluster IP, node ports and health-check port for a new Service. Mutates `spec`. */
export function allocateForCreate(spec: Obj, alloc: ServiceAllocators, dryRun: boolean): FieldError[] {
  const txn = new Txn(alloc, dryRun);
  const errs = [...allocClusterIP(spec, txn)];
  if (errs.length === 0) errs.push(...allocNodePorts(spec, txn, []));
  if (errs.length === 0) errs.push(...allocHealthCheckNodePort(spec, txn, undefined));
  if (errs.length > 0) txn.revert();
  return errs;
}

function nodePortsOf(spec: Obj): number[] {
  return arrayOf(spec.ports).map((p) => (isRecord(p) && typeof p.nodePort === 'number' ? p.nodePort : 0)).filter((n) => n > 0);
}

function clusterIPOf(spec: Obj): string | undefined {
  const ip = arrayOf<string>(spec.clusterIPs)[0];
  return needsClusterIP(spec) && ip && ip !== 'None' ? ip : undefined;
}

/** allocateUpdate: allocates what the new spec needs and releases what it no longer holds. Mutates `next`. */
export function allocateForUpdate(next: Obj, prev: Obj, alloc: ServiceAllocators, dryRun: boolean): FieldError[] {
  const txn = new Txn(alloc, dryRun);
  const prevIP = clusterIPOf(prev);
  const errs: FieldError[] = [];
  if (!prevIP && needsClusterIP(next)) errs.push(...allocClusterIP(next, txn));
  if (errs.length === 0) errs.push(...allocNodePorts(next, txn, nodePortsOf(prev)));
  const prevHC = typeof prev.healthCheckNodePort === 'number' ? prev.healthCheckNodePort : undefined;
  if (errs.length === 0) errs.push(...allocHealthCheckNodePort(next, txn, prevHC));
  if (errs.length > 0) { txn.revert(); return errs; }
  if (dryRun) return [];
  if (prevIP && clusterIPOf(next) !== prevIP) alloc.clusterIPs.release(prevIP);
  const kept = new Set(nodePortsOf(next));
  if (typeof next.healthCheckNodePort === 'number') kept.add(next.healthCheckNodePort);
  for (const port of [...nodePortsOf(prev), ...(prevHC ? [prevHC] : [])]) if (!kept.has(port)) alloc.nodePorts.release(port);
  return [];
}

/** releaseForDelete: gives back the Service's cluster IP, node ports and health-check port. */
export function releaseServiceAllocations(spec: Obj, alloc: ServiceAllocators): void {
  const ip = clusterIPOf(spec);
  if (ip) alloc.clusterIPs.release(ip);
  for (const port of nodePortsOf(spec)) alloc.nodePorts.release(port);
  if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort > 0) alloc.nodePorts.release(spec.healthCheckNodePort);
}
