// The apiserver's per-kind REST strategies: defaulting, validation, and create/update/delete hooks.
import type { K8sObject, SimTime } from '../model/types';
import type { FieldError } from '../core/errors';
import type { ObjectStore } from '../core/store';
import type { Rng } from '../core/rng';
import type { ServiceAllocators } from './service-allocators';

export interface StrategyContext {
  readonly store: ObjectStore;
  readonly now: SimTime;
  readonly nowEpochMs: number;
  readonly rng: Rng;
  readonly allocators: ServiceAllocators;
  readonly dryRun: boolean;
}

/** How the apiserver treats one kind. Every hook is optional; `obj` is always a private copy it may mutate. */
export interface Strategy {
  /** Applies the API defaults (pkg/apis/.../v1/defaults.go) in place. */
  applyDefaults?(obj: K8sObject): void;
  /** Fields the kind knows, for strict decoding: returns the paths of unknown fields (`spec.prots`). */
  unknownFields?(obj: K8sObject): string[];
  /** Validates the object; on an update `old` is the stored version it replaces. */
  validate?(obj: K8sObject, ctx: StrategyContext, old?: K8sObject): FieldError[];
  validateUpdate?(obj: K8sObject, old: K8sObject, ctx: StrategyContext): FieldError[];
  /** Resets status and allocates (e.g. ClusterIPs) before a create is stored; errors reject the create. */
  prepareForCreate?(obj: K8sObject, ctx: StrategyContext): FieldError[] | void;
  /** Carries over server-owned fields before an update is stored; errors reject the update. */
  prepareForUpdate?(obj: K8sObject, old: K8sObject, ctx: StrategyContext): FieldError[] | void;
  /** Releases what the object held (ClusterIPs, NodePorts) once it is gone. */
  afterDelete?(obj: K8sObject, ctx: StrategyContext): void;
  /**
   * Graceful deletion (rest.RESTGracefulDeleteStrategy): the grace period to apply, or 0 to delete at once.
   * Kinds without it are deleted at once unless they carry finalizers.
   */
  gracePeriodSeconds?(obj: K8sObject, requested: number | undefined): number;
  /** Whether deletion must wait for finalizers (default: metadata.finalizers is non-empty). */
  pendingFinalizers?(obj: K8sObject): boolean;
  /** A Forbidden message if this object may not be deleted (e.g. the `default` namespace). */
  forbidDelete?(obj: K8sObject): string | undefined;
}
