// A pod's state as the picture draws it: kubectl's STATUS text (printers.go printPod, containers last to first),
// plus a look (shape and outline) and how far along its start-up is, so status is never colour alone.
import type { Pod, Stored } from '../../../sim/model/types';
import { isPodReady, isPodTerminal, isTerminating, podCondition } from '../../../sim/model/pod';

/** How a token is drawn: each look has its own outline, glyph or badge. */
export type PodLook = 'pending' | 'creating' | 'running' | 'not-ready' | 'terminating' | 'warning' | 'done';

export interface PodState {
  /** STATUS as `kubectl get pods` prints it. */
  readonly status: string;
  readonly look: PodLook;
  readonly ready: boolean;
  /** Start-up progress 0…1: scheduled ¼, sandbox ready ½, a container running ¾, Ready 1. */
  readonly progress: number;
}

/** Statuses of a pod on its way up; any other status that is not Running, Terminating or Completed is trouble. */
const STARTING = /^(Pending|ContainerCreating|PodInitializing|Init:\d+\/\d+)$/;

/** STATUS as kubectl prints it for the common cases (reason, last container's waiting/terminated reason, Terminating). Pure. */
export function podStatusText(pod: Stored<Pod>): string {
  // SIMPLIFIED: init containers, sidecars, readiness gates and NodeLost are left to the terminal's printer.
  let status = pod.status?.reason ?? pod.status?.phase ?? 'Pending';
  const containers = pod.status?.containerStatuses ?? [];
  let running = false;
  for (let i = containers.length - 1; i >= 0; i--) {
    const state = containers[i].state;
    if (state?.waiting?.reason) status = state.waiting.reason;
    else if (state?.terminated) status = state.terminated.reason ?? `ExitCode:${state.terminated.exitCode}`;
    else if (state?.running && containers[i].ready) running = true;
  }
  if (status === 'Completed' && running) status = isPodReady(pod) ? 'Running' : 'NotReady';
  if (isTerminating(pod) && !isPodTerminal(pod)) return 'Terminating';
  return status;
}

/** How far a pod has come from creation to Ready, from its conditions and container states (0…1). Pure. */
export function startProgress(pod: Stored<Pod>): number {
  if (isPodReady(pod)) return 1;
  if ((pod.status?.containerStatuses ?? []).some((c) => c.state?.running)) return 0.75;
  // Initialized is True from the start for pods without init containers, so the sandbox condition marks the half.
  if (podCondition(pod, 'PodReadyToStartContainers')?.status === 'True') return 0.5;
  return pod.spec?.nodeName ? 0.25 : 0;
}

/** The state the picture draws for a pod. Pure. */
export function podState(pod: Stored<Pod>): PodState {
  const status = podStatusText(pod);
  const ready = isPodReady(pod);
  const progress = startProgress(pod);
  let look: PodLook;
  if (status === 'Terminating') look = 'terminating';
  else if (status === 'Completed' || status === 'Succeeded') look = 'done';
  else if (status === 'Running') look = ready ? 'running' : 'not-ready';
  else if (status === 'NotReady') look = 'not-ready';
  else if (status === 'Pending' && !pod.spec?.nodeName) look = 'pending';
  else if (STARTING.test(status)) look = 'creating';
  else look = 'warning';
  return { status, look, ready, progress };
}
