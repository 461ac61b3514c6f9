// The EndpointSlice controller (pkg/controller/endpointslice, staging/src/k8s.io/endpointslice/reconciler.go):
// keeps a Service's pods in EndpointSlices of at most 100 endpoints, reusing slices it already has.
// SIMPLIFIED: new endpoints are placed in address order (Go pops them from a set in random order); slices of a
// deleted Service are removed here rather than by the garbage collector; Node label changes do not resync.
import type { DeepReadonly, K8sObject, Node, ObjectKey, Pod, Service, Stored } from '../model/types';
import type { Endpoint } from 'kubernetes-types/discovery/v1';
import { objectKey, parseKey } from '../model/keys';
import { Retryable, type Controller, type ReconcileContext, type Watch } from '../core/controller';
import type { Change } from '../core/store';
import { compareStrings, hasSelector, serviceType, shouldStoredPodBeInEndpoints } from '../net/pod-endpoints';
import { storedPodSummary } from '../model/pod-summary';
import { serviceKeyOfSlice, serviceSelectorRequirements, servicesForPodChange } from '../net/service-index';
import { formatTriggerTime, LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker } from '../net/trigger-time';
import {
  byAddress, endpointPortsFor, MANAGED_BY_LABEL, newSlice, ownedBy, podIndependentEndpointPorts, portMapKey, sameEndpoint,
  SERVICE_NAME_LABEL, SLICE_CONTROLLER_NAME, sliceLabels, storedEndpointIdentity, storedPodEndpoint, type Slice,
} from '../net/endpoint-slice-model';
import { deepEqual } from '../core/equal';
import { sortInPlace } from '../core/sort';

type Svc = DeepReadonly<Stored<Service>>;

export interface SlicePlan {
  readonly create: Slice[];
  readonly update: Slice[];
  readonly delete: Slice[];
  /** Nodes named by pods that do not exist (those pods are left out and the Service retried). */
  readonly missingNodes: string[];
}

/**
 * Reconciler.Reconcile for IPv4: which slices to create, update and delete so that `existing` holds exactly the
 * endpoints of `pods`, keeping endpoints where they are, filling slices that changed anyway, then the unchanged
 * slice that ends up fullest, and creating new slices only for the rest. Pure.
 */
export function slicesFor(service: Svc, pods: readonly DeepReadonly<Stored<Pod>>[], existing: readonly Slice[],
  nodeOf: (name: string) => DeepReadonly<Stored<Node>> | undefined, maxEndpointsPerSlice = 100): SlicePlan {
  const create: Slice[] = [], update: Slice[] = [], remove: Slice[] = [], missingNodes: string[] = [];
  const sorted = sortInPlace([...existing], (a, b) => compareStrings(a.metadata.name, b.metadata.name));
  const byPorts = new Map<string, Slice[]>();
  for (const slice of sorted) {
    if (slice.addressType !== 'IPv4' || !ownedBy(slice, service)) { remove.push(slice); continue; }
    const key = portMapKey(slice.ports);
    byPorts.set(key, [...(byPorts.get(key) ?? []), slice]);
  }
  const desired = new Map<string, { ports: ReturnType<typeof endpointPortsFor>; endpoints: Map<string, Endpoint> }>();
  const sharedPorts = podIndependentEndpointPorts(service);
  const sharedKey = sharedPorts && portMapKey(sharedPorts);
  for (const pod of pods) {
    if (!shouldStoredPodBeInEndpoints(pod, true)) continue;
    const ports = sharedPorts ?? endpointPortsFor(service, pod);
    const key = sharedKey ?? portMapKey(ports);
    let group = desired.get(key);
    if (!group) { group = { ports, endpoints: new Map() }; desired.set(key, group); }
    const nodeName = storedPodSummary(pod).nodeName;
    const node = nodeName ? nodeOf(nodeName) : undefined;
    if (!node && service.spec?.publishNotReadyAddresses !== true) { missingNodes.push(nodeName); continue; }
    const ep = storedPodEndpoint(pod, node, service);
    if (ep.addresses.length > 0) group.endpoints.set(storedEndpointIdentity(ep), ep);
  }
  for (const key of sortInPlace([...desired.keys()], compareStrings)) {
    const group = desired.get(key)!;
    const plan = planPortGroup(service, byPorts.get(key) ?? [], group.endpoints, group.ports, maxEndpointsPerSlice);
    create.push(...plan.create); update.push(...plan.update); remove.push(...plan.delete);
  }
  for (const [key, slices] of byPorts) if (!desired.has(key)) remove.push(...slices);
  if (sorted.length === remove.length && create.length === 0) {
    const placeholder = newSlice(service, null, null);
    if (remove.length === 1 && isPlaceholderFor(remove[0], placeholder)) remove.length = 0; else create.push(placeholder);
  }
  for (let i = 0; i < remove.length && create.length > 0;) {
    if (remove[i].addressType === 'IPv4' && ownedBy(remove[i], service)) {
      const slice = create.pop()!;
      update.push({ ...slice, metadata: { ...remove[i].metadata, labels: slice.metadata.labels } } as Slice);
      remove.splice(i, 1);
    } else i++;
  }
  return { create, update, delete: remove, missingNodes };
}

