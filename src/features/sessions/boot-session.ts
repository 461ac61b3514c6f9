// What the page boots: the learner's saved session from IndexedDB (moved there from localStorage once), or a run
// from a share link in the address's fragment (which is removed from the address as soon as it is read). A link's
// run is a fresh session: the saved one stays as it is until the learner works in the shared run (see
// SessionKeeper), and is then kept as a named session before it is replaced. A bad link or save boots an empty
// fresh cluster with a one-line notice.
import type { AsyncStore } from '../../lib/idb-kv';
import { loadSession, migrateLocalSession, type LoadedSession, type SavedSession, type SessionStore } from '../../lib/persistence';
import { decodeShare, shareInHash } from '../../lib/share-link';

export interface BootSession {
  /** The session to restore: the saved one, or a link's run. */
  readonly loaded: LoadedSession;
  /** `link`: the address carried a share link (good or bad); nothing is saved until the learner works. */
  readonly from: 'storage' | 'link';
  /** A one-line notice for the learner (a link or a save that could not be used). */
  readonly notice?: string;
  /** The saved session a link's run would replace, when it holds work. */
  readonly displaced?: SavedSession;
}

export interface BootInputs {
  readonly store: AsyncStore | undefined;
  /** Where older pages kept the session. */
  readonly legacy?: SessionStore;
  /** False for a throwaway session (`?seed=`): nothing is read from storage. */
  readonly enabled: boolean;
  /** The address's fragment (`#share=…`). */
  readonly hash: string;
  /** Removes the fragment from the address bar. */
  readonly clearHash?: () => void;
  /** The longest wait for storage before booting without it. */
  readonly timeoutMs?: number;
}

/** The longest the page waits for IndexedDB before it boots without the saved session. */
export const STORAGE_WAIT_MS = 4_000;

const NONE: LoadedSession = { kind: 'none' };

function withTimeout<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    work.then((value) => resolve(value), () => resolve(fallback)).finally(() => clearTimeout(timer));
  });
}

const hasWork = (s: SavedSession): boolean => s.record.commands.length > 0 || s.lab !== undefined;

/** Reads what the page boots with. Never throws. */
export async function loadBootSession(inputs: BootInputs): Promise<BootSession> {
  const wait = inputs.timeoutMs ?? STORAGE_WAIT_MS;
  const stored = async (): Promise<LoadedSession> => {
    if (!inputs.enabled) return NONE;
    await migrateLocalSession(inputs.legacy, inputs.store);
    return loadSession(inputs.store);
  };
  const packed = shareInHash(inputs.hash);
  if (packed === undefined) {
    const loaded = await withTimeout(stored(), wait, NONE);
    return loaded.kind === 'bad'
      ? { loaded: NONE, from: 'storage', notice: `Your saved session could not be used (${loaded.reason}), so this is a fresh cluster.` }
      : { loaded, from: 'storage' };
  }
  inputs.clearHash?.();
  const [decoded, current] = await Promise.all([decodeShare(packed), withTimeout(stored(), wait, NONE)]);
  const displaced = current.kind === 'ok' && hasWork(current.session) ? { displaced: current.session } : {};
  if (decoded.kind === 'bad') {
    return { loaded: NONE, from: 'link', notice: `This share link could not be opened (${decoded.reason}), so this is a fresh cluster.`, ...displaced };
  }
  const { record, atMs, lab } = decoded.run;
  return { loaded: { kind: 'ok', session: { version: 1, savedAt: 0, record, atMs, ...(lab ? { lab } : {}) } }, from: 'link', ...displaced };
}
