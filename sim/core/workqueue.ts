// client-go's workqueue: a de-duplicating FIFO of keys per controller, with delayed adds and rate-limited
// retries, all on virtual time.
import type { ObjectKey } from '../model/types';
import type { Agenda, Task } from './clock';
import type { Clock } from './clock';

const BASE_BACKOFF_MS = 5;
const MAX_BACKOFF_MS = 1_000_000;

/** Keys waiting for one controller; `drain` hands them out in the order they were first added. */
export class WorkQueue {
  private pending: ObjectKey[] = [];
  private readonly queued = new Set<ObjectKey>();
  private readonly delayed = new Map<ObjectKey, Task>();
  private readonly failures = new Map<ObjectKey, number>();
  private drainTask: Task | undefined;

  constructor(
    private readonly name: string,
    private readonly agenda: Agenda,
    private readonly clock: Clock,
    private readonly latencyMs: number,
    private readonly process: (key: ObjectKey) => void,
  ) {}

  get length(): number {
    return this.pending.length;
  }

  /** Queues `key` (once) and makes sure a drain is scheduled. */
  add(key: ObjectKey): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.pending.push(key);
    if (!this.drainTask) {
      this.drainTask = this.agenda.schedule(this.clock.now + this.latencyMs, `${this.name}:sync`, () => this.drain());
    }
  }

  /** Queues `key` after `delayMs` of virtual time; an earlier pending delay for the key wins. */
  addAfter(key: ObjectKey, delayMs: number): void {
    const at = this.clock.now + Math.max(0, Math.round(delayMs));
    const existing = this.delayed.get(key);
    if (existing && !existing.cancelled && existing.at <= at) return;
    if (existing) existing.cancelled = true;
    const task = this.agenda.schedule(at, `${this.name}:requeue`, () => {
      if (this.delayed.get(key) === task) this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, task);
  }

  /** Requeues a failed key with exponential back-off (5 ms doubling, capped), as the default rate limiter. */
  addRateLimited(key: ObjectKey): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** n));
  }

  /** Forgets a key's failure history after a successful reconcile. */
  forget(key: ObjectKey): void {
    this.failures.delete(key);
  }

  private drain(): void {
    this.drainTask = undefined;
    const batch = this.pending;
    this.pending = [];
    for (const key of batch) {
      this.queued.delete(key);
      this.process(key);
    }
  }
}
