// kube-controller-manager's shape: one work queue per controller, fed by watches on the store.
import type { K8sObject, ObjectKey } from '../model/types';
import type { ApiServer } from './api';
import type { Agenda, Clock } from './clock';
import type { Controller, ReconcileContext } from './controller';
import { Retryable } from './controller';
import type { EventRecorder } from './events';
import type { Rng } from './rng';
import type { Runtime } from './runtime';
import type { Change, ObjectStore } from './store';
import { WorkQueue } from './workqueue';

export interface ControllerManagerDeps {
  readonly store: ObjectStore;
  readonly api: ApiServer;
  readonly clock: Clock;
  readonly agenda: Agenda;
  readonly rng: Rng;
  readonly events: EventRecorder;
  readonly runtime: Runtime;
}

interface Running {
  readonly controller: Controller;
  readonly queue: WorkQueue;
  readonly ctx: () => ReconcileContext;
}

/** Runs controllers: routes store changes to their queues and calls `reconcile` for each queued key. */
export class ControllerManager {
  private readonly running: Running[] = [];
  private readonly byKind = new Map<string, { run: Running; keys?: (c: Change, s: ObjectStore) => Iterable<ObjectKey> }[]>();

  constructor(private readonly deps: ControllerManagerDeps) {
    deps.store.watch((change) => this.route(change));
  }

  /** Registers a controller; it starts receiving changes immediately. */
  add(controller: Controller): void {
    const { store, api, clock, agenda, rng, events, runtime } = this.deps;
    const client = api.as(controller.name);
    const stream = rng.fork(controller.name);
    const recordEvent: ReconcileContext['recordEvent'] = (obj: K8sObject, type, reason, message, opts) =>
      events.record({ component: controller.name, host: opts?.host }, obj, type, reason, message, opts?.fieldPath);
    // One context per instant: the reconciles of one drain share it (it holds nothing but the time).
    let current: ReconcileContext | undefined;
    const ctx = (): ReconcileContext => {
      if (current?.now !== clock.now) current = { store, api: client, now: clock.now, nowEpochMs: clock.nowEpochMs, rng: stream, runtime, recordEvent };
      return current;
    };
    const run: Running = {
      controller, ctx,
      queue: new WorkQueue(controller.name, agenda, clock, controller.latencyMs, (key) => this.process(run, key)),
    };
    this.running.push(run);
    for (const watch of controller.watches) {
      let list = this.byKind.get(watch.kind);
      if (!list) { list = []; this.byKind.set(watch.kind, list); }
      list.push({ run, keys: watch.keys });
    }
  }

  /** Queues every existing object of every watched kind for every controller (an informer's initial list). */
  resyncAll(): void {
    const { store } = this.deps;
    for (const [kind, list] of this.byKind) {
      for (const obj of store.list(kind as K8sObject['kind'])) {
        const change: Change = { rv: store.resourceVersion, type: 'ADDED', key: `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, kind: obj.kind, object: obj, previous: undefined };
        for (const { run, keys } of list) for (const key of keys ? keys(change, store) : [change.key]) run.queue.add(key);
      }
    }
  }

  /** Queues `key` on the named controller, e.g. when the node runtime changes outside the API. */
  enqueue(controllerName: string, key: ObjectKey, delayMs = 0): void {
    const run = this.running.find((r) => r.controller.name === controllerName);
    if (!run) throw new Error(`no controller ${controllerName}`);
    if (delayMs > 0) run.queue.addAfter(key, delayMs); else run.queue.add(key);
  }

  private route(change: Change): void {
    const list = this.byKind.get(change.kind);
    if (!list) return;
    for (const { run, keys } of list) {
      if (keys) for (const key of keys(change, this.deps.store)) run.queue.add(key);
      else run.queue.add(change.key);
    }
  }

  private process(run: Running, key: ObjectKey): void {
    try {
      const result = run.controller.reconcile(key, run.ctx());
      run.queue.forget(key);
      if (result && result.requeueAfterMs >= 0) run.queue.addAfter(key, result.requeueAfterMs);
    } catch (err) {
      if (err instanceof Retryable) run.queue.addRateLimited(key);
      else throw err;
    }
  }
}
