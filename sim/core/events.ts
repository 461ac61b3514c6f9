// The event recorder (client-go tools/record): Events with the involved object, aggregated by count, and
// bounded like the apiserver's event TTL so memory stays flat in long runs.
import type { K8sObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/keys';
import { apiVersionOf, resourceFor } from '../model/resources';
import { formatTimestamp } from '../model/time';
import type { ApiServer } from './api';
import type { Clock } from './clock';
import type { ObjectStore } from './store';
import type { TraceSink } from './trace';
import { eventName } from './names';
import { ExpiryQueue } from './expiry-queue';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  /** `kubelet`, `default-scheduler`, `deployment-controller`, … */
  readonly component: string;
  /** The node, for kubelet events. */
  readonly host?: string;
}

export interface EventRecorderOptions {
  /** The apiserver's --event-ttl (1h by default). */
  readonly ttlMs?: number;
  /** A hard cap on stored Events; the oldest go first. */
  readonly maxEvents?: number;
}

/** One recorder for the whole cluster; `for(source)` gives each component its own `record`. */
export class EventRecorder {
  private readonly ttlMs: number;
  private readonly maxEvents: number;
  /** Aggregation key → Event key, like the EventCorrelator's cache. */
  private readonly byAggregate = new Map<string, ObjectKey>();
  /** Event key → expiry (ms of virtual time), in least-recently-updated order. */
  private readonly expiry = new ExpiryQueue();
  private sequence = 0;

  constructor(
    private readonly deps: { store: ObjectStore; api: ApiServer; clock: Clock; trace?: TraceSink },
    opts: EventRecorderOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 3_600_000;
    this.maxEvents = opts.maxEvents ?? 5_000;
  }

  /** Records an Event about `obj`; repeats of the same reason and message bump `count` and `lastTimestamp`. */
  record(source: EventSource, obj: K8sObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const { store, api, clock } = this.deps;
    const now = clock.nowEpochMs;
    const stamp = formatTimestamp(now);
    const namespace = obj.metadata.namespace || 'default';
    const aggKey = `${obj.metadata.uid}|${type}|${reason}|${message}|${source.component}|${source.host ?? ''}|${fieldPath ?? ''}`;
    this.deps.trace?.record({ at: clock.now, type: 'event', eventType: type, reason, object: `${obj.kind}/${obj.metadata.name}`, message });

    const existingKey = this.byAggregate.get(aggKey);
    const existing = existingKey !== undefined ? store.get(existingKey) : undefined;
    if (existing) {
      const count = ((existing as { count?: number }).count ?? 1) + 1;
      const updated = { ...existing, count, lastTimestamp: stamp };
      const res = api.update('event-recorder', updated as K8sObject);
      if (res.ok) this.touch(existingKey!, clock.now);
      this.purge();
      return;
    }
    const name = eventName(obj.metadata.name, now, this.sequence++);
    const info = resourceFor(obj.kind);
    // Built member by member in the order the API prints them; optional members only when set.
    const involvedObject: Record<string, unknown> = { apiVersion: apiVersionOf(info), kind: obj.kind, name: obj.metadata.name };
    if (info.namespaced) involvedObject.namespace = obj.metadata.namespace;
    involvedObject.uid = obj.metadata.uid;
    involvedObject.resourceVersion = obj.metadata.resourceVersion;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    const eventSource: Record<string, string> = { component: source.component };
    if (source.host) eventSource.host = source.host;
    const event = {
      apiVersion: 'v1',
      kind: 'Event' as const,
      metadata: { name, namespace },
      involvedObject,
      reason, message, type, count: 1,
      source: eventSource,
      firstTimestamp: stamp, lastTimestamp: stamp, eventTime: null,
      reportingComponent: source.component, reportingInstance: source.host ?? '',
    };
    const res = api.create('event-recorder', event as unknown as K8sObject, { handOver: true });
    if (res.ok) {
      const key = objectKey('Event', namespace, name);
      this.byAggregate.set(aggKey, key);
      this.touch(key, clock.now);
    }
    this.purge();
  }

  /** Deletes Events past their TTL, and the oldest beyond the cap. */
  purge(): void {
    const { store, api, clock } = this.deps;
    for (let oldest = this.expiry.oldest(); oldest; oldest = this.expiry.oldest()) {
      if (oldest.expiresAt > clock.now && this.expiry.size <= this.maxEvents) break;
      this.expiry.delete(oldest.key);
      const ev = store.get(oldest.key);
      if (ev) api.delete('event-ttl', 'Event', ev.metadata.namespace, ev.metadata.name);
    }
    if (this.byAggregate.size > this.expiry.size * 2 + 64) {
      for (const [agg, key] of this.byAggregate) if (!this.expiry.has(key)) this.byAggregate.delete(agg);
    }
  }

  private touch(key: ObjectKey, now: number): void {
    this.expiry.set(key, now + this.ttlMs);
  }
}
