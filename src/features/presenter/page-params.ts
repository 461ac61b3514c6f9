// What the page's address asks of the page itself, for a classroom or a teaching site that embeds kubesim:
// `theme=light|dark|projector`, `panes=terminal,topology` (the panes shown) and `projector=1` (projection mode).
// The lab and its step (`lab=`, `step=`) belong to the lab session. Pure.
import { PANE_IDS, type PaneId } from '../layout/layout-math';
import type { ThemeChoice } from '../layout/theme';

export interface PageParams {
  /** The theme asked for, when the address names a known one. */
  readonly theme?: ThemeChoice;
  /** The panes to show, when the address names at least one known pane. */
  readonly panes?: readonly PaneId[];
  /** Whether the page opens in projection mode. */
  readonly projector: boolean;
}

/** Names a link may use for each pane (the pane's own id, and the word a teacher would reach for). */
export const PANE_NAMES: Readonly<Record<string, PaneId>> = {
  lab: 'lab', lesson: 'lab', editor: 'editor', cluster: 'cluster', topology: 'cluster', picture: 'cluster',
  terminal: 'terminal', drawer: 'drawer', events: 'drawer',
};

const YES = new Set(['', '1', 'true', 'yes', 'on']);

/** The panes a `panes=` value names, in the workspace's order; undefined when it names none. Pure. */
export function parsePanes(raw: string | null | undefined): PaneId[] | undefined {
  if (raw === null || raw === undefined) return undefined;
  const named = new Set(raw.split(/[\s,+]+/).map((w) => PANE_NAMES[w.trim().toLowerCase()]).filter((p): p is PaneId => p !== undefined));
  return named.size > 0 ? PANE_IDS.filter((id) => named.has(id)) : undefined;
}

/** The page parameters in a query string. Pure. */
export function pageParams(search: string): PageParams {
  const q = new URLSearchParams(search);
  const theme = q.get('theme')?.trim().toLowerCase();
  const projector = q.get('projector');
  const panes = parsePanes(q.get('panes'));
  return {
    ...(theme === 'light' || theme === 'dark' || theme === 'projector' ? { theme } : {}),
    ...(panes ? { panes } : {}),
    projector: projector !== null && YES.has(projector.trim().toLowerCase()),
  };
}
