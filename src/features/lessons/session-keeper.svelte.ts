// Never lose the learner's work: saves the session (run record, virtual time, editor file, lab progress, terminal
// transcript) to IndexedDB shortly after every command, file save or step change and every few seconds while the
// clock runs (and synchronously to localStorage as the page unloads, for the next boot to move to IndexedDB), and
// on reload boots the client from it, shows the transcript again and reopens the editor's file.
// A run opened from a share link is not saved until the learner works in it (a command, a file, a lab); the saved
// session it then replaces is first kept as a named session.
import { createContext, tick, untrack } from 'svelte';
import type { SimClient } from '../../lib/sim-client.svelte';
import type { AsyncStore } from '../../lib/idb-kv';
import type { RunRecord } from '../../../sim/protocol';
import {
  clearLocalSession, clearSession, handOverSession, saveSession, transcriptFromSaved, transcriptToSaved, type LoadedSession,
  type SavedLab, type SavedSession, type SessionStore,
} from '../../lib/persistence';
import type { BootSession } from '../sessions/boot-session';
import { keepSaved } from '../sessions/saved-sessions';
import { formatClock } from '../playback/clock';

/** Wall ms after a change before the session is saved (a burst of changes saves once). */
export const SAVE_DELAY_MS = 400;
/** Wall ms between saves while the clock runs (the virtual time moves on). */
export const SAVE_EVERY_MS = 5_000;

export type KeeperClient = Pick<SimClient, 'phase' | 'commands' | 'filesVersion' | 'view' | 'liveTime' | 'lastRecord' | 'resumed' | 'resumeFrom' |
  'adoptTranscript' | 'note' | 'files' | 'notice'>;

export interface KeeperOptions {
  /** False: nothing is restored or saved (a `?seed=` link opens a fresh, throwaway cluster). */
  readonly enabled: boolean;
  /** The lab progress to save. */
  readonly lab?: () => SavedLab | undefined;
  /** The file the editor shows. */
  readonly editorPath?: () => string | undefined;
  /** Shows a file in the editor (after a restore). */
  readonly openFile?: (path: string) => void;
  /** Wall-clock ms since the epoch (saved with the session for the learner's information). */
  readonly wallClock?: () => number;
  /** A new id for a named session (the displaced session of a share link). */
  readonly newId?: () => string;
  /** Synchronous storage (localStorage) the session is handed to as the page unloads, for the next boot to adopt. */
  readonly handoff?: SessionStore;
}

export class SessionKeeper {
  /** What the page booted with (the saved session, or a share link's run). */
  readonly loaded: LoadedSession;
  /** A one-line notice about saving or restoring, for the learner. */
  notice = $state<string | undefined>(undefined);

  private ready = false;
  private forgotten = false;
  /** A share link's run: not saved while the run is still the one the link brought (this many commands, no lab). */
  private holdUntilWork: number | undefined;
  private displaced: SavedSession | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The save under way, if any (forgetting waits for it). */
  private inFlight: Promise<void> | undefined;
  private disposeEffects: (() => void) | undefined;

  constructor(private readonly client: KeeperClient, private readonly store: AsyncStore | undefined, private readonly boot: BootSession,
    private readonly options: KeeperOptions) {
    this.loaded = options.enabled || boot.from === 'link' ? boot.loaded : { kind: 'none' };
    this.notice = boot.notice;
    if (boot.from === 'link') {
      this.holdUntilWork = this.loaded.kind === 'ok' ? this.loaded.session.record.commands.length : 0;
      this.displaced = boot.displaced;
    }
    if (this.loaded.kind === 'ok') client.resumeFrom({ record: this.loaded.session.record, atMs: this.loaded.session.atMs });
    // Nothing saved, or a throwaway session: there is no transcript to wait for.
    this.ready = this.loaded.kind !== 'ok';
  }

  /** The lab saved with the session (to resume once the labs are loaded), if the session came back. */
  get savedLab(): SavedLab | undefined {
    return this.loaded.kind === 'ok' ? this.loaded.session.lab : undefined;
  }

  /** Starts following the client: restores what the boot cannot, and saves as things change. */
  start(): void {
    if (!this.options.enabled && this.boot.from !== 'link') return;
    this.disposeEffects = $effect.root(() => {
      $effect(() => {
        const phase = this.client.phase;
        if (!this.ready && (phase === 'running' || phase === 'paused')) untrack(() => void this.afterBoot());
      });
      $effect(() => {
        void this.client.commands;
        void this.client.filesVersion;
        untrack(() => this.changed());
      });
    });
    const every = setInterval(() => {
      if (this.client.phase === 'running') this.changed();
    }, SAVE_EVERY_MS);
    const hide = (): void => this.handOver();
    const hidden = (): void => {
      if (document.visibilityState === 'hidden') void this.saveNow();
    };
    addEventListener('pagehide', hide);
    document.addEventListener('visibilitychange', hidden);
    const effects = this.disposeEffects;
    this.disposeEffects = () => {
      effects();
      clearInterval(every);
      removeEventListener('pagehide', hide);
      document.removeEventListener('visibilitychange', hidden);
    };
  }

