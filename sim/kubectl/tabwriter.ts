// kubectl's table layout: cli-runtime's GetNewTabWriter (minwidth 6, tabwidth 4, padding 3, spaces) over
// liggitt/tabwriter; every column but the last is padded to max(widest cell + 3, 6).

/** Lays out rows of cells as kubectl prints a table; the last column is never padded. Pure. */
export function formatTable(rows: readonly (readonly string[])[], minWidth = 6, padding = 3): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length - 1; i++) widths[i] = Math.max(widths[i] ?? 0, [...row[i]].length);
  }
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      if (i === row.length - 1) line += cell;
      else line += cell + ' '.repeat(Math.max(minWidth, widths[i] + padding) - [...cell].length);
    }
    out += `${line}\n`;
  }
  return out;
}

/** A cell as kubectl's printer writes it: cut at the first line break with `...` appended. Pure. */
export function cell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  const cut = text.search(/[\n\r\f]/);
  return cut >= 0 ? `${text.slice(0, cut)}...` : text;
}
