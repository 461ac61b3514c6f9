// The kubelet's status manager: projects the container runtime's view of a pod into pod.status
// (phase as getPhase computes it, conditions, IPs and containerStatuses).
import type { DeepReadonly, Pod, PodStatus } from '../model/types';
import type { ContainerRecord, Sandbox } from '../core/runtime';
import { formatTimestamp } from '../model/time';
import { reuseElements } from '../core/equal';

type ContainerStatusOut = NonNullable<PodStatus['containerStatuses']>[number];
type Condition = NonNullable<PodStatus['conditions']>[number];

export interface PodStatusInput {
  readonly pod: DeepReadonly<Pod>;
  readonly sandbox: Sandbox | undefined;
  readonly initContainers: readonly ContainerRecord[];
  readonly containers: readonly ContainerRecord[];
  readonly hostIP: string;
  readonly nowEpochMs: number;
  /** Image reference as the runtime reports it, and its digest reference (imageID). */
  readonly imageInfo: (image: string) => { image: string; imageID: string };
  readonly containerID: (c: ContainerRecord) => string;
}

function stamp(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : formatTimestamp(ms);
}

function containerStatus(c: ContainerRecord, input: PodStatusInput, waitingReason: string): ContainerStatusOut {
  // A container that has never started reports the image as the spec names it; the runtime's resolved name and
  // digest appear once it has run.
  const info = c.startedAtMs !== undefined ? input.imageInfo(c.image) : { image: c.image, imageID: '' };
  let state: ContainerStatusOut['state'];
  if (c.state === 'running') state = { running: { startedAt: stamp(c.startedAtMs)! } };
  else if (c.state === 'terminated') {
    state = { terminated: { exitCode: c.exitCode ?? 0, reason: c.reason ?? (c.exitCode ? 'Error' : 'Completed'), startedAt: stamp(c.startedAtMs), finishedAt: stamp(c.finishedAtMs), containerID: input.containerID(c) } };
  } else state = { waiting: { reason: c.reason ?? waitingReason, ...(c.message ? { message: c.message } : {}) } };
  const last = c.lastTermination;
  const out: ContainerStatusOut = {
    name: c.name,
    state,
    lastState: last ? { terminated: { exitCode: last.exitCode, reason: last.reason, startedAt: stamp(last.startedAtMs), finishedAt: stamp(last.finishedAtMs), containerID: input.containerID(c) } } : {},
    ready: c.ready && c.state === 'running',
    restartCount: c.restartCount,
    image: info.image,
    imageID: info.imageID,
    started: c.state === 'running',
  };
  if (c.startedAtMs !== undefined || c.lastTermination) out.containerID = input.containerID(c);
  return out;
}

/** getPhase: Pending while any container waits without having run, Running otherwise (for restartPolicy Always). Pure. */
export function podPhase(pod: DeepReadonly<Pod>, initDone: boolean, containers: readonly ContainerRecord[]): string {
  if (!initDone) return 'Pending';
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const c of containers) {
    if (c.state === 'running') running++;
    else if (c.state === 'terminated') { stopped++; if ((c.exitCode ?? 0) === 0) succeeded++; }
    else if (c.lastTermination) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (stopped === containers.length && stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (succeeded === stopped) return 'Succeeded';
    return policy === 'OnFailure' ? 'Running' : 'Failed';
  }
  return 'Pending';
}

function condition(previous: DeepReadonly<PodStatus> | undefined, type: string, value: boolean, nowEpochMs: number, reason?: string, message?: string): Condition {
  const prev = previous?.conditions?.find((c) => c.type === type);
  const status = value ? 'True' : 'False';
  const lastTransitionTime = prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : formatTimestamp(nowEpochMs);
  const out: Record<string, unknown> = { type, status, lastProbeTime: null, lastTransitionTime };
  if (reason) out.reason = reason;
  if (message) out.message = message;
  return out as unknown as Condition;
}

/** The pod status the kubelet would report now. Pure. */
export function podStatusFor(input: PodStatusInput): PodStatus {
  const { pod, sandbox, nowEpochMs } = input;
  const previous = pod.status;
  const initDone = input.initContainers.every((c) => c.state === 'terminated' && (c.exitCode ?? 0) === 0);
  const phase = podPhase(pod, initDone, input.containers);
  const containersReady = input.containers.length > 0 && input.containers.every((c) => c.ready && c.state === 'running');
  const unreadyMessage = containersReady ? undefined
    : `containers with unready status: [${input.containers.filter((c) => !(c.ready && c.state === 'running')).map((c) => c.name).join(' ')}]`;
  const initMessage = initDone ? undefined
    : `containers with incomplete status: [${input.initContainers.filter((c) => !(c.state === 'terminated' && (c.exitCode ?? 0) === 0)).map((c) => c.name).join(' ')}]`;
  const scheduled = previous?.conditions?.find((c) => c.type === 'PodScheduled');
  const conditions: Condition[] = [
    condition(previous, 'PodReadyToStartContainers', sandbox !== undefined, nowEpochMs),
    condition(previous, 'Initialized', initDone, nowEpochMs, initDone ? undefined : 'ContainersNotInitialized', initMessage),
    condition(previous, 'Ready', containersReady, nowEpochMs, containersReady ? undefined : 'ContainersNotReady', unreadyMessage),
    condition(previous, 'ContainersReady', containersReady, nowEpochMs, containersReady ? undefined : 'ContainersNotReady', unreadyMessage),
  ];
  if (scheduled) conditions.push(scheduled as Condition);
  const prev = previous as PodStatus | undefined;
  // What did not change stays the previous status's own objects, shared by the next stored version. Members are
  // added in the order the API writes them.
  const status: PodStatus = {
    phase,
    conditions: reuseElements(prev?.conditions, conditions),
    hostIP: input.hostIP,
    hostIPs: reuseElements(prev?.hostIPs, [{ ip: input.hostIP }]),
  };
  if (sandbox) {
    status.podIP = sandbox.ip;
    status.podIPs = reuseElements(prev?.podIPs, [{ ip: sandbox.ip }]);
  }
  status.startTime = previous?.startTime ?? formatTimestamp(nowEpochMs);
  if (input.initContainers.length > 0) {
    status.initContainerStatuses = reuseElements(prev?.initContainerStatuses, input.initContainers.map((c) => containerStatus(c, input, 'PodInitializing')));
  }
  status.containerStatuses = reuseElements(prev?.containerStatuses, input.containers.map((c) => containerStatus(c, input, initDone ? 'ContainerCreating' : 'PodInitializing')));
  if (previous?.qosClass) status.qosClass = previous.qosClass;
  return prev && sameMembers(prev, status) ? prev : status;
}

/** Whether two statuses have the same members in the same order, each the very same value. Pure. */
function sameMembers(a: PodStatus, b: PodStatus): boolean {
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || (a as Record<string, unknown>)[ka[i]] !== (b as Record<string, unknown>)[kb[i]]) return false;
  }
  return true;
}
