// Virtual time and the agenda: every future piece of work is a task ordered by (at, seq).
import type { SimTime } from '../model/types';

export interface Task {
  readonly at: SimTime;
  readonly seq: number;
  /** What the task is for, for traces and debugging (`kubelet:sync`, `shell:resume`). */
  readonly label: string;
  readonly run: () => void;
  cancelled: boolean;
}

/** A binary min-heap of tasks by (at, seq); seq is a global counter, so ties never depend on sort stability. */
export class Agenda {
  private heap: Task[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `run` at virtual time `at`; returns the task so it can be cancelled. */
  schedule(at: SimTime, label: string, run: () => void): Task {
    const task: Task = { at, seq: this.seq++, label, run, cancelled: false };
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(task, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = task;
    return task;
  }

  /** The next live task without removing it. */
  peek(): Task | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
    return this.heap[0];
  }

  /** Removes and returns the earliest task (cancelled ones included; callers skip them). */
  pop(): Task | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let best = last;
        if (l < n && before(heap[l], best)) { m = l; best = heap[l]; }
        if (r < n && before(heap[r], best)) { m = r; }
        if (m === i) break;
        heap[i] = heap[m];
        i = m;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** The virtual clock. Only the engine loop moves it, and only forwards. */
export class Clock {
  private current: SimTime;

  constructor(
    /** Unix epoch ms that virtual time 0 corresponds to, for timestamps written into objects. */
    readonly epochMs: number,
    /** Where the clock starts; negative when the cluster existed before the session began. */
    start: SimTime = 0,
  ) {
    this.current = start;
  }

  get now(): SimTime {
    return this.current;
  }

  /** Wall-style epoch ms of the current virtual time. */
  get nowEpochMs(): number {
    return this.epochMs + this.current;
  }

  advanceTo(t: SimTime): void {
    if (t < this.current) throw new Error(`clock cannot go back from ${this.current} to ${t}`);
    this.current = t;
  }
}
