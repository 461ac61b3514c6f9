// kube-apiserver's write path, the only writer of the store: decode → default → validate → admit → store.
import type { K8sObject, Kind, Mutable, ObjectKey, ObjectMeta } from '../model/types';
import { objectKey, keyOf } from '../model/keys';
import { resourceFor, resourceGroupName } from '../model/resources';
import { formatTimestamp } from '../model/time';
import type { Clock } from './clock';
import type { Rng } from './rng';
import type { ObjectStore } from './store';
import type { TraceSink } from './trace';
import { generateName, newUid } from './names';
import { deepEqual } from './equal';
import {
  alreadyExistsStatus, badRequestStatus, conflictStatus, forbiddenStatus, invalidStatus, notFoundStatus,
  required, type ApiStatus, type FieldError,
} from './errors';
import type { Strategy, StrategyContext } from '../registry/strategy';
import type { ServiceAllocators } from '../registry/service-allocators';
import { validateObjectMeta } from '../registry/object-meta';
import { clone } from './clone';
import { ApiClient } from './api-client';
import { cannotDecode, strictDecodingError } from './api-decode';
import { decodeErrorOf } from '../registry/schema/decode-types';

export type ApiResult<T = K8sObject> = { ok: true; object: T } | { ok: false; status: ApiStatus };

export interface WriteOptions {
  readonly dryRun?: boolean;
  /**
   * fieldValidation: `Strict` rejects unknown fields (what kubectl asks for); controllers write without it, as
   * their typed clients cannot send unknown fields anyway.
   */
  readonly fieldValidation?: 'Strict' | 'Ignore';
  /**
   * The caller hands the object over and keeps no reference to it, so the apiserver need not copy it. Its
   * top level and metadata must be the caller's own; deeper parts may be shared with stored objects.
   */
  readonly handOver?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  /** Overrides the object's grace period (pods); 0 with `force` removes at once. */
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Only delete if the stored object still has this uid. */
  readonly uid?: string;
}

export interface ApiServerDeps {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly allocators: ServiceAllocators;
  readonly strategies: Partial<Record<Kind, Strategy>>;
  readonly trace?: TraceSink;
}

/** The simulated kube-apiserver. Callers write through an `ApiClient` (api-client.ts) that names them in the trace. */
export class ApiServer {
  constructor(private readonly deps: ApiServerDeps) {}

  /** A client whose writes are attributed to `actor` (`kubectl`, `replicaset-controller`, `kubelet`). */
  as(actor: string, defaults: WriteOptions = {}): ApiClient {
    return new ApiClient(this, actor, defaults);
  }

  private ctx(dryRun: boolean): StrategyContext {
    const { store, clock, rng, allocators } = this.deps;
    return { store, now: clock.now, nowEpochMs: clock.nowEpochMs, rng, allocators, dryRun };
  }

  private strategy(kind: Kind): Strategy {
    return this.deps.strategies[kind] ?? {};
  }

  create(actor: string, input: K8sObject, opts: WriteOptions = {}): ApiResult {
    const { store, clock, rng } = this.deps;
    const info = resourceFor(input.kind);
    const obj = opts.handOver ? input : clone(input);
    obj.apiVersion = input.apiVersion;
    obj.metadata = obj.metadata ?? ({} as K8sObject['metadata']);
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    const strategy = this.strategy(obj.kind);
    const ctx = this.ctx(opts.dryRun ?? false);

    const decodeError = opts.fieldValidation === 'Strict' ? decodeErrorOf(obj.kind, obj) : undefined;
    if (decodeError) return { ok: false, status: cannotDecode(obj, decodeError) };
    const unknown = opts.fieldValidation === 'Strict' ? strategy.unknownFields?.(obj) ?? [] : [];
    if (unknown.length > 0) return { ok: false, status: strictDecodingError(obj, unknown) };

    if (!obj.metadata.name && obj.metadata.generateName) {
      for (let attempt = 0; attempt < 8; attempt++) {
        const name = generateName(obj.metadata.generateName, rng);
        if (!store.get(objectKey(obj.kind, obj.metadata.namespace, name))) { obj.metadata.name = name; break; }
      }
    }
    if (!obj.metadata.name) {
      return { ok: false, status: invalidStatus(obj.kind, info.group, '', [required('metadata.name', 'name or generateName is required')]) };
    }
    strategy.applyDefaults?.(obj);

    if (info.namespaced) {
      const ns = store.get(namespaceKey(obj.metadata.namespace!));
      if (!ns) return { ok: false, status: notFoundStatus('namespaces', obj.metadata.namespace!) };
      if (ns.metadata.deletionTimestamp) {
        return { ok: false, status: forbiddenStatus(`${resourceGroupName(info)} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${obj.metadata.namespace} because it is being terminated`) };
      }
    }
    const errors: FieldError[] = [...validateObjectMeta(obj, info), ...(strategy.validate?.(obj, ctx) ?? [])];
    if (errors.length > 0) return { ok: false, status: invalidStatus(obj.kind, info.group, obj.metadata.name, errors) };
    const key = keyOf(obj);
    if (store.get(key)) return { ok: false, status: alreadyExistsStatus(resourceGroupName(info), obj.metadata.name) };

    const prepErrors = strategy.prepareForCreate?.(obj, ctx) ?? [];
    if (prepErrors.length > 0) return { ok: false, status: invalidStatus(obj.kind, info.group, obj.metadata.name, prepErrors) };

    const meta = obj.metadata as Mutable<ObjectMeta>;
    meta.uid = newUid(rng);
    meta.creationTimestamp = formatTimestamp(clock.nowEpochMs);
    if (info.tracksGeneration) meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (opts.dryRun) return { ok: true, object: obj };
    meta.resourceVersion = String(store.nextResourceVersion());
    store.put(obj, key);
    this.trace(actor, 'create', key);
    return { ok: true, object: obj };
  }

