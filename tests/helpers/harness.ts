// A bare control plane for unit tests: store, apiserver, events, runtime and a ReconcileContext per controller,
// with no controllers running unless a test adds them.
import type { K8sObject } from '../../sim/model/types';
import { Agenda, Clock } from '../../sim/core/clock';
import { Rng } from '../../sim/core/rng';
import { ObjectStore } from '../../sim/core/store';
import { ApiServer } from '../../sim/core/api';
import { EventRecorder } from '../../sim/core/events';
import { ArrayTrace } from '../../sim/core/trace';
import { ClusterRuntime } from '../../sim/core/runtime';
import { ControllerManager } from '../../sim/core/controller-manager';
import type { ReconcileContext } from '../../sim/core/controller';
import { strategies } from '../../sim/registry';
import { ClusterIPAllocator, NodePortAllocator } from '../../sim/registry/service-allocators';
import { parseCidr } from '../../sim/net/ipv4';
import type { AppImage } from '../../sim/apps/app';

export const TEST_EPOCH_MS = 1_767_258_000_000; // 2026-01-01T09:00:00Z

export function createHarness(opts: { seed?: number; images?: AppImage[] } = {}) {
  const store = new ObjectStore({ freeze: true });
  const clock = new Clock(TEST_EPOCH_MS);
  const agenda = new Agenda();
  const rng = Rng.seeded(opts.seed ?? 1);
  const trace = new ArrayTrace();
  const allocators = {
    clusterIPs: new ClusterIPAllocator(parseCidr('10.0.0.0/16')!, rng.fork('clusterip')),
    nodePorts: new NodePortAllocator(30000, 2768, rng.fork('nodeport')),
  };
  const apiServer = new ApiServer({ store, clock, rng: rng.fork('apiserver'), allocators, strategies, trace });
  const events = new EventRecorder({ store, api: apiServer, clock, trace });
  const runtime = new ClusterRuntime(clock, agenda, opts.images ?? []);
  const manager = new ControllerManager({ store, api: apiServer, clock, agenda, rng, events, runtime });
  const api = apiServer.as('test', { fieldValidation: 'Strict' });

  /** A ReconcileContext as the named controller would get it. */
  function ctxFor(name: string): ReconcileContext {
    return {
      store, api: apiServer.as(name), now: clock.now, nowEpochMs: clock.nowEpochMs, rng: rng.fork(name), runtime,
      recordEvent: (obj, type, reason, message, o) => events.record({ component: name, host: o?.host }, obj, type, reason, message, o?.fieldPath),
    };
  }

  /** Runs agenda tasks up to virtual time `t`. */
  function runUntil(t: number): void {
    for (;;) {
      const task = agenda.peek();
      if (!task || task.at > t) break;
      agenda.pop();
      clock.advanceTo(task.at);
      task.run();
    }
    clock.advanceTo(t);
  }

  /** Creates an object through the API and returns it, failing the test on an error. */
  function mustCreate<T extends K8sObject>(obj: T): T {
    const res = api.create(obj);
    if (!res.ok) throw new Error(res.status.message);
    return res.object;
  }

  mustCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  mustCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });

  return { store, clock, agenda, rng, trace, allocators, apiServer, api, events, runtime, manager, ctxFor, runUntil, mustCreate };
}

export type Harness = ReturnType<typeof createHarness>;
