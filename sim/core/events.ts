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

/** The fields Events are aggregated on, and the Event (key) that carries them now. */
interface Aggregate {
  readonly type: EventType;
  readonly reason: string;
  readonly message: string;
  readonly component: string;
  readonly host: string;
  readonly fieldPath: string;
  key: ObjectKey;
}

/** One recorder for the whole cluster; each component records through it under its own source. */
export class EventRecorder {
  private readonly ttlMs: number;
  private readonly maxEvents: number;
  /**
   * What has been recorded about each object (by uid), like the EventCorrelator's cache: the fields an Event is
   * aggregated on and the Event that holds them. An object has few distinct Events, so a list is searched.
   */
  private readonly byObject = new Map<string, Aggregate[]>();
  private aggregates = 0;
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
    this.deps.trace?.record({ at: clock.now, type: 'event', eventType: type, reason, object: `${obj.kind}/${obj.metadata.name}`, message });

    const uid = obj.metadata.uid ?? '';
    const component = source.component, host = source.host ?? '', path = fieldPath ?? '';
    let recorded = this.byObject.get(uid);
    const aggregate = recorded?.find((a) => a.reason === reason && a.message === message && a.type === type
      && a.component === component && a.host === host && a.fieldPath === path);
    const existing = aggregate ? store.get(aggregate.key) : undefined;
    if (existing) {
      const count = ((existing as { count?: number }).count ?? 1) + 1;
      const updated = { ...existing, count, lastTimestamp: stamp };
      const res = api.update('event-recorder', updated as K8sObject);
      if (res.ok) this.touch(aggregate!.key, clock.now);
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
      if (aggregate) aggregate.key = key;
      else {
        if (!recorded) { recorded = []; this.byObject.set(uid, recorded); }
        recorded.push({ type, reason, message, component, host, fieldPath: path, key });
        this.aggregates++;
      }
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
    if (this.aggregates > this.expiry.size * 2 + 64) this.forgetPurged();
  }

  /** Drops what is remembered about Events that no longer exist. */
  private forgetPurged(): void {
    let kept = 0;
    for (const [uid, recorded] of this.byObject) {
      const live = recorded.filter((a) => this.expiry.has(a.key));
      if (live.length === 0) this.byObject.delete(uid);
      else if (live.length < recorded.length) this.byObject.set(uid, live);
      kept += live.length;
    }
    this.aggregates = kept;
  }

  private touch(key: ObjectKey, now: number): void {
    this.expiry.set(key, now + this.ttlMs);
  }
}