  /** Replaces an object's spec and metadata; status is kept for kinds with a status subresource. */
  update(actor: string, input: K8sObject, opts: WriteOptions = {}): ApiResult {
    const { store } = this.deps;
    const info = resourceFor(input.kind);
    const obj = opts.handOver ? input : clone(input);
    obj.apiVersion = input.apiVersion;
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    const key = keyOf(obj);
    const old = store.get(key);
    if (!old) return { ok: false, status: notFoundStatus(resourceGroupName(info), obj.metadata.name) };
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) {
      return { ok: false, status: conflictStatus(resourceGroupName(info), obj.metadata.name) };
    }
    const strategy = this.strategy(obj.kind);
    const ctx = this.ctx(opts.dryRun ?? false);
    const decodeError = opts.fieldValidation === 'Strict' ? decodeErrorOf(obj.kind, obj) : undefined;
    if (decodeError) return { ok: false, status: cannotDecode(obj, decodeError) };
    const unknown = opts.fieldValidation === 'Strict' ? strategy.unknownFields?.(obj) ?? [] : [];
    if (unknown.length > 0) return { ok: false, status: strictDecodingError(obj, unknown) };
    strategy.applyDefaults?.(obj);

    const meta = obj.metadata as Mutable<ObjectMeta>;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (info.hasStatus) {
      if (old.status === undefined) delete obj.status; else obj.status = old.status;
    }
    const errors: FieldError[] = [
      ...validateObjectMeta(obj, info),
      ...(strategy.validate?.(obj, ctx, old) ?? []),
      ...(strategy.validateUpdate?.(obj, old, ctx) ?? []),
    ];
    if (errors.length > 0) return { ok: false, status: invalidStatus(obj.kind, info.group, obj.metadata.name, errors) };
    const prepErrors = strategy.prepareForUpdate?.(obj, old, ctx) ?? [];
    if (prepErrors.length > 0) return { ok: false, status: invalidStatus(obj.kind, info.group, obj.metadata.name, prepErrors) };

    if (info.tracksGeneration) {
      const specChanged = !deepEqual(obj.spec, old.spec);
      meta.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    meta.resourceVersion = old.metadata.resourceVersion;
    if (deepEqual(obj, old)) return { ok: true, object: old };
    if (opts.dryRun) return { ok: true, object: obj };
    if (obj.metadata.deletionTimestamp && !hasPendingFinalizers(strategy, obj) && !strategy.gracePeriodSeconds) {
      return this.finalize(actor, old);
    }
    meta.resourceVersion = String(store.nextResourceVersion());
    store.put(obj);
    this.trace(actor, 'update', key);
    return { ok: true, object: obj };
  }

  /** Replaces only the status (the /status subresource). `status` is taken over without copying. */
  updateStatus(actor: string, kind: Kind, namespace: string | undefined, name: string, status: unknown,
    expectedUid?: string, annotations?: Readonly<Record<string, string>>): ApiResult {
    const { store } = this.deps;
    const info = resourceFor(kind);
    const key = objectKey(kind, info.namespaced ? namespace : undefined, name);
    const old = store.get(key);
    if (!old || (expectedUid !== undefined && old.metadata.uid !== expectedUid)) {
      return { ok: false, status: notFoundStatus(resourceGroupName(info), name) };
    }
    const sameAnnotations = annotations === undefined || deepEqual(old.metadata.annotations ?? {}, annotations);
    if (deepEqual(old.status, status) && sameAnnotations) return { ok: true, object: old };
    // Like the Deployment status strategy, a status write may carry metadata.annotations along.
    const metadata = { ...old.metadata, resourceVersion: String(store.nextResourceVersion()) };
    if (!sameAnnotations) metadata.annotations = { ...annotations };
    const obj = { ...old, status, metadata } as K8sObject;
    store.put(obj);
    this.trace(actor, 'update-status', key);
    return { ok: true, object: obj };
  }

