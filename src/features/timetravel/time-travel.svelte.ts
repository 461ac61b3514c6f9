// The page's time travel: scrub to a past moment (the clock pauses and the whole page shows the cluster as it was),
// compare two moments, branch a new history from the shown moment, and switch between the histories kept.
import type { RunRecord } from '../../../sim/protocol';
import type { ClusterDiff } from '../../../sim/view/time-travel-diff';
import type { SimClient } from '../../lib/sim-client.svelte';
import { indexedDbStore } from '../../lib/idb-kv';
import { formatClock } from '../playback/clock';
import { BranchStore, type SavedBranch } from './branches';
import { truncateRecord } from './time-marks';

export class TimeTravel {
  /** The live run's record, for the scrubber's marks (refreshed by `refresh`). */
  record = $state.raw<RunRecord | undefined>(undefined);
  branches = $state.raw<readonly SavedBranch[]>([]);
  diff = $state.raw<ClusterDiff | undefined>(undefined);
  /** What is being worked on, shown while it lasts. */
  busy = $state<string | undefined>(undefined);
  /** The outcome of the last action that needs saying (a failure, a history not kept). */
  message = $state<string | undefined>(undefined);
  private pending: number | undefined;
  private travelling = false;

  constructor(readonly client: SimClient, private readonly store: BranchStore) {}

  /** The moment the page shows: the past moment, or now. */
  get shownMs(): number {
    return this.client.past ?? this.client.liveTime;
  }

  /** Reads the live record and the kept histories again. */
  async refresh(): Promise<void> {
    const [record, branches] = await Promise.all([this.client.exportRun(), this.store.list()]);
    if (record) this.record = record;
    this.branches = branches;
  }

  /** Shows the cluster at `ms`; while one moment is being built, only the latest asked-for moment follows it. */
  scrubTo(ms: number): void {
    this.pending = Math.max(0, Math.round(ms));
    if (!this.travelling) void this.pump();
  }

  private async pump(): Promise<void> {
    this.travelling = true;
    try {
      while (this.pending !== undefined) {
        const target = this.pending;
        this.pending = undefined;
        await this.client.travelTo(target);
      }
    } finally {
      this.travelling = false;
    }
    void this.refresh();
  }

  /** Shows the live cluster again (the client runs the clock again if time travel paused it). */
  backToNow(): void {
    this.pending = undefined;
    this.client.backToNow();
  }

  /** The changes between two moments of the live run. */
  async compare(fromMs: number, toMs: number): Promise<void> {
    this.busy = `comparing ${formatClock(fromMs)} and ${formatClock(toMs)}…`;
    this.message = undefined;
    try {
      const result = await this.client.diffBetween(fromMs, toMs);
      if ('error' in result) this.message = `Could not compare: ${result.error}`;
      else this.diff = result;
    } finally {
      this.busy = undefined;
    }
  }

  /**
   * Branch from the shown past moment: the current history is kept under "Earlier histories" and the cluster is
   * rebuilt from the commands up to that moment, so it carries on from there.
   */
  async branchHere(): Promise<void> {
    const at = this.client.past;
    if (at === undefined) return;
    const record = await this.client.exportRun();
    if (!record) return;
    this.busy = `branching from ${formatClock(at)}…`;
    this.message = undefined;
    try {
      const kept = await this.store.save(record, this.client.liveTime);
      const ok = await this.client.rebuild(truncateRecord(record, at), at,
        `a new history branched from ${formatClock(at)}; the earlier one is kept under Time travel`);
      if (!ok) {
        if (kept) await this.store.discard(kept.id);
        this.message = 'Could not branch: the cluster is not running.';
        return;
      }
      this.diff = undefined;
      if (!kept) this.message = 'The earlier history could not be kept: the browser refused to store it.';
    } finally {
      this.busy = undefined;
      await this.refresh();
    }
  }

  /** Makes a kept history the live one again; the current one is kept in its place. */
  async switchTo(branch: SavedBranch): Promise<void> {
    const record = await this.client.exportRun();
    if (!record) return;
    this.busy = `switching to the history left at ${formatClock(branch.atMs)}…`;
    this.message = undefined;
    try {
      this.client.backToNow();
      const kept = await this.store.save(record, this.client.liveTime);
      const ok = await this.client.rebuild(branch.record, branch.atMs, `back to the history left at ${formatClock(branch.atMs)}`);
      if (!ok) {
        if (kept) await this.store.discard(kept.id);
        this.message = 'Could not switch: the cluster is not running.';
        return;
      }
      await this.store.discard(branch.id);
      this.diff = undefined;
      if (!kept) this.message = 'The history you left could not be kept: the browser refused to store it.';
    } finally {
      this.busy = undefined;
      await this.refresh();
    }
  }

  /** Forgets a kept history. */
  async discard(branch: SavedBranch): Promise<void> {
    await this.store.discard(branch.id);
    await this.refresh();
  }
}

const perClient = new WeakMap<SimClient, TimeTravel>();

/** The page's one TimeTravel for a client (the pane and the banner share it); histories kept in IndexedDB. */
export function timeTravelFor(client: SimClient, store: () => BranchStore = () => new BranchStore(indexedDbStore())): TimeTravel {
  let tt = perClient.get(client);
  if (!tt) perClient.set(client, (tt = new TimeTravel(client, store())));
  return tt;
}
