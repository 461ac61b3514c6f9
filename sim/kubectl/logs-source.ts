// Where a container's log comes from, as the kubelet decides (kubelet_pods.go validateContainerLogStatus): the
// running or last terminated instance, the previous one for --previous, or an error when the container has not
// started; and how kubectl picks the container (podcmd: -c, the default-container annotation, else the first).
import type { LogLine, Runtime } from '../core/runtime';
import type { StoredPod } from './pod-target';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** `a, b, c (init)` as kubectl lists a pod's containers. Pure. */
export function allContainerNames(pod: StoredPod): string {
  return [...(pod.spec?.containers ?? []).map((c) => c.name), ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)].join(', ');
}

/** Whether the pod declares a container (or init container) by that name. Pure. */
export function hasContainer(pod: StoredPod, name: string): boolean {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].some((c) => c.name === name);
}

/**
 * podcmd.FindOrDefaultContainerByName for kubectl logs and exec: the named container, the annotated default,
 * else the first, with the "Defaulted container" notice when the pod has others. Pure.
 */
export function chooseContainer(pod: StoredPod, name: string | undefined): { name: string; notice?: string } | undefined {
  if (name) return hasContainer(pod, name) ? { name } : undefined;
  const containers = pod.spec?.containers ?? [];
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && containers.some((c) => c.name === annotated)) return { name: annotated };
  const first = containers[0]?.name ?? '';
  const others = containers.length > 1 || (pod.spec?.initContainers ?? []).length > 0;
  return { name: first, notice: others ? `Defaulted container "${first}" out of: ${allContainerNames(pod)}\n` : undefined };
}

export type LogSource = { ok: true; lines: readonly LogLine[]; live: () => readonly LogLine[] | undefined } | { ok: false; error: string };

/** The log lines of one container (or the kubelet's refusal, as the apiserver relays it). */
export function logSource(runtime: Runtime, pod: StoredPod, container: string, previous: boolean): LogSource {
  const podName = pod.metadata.name;
  const bad = (message: string): LogSource => ({ ok: false, error: `Error from server (BadRequest): ${message}\n` });
  // The apiserver returns an empty stream for a pod no node has accepted yet.
  if (!pod.spec?.nodeName) return { ok: true, lines: [], live: () => undefined };
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const status = statuses.find((s) => s.name === container);
  const sandbox = runtime.sandboxByUid(pod.metadata.uid!);
  const record = sandbox?.containers.get(container);
  const current = (): readonly LogLine[] | undefined => {
    const s = runtime.sandboxByUid(pod.metadata.uid!);
    const r = s?.containers.get(container);
    return r && r.state === 'running' ? r.logs.all() : undefined;
  };
  const q = (s: string): string => `"${s}"`;
  if (previous) {
    if (!status?.lastState?.terminated) return bad(`previous terminated container ${q(container)} in pod ${q(podName)} not found`);
    // While the container waits to restart, its last run is still the runtime's current log.
    const lines = status.state?.waiting ? record?.logs.all() : record?.previousLogs?.all();
    return { ok: true, lines: lines ?? [], live: () => undefined };
  }
  if (status?.state?.running) return { ok: true, lines: record?.logs.all() ?? [], live: current };
  if (status?.state?.terminated || status?.lastState?.terminated) return { ok: true, lines: record?.logs.all() ?? [], live: () => undefined };
  const reason = status?.state?.waiting?.reason;
  if (reason === 'ErrImagePull') return bad(`container ${q(container)} in pod ${q(podName)} is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') return bad(`container ${q(container)} in pod ${q(podName)} is waiting to start: trying and failing to pull image`);
  return bad(`container ${q(container)} in pod ${q(podName)} is waiting to start: ${reason ?? 'ContainerCreating'}`);
}

/** RFC3339 with nine fractional digits, as the kubelet writes `--timestamps` (RFC3339NanoFixed). Pure. */
export function logTimestamp(epochMs: number, format: (ms: number) => string): string {
  const base = format(epochMs);
  const ms = ((epochMs % 1000) + 1000) % 1000;
  return `${base.slice(0, -1)}.${String(ms).padStart(3, '0')}000000Z`;
}
