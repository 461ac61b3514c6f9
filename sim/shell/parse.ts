// The terminal's line language, close to bash for what labs type: words and quotes (split by the shell-quote
// library after expand.ts has expanded parameters), `;` `&&` `||` `|` `&`, redirects (`>`, `>>`, `<`, `2>`,
// `2>&1`, `>&2`, `&>`), heredocs and `#` comments.
import { parse as shellParse, type ParseEntry } from 'shell-quote';
import { FD_MARK, expandVariables, prepareLine, type Lookup } from './expand';
import { splitOperators } from './operators';
import { loopIncomplete } from './loops';
import { ArithmeticError } from './arithmetic';

export { expandVariables } from './expand';
export { splitOperators, substitutionEnd } from './operators';

export interface Redirect {
  readonly fd: 1 | 2;
  /** `>&1` sends fd 2 where fd 1 goes; `>&2` sends fd 1 where fd 2 goes; `&>` is recorded as two redirects. */
  readonly op: '>' | '>>' | '>&1' | '>&2' | '<';
  readonly target: string;
}

export interface SimpleCommand {
  readonly argv: string[];
  readonly redirects: Redirect[];
  /** Indexes of argv words that are unquoted glob patterns (`*.yaml`), expanded against the file system. */
  readonly globs?: number[];
  /** Heredoc body fed to stdin. */
  stdin?: string;
}

export interface AndOr {
  /** How this pipeline joins the previous one. */
  readonly join: ';' | '&&' | '||';
  readonly pipeline: SimpleCommand[];
  /** The and-or list this pipeline belongs to ends with `&`: it runs as a background job. */
  background?: boolean;
}

export type ParseResult = { ok: true; list: AndOr[] } | { ok: false; error: string };

const HEREDOC = /<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

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
    // An unclosed quote goes on over the next lines, as bash reads it.
    while (!heredocOf(line) && needsMoreInput(line) && i + 1 < lines.length) line = `${line}\n${lines[++i]}`;
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

/**
 * Whether the terminal should keep reading lines (open heredoc, trailing backslash, an unclosed quote, or a loop
 * without its `do` or `done` yet). Pure.
 */
export function needsMoreInput(text: string): boolean {
  return openCommand(text) || (!heredocOf(text.split('\n')[0]) && loopIncomplete(text));
}

function openCommand(text: string): boolean {
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

/** A command's first line and its heredoc body (undefined without a heredoc). Pure. */
export function splitHeredoc(text: string): { line: string; body: string | undefined } {
  const [first, ...rest] = text.split('\n');
  const doc = heredocOf(first);
  if (!doc) return { line: rest.length > 0 ? joinLines(text) : first, body: undefined };
  const bodyLines = rest.slice(0, -1).map((l) => (doc.stripTabs ? l.replace(/^\t+/, '') : l));
  const last = rest[rest.length - 1];
  // An unterminated heredoc (the script ended first) keeps its last line, as bash does with a warning.
  if (last !== undefined && (doc.stripTabs ? last.replace(/^\t+/, '') : last) !== doc.delimiter) bodyLines.push(last);
  return { line: first, body: bodyLines.length ? `${bodyLines.join('\n')}\n` : '' };
}

/** Lines of one command as one line: a newline inside quotes is kept, one outside them separates words. Pure. */
function joinLines(text: string): string {
  let out = '';
  let single = false, double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && !single && i + 1 < text.length) {
      if (text[i + 1] === '\n') { i++; continue; }
      out += c + text[++i];
      continue;
    }
    if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    out += c === '\n' && !single && !double ? ' ' : c;
  }
  return out;
}

const syntax = (token: string): { ok: false; error: string } => ({ ok: false, error: `syntax error near unexpected token \`${token}'` });

/** One simple command as typed, expanded only when it runs (so `X=1; echo $X` sees the new value). */
export interface RawCommand {
  readonly raw: string;
  /** Heredoc body (before expansion) and whether to expand it (unquoted delimiter). */
  readonly heredoc?: { readonly body: string; readonly expand: boolean };
}

export interface RawAndOr {
  readonly join: ';' | '&&' | '||';
  readonly pipeline: RawCommand[];
  background?: boolean;
}

export type ListResult = { ok: true; list: RawAndOr[] } | { ok: false; error: string };

