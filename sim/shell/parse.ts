// The terminal's line language, close to bash for what labs type: words and quotes (split by the shell-quote
// library), `;` `&&` `||` `|`, redirects (`>`, `>>`, `<`, `2>`, `2>&1`), heredocs and `#` comments.
import { parse as shellParse, type ParseEntry } from 'shell-quote';

export interface Redirect {
  readonly fd: 1 | 2;
  readonly op: '>' | '>>' | '>&1' | '<';
  readonly target: string;
}

export interface SimpleCommand {
  readonly argv: string[];
  readonly redirects: Redirect[];
  /** Heredoc body fed to stdin. */
  stdin?: string;
}

export interface AndOr {
  /** How this pipeline joins the previous one. */
  readonly join: ';' | '&&' | '||';
  readonly pipeline: SimpleCommand[];
}

export type ParseResult = { ok: true; list: AndOr[] } | { ok: false; error: string };

const HEREDOC = /<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;
const FD2_TO_1 = '\u0000fd2to1\u0000';
const FD2 = '\u0000fd2\u0000';

/** Finds a heredoc operator on the first line of a command: its delimiter, whether it strips tabs and expands. Pure. */
export function heredocOf(firstLine: string): { delimiter: string; stripTabs: boolean; expand: boolean } | undefined {
  const m = HEREDOC.exec(firstLine);
  if (!m) return undefined;
  return { delimiter: m[3], stripTabs: m[1] === '-', expand: m[2] === '' };
}

/**
 * Splits script text into complete commands: a heredoc's body stays with its command, a trailing backslash joins
 * lines, and blank lines are dropped. Pure.
 */
export function splitCommands(script: string): string[] {
  const lines = script.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i];
    if (line.trim() === '') continue;
    const doc = heredocOf(line);
    if (!doc) { out.push(line); continue; }
    const body: string[] = [line];
    while (i + 1 < lines.length) {
      const next = lines[++i];
      body.push(next);
      if ((doc.stripTabs ? next.replace(/^\t+/, '') : next) === doc.delimiter) break;
    }
    out.push(body.join('\n'));
  }
  return out;
}

/** Whether the terminal should keep reading lines (open heredoc, trailing backslash or an unclosed quote). Pure. */
export function needsMoreInput(text: string): boolean {
  const lines = text.split('\n');
  if (lines[lines.length - 1].endsWith('\\')) return true;
  const doc = heredocOf(lines[0]);
  if (doc) return !lines.slice(1).some((l) => (doc.stripTabs ? l.replace(/^\t+/, '') : l) === doc.delimiter);
  let single = false, double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && !single) { i++; continue; }
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
  }
  return single || double;
}

/** Expands `$VAR` and `${VAR}` in heredoc bodies and similar unquoted text. Pure. */
export function expandVariables(text: string, env: (name: string) => string | undefined): string {
  return text.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*|\?)/g, (m, a?: string, b?: string) => {
    if (m === '\\$') return '$';
    return env((a ?? b)!) ?? '';
  });
}

/** Parses one complete command (as splitCommands returns it) into pipelines joined by `;`, `&&`, `||`. Pure. */
export function parseCommand(text: string, env: (name: string) => string | undefined): ParseResult {
  const [first, ...rest] = text.split('\n');
  const doc = heredocOf(first);
  let line = first;
  let body: string | undefined;
  if (doc) {
    line = first.replace(HEREDOC, ' ');
    const bodyLines = rest.slice(0, -1).map((l) => (doc.stripTabs ? l.replace(/^\t+/, '') : l));
    body = bodyLines.length ? `${bodyLines.join('\n')}\n` : '';
    if (doc.expand) body = expandVariables(body, env);
  } else if (rest.length > 0) {
    line = text.replace(/\n/g, ' ');
  }
  line = line.replace(/(^|\s)2>&1(?=\s|$)/g, `$1${FD2_TO_1}`).replace(/(^|\s)2>(?!&)/g, `$1${FD2}>`);
  let entries: ParseEntry[];
  try {
    entries = shellParse(line, (name: string) => env(name) ?? '');
  } catch (err) {
    return { ok: false, error: `syntax error: ${(err as Error).message}` };
  }
  const list: AndOr[] = [];
  let join: AndOr['join'] = ';';
  let pipeline: SimpleCommand[] = [];
  let cmd: SimpleCommand = { argv: [], redirects: [] };
  let heredocAttached = false;
  const endCommand = (): string | undefined => {
    if (cmd.argv.length === 0 && cmd.redirects.length === 0) return pipeline.length > 0 || list.length > 0 ? 'empty' : undefined;
    if (doc && !heredocAttached) { cmd.stdin = body; heredocAttached = true; }
    pipeline.push(cmd);
    cmd = { argv: [], redirects: [] };
    return undefined;
  };
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (typeof e === 'string') {
      if (e === FD2_TO_1) { cmd.redirects.push({ fd: 2, op: '>&1', target: '' }); continue; }
      if (e === FD2) {
        const op = entries[i + 1];
        const target = entries[i + 2];
        if (typeof op === 'object' && 'op' in op && typeof target === 'string') {
          cmd.redirects.push({ fd: 2, op: op.op === '>>' ? '>>' : '>', target });
          i += 2;
          continue;
        }
      }
      cmd.argv.push(e);
      continue;
    }
    if ('comment' in e) break;
    if (!('op' in e)) { cmd.argv.push(String((e as { pattern?: string }).pattern ?? '')); continue; }
    const op = e.op;
    if (op === '>' || op === '>>' || op === '<') {
      const target = entries[i + 1];
      if (typeof target !== 'string') return { ok: false, error: `syntax error near unexpected token \`newline'` };
      cmd.redirects.push({ fd: 1, op, target });
      i++;
    } else if (op === '|') {
      if (endCommand() || pipeline.length === 0) return { ok: false, error: "syntax error near unexpected token `|'" };
    } else if (op === '&&' || op === '||' || op === ';') {
      const empty = cmd.argv.length === 0 && pipeline.length === 0;
      if (empty) return { ok: false, error: `syntax error near unexpected token \`${op}'` };
      endCommand();
      list.push({ join, pipeline });
      pipeline = [];
      join = op;
    } else if (op === '<<') {
      i++;
    } else {
      return { ok: false, error: `syntax error near unexpected token \`${op}'` };
    }
  }
  if (cmd.argv.length > 0 || cmd.redirects.length > 0) endCommand();
  if (pipeline.length > 0) list.push({ join, pipeline });
  else if (join !== ';') return { ok: false, error: 'syntax error: unexpected end of file' };
  return { ok: true, list };
}