function planPortGroup(service: Svc, existing: readonly Slice[], desired: Map<string, Endpoint>, ports: Slice['ports'],
  max: number): { create: Slice[]; update: Slice[]; delete: Slice[] } {
  const byName = new Map<string, Slice>();
  const unchanged: string[] = [], toUpdate: string[] = [], toDelete: string[] = [];
  const labels = sliceLabels(service);
  for (const slice of existing) {
    byName.set(slice.metadata.name, slice);
    const kept: Endpoint[] = [];
    let changed = false;
    for (const ep of slice.endpoints ?? []) {
      const id = storedEndpointIdentity(ep);
      const got = desired.get(id);
      if (!got) continue;
      // An endpoint that has not changed at all stays the stored object, shared with the slice's next version.
      kept.push(got === ep || deepEqual(got, ep) ? ep as Endpoint : got);
      if (got !== ep && !sameEndpoint(got, ep)) changed = true;
      desired.delete(id);
    }
    const labelsChanged = !deepEqual(slice.metadata.labels ?? {}, labels);
    if (changed || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) { toDelete.push(slice.metadata.name); continue; }
      byName.set(slice.metadata.name, withEndpoints(slice, kept, labels));
      toUpdate.push(slice.metadata.name);
    } else if (labelsChanged) {
      byName.set(slice.metadata.name, withEndpoints(slice, [...(slice.endpoints ?? [])], labels));
      toUpdate.push(slice.metadata.name);
    } else unchanged.push(slice.metadata.name);
  }
  const queue = sortInPlace([...desired.values()], byAddress);
  const fill = sortInPlace(toUpdate.map((n) => byName.get(n)!), (a, b) => b.endpoints!.length - a.endpoints!.length);
  for (const slice of fill) while (queue.length > 0 && slice.endpoints!.length < max) slice.endpoints!.push(queue.shift()!);
  const create: Slice[] = [];
  while (queue.length > 0) {
    let target: Slice | undefined;
    if (queue.length < max && unchanged.length > 0) {
      let closest = max;
      for (const name of unchanged) {
        const diff = max - (queue.length + (byName.get(name)!.endpoints ?? []).length);
        if (diff >= 0 && diff < closest) { closest = diff; target = byName.get(name); if (diff === 0) break; }
      }
    }
    if (target) {
      target = withEndpoints(target, [...(target.endpoints ?? [])], labels);
      byName.set(target.metadata.name, target);
      toUpdate.push(target.metadata.name);
      unchanged.splice(unchanged.indexOf(target.metadata.name), 1);
    } else {
      target = newSlice(service, ports && ports.length > 0 ? [...ports] : null, []);
      create.push(target);
    }
    while (queue.length > 0 && target.endpoints!.length < max) target.endpoints!.push(queue.shift()!);
  }
  return { create, update: toUpdate.map((n) => byName.get(n)!), delete: toDelete.map((n) => byName.get(n)!) };
}

function withEndpoints(slice: Slice, endpoints: Endpoint[], labels: Record<string, string>): Slice {
  return { ...slice, metadata: { ...slice.metadata, labels }, endpoints } as Slice;
}

