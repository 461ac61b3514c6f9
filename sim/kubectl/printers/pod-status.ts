// kubectl's pod row logic (printers.go printPod): READY, the STATUS reason and RESTARTS with "(Xs ago)".
import type { DeepReadonly, Pod } from '../../model/types';
import { humanDuration, parseTimestamp } from '../../model/time';

export interface PodRow {
  readonly ready: string;
  readonly status: string;
  readonly restarts: string;
}

function lastFinished(statuses: readonly { lastState?: { terminated?: { finishedAt?: string } } }[] | undefined, after: number): number {
  let latest = after;
  for (const c of statuses ?? []) {
    const at = c.lastState?.terminated?.finishedAt;
    if (at) latest = Math.max(latest, parseTimestamp(at));
  }
  return latest;
}

/** The READY, STATUS and RESTARTS cells of a pod at `nowEpochMs`. Pure. */
export function podRow(pod: DeepReadonly<Pod>, nowEpochMs: number): PodRow {
  const status = pod.status ?? {};
  const total = (pod.spec?.containers ?? []).length + (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
  let reason = status.reason || status.phase || '';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  let restarts = 0;
  let ready = 0;
  let lastRestart = 0;
  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    restarts += c.restartCount ?? 0;
    lastRestart = lastFinished([c], lastRestart);
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    const sidecar = pod.spec?.initContainers?.find((s) => s.name === c.name)?.restartPolicy === 'Always';
    if (sidecar && c.started) { if (c.ready) ready++; continue; }
    if (term) reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${(pod.spec?.initContainers ?? []).length}`;
    initializing = true;
    break;
  }
  const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    let hasRunning = false;
    const containers = status.containerStatuses ?? [];
    for (let i = containers.length - 1; i >= 0; i--) {
      const c = containers[i];
      restarts += c.restartCount ?? 0;
      lastRestart = lastFinished([c], lastRestart);
      const waiting = c.state?.waiting;
      const term = c.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) { hasRunning = true; ready++; }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';
  const restartsText = restarts !== 0 && lastRestart > 0 ? `${restarts} (${humanDuration(nowEpochMs - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText };
}
