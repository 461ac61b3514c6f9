// The workspace layout as shared state: split fractions and hidden panes, kept in localStorage.
import { createContext } from 'svelte';
import { readKey, writeKey, type KeyValueStore } from '../../ui/local-store';
import { DEFAULT_LAYOUT, LAYOUT_KEY, parseLayout, type LayoutPrefs, type PaneId, type Split } from './layout-math';

export class LayoutState {
  prefs = $state.raw<LayoutPrefs>(DEFAULT_LAYOUT);

  constructor(private readonly store?: KeyValueStore) {
    this.prefs = parseLayout(readKey(store, LAYOUT_KEY));
  }

  isHidden(id: PaneId): boolean {
    return this.prefs.hidden.includes(id);
  }

  /** Moves a split; `persist` false while a drag is under way (the drag's end stores it). */
  setSplit(split: Split, fraction: number, persist = true): void {
    this.prefs = { ...this.prefs, splits: { ...this.prefs.splits, [split]: fraction } };
    if (persist) this.save();
  }

  setHidden(id: PaneId, hidden: boolean): void {
    if (this.isHidden(id) === hidden) return;
    this.prefs = { ...this.prefs, hidden: hidden ? [...this.prefs.hidden, id] : this.prefs.hidden.filter((p) => p !== id) };
    this.save();
  }

  /** Back to the default sizes with every pane shown. */
  reset(): void {
    this.prefs = DEFAULT_LAYOUT;
    this.save();
  }

  save(): void {
    writeKey(this.store, LAYOUT_KEY, JSON.stringify(this.prefs));
  }
}

/** The page's one LayoutState, shared through typed context. */
export const [getLayoutState, setLayoutState] = createContext<LayoutState>();
