// The workspace layout as shared state: split fractions and hidden panes, kept in localStorage. Projection mode
// has a layout of its own (the picture and a shorter terminal until the presenter picks otherwise), kept beside
// the ordinary one; panes named in the page's address (`panes=`) are shown in both and nothing is stored.
import { createContext } from 'svelte';
import { readKey, writeKey, type KeyValueStore } from '../../ui/local-store';
import { DEFAULT_LAYOUT, LAYOUT_KEY, PANE_IDS, parseLayout, type LayoutPrefs, type PaneId, type Split } from './layout-math';

export const PROJECTION_LAYOUT_KEY = 'kubesim:layout:projection';
/** The panes hidden in projection mode until the presenter chooses: everything but the picture and the terminal. */
export const PROJECTION_HIDDEN: readonly PaneId[] = ['lab', 'editor', 'drawer'];
/** Projection mode's layout until the presenter changes it: the picture over a shorter terminal. */
export const PROJECTION_LAYOUT: LayoutPrefs = { splits: { ...DEFAULT_LAYOUT.splits, bottom: 0.28 }, hidden: PROJECTION_HIDDEN };

/** The panes hidden when only `shown` show. Pure. */
export function hiddenExcept(shown: readonly PaneId[]): PaneId[] {
  return PANE_IDS.filter((id) => !shown.includes(id));
}

export class LayoutState {
  prefs = $state.raw<LayoutPrefs>(DEFAULT_LAYOUT);
  /** Whether the projection mode's panes are showing. */
  presenting = $state(false);

  /** The layout of the mode not showing (the ordinary one while presenting, projection mode's otherwise). */
  private other: LayoutPrefs;
  private readonly persist: boolean;

  /** `shown`: the panes the page's address asked for, if any. */
  constructor(private readonly store?: KeyValueStore, shown?: readonly PaneId[]) {
    this.prefs = parseLayout(readKey(store, LAYOUT_KEY));
    const projection = readKey(store, PROJECTION_LAYOUT_KEY);
    this.other = projection ? parseLayout(projection) : PROJECTION_LAYOUT;
    this.persist = shown === undefined;
    if (shown) {
      this.prefs = { ...this.prefs, hidden: hiddenExcept(shown) };
      this.other = { ...this.other, hidden: this.prefs.hidden };
    }
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

  /** Switches to projection mode's layout (on) or back to the ordinary one (off). */
  present(on: boolean): void {
    if (on === this.presenting) return;
    [this.prefs, this.other] = [this.other, this.prefs];
    this.presenting = on;
  }

  /** Back to the mode's default layout (every pane shown; the picture and the terminal when presenting). */
  reset(): void {
    this.prefs = this.presenting ? PROJECTION_LAYOUT : DEFAULT_LAYOUT;
    this.save();
  }

  save(): void {
    if (!this.persist) return;
    writeKey(this.store, this.presenting ? PROJECTION_LAYOUT_KEY : LAYOUT_KEY, JSON.stringify(this.prefs));
  }
}

/** The page's one LayoutState, shared through typed context. */
export const [getLayoutState, setLayoutState] = createContext<LayoutState>();
