// The controller contract: small, level-triggered reconcile functions woken by watches (controller-runtime style).
import type { K8sObject, Kind, ObjectKey, SimTime } from '../model/types';
import type { ApiClient } from './api-client';
import type { Change, ObjectStore } from './store';
import type { Rng } from './rng';
import type { EventType } from './events';
import type { Runtime } from './runtime';

export interface Watch {
  readonly kind: Kind;
  /** The keys this controller reconciles for a change; by default the changed object's own key. */
  readonly keys?: (change: Change, store: ObjectStore) => Iterable<ObjectKey>;
}

export interface ReconcileContext {
  readonly store: ObjectStore;
  readonly api: ApiClient;
  readonly now: SimTime;
  readonly nowEpochMs: number;
  /** This controller's own random stream. */
  readonly rng: Rng;
  /** The node-side world: container runtimes, the network, simulated apps. */
  readonly runtime: Runtime;
  /** Records an Event as this controller (`host` for node components such as the kubelet). */
  recordEvent(obj: K8sObject, type: EventType, reason: string, message: string, opts?: { host?: string; fieldPath?: string }): void;
}

export type ReconcileResult = void | { readonly requeueAfterMs: number };

export interface Controller {
  /** The component name used in Events and traces (`replicaset-controller`, `kubelet`). */
  readonly name: string;
  readonly watches: readonly Watch[];
  /** Virtual ms from a change to the controller acting on it (informer delivery + queue). */
  readonly latencyMs: number;
  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult;
}

/** A transient failure: the key is retried with exponential back-off in virtual time. */
export class Retryable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Retryable';
  }
}
