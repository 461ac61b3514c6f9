// The Sessions menu's behaviour: keep the current session under a name, list, open and delete named sessions,
// start a new cluster, export the session to a file and import one, and make a share link. Opening, importing and
// a new cluster write the session the page boots next and reload it (the same path as a reload restore).
import type { AsyncStore } from '../../lib/idb-kv';
import { clearSession, saveSession, type SavedSession } from '../../lib/persistence';
import { encodeShare, MAX_SHARE_CHARS, readSharedRun, shareUrl } from '../../lib/share-link';
import type { SessionKeeper } from '../lessons/session-keeper.svelte';
import {
  MAX_IMPORT_BYTES, deleteSaved, exportFileName, exportText, importText, keepSaved, listSaved, readSaved, type DamagedEntry,
  type SavedEntry,
} from './saved-sessions';

export interface SessionsMenuDeps {
  readonly store: AsyncStore | undefined;
  readonly keeper: Pick<SessionKeeper, 'snapshot' | 'replaceWith'>;
  /** The page's address (for share links). */
  readonly pageUrl: () => string;
  /** Loads the page afresh without a query, to boot the session just written. */
  readonly reload: () => void;
  readonly newId: () => string;
  readonly now: () => number;
  /** Puts text on the clipboard; rejects when the browser refuses. */
  readonly copy?: (text: string) => Promise<void>;
  /** Offers text as a file download. */
  readonly download?: (name: string, text: string) => void;
}

const NO_STORAGE = 'This browser keeps no sessions (storage is disabled).';
const NO_RUN = 'There is no cluster running yet.';

export class SessionsMenu {
  entries = $state.raw<readonly SavedEntry[]>([]);
  damaged = $state.raw<readonly DamagedEntry[]>([]);
  /** The outcome of the last action, in one line. */
  message = $state<string | undefined>(undefined);
  /** The last share link made (shown so it can be copied by hand). */
  link = $state<string | undefined>(undefined);
  busy = $state(false);

  constructor(private readonly deps: SessionsMenuDeps) {}

  /** Reads the named sessions again. */
  async refresh(): Promise<void> {
    const store = this.deps.store;
    if (!store) return;
    const { entries, damaged } = await listSaved(store);
    this.entries = entries;
    this.damaged = damaged;
  }

  /** Keeps the current session under `name`. */
  async saveAs(name: string): Promise<boolean> {
    const store = this.deps.store;
    if (!store) return this.say(NO_STORAGE, false);
    const session = this.deps.keeper.snapshot();
    if (!session) return this.say(NO_RUN, false);
    const kept = await keepSaved(store, name, session, this.deps.newId());
    await this.refresh();
    return typeof kept === 'string' ? this.say(kept, false) : this.say(`Saved as “${name.trim()}”.`, true);
  }

  async remove(id: string): Promise<void> {
    if (!this.deps.store) return;
    const name = [...this.entries, ...this.damaged].find((e) => e.id === id)?.name;
    await deleteSaved(this.deps.store, id);
    await this.refresh();
    this.say(name ? `Deleted “${name}”.` : 'Deleted.');
  }

  /** Opens a named session: it becomes the current session and the page reloads into it. */
  async open(id: string): Promise<boolean> {
    const store = this.deps.store;
    if (!store) return this.say(NO_STORAGE, false);
    const read = await readSaved(store, id);
    if (read.kind !== 'ok') return this.say(read.kind === 'bad' ? `That session cannot be opened (${read.reason}).` : 'That session is gone.', false);
    return this.boot(read.session);
  }

  /** Forgets the current session and reloads into a fresh cluster with a new seed (the menu asks first). */
  async newCluster(): Promise<boolean> {
    const store = this.deps.store;
    this.busy = true;
    const done = await this.deps.keeper.replaceWith(async () => {
      await clearSession(store);
      return true;
    }, this.deps.reload);
    this.busy = false;
    return done;
  }

  /** Downloads the current session as a `.kubesim.json` file. */
  exportCurrent(): boolean {
    const session = this.deps.keeper.snapshot();
    if (!session) return this.say(NO_RUN, false);
    const name = exportFileName(session, this.deps.now());
    this.deps.download?.(name, exportText(session));
    return this.say(`Exported ${name}.`, true);
  }

  /** Reads a session file (as exported, or a run record): checked, then opened like a named session. */
  async importFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<boolean> {
    if (file.size > MAX_IMPORT_BYTES) return this.say(`${file.name} cannot be imported (the file is larger than this page reads).`, false);
    let text: string;
    try {
      text = await file.text();
    } catch {
      return this.say(`${file.name} could not be read.`, false);
    }
    const read = importText(text);
    if (read.kind !== 'ok') return this.say(`${file.name} cannot be imported (${read.kind === 'bad' ? read.reason : 'the file is empty'}).`, false);
    return this.boot({ ...read.session, savedAt: this.deps.now() });
  }

  /** Makes a link that opens this run (seed, commands and files, virtual time) and copies it. */
  async copyShareLink(): Promise<boolean> {
    const session = this.deps.keeper.snapshot();
    if (!session) return this.say(NO_RUN, false);
    const run = { record: session.record, atMs: session.atMs, ...(session.lab ? { lab: session.lab } : {}) };
    const checked = readSharedRun({ kubesim: 'share', version: 1, ...run });
    if (checked.kind === 'bad') return this.say(`This session cannot be shared as a link (${checked.reason}); export it as a file instead.`, false);
    const packed = await encodeShare(run);
    if (packed.length > MAX_SHARE_CHARS) {
      this.link = undefined;
      return this.say(`This session is too long for a link (${packed.length} characters); export it as a file instead.`, false);
    }
    this.link = shareUrl(this.deps.pageUrl(), packed);
    try {
      if (!this.deps.copy) throw new Error('no clipboard');
      await this.deps.copy(this.link);
      return this.say(`Share link copied (${this.link.length} characters).`, true);
    } catch {
      return this.say('Copy the share link below (the browser would not let the page copy it).', true);
    }
  }

  private async boot(session: SavedSession): Promise<boolean> {
    const store = this.deps.store;
    if (!store) return this.say(NO_STORAGE, false);
    this.busy = true;
    let refused = '';
    const done = await this.deps.keeper.replaceWith(async () => {
      const outcome = await saveSession(store, session);
      refused = outcome === 'too-large' ? 'it is too large to keep' : 'the browser refused to save it';
      return outcome === 'saved' || outcome === 'saved-without-transcript';
    }, this.deps.reload);
    this.busy = false;
    return done ? this.say('Opening…', true) : this.say(`That session cannot be opened (${refused}).`, false);
  }

  private say<T>(message: string, result?: T): T {
    this.message = message;
    return result as T;
  }
}
