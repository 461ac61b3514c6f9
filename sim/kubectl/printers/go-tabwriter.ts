// Go's text/tabwriter (and liggitt/tabwriter's RememberWidths), which kubectl runs over its describe output
// (minwidth 0, tabwidth 8, padding 2) and its top/config tables (minwidth 6, padding 3): a column is aligned
// only over a block of consecutive lines that all have a tab-terminated cell in it.

export interface TabwriterOptions {
  readonly minWidth: number;
  readonly padding: number;
}

/** Options of describe's `tabbedString`: tabwriter.Init(buf, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABS: TabwriterOptions = { minWidth: 0, padding: 2 };
/** Options of cli-runtime's GetNewTabWriter: minwidth 6, tabwidth 4, padding 3. */
export const KUBECTL_TABS: TabwriterOptions = { minWidth: 6, padding: 3 };

function runeLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Lays out `text` (cells separated by `\t`, lines by `\n`) as Go's tabwriter does on Flush, left-aligned and
 * padded with spaces; `remembered` (RememberWidths) raises column widths and is updated in place. Pure apart
 * from `remembered`.
 */
export function tabwrite(text: string, opts: TabwriterOptions, remembered?: number[]): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const cellWidths = lines.map((cells) => cells.map(runeLength));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let line = '';
      for (let j = 0; j < cells.length; j++) {
        line += cells[j];
        if (j < widths.length && j < cells.length - 1) line += ' '.repeat(Math.max(0, widths[j] - cellWidths[i][j]));
      }
      out.push(line);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row].length - 1) continue;
      writeLines(start, row);
      start = row;
      let width = opts.minWidth;
      if (remembered && (remembered[column] ?? 0) > width) width = remembered[column];
      for (; row < line1 && column < lines[row].length - 1; row++) {
        width = Math.max(width, cellWidths[row][column] + opts.padding);
      }
      if (remembered) remembered[column] = width;
      widths.push(width);
      format(start, row);
      widths.pop();
      start = row;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}
