// Applying Tab completion as readline does: one match completes the word (and adds a space unless it names a
// directory), several matches complete their common prefix, and otherwise they are listed in columns, sorted
// down the columns first (readline's rl_display_match_list).

export interface CompletionAnswer {
  /** Where the word being completed starts; candidates replace `text[replaceFrom, cursor)`. */
  readonly replaceFrom: number;
  readonly candidates: readonly string[];
}

export type CompletionOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'insert'; readonly text: string; readonly cursor: number }
  | { readonly kind: 'list'; readonly candidates: readonly string[] };

/** The longest prefix every word shares. Pure. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i] === w[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/** What Tab does to the line `text` with the cursor at `cursor`, given the shell's candidates. Pure. */
export function applyCompletion(text: string, cursor: number, answer: CompletionAnswer): CompletionOutcome {
  const from = Math.max(0, Math.min(answer.replaceFrom, cursor));
  const word = text.slice(from, cursor);
  const candidates = [...new Set(answer.candidates)];
  if (candidates.length === 0) return { kind: 'none' };
  const replace = (insert: string): CompletionOutcome => ({
    kind: 'insert', text: text.slice(0, from) + insert + text.slice(cursor), cursor: from + insert.length,
  });
  if (candidates.length === 1) {
    const only = candidates[0];
    const suffix = only.endsWith('/') || only.endsWith('=') || text[cursor] === ' ' ? '' : ' ';
    return replace(only + suffix);
  }
  const prefix = commonPrefix(candidates);
  if (prefix.length > word.length && prefix.startsWith(word)) return replace(prefix);
  return { kind: 'list', candidates: [...candidates].sort() };
}

/** How a candidate is listed: a path shows its last component (`/home/` lists as `home/`). Pure. */
export function displayName(candidate: string): string {
  const slash = candidate.lastIndexOf('/', candidate.length - 2);
  return slash >= 0 ? candidate.slice(slash + 1) : candidate;
}

/** The listing lines for several candidates on a screen `cols` wide, padded into columns. Pure. */
export function formatCandidates(candidates: readonly string[], cols: number): string[] {
  const names = candidates.map(displayName);
  if (names.length === 0) return [];
  const width = Math.max(...names.map((n) => [...n].length)) + 2;
  let perRow = Math.floor(cols / width);
  if (perRow !== 1 && perRow * width === cols) perRow--;
  perRow = Math.max(1, perRow);
  const rows = Math.ceil(names.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const name = names[r + c * rows];
      if (name === undefined) break;
      const last = c === perRow - 1 || names[r + (c + 1) * rows] === undefined;
      line += last ? name : name.padEnd(width);
    }
    lines.push(line);
  }
  return lines;
}
