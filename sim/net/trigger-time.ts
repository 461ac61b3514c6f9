// The endpoints.kubernetes.io/last-change-trigger-time annotation
// (staging/src/k8s.io/endpointslice/util/trigger_time_tracker.go): the earliest pod Ready transition or
// service creation that changed since the previous sync, or the service creation time on the first sync.
import type { DeepReadonly, Pod, Service, Stored } from '../model/types';
import { podCondition } from '../model/pod';
import { formatTimestamp, parseTimestamp } from '../model/time';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServiceState {
  serviceTime: number;
  podTimes: Map<string, number>;
}

/** Remembers, per service, the trigger times seen at the last sync (one tracker per controller). */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** The trigger time to export for this sync (epoch ms), or undefined when nothing new triggered it. */
  compute(serviceKey: string, service: DeepReadonly<Stored<Service>>, pods: readonly DeepReadonly<Stored<Pod>>[]): number | undefined {
    const previous = this.states.get(serviceKey);
    let minChanged: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = podTriggerTime(pod);
      if (t === undefined) continue;
      podTimes.set(pod.metadata.name, t);
      if (t > (previous?.podTimes.get(pod.metadata.name) ?? -Infinity)) minChanged = minChanged === undefined ? t : Math.min(minChanged, t);
    }
    const serviceTime = timestampMs(service.metadata.creationTimestamp);
    if (serviceTime !== undefined && serviceTime > (previous?.serviceTime ?? -Infinity)) {
      minChanged = minChanged === undefined ? serviceTime : Math.min(minChanged, serviceTime);
    }
    this.states.set(serviceKey, { serviceTime: serviceTime ?? 0, podTimes });
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
  return timestampMs(podCondition(pod, 'Ready')?.lastTransitionTime);
}

function timestampMs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = parseTimestamp(text);
  return Number.isNaN(ms) ? undefined : ms;
}
