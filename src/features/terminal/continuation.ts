// When bash asks for more input (PS2, `> `): an open heredoc, a trailing backslash, an unclosed quote or a loop
// still waiting for its `do` or `done`; and the command the lines make once complete (backslash-newline joins
// lines, heredoc bodies stay as typed).
import { loopIncomplete } from '../../../sim/shell/loops';

const HEREDOC = /<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

/** A heredoc operator on a command's first line: its delimiter and whether `<<-` strips leading tabs. Pure. */
export function heredocOf(firstLine: string): { delimiter: string; stripTabs: boolean } | undefined {
  const m = HEREDOC.exec(firstLine);
  return m ? { delimiter: m[3], stripTabs: m[1] === '-' } : undefined;
}

/** Whether quotes are left open at the end of `text` (single quotes take backslashes literally). Pure. */
function openQuote(text: string): boolean {
  let single = false;
  let double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && !single) { i++; continue; }
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
  }
  return single || double;
}

/** Whether a line ends in an unescaped backslash (`a\\` ends in an escaped one). Pure. */
function endsWithBackslash(text: string): boolean {
  const m = /\\+$/.exec(text);
  return m !== null && m[0].length % 2 === 1;
}

/** Whether the shell should read another line before running the lines typed so far. Pure. */
export function needsMoreInput(lines: readonly string[]): boolean {
  if (lines.length === 0) return false;
  if (endsWithBackslash(lines[lines.length - 1]) && !openQuote(lines.join('\n').slice(0, -1) + ' ')) return true;
  const doc = heredocOf(lines[0]);
  if (doc) return !lines.slice(1).some((l) => (doc.stripTabs ? l.replace(/^\t+/, '') : l) === doc.delimiter);
  return openQuote(lines.join('\n')) || loopIncomplete(commandText(lines));
}

/**
 * The command typed over several lines: a trailing backslash (outside quotes, before any heredoc body) joins a
 * line to the next without the newline, as bash's line continuation does; other lines keep their newlines. Pure.
 */
export function commandText(lines: readonly string[]): string {
  const out: string[] = [];
  let joined = '';
  let inBody = false;
  for (const line of lines) {
    if (inBody) { out.push(line); continue; }
    const text = joined + line;
    if (endsWithBackslash(text) && !openQuote(text.slice(0, -1) + ' ')) {
      joined = text.slice(0, -1);
      continue;
    }
    out.push(text);
    joined = '';
    inBody = heredocOf(out[0]) !== undefined;
  }
  if (joined) out.push(joined);
  return out.join('\n');
}
