// The workspace's pane layout as numbers: split fractions the student drags or keys, clamped so that no pane
// gets too small for its controls, which panes are hidden, and the stored form of both.

/** The panes of the workspace. */
export type PaneId = 'lab' | 'editor' | 'cluster' | 'terminal' | 'drawer';
export const PANE_IDS: readonly PaneId[] = ['lab', 'editor', 'cluster', 'terminal', 'drawer'];

/**
 * Split positions as fractions of their container: `left` the left column's share of the width, `bottom` the
 * bottom row's share of the height, `lab` the lab text's share of the left column, `drawer` the drawer's share
 * of the bottom row.
 */
export interface SplitFractions {
  readonly left: number;
  readonly bottom: number;
  readonly lab: number;
  readonly drawer: number;
}
export type Split = keyof SplitFractions;

export interface LayoutPrefs {
  readonly splits: SplitFractions;
  readonly hidden: readonly PaneId[];
}

// The lab text and the terminal are what a student works in: they get the larger shares; the picture keeps the rest.
export const DEFAULT_LAYOUT: LayoutPrefs = { splits: { left: 0.33, bottom: 0.36, lab: 0.5, drawer: 0.34 }, hidden: [] };
export const LAYOUT_KEY = 'kubesim:layout';

/** Smallest sizes in px: of the pane a split sizes (`min`) and of what is left beside it (`rest`). */
export const SPLIT_LIMITS: Readonly<Record<Split, { readonly min: number; readonly rest: number }>> = {
  left: { min: 240, rest: 420 },
  bottom: { min: 120, rest: 200 },
  lab: { min: 72, rest: 120 },
  drawer: { min: 260, rest: 320 },
};

/** A split's size in px for a container `totalPx` long: the fraction, kept within the limits. Pure. */
export function splitPx(split: Split, fraction: number, totalPx: number): number {
  const { min, rest } = SPLIT_LIMITS[split];
  const max = Math.max(min, totalPx - rest);
  return Math.round(Math.min(max, Math.max(min, fraction * totalPx)));
}

/** The fraction a size in px stands for, after clamping to the limits (0 < result ≤ 1). Pure. */
export function fractionOf(split: Split, px: number, totalPx: number): number {
  if (totalPx <= 0) return DEFAULT_LAYOUT.splits[split];
  return splitPx(split, px / totalPx, totalPx) / totalPx;
}

/**
 * The fraction after dragging a handle `deltaPx` from where the drag started. `grows` is +1 when the split's
 * pane grows as the pointer moves right/down (left column, lab text), -1 when it shrinks (bottom row, drawer). Pure.
 */
export function dragFraction(split: Split, startPx: number, deltaPx: number, grows: 1 | -1, totalPx: number): number {
  return fractionOf(split, startPx + grows * deltaPx, totalPx);
}

/** Keys that move a handle: arrows by 16 px (64 px with Shift), Home/End to the limits. */
export function keyFraction(split: Split, key: string, shift: boolean, currentPx: number, grows: 1 | -1, totalPx: number): number | undefined {
  const step = shift ? 64 : 16;
  const { min, rest } = SPLIT_LIMITS[split];
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown': return fractionOf(split, currentPx + grows * step, totalPx);
    case 'ArrowLeft':
    case 'ArrowUp': return fractionOf(split, currentPx - grows * step, totalPx);
    case 'Home': return fractionOf(split, grows === 1 ? min : totalPx - rest, totalPx);
    case 'End': return fractionOf(split, grows === 1 ? totalPx - rest : min, totalPx);
    default: return undefined;
  }
}

/** Which regions of the workspace show, given the hidden panes. Pure. */
export function visibleRegions(hidden: readonly PaneId[]) {
  const shows = (id: PaneId): boolean => !hidden.includes(id);
  const left = shows('lab') || shows('editor');
  const bottom = shows('terminal') || shows('drawer');
  const upper = left || shows('cluster');
  return { lab: shows('lab'), editor: shows('editor'), cluster: shows('cluster'), terminal: shows('terminal'), drawer: shows('drawer'), left, bottom, upper };
}

const isFraction = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1;

/** The stored layout (JSON); missing or bad parts fall back to the defaults. Pure. */
export function parseLayout(raw: string | null | undefined): LayoutPrefs {
  if (!raw) return DEFAULT_LAYOUT;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return DEFAULT_LAYOUT;
  }
  const v = (value ?? {}) as { splits?: Record<string, unknown>; hidden?: unknown };
  const splits = { ...DEFAULT_LAYOUT.splits };
  for (const key of Object.keys(splits) as Split[]) {
    const f = v.splits?.[key];
    if (isFraction(f)) splits[key as Split] = f;
  }
  const hidden = Array.isArray(v.hidden) ? PANE_IDS.filter((id) => (v.hidden as unknown[]).includes(id)) : [];
  return { splits, hidden };
}
