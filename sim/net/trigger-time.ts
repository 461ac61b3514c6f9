// The endpoints.kubernetes.io/last-change-trigger-time annotation
// (staging/src/k8s.io/endpointslice/util/trigger_time_tracker.go): the earliest pod Ready transition or
// service creation that changed since the previous sync, or the service creation time on the first sync.
import type { DeepReadonly, Pod, Service, Stored } from '../model/types';
import { storedPodSummary } from '../model/pod-summary';
import { formatTimestamp, parseTimestamp } from '../model/time';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServiceState {
  serviceTime: number;
  podTimes: Map<string, number>;
  /** The pods of that sync, in order, with their names and trigger times. */
  pods: readonly DeepReadonly<Stored<Pod>>[];
  names: string[];
  times: (number | undefined)[];
}

/** Remembers, per service, the trigger times seen at the last sync (one tracker per controller). */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /**
   * The trigger time to export for this sync (epoch ms), or undefined when nothing new triggered it. A pod that
   * is the very object seen at the same place last time has the name and time it had then.
   */
  compute(serviceKey: string, service: DeepReadonly<Stored<Service>>, pods: readonly DeepReadonly<Stored<Pod>>[]): number | undefined {
    const previous = this.states.get(serviceKey);
    const names: string[] = new Array(pods.length);
    const times: (number | undefined)[] = new Array(pods.length);
    let minChanged: number | undefined;
    let unchanged = previous !== undefined;
    let count = 0;
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i];
      const seen = previous !== undefined && previous.pods[i] === pod;
      const name = seen ? previous.names[i] : pod.metadata.name;
      const t = seen ? previous.times[i] : podTriggerTime(pod);
      names[i] = name;
      times[i] = t;
      if (t === undefined) continue;
      count++;
      if (seen) continue;
      const before = previous?.podTimes.get(name);
      if (before !== t) unchanged = false;
      if (t > (before ?? -Infinity)) minChanged = minChanged === undefined ? t : Math.min(minChanged, t);
    }
    const serviceTime = timestampMs(service.metadata.creationTimestamp);
    if (serviceTime !== undefined && serviceTime > (previous?.serviceTime ?? -Infinity)) {
      minChanged = minChanged === undefined ? serviceTime : Math.min(minChanged, serviceTime);
    }
    // Most syncs see the times they saw last time: the previous map is then kept rather than rebuilt.
    let podTimes = previous?.podTimes;
    if (!unchanged || count !== previous!.podTimes.size || (serviceTime ?? 0) !== previous!.serviceTime) {
      podTimes = new Map<string, number>();
      for (let i = 0; i < pods.length; i++) if (times[i] !== undefined) podTimes.set(names[i], times[i]!);
    }
    this.states.set(serviceKey, { serviceTime: serviceTime ?? 0, podTimes: podTimes!, pods, names, times });
    if (!previous) return serviceTime;
    return minChanged;
  }

  /** Forgets a deleted service. */
  delete(serviceKey: string): void {
    this.states.delete(serviceKey);
  }
}

/** The annotation value: RFC 3339 as time.RFC3339Nano prints a whole-second time. Pure. */
export function formatTriggerTime(epochMs: number): string {
  return formatTimestamp(epochMs);
}

function podTriggerTime(pod: DeepReadonly<Stored<Pod>>): number | undefined {
  return storedPodSummary(pod).readyTransitionMs;
}

function timestampMs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = parseTimestamp(text);
  return Number.isNaN(ms) ? undefined : ms;
}