  /** The pods/binding subresource: sets spec.nodeName once and marks PodScheduled True, as the registry does. */
  bind(actor: string, namespace: string, name: string, nodeName: string, expectedUid?: string): ApiResult {
    const { store, clock } = this.deps;
    const key = objectKey('Pod', namespace, name);
    const old = store.get(key) as (K8sObject & { spec?: { nodeName?: string }; status?: { conditions?: { type: string }[] } }) | undefined;
    if (!old || (expectedUid !== undefined && old.metadata.uid !== expectedUid)) return { ok: false, status: notFoundStatus('pods', name) };
    if (old.spec?.nodeName) {
      return { ok: false, status: { ...conflictStatus('pods', name), message: `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${old.spec.nodeName}"` } };
    }
    if (old.metadata.deletionTimestamp) {
      return { ok: false, status: { ...conflictStatus('pods', name), message: `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host` } };
    }
    const conditions = (old.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: formatTimestamp(clock.nowEpochMs) } as { type: string });
    const obj = {
      ...old,
      spec: { ...old.spec, nodeName },
      status: { ...old.status, conditions },
      metadata: { ...old.metadata, resourceVersion: String(store.nextResourceVersion()) },
    } as K8sObject;
    store.put(obj);
    this.trace(actor, 'bind', key, nodeName);
    return { ok: true, object: obj };
  }

  delete(actor: string, kind: Kind, namespace: string | undefined, name: string, opts: DeleteOptions = {}): ApiResult {
    const { store } = this.deps;
    const info = resourceFor(kind);
    const key = objectKey(kind, info.namespaced ? namespace || 'default' : undefined, name);
    const old = store.get(key);
    if (!old || (opts.uid !== undefined && old.metadata.uid !== opts.uid)) {
      return { ok: false, status: notFoundStatus(resourceGroupName(info), name) };
    }
    const strategy = this.strategy(kind);
    const forbidden = strategy.forbidDelete?.(old);
    if (forbidden) return { ok: false, status: forbiddenStatus(`${resourceGroupName(info)} "${name}" is forbidden: ${forbidden}`) };
    if (opts.dryRun) return { ok: true, object: old };
    if (opts.propagationPolicy === 'Orphan') this.orphanDependents(actor, old);

    const grace = strategy.gracePeriodSeconds?.(old, opts.gracePeriodSeconds) ?? 0;
    if (grace > 0 || hasPendingFinalizers(strategy, old)) {
      const { clock } = this.deps;
      const prevGrace = old.metadata.deletionGracePeriodSeconds;
      if (old.metadata.deletionTimestamp && (prevGrace === undefined || prevGrace === null || grace >= prevGrace)) {
        return { ok: true, object: old };
      }
      const metadata = {
        ...old.metadata,
        deletionTimestamp: formatTimestamp(clock.nowEpochMs + grace * 1000),
        deletionGracePeriodSeconds: grace,
        resourceVersion: String(store.nextResourceVersion()),
      };
      const obj = { ...old, metadata } as K8sObject;
      store.put(obj);
      this.trace(actor, 'delete', key, `grace=${grace}s`);
      return { ok: true, object: obj };
    }
    return this.finalize(actor, old, key);
  }

  private finalize(actor: string, old: K8sObject, key: ObjectKey = keyOf(old)): ApiResult {
    this.deps.store.remove(key);
    const strategy = this.strategy(old.kind);
    if (strategy.afterDelete) strategy.afterDelete(old, this.ctx(false));
    this.trace(actor, 'remove', key);
    return { ok: true, object: old };
  }

  private orphanDependents(actor: string, owner: K8sObject): void {
    for (const dep of this.deps.store.ownedBy(owner.metadata.uid!)) {
      const ownerReferences = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      this.update(actor, { ...dep, metadata: { ...dep.metadata, ownerReferences } } as K8sObject);
    }
  }

  private trace(actor: string, verb: string, key: ObjectKey, detail?: string): void {
    this.deps.trace?.record({ at: this.deps.clock.now, type: 'write', actor, verb, key, detail });
  }
}

/** Namespace keys by name: every namespaced create looks its namespace up. */
const namespaceKeys = new Map<string, ObjectKey>();

function namespaceKey(name: string): ObjectKey {
  let key = namespaceKeys.get(name);
  if (key === undefined) {
    key = objectKey('Namespace', undefined, name);
    if (namespaceKeys.size >= 1_024) namespaceKeys.clear();
    namespaceKeys.set(name, key);
  }
  return key;
}

function hasPendingFinalizers(strategy: Strategy, obj: K8sObject): boolean {
  return strategy.pendingFinalizers ? strategy.pendingFinalizers(obj) : (obj.metadata.finalizers?.length ?? 0) > 0;
}

