// The shell's command history as bash keeps it with Ubuntu's default HISTCONTROL=ignoreboth: Up and Down walk
// it, the line being typed is kept while walking, and the list survives a reload (the page stores it).

export interface History {
  /** Oldest first. */
  readonly entries: readonly string[];
  /** The entry shown while walking; `entries.length` is the line being typed. */
  readonly index: number;
  /** The line being typed before walking started. */
  readonly draft: string;
}

/** How many lines the history keeps (bash's HISTSIZE default is 500; the page keeps more). */
export const MAX_HISTORY = 1_000;

/** A history holding `entries` (oldest first), not walking. Pure. */
export function historyOf(entries: readonly string[] = []): History {
  const kept = entries.slice(-MAX_HISTORY);
  return { entries: kept, index: kept.length, draft: '' };
}

/**
 * Adds a line that ran. As with ignoreboth, blank lines, lines starting with a space and repeats of the last
 * line are not kept. Stops walking. Pure.
 */
export function recordLine(h: History, line: string): History {
  const skip = line.trim() === '' || /^\s/.test(line) || h.entries[h.entries.length - 1] === line;
  const entries = skip ? h.entries : [...h.entries, line].slice(-MAX_HISTORY);
  return { entries, index: entries.length, draft: '' };
}

/** Up: the previous entry, or undefined at the oldest. `current` is what the line holds now. Pure. */
export function historyPrev(h: History, current: string): { history: History; text: string } | undefined {
  if (h.index === 0) return undefined;
  const draft = h.index === h.entries.length ? current : h.draft;
  const index = h.index - 1;
  return { history: { ...h, index, draft }, text: h.entries[index] };
}

/** Down: the next entry, the typed line after the newest, or undefined when not walking. Pure. */
export function historyNext(h: History): { history: History; text: string } | undefined {
  if (h.index >= h.entries.length) return undefined;
  const index = h.index + 1;
  return { history: { ...h, index }, text: index === h.entries.length ? h.draft : h.entries[index] };
}

/** Stops walking (after Ctrl-C or a run line). Pure. */
export function stopWalking(h: History): History {
  return h.index === h.entries.length && h.draft === '' ? h : { ...h, index: h.entries.length, draft: '' };
}

/** The stored history (a JSON array of strings); anything else reads as empty. Pure. */
export function parseStoredHistory(raw: string | null | undefined): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(-MAX_HISTORY) : [];
  } catch {
    return [];
  }
}