/** Splits one complete command into simple commands joined by `;`, `&&`, `||`, `|`, `&` (quote-aware). Pure. */
export function parseList(text: string): ListResult {
  const { line: first, body } = splitHeredoc(text);
  const doc = heredocOf(first);
  const split = splitOperators(first);
  if (!split.ok) return split;
  const list: RawAndOr[] = [];
  let join: RawAndOr['join'] = ';';
  let pipeline: RawCommand[] = [];
  let heredocAttached = false;
  for (const seg of split.segments) {
    const raw = seg.raw.trim();
    if (raw === '') {
      if (seg.op === 'end' && pipeline.length === 0 && (join === ';')) break;
      return seg.op === 'end' ? { ok: false, error: 'syntax error: unexpected end of file' } : syntax(seg.op);
    }
    let cmd: RawCommand = { raw };
    if (doc && !heredocAttached && HEREDOC.test(raw)) {
      cmd = { raw: raw.replace(HEREDOC, ' '), heredoc: { body: body ?? '', expand: doc.expand } };
      heredocAttached = true;
    }
    pipeline.push(cmd);
    if (seg.op === '|') continue;
    list.push({ join, pipeline });
    if (seg.op === '&') markBackground(list);
    pipeline = [];
    join = seg.op === '&&' || seg.op === '||' ? seg.op : ';';
    if (seg.op === 'end') break;
  }
  return { ok: true, list };
}

/** Expands and splits one simple command into argv and redirections, as it is about to run. Pure. */
export function parseSimple(command: RawCommand, env: Lookup): { ok: true; cmd: SimpleCommand } | { ok: false; error: string } {
  let entries: ParseEntry[];
  try {
    entries = shellParse(prepareLine(command.raw, env), (name: string) => `$${name}`);
  } catch (err) {
    return { ok: false, error: err instanceof ArithmeticError ? err.message : `syntax error: ${(err as Error).message}` };
  }
  const cmd: SimpleCommand = { argv: [], redirects: [] };
  if (command.heredoc) cmd.stdin = command.heredoc.expand ? expandVariables(command.heredoc.body, env) : command.heredoc.body;
  const target = (i: number): string | undefined => (typeof entries[i] === 'string' ? entries[i] as string : undefined);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (typeof e === 'string') {
      if (e === FD_MARK.errToOut) { cmd.redirects.push({ fd: 2, op: '>&1', target: '' }); continue; }
      if (e === FD_MARK.outToErr) { cmd.redirects.push({ fd: 1, op: '>&2', target: '' }); continue; }
      if (e === FD_MARK.err || e === FD_MARK.both) {
        const op = entries[i + 1];
        const file = target(i + 2);
        if (typeof op !== 'object' || !('op' in op) || (op.op !== '>' && op.op !== '>>') || file === undefined) return syntax('newline');
        const mode = op.op === '>>' ? '>>' : '>';
        if (e === FD_MARK.both) cmd.redirects.push({ fd: 1, op: mode, target: file }, { fd: 2, op: '>&1', target: '' });
        else cmd.redirects.push({ fd: 2, op: mode, target: file });
        i += 2;
        continue;
      }
      cmd.argv.push(e);
      continue;
    }
    if ('comment' in e) break;
    if (!('op' in e)) continue;
    if (e.op === 'glob') {
      (cmd as { globs?: number[] }).globs = [...(cmd.globs ?? []), cmd.argv.length];
      cmd.argv.push(e.pattern);
      continue;
    }
    if (e.op === '>' || e.op === '>>' || e.op === '<') {
      const file = target(i + 1);
      if (file === undefined) return syntax(i + 1 < entries.length ? opText(entries[i + 1]) : 'newline');
      cmd.redirects.push({ fd: 1, op: e.op, target: file });
      i++;
      continue;
    }
    return syntax(e.op === '<(' ? '(' : e.op);
  }
  return { ok: true, cmd };
}

/** Parses one complete command (as splitCommands returns it), expanding every word with `env` at once. Pure. */
export function parseCommand(text: string, env: Lookup): ParseResult {
  const parsed = parseList(text);
  if (!parsed.ok) return parsed;
  const list: AndOr[] = [];
  for (const step of parsed.list) {
    const pipeline: SimpleCommand[] = [];
    for (const raw of step.pipeline) {
      const simple = parseSimple(raw, env);
      if (!simple.ok) return simple;
      pipeline.push(simple.cmd);
    }
    list.push({ join: step.join, pipeline, background: step.background });
  }
  return { ok: true, list };
}

/** `a && b &` puts the whole and-or list in the background, not just its last pipeline. */
function markBackground(list: RawAndOr[]): void {
  for (let k = list.length - 1; k >= 0; k--) {
    if (list[k].background) break;
    list[k].background = true;
    if (list[k].join === ';') break;
  }
}

function opText(e: ParseEntry): string {
  if (typeof e === 'string') return e;
  if ('op' in e) return e.op === 'glob' ? e.pattern : e.op;
  return 'newline';
}
