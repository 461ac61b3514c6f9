// Drawing the line being edited on a VT terminal, as readline redraws it: the prompt and the text wrap at the
// terminal's width, and the cursor moves with relative VT sequences (CUU/CUD and a carriage return + CUF).

/** Columns a string of plain text takes (one per code point). Pure. */
export function textWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * VT sequences moving the cursor from cell `from` to cell `to`, both counted from the prompt's first cell on a
 * screen `cols` wide. Pure.
 */
export function cursorMove(from: number, to: number, cols: number): string {
  const fromRow = Math.floor(from / cols);
  const toRow = Math.floor(to / cols);
  const toCol = to % cols;
  let out = '';
  if (toRow < fromRow) out += `\x1b[${fromRow - toRow}A`;
  if (toRow > fromRow) out += `\x1b[${toRow - fromRow}B`;
  if (toCol !== from % cols || toRow !== fromRow) out += toCol === 0 ? '\r' : `\r\x1b[${toCol}C`;
  return out;
}

export interface LinePaint {
  /** The prompt as written (may hold colour sequences). */
  readonly prompt: string;
  /** Its width in cells. */
  readonly promptWidth: number;
  readonly text: string;
  /** Cursor as a UTF-16 index into `text`. */
  readonly cursor: number;
  readonly cols: number;
}

/**
 * Repaints prompt and line from cell `from` (where the cursor is now): back to the prompt's first cell, the
 * prompt, the text, erase below, then the cursor to its place. Returns the output and the cursor's new cell.
 * A line ending exactly at the right margin gets an explicit new line, so the cursor never waits in the
 * terminal's pending-wrap state and cell arithmetic stays exact. Pure.
 */
export function paintLine(from: number, p: LinePaint): { out: string; at: number } {
  const cols = Math.max(1, p.cols);
  const end = p.promptWidth + textWidth(p.text);
  const target = p.promptWidth + textWidth(p.text.slice(0, p.cursor));
  let out = cursorMove(from, 0, cols) + p.prompt + p.text;
  if (end > 0 && end % cols === 0) out += '\r\n';
  out += '\x1b[J' + cursorMove(end, target, cols);
  return { out, at: target };
}

/**
 * Moves from cell `from` to just past the end of the line, writes `marker` (`^C`) and starts a new line (Enter,
 * Ctrl-C). A line that filled its last row already stands on a fresh row (see paintLine). Pure.
 */
export function leaveLine(from: number, p: Omit<LinePaint, 'cursor'>, marker = ''): string {
  const cols = Math.max(1, p.cols);
  const end = p.promptWidth + textWidth(p.text);
  const freshRow = end > 0 && end % cols === 0;
  return cursorMove(from, end, cols) + marker + (freshRow && !marker ? '' : '\r\n');
}

/** Moves from cell `from` back to the prompt's first cell and erases the prompt and line (to print above it). Pure. */
export function eraseLine(from: number, cols: number): string {
  return `${cursorMove(from, 0, Math.max(1, cols))}\x1b[J`;
}
