// "Earlier histories": the runs left behind when the student branched from the past, kept in the browser's
// IndexedDB (one key per history under `kubesim:branch:`) so a reload keeps them, at most `MAX_BRANCHES`, the
// oldest dropped first. Each is a whole run record and the moment it was left at, so switching back replays it.
import type { RunRecord } from '../../../sim/protocol';
import type { AsyncStore } from '../../lib/idb-kv';

export const BRANCH_PREFIX = 'kubesim:branch:';
/** The most earlier histories kept. */
export const MAX_BRANCHES = 10;

export interface SavedBranch {
  readonly id: string;
  /** Wall-clock ms when the history was left. */
  readonly savedAt: number;
  readonly record: RunRecord;
  /** The virtual ms the history had reached. */
  readonly atMs: number;
}

function isBranch(value: unknown): value is SavedBranch {
  const v = value as Partial<SavedBranch> | undefined;
  return !!v && typeof v.id === 'string' && typeof v.savedAt === 'number' && typeof v.atMs === 'number'
    && v.record?.format === 'kubesim-run' && Array.isArray(v.record.commands);
}

/** The saved histories over an AsyncStore (IndexedDB in the page, a Map in tests). */
export class BranchStore {
  private counter = 0;

  constructor(private readonly store: AsyncStore, private readonly now: () => number = Date.now) {}

  /** Every kept history, newest first (unreadable entries are skipped). */
  async list(): Promise<SavedBranch[]> {
    const keys = await this.store.keys(BRANCH_PREFIX);
    const values = await Promise.all(keys.map((k) => this.store.get(k)));
    return values.filter(isBranch).sort((a, b) => b.savedAt - a.savedAt || b.id.localeCompare(a.id));
  }

  /** Keeps a history; drops the oldest beyond `MAX_BRANCHES`. Returns the saved entry, or undefined if not written. */
  async save(record: RunRecord, atMs: number): Promise<SavedBranch | undefined> {
    const savedAt = this.now();
    const id = `${String(savedAt).padStart(15, '0')}-${String(this.counter++).padStart(4, '0')}`;
    const branch: SavedBranch = { id, savedAt, record, atMs };
    if (!(await this.store.set(BRANCH_PREFIX + id, branch))) return undefined;
    const all = await this.list();
    for (const old of all.slice(MAX_BRANCHES)) await this.store.delete(BRANCH_PREFIX + old.id);
    return branch;
  }

  /** Forgets a history. */
  async discard(id: string): Promise<void> {
    await this.store.delete(BRANCH_PREFIX + id);
  }
}
