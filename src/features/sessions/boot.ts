// The page's storage and the session it boots with, read before the page is built: this module waits (top-level
// await) for IndexedDB and any share link, so the simulation client, the labs and the session keeper all start
// from what was loaded, and the client's first request to the worker is already the right one (a fresh cluster or
// a replay). A throwaway session (`?seed=`) reads nothing.
import { indexedDbStore, type AsyncStore } from '../../lib/idb-kv';
import { browserSessionStore, type SessionStore } from '../../lib/persistence';
import { loadBootSession, type BootSession } from './boot-session';

/** IndexedDB, or undefined where the browser has none. */
export const sessionStore: AsyncStore | undefined = typeof indexedDB === 'undefined' ? undefined : indexedDbStore();

/** localStorage: where older pages kept the session, and where it is handed over as the page unloads. */
export const handoffStore: SessionStore | undefined = browserSessionStore();

/** Whether this page keeps its session (not a `?seed=` throwaway). */
export const keepsSession = !new URLSearchParams(location.search).has('seed');

export const bootSession: BootSession = await loadBootSession({
  store: sessionStore,
  legacy: handoffStore,
  enabled: keepsSession,
  hash: location.hash,
  clearHash: () => history.replaceState(history.state, '', location.pathname + location.search),
});