function isPlaceholderFor(slice: Slice, placeholder: Slice): boolean {
  return (slice.endpoints ?? []).length === 0 && (slice.ports ?? []).length === 0
    && slice.metadata.namespace === placeholder.metadata.namespace
    && deepEqual(slice.metadata.labels ?? {}, placeholder.metadata.labels)
    && deepEqual(slice.metadata.ownerReferences ?? [], placeholder.metadata.ownerReferences);
}

/** Reconciles a Service's EndpointSlices. */
export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  readonly latencyMs: number;
  readonly watches: readonly Watch[] = [
    { kind: 'Service' },
    { kind: 'Pod', keys: servicesForPodChange },
    { kind: 'EndpointSlice', keys: (c) => this.sliceChangeKeys(c) },
  ];
  private readonly triggers = new TriggerTimeTracker();
  /** True while this controller writes: changes it causes do not wake it again (the EndpointSliceTracker's job). */
  private writing = false;
  private readonly maxEndpointsPerSlice: number;
  private readonly nodeKeys = new Map<string, ObjectKey>();

  constructor(opts: { latencyMs?: number; maxEndpointsPerSlice?: number } = {}) {
    this.latencyMs = opts.latencyMs ?? 15;
    this.maxEndpointsPerSlice = opts.maxEndpointsPerSlice ?? 100;
  }

  reconcile(key: ObjectKey, ctx: ReconcileContext): void {
    const { namespace, name } = parseKey(key);
    const service = ctx.store.get(key) as Svc | undefined;
    const existing = ctx.store.select<Slice>('EndpointSlice', namespace, [{ key: SERVICE_NAME_LABEL, operator: '=', values: [name] }])
      .filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === SLICE_CONTROLLER_NAME);
    if (!service) {
      this.writing = true;
      try {
        for (const slice of existing) ctx.api.delete('EndpointSlice', slice.metadata.namespace, slice.metadata.name);
      } finally {
        this.writing = false;
      }
      this.triggers.delete(key);
      return;
    }
    if (serviceType(service) === 'ExternalName' || !hasSelector(service)) return;
    const pods = ctx.store.select<K8sObject & DeepReadonly<Stored<Pod>>>('Pod', namespace, serviceSelectorRequirements(service));
    const triggerTime = this.triggers.compute(key, service, pods);
    const plan = slicesFor(service, pods, existing, (n) => ctx.store.get(this.nodeKey(n)) as DeepReadonly<Stored<Node>> | undefined,
      this.maxEndpointsPerSlice);
    this.writing = true;
    try {
      if (!service.metadata.deletionTimestamp) for (const slice of plan.create) this.write(ctx, slice, triggerTime, true);
      for (const slice of plan.update) this.write(ctx, slice, triggerTime, false);
      for (const slice of plan.delete) ctx.api.delete('EndpointSlice', slice.metadata.namespace, slice.metadata.name);
    } finally {
      this.writing = false;
    }
    if (plan.missingNodes.length > 0) throw new Retryable(`skipping pods of ${key}: node ${plan.missingNodes[0]} not found`);
  }

  private write(ctx: ReconcileContext, slice: Slice, triggerTime: number | undefined, isNew: boolean): void {
    const annotations: Record<string, string> = { ...(slice.metadata.annotations ?? {}) };
    if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(triggerTime);
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    const endpoints = slice.endpoints && slice.endpoints.length > 0 ? slice.endpoints : null;
    const ports = slice.ports && slice.ports.length > 0 ? slice.ports : null;
    const obj = { ...slice, metadata: { ...slice.metadata, annotations }, endpoints, ports } as unknown as K8sObject;
    if (isNew) ctx.api.create(obj, { handOver: true }); else ctx.api.update(obj, { handOver: true });
  }

  /** The store key of a node, built once per name. */
  private nodeKey(name: string): ObjectKey {
    let key = this.nodeKeys.get(name);
    if (key === undefined) { key = objectKey('Node', undefined, name); this.nodeKeys.set(name, key); }
    return key;
  }

  private sliceChangeKeys(change: Change): ObjectKey[] {
    if (this.writing || change.object.metadata.labels?.[MANAGED_BY_LABEL] !== SLICE_CONTROLLER_NAME) return [];
    const svc = serviceKeyOfSlice(change.object);
    return svc ? [svc] : [];
  }
}
