// readline's reverse incremental history search (Ctrl-R): each key refines the query and shows the newest
// history line containing it; Ctrl-R again looks further back; Enter runs the match, Ctrl-G or Escape gives the
// original line back, and any other editing key keeps the match on the line and goes on editing from there.
import type { Key } from './input-keys';

export interface HistorySearch {
  readonly query: string;
  /** The history index of the line shown, or undefined before anything matched. */
  readonly match: number | undefined;
  /** Whether the last refinement found nothing (readline says "failed"). */
  readonly failed: boolean;
  /** The line as it was when the search started, for Ctrl-G. */
  readonly original: string;
}

/** What a key does to a search: go on searching, or leave it (accepting the match or not, maybe running it). */
export type SearchStep =
  | { readonly kind: 'searching'; readonly search: HistorySearch }
  | { readonly kind: 'accept'; readonly text: string; readonly then: 'run' | 'edit' | 'interrupt'; readonly key?: Key }
  | { readonly kind: 'cancel'; readonly text: string };

/** A new search over the line `original`. Pure. */
export function startSearch(original: string): HistorySearch {
  return { query: '', match: undefined, failed: false, original };
}

/** The newest entry older than `before` containing `query`. Pure. */
export function findBack(entries: readonly string[], query: string, before: number): number | undefined {
  for (let i = Math.min(before, entries.length) - 1; i >= 0; i--) if (entries[i].includes(query)) return i;
  return undefined;
}

/** The text the search shows on the line. Pure. */
export function searchText(s: HistorySearch, entries: readonly string[]): string {
  return s.match === undefined ? s.original : entries[s.match];
}

/** The prompt readline shows while searching. Pure. */
export function searchPrompt(s: HistorySearch): string {
  return `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
}

/** Applies one key to a search over `entries` (oldest first). Pure. */
export function searchKey(s: HistorySearch, key: Key, entries: readonly string[]): SearchStep {
  const shown = searchText(s, entries);
  const refine = (query: string, before: number): SearchStep => {
    const found = query === '' ? undefined : findBack(entries, query, before);
    if (found === undefined) return { kind: 'searching', search: { ...s, query, failed: query !== '' } };
    return { kind: 'searching', search: { ...s, query, match: found, failed: false } };
  };
  if (key.kind === 'text') {
    const query = s.query + key.text.replace(/[\r\n]/g, '');
    // The line shown still matches a longer query more often than not: search from it, inclusive.
    return refine(query, s.match === undefined ? entries.length : s.match + 1);
  }
  if (key.kind === 'ctrl' && key.letter === 'r') {
    if (s.query === '') return { kind: 'searching', search: s };
    return refine(s.query, s.match ?? entries.length);
  }
  if (key.kind === 'key' && key.name === 'backspace') return refine(s.query.slice(0, -1), entries.length);
  if (key.kind === 'ctrl' && key.letter === 'h') return refine(s.query.slice(0, -1), entries.length);
  if ((key.kind === 'ctrl' && key.letter === 'g') || (key.kind === 'key' && key.name === 'escape')) return { kind: 'cancel', text: s.original };
  if (key.kind === 'ctrl' && key.letter === 'c') return { kind: 'accept', text: shown, then: 'interrupt' };
  if (key.kind === 'key' && key.name === 'enter') return { kind: 'accept', text: shown, then: 'run' };
  if (key.kind === 'ctrl' && (key.letter === 'j' || key.letter === 'm')) return { kind: 'accept', text: shown, then: 'run' };
  return { kind: 'accept', text: shown, then: 'edit', key };
}
