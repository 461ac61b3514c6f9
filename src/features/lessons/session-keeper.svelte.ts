// Never lose the learner's work: saves the session (run record, virtual time, editor file, lab progress, terminal
// transcript) shortly after every command, file save or step change and every few seconds while the clock runs,
// and on reload boots the client from it, shows the transcript again and reopens the editor's file.
import { createContext, tick, untrack } from 'svelte';
import type { SimClient } from '../../lib/sim-client.svelte';
import {
  clearSession, loadSession, saveSession, transcriptFromSaved, transcriptToSaved, type LoadedSession, type SavedLab,
  type SavedSession, type SessionStore,
} from '../../lib/persistence';
import { formatClock } from '../playback/clock';

/** Wall ms after a change before the session is saved (a burst of changes saves once). */
export const SAVE_DELAY_MS = 400;
/** Wall ms between saves while the clock runs (the virtual time moves on). */
export const SAVE_EVERY_MS = 5_000;

export type KeeperClient = Pick<SimClient, 'phase' | 'commands' | 'filesVersion' | 'view' | 'lastRecord' | 'resumed' | 'resumeFrom' |
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
}

export class SessionKeeper {
  /** What was found in storage when the page loaded. */
  readonly loaded: LoadedSession;
  /** A one-line notice about saving or restoring, for the learner. */
  notice = $state<string | undefined>(undefined);

  private ready = false;
  private forgotten = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposeEffects: (() => void) | undefined;

  constructor(private readonly client: KeeperClient, private readonly store: SessionStore | undefined, private readonly options: KeeperOptions) {
    this.loaded = options.enabled ? loadSession(store) : { kind: 'none' };
    if (this.loaded.kind === 'bad') this.notice = `Your saved session could not be used (${this.loaded.reason}), so this is a fresh cluster.`;
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
    if (!this.options.enabled) return;
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
    const hide = (): void => this.saveNow();
    const hidden = (): void => {
      if (document.visibilityState === 'hidden') this.saveNow();
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
      this.saveNow();
    }, SAVE_DELAY_MS);
  }

  /** Saves at once (the page is being hidden or closed). */
  saveNow(): void {
    const record = this.client.lastRecord;
    if (!this.options.enabled || !this.ready || this.forgotten || !record) return;
    const lastAt = record.commands.length > 0 ? record.commands[record.commands.length - 1].at : 0;
    const editorPath = this.options.editorPath?.();
    const lab = this.options.lab?.();
    const session: SavedSession = {
      version: 1, savedAt: this.options.wallClock?.() ?? Date.now(), record, atMs: Math.max(this.client.view.time, lastAt),
      ...(editorPath ? { editorPath } : {}), ...(lab ? { lab } : {}), transcript: transcriptToSaved(this.client.commands),
    };
    const outcome = saveSession(this.store, session);
    if (outcome === 'too-large') this.notice = 'This session has grown too large for the browser to keep; work from here on is not saved.';
    else if (outcome === 'refused') this.notice = 'The browser refused to save this session (storage full or disabled).';
  }

  /** Forgets the saved session for good (before the page loads afresh). */
  forget(): void {
    this.forgotten = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    clearSession(this.store);
  }

  /** After the boot: the saved transcript back in the terminal, a note, and the editor's file; saving starts. */
  async afterBoot(): Promise<void> {
    if (this.ready) return;
    this.ready = true;
    if (this.loaded.kind !== 'ok' || !this.client.resumed) return;
    const { session } = this.loaded;
    // The terminal mounted before the boot finished; it prints what the transcript gains from now on.
    await tick();
    if (session.transcript) this.client.adoptTranscript(transcriptFromSaved(session.transcript));
    this.client.note(`session restored at ${formatClock(session.atMs)} of virtual time (the same cluster, replayed from its ${session.record.commands.length} commands)`);
    const path = session.editorPath;
    if (path && this.options.openFile && (await this.client.files()).some((f) => f.path === path)) this.options.openFile(path);
    this.changed();
  }
}

/** The page's one SessionKeeper, shared through typed context. */
export const [getSessionKeeper, setSessionKeeper] = createContext<SessionKeeper>();
