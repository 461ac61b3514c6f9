// The page's history store: one HistoryTracker fed every view the page shows, with a reactive version so the
// picture, the address book and the inspector re-derive when something new was recorded.
import { createContext } from 'svelte';
import type { ClusterView } from '../../lib/cluster-view';
import { HistoryTracker } from './history';

/** The history of the session as the page shows it: a tracker plus a reactive version. */
export class HistoryStore {
  tracker = $state.raw(new HistoryTracker());
  /** Bumped whenever the tracker recorded something new. */
  version = $state(0);

  /** Starts a new history: the cluster was rebuilt (a lab step reset, a branch), so what came before is not churn. */
  reset(): void {
    this.tracker = new HistoryTracker();
    this.version = 0;
  }

  /** Feeds a view (idempotent per view). */
  observe(view: ClusterView): void {
    const version = this.tracker.observe(view);
    if (version !== this.version) this.version = version;
  }
}

/** The history store shared by the cluster picture and the inspector. */
export const [getHistoryStore, setHistoryStore] = createContext<HistoryStore>();
