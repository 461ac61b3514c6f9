// The endpoints.kubernetes.io/last-change-trigger-time annotation
// (staging/src/k8s.io/endpointslice/util/trigger_time_tracker.go): the earliest pod Ready transition or
// service creation that changed since the previous sync, or the service creation time on the first sync.
import type { DeepReadonly, Pod, Service, Stored } from '../model/types';
import { storedPodSummary } from '../model/pod-summary';
import { formatTimestamp, parseTimestamp } from '../model/time';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServiceState {
  serviceTime: number;
  /** The trigger time of each pod that had one, by name. */
  podTimes: Map<string, number>;
  /** The pods of that sync, in order. */
  pods: readonly DeepReadonly<Stored<Pod>>[];
}

/** Remembers, per service, the trigger times seen at the last sync (one tracker per controller). */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /**
   * The trigger time to export for this sync (epoch ms), or undefined when nothing new triggered it. A pod that
   * is the very object seen at the same place last time has the time it had then.
   */
  compute(serviceKey: string, service: DeepReadonly<Stored<Service>>, pods: readonly DeepReadonly<Stored<Pod>>[]): number | undefined {
    const previous = this.states.get(serviceKey);
    const timeAt = (i: number): number | undefined => {
      const pod = pods[i];
      return previous !== undefined && previous.pods[i] === pod ? previous.podTimes.get(pod.metadata.name) : podTriggerTime(pod);
    };
    let minChanged: number | undefined;
    let unchanged = previous !== undefined;
    let count = 0;
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i];
      if (previous !== undefined && previous.pods[i] === pod) {
        if (previous.podTimes.has(pod.metadata.name)) count++;
        continue;
      }
      const t = podTriggerTime(pod);
      if (t === undefined) continue;
      count++;
      const before = previous?.podTimes.get(pod.metadata.name);
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
      for (let i = 0; i < pods.length; i++) {
        const t = timeAt(i);
        if (t !== undefined) podTimes.set(pods[i].metadata.name, t);
      }
    }
    if (previous) {
      previous.serviceTime = serviceTime ?? 0;
      previous.podTimes = podTimes!;
      previous.pods = pods;
      return minChanged;
    }
    this.states.set(serviceKey, { serviceTime: serviceTime ?? 0, podTimes: podTimes!, pods });
    return serviceTime;
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
