// The container runtime's side of a running process: builds the AppContext a simulated image runs with
// (logs, timers on the agenda, connections from the pod's network namespace, exit, persistent volumes).
import type { Container, DeepReadonly, Pod } from '../model/types';
import type { AppContext } from '../apps/app';
import type { ContainerRecord, Runtime, Sandbox } from '../core/runtime';
import type { Rng } from '../core/rng';
import type { Protocol } from '../net/types';
import { isEndpointAlive } from '../net/network';

export interface ProcessHooks {
  /** The process exited by itself (`ctx.exit`). */
  onExit(record: ContainerRecord, code: number, reason?: string): void;
  /** Data of the PVC mounted at `mountPath` in this container, if any. */
  persistentData(mountPath: string): Map<string, unknown> | undefined;
}

/** Builds the context for one run of a container; `runId` guards timers and exits from a previous run. */
export function makeAppContext(runtime: Runtime, pod: DeepReadonly<Pod>, spec: DeepReadonly<Container>, record: ContainerRecord,
  sandbox: Sandbox, env: Readonly<Record<string, string>>, rng: Rng, hooks: ProcessHooks): AppContext {
  const { clock, agenda } = runtime;
  const run = record.restartCount;
  const current = (): boolean => record.state === 'running' && record.restartCount === run && runtime.sandboxByUid(sandbox.podUid) === sandbox;
  return {
    podName: sandbox.name,
    namespace: sandbox.namespace,
    podUid: sandbox.podUid,
    podIP: sandbox.ip,
    nodeName: sandbox.nodeName,
    containerName: spec.name,
    image: spec.image ?? '',
    env,
    command: [...(spec.command ?? [])],
    args: [...(spec.args ?? [])],
    containerPorts: (spec.ports ?? []).map((p) => ({ port: p.containerPort, protocol: (p.protocol ?? 'TCP') as Protocol, ...(p.name ? { name: p.name } : {}) })),
    now: () => clock.now,
    nowEpochMs: () => clock.nowEpochMs,
    log: (line: string) => {
      if (record.restartCount !== run) return;
      record.logs.append({ atEpochMs: clock.nowEpochMs, text: line });
    },
    after: (delayMs: number, fn: () => void) => {
      const task = agenda.schedule(clock.now + Math.max(0, Math.round(delayMs)), `app:${sandbox.name}/${spec.name}`, () => {
        record.timers = record.timers.filter((t) => t !== task);
        if (current()) fn();
      });
      record.timers.push(task);
    },
    connect: (host, port, request) => runtime.network.connect({ kind: 'pod', podUid: sandbox.podUid }, host, port, request),
    isAlive: (endpoint) => isEndpointAlive(runtime, endpoint),
    exit: (code: number, reason?: string) => {
      if (record.restartCount !== run || record.state !== 'running') return;
      hooks.onExit(record, code, reason);
    },
    random: () => rng.next(),
    persistentData: (mountPath: string) => hooks.persistentData(mountPath),
  };
}