  dispose(): void {
    this.disposeEffects?.();
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  /** Something worth keeping changed: save soon. */
  changed(): void {
    if (!this.options.enabled || !this.ready || this.forgotten || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.saveNow();
    }, SAVE_DELAY_MS);
  }

  /** The session as it stands (for saving, naming or exporting), or undefined while there is no run. */
  snapshot(): SavedSession | undefined {
    const record = this.client.lastRecord;
    if (!record) return undefined;
    const lastAt = record.commands.length > 0 ? record.commands[record.commands.length - 1].at : 0;
    const editorPath = this.options.editorPath?.();
    const lab = this.options.lab?.();
    return {
      version: 1, savedAt: this.options.wallClock?.() ?? Date.now(), record, atMs: Math.max(this.client.liveTime, lastAt),
      ...(editorPath ? { editorPath } : {}), ...(lab ? { lab } : {}), transcript: transcriptToSaved(this.client.commands),
    };
  }

  /** Saves at once (the page is being hidden or closed); resolves once the browser has it. */
  async saveNow(): Promise<void> {
    const save = this.writeSession();
    this.inFlight = save;
    await save;
  }

  private async writeSession(): Promise<void> {
    if (!this.options.enabled || !this.ready || this.forgotten) return;
    const session = this.snapshot();
    if (!session || this.holding(session.record)) return;
    if (this.displaced) {
      const displaced = this.displaced;
      this.displaced = undefined;
      const when = new Date(this.options.wallClock?.() ?? Date.now()).toLocaleString();
      const kept = this.store ? await keepSaved(this.store, `Before a shared link (${when})`, displaced, this.options.newId?.() ?? newSessionId()) : 'no storage';
      if (typeof kept === 'string') this.notice = `Your previous session could not be kept (${kept}); it is replaced by this one.`;
      if (this.forgotten) return;
    }
    if (this.forgotten) return;
    const outcome = await saveSession(this.store, session);
    if (outcome === 'too-large') this.notice = 'This session has grown too large for the browser to keep; work from here on is not saved.';
    else if (outcome === 'refused') this.notice = 'The browser refused to save this session (storage full or disabled).';
  }

  /** The page is unloading: an IndexedDB write might not finish, so the session is also written synchronously. */
  handOver(): void {
    const session = this.options.enabled && this.ready && !this.forgotten ? this.snapshot() : undefined;
    if (!session || this.holding(session.record) || this.displaced) return void this.saveNow();
    handOverSession(this.options.handoff, session);
    void this.saveNow();
  }

  /** Whether a share link's run is still as the link brought it (so the saved session is left alone). */
  private holding(record: RunRecord): boolean {
    if (this.holdUntilWork === undefined) return false;
    if (record.commands.length <= this.holdUntilWork && !this.options.lab?.()) return true;
    this.holdUntilWork = undefined;
    return false;
  }

  /**
   * Stops saving and runs `replace` (which writes the session the page is to boot next), then `reload`s: opening a
   * named session, importing one, or a new cluster. If `replace` fails, saving goes on and nothing reloads.
   */
  async replaceWith(replace: () => Promise<boolean>, reload: () => void): Promise<boolean> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.forgotten = true;
    await this.inFlight?.catch(() => undefined);
    clearLocalSession(this.options.handoff);
    if (!(await replace())) {
      this.forgotten = false;
      return false;
    }
    reload();
    return true;
  }

  /** Forgets the saved session for good (before the page loads afresh); resolves once it is gone. */
  async forget(): Promise<void> {
    this.forgotten = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    // A save already under way must land before the session is cleared, or it would bring the session back.
    await this.inFlight?.catch(() => undefined);
    clearLocalSession(this.options.handoff);
    await clearSession(this.store);
  }

  /** After the boot: the saved transcript back in the terminal, a note, and the editor's file; saving starts. */
  async afterBoot(): Promise<void> {
    if (this.ready) return;
    this.ready = true;
    // A link's run that could not be rebuilt left a fresh cluster: the learner's first command is work.
    if (this.holdUntilWork !== undefined && !this.client.resumed) this.holdUntilWork = 0;
    if (this.loaded.kind !== 'ok' || !this.client.resumed) return;
    const { session } = this.loaded;
    // The terminal mounted before the boot finished; it prints what the transcript gains from now on.
    await tick();
    if (session.transcript) this.client.adoptTranscript(transcriptFromSaved(session.transcript));
    const commands = session.record.commands.length;
    this.client.note(this.boot.from === 'link'
      ? `shared session opened at ${formatClock(session.atMs)} of virtual time (replayed from its ${commands} commands); it is saved as yours once you work in it`
      : `session restored at ${formatClock(session.atMs)} of virtual time (the same cluster, replayed from its ${commands} commands)`);
    const path = session.editorPath;
    if (path && this.options.openFile && (await this.client.files()).some((f) => f.path === path)) this.options.openFile(path);
    this.changed();
  }
}

/** A new id for a named session (page code: wall clock and chance are fine here). */
export function newSessionId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The page's one SessionKeeper, shared through typed context. */
export const [getSessionKeeper, setSessionKeeper] = createContext<SessionKeeper>();
