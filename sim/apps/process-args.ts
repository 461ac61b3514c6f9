// How a container's process is chosen (the image's ENTRYPOINT/CMD overridden by the pod's command/args, as the
// kubelet and the container runtime combine them) and how shell text is split into words and operators.
import type { AppContext } from './app';

/** An image's default process, as its Dockerfile declares it. */
export interface ImageProcess {
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
}

const nonEmpty = (v: unknown): readonly string[] | undefined =>
  Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;

/** The container's command and args, each undefined when unset (read defensively from the context). Pure. */
export function processSpecOf(ctx: AppContext): { command?: readonly string[]; args?: readonly string[] } {
  return { command: nonEmpty(ctx.command), args: nonEmpty(ctx.args) };
}

/**
 * The argv the container runs: `command` replaces the image's ENTRYPOINT and drops its CMD; `args` replaces CMD
 * (the rules of "Define a Command and Arguments for a Container"). Pure.
 */
export function containerArgv(spec: { command?: readonly string[]; args?: readonly string[] }, image: ImageProcess): string[] {
  if (spec.command) return [...spec.command, ...(spec.args ?? [])];
  return [...image.entrypoint, ...(spec.args ?? image.cmd)];
}

/** The last path component of a program name (`/bin/sh` → `sh`). Pure. */
export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

/** Shells found in the simulated images. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** Programs the busybox-style tool runner can execute (shells, coreutils, network tools). */
export const TOOL_PROGRAMS: ReadonlySet<string> = new Set([
  ...SHELLS, 'sleep', 'echo', 'printf', 'cat', 'tail', 'wget', 'curl', 'env', 'printenv', 'true', 'false',
  'hostname', 'date', 'nslookup', 'exit',
]);

/** Whether a container's explicit command runs a tool (a shell, `sleep`, …) rather than the image's server. Pure. */
export function runsToolCommand(ctx: AppContext): boolean {
  const { command } = processSpecOf(ctx);
  return command !== undefined && TOOL_PROGRAMS.has(basename(command[0]));
}

/** One piece of a shell word and how it was quoted (which decides how `$` expands inside it). */
export interface WordPart {
  readonly text: string;
  readonly quote: 'none' | 'single' | 'double';
}

export type ShellToken =
  | { readonly kind: 'word'; readonly parts: readonly WordPart[]; readonly raw: string }
  | { readonly kind: 'op'; readonly op: ';' | '\n' | '&&' | '||' | '|' | '&' | '(' | ')' }
  | { readonly kind: 'redirect' };

/** Reads a `$( … )` or backtick group starting at `i`; returns the index just after it, or -1 when unterminated. */
function skipSubstitution(text: string, i: number): number {
  if (text[i] === '`') {
    const end = text.indexOf('`', i + 1);
    return end === -1 ? -1 : end + 1;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === '(') depth++;
    else if (text[j] === ')' && --depth === 0) return j + 1;
  }
  return -1;
}

/**
 * Splits shell text into words (keeping their quoting) and control operators, dropping comments; redirections
 * become `redirect` tokens whose target word follows. Pure.
 */
export function tokenizeShell(text: string): { ok: true; tokens: ShellToken[] } | { ok: false; error: string } {
  const tokens: ShellToken[] = [];
  let parts: WordPart[] = [];
  let buf = '';
  let raw = '';
  let inWord = false;
  const flushPart = (quote: WordPart['quote']): void => { if (buf !== '' || quote !== 'none') parts.push({ text: buf, quote }); buf = ''; };
  const endWord = (): void => {
    if (buf !== '') flushPart('none');
    if (inWord) tokens.push({ kind: 'word', parts, raw });
    parts = []; buf = ''; raw = ''; inWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t') { endWord(); continue; }
    if (c === '#' && !inWord) { while (i < text.length && text[i] !== '\n') i++; i--; continue; }
    if (c === '\\' && text[i + 1] === '\n') { i++; continue; }
    if (c === '\n' || c === ';' || c === '(' || c === ')') { endWord(); tokens.push({ kind: 'op', op: c }); continue; }
    if (c === '&' || c === '|') {
      endWord();
      if (text[i + 1] === c) { tokens.push({ kind: 'op', op: c === '&' ? '&&' : '||' }); i++; } else tokens.push({ kind: 'op', op: c });
      continue;
    }
    if (c === '>' || c === '<') {
      if (/^\d+$/.test(buf) && parts.length === 0) { buf = ''; raw = ''; inWord = false; } else endWord();
      while (text[i + 1] === '>' || text[i + 1] === '&') i++;
      tokens.push({ kind: 'redirect' });
      continue;
    }
    inWord = true;
    if (c === "'") {
      flushPart('none');
      const end = text.indexOf("'", i + 1);
      if (end === -1) return { ok: false, error: 'unterminated quoted string' };
      buf = text.slice(i + 1, end); raw += text.slice(i, end + 1); flushPart('single'); i = end;
    } else if (c === '"') {
      flushPart('none');
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && '"\\$`'.includes(text[j + 1] ?? '')) { buf += text[j] + text[j + 1]; j++; continue; }
        if ((text[j] === '$' && text[j + 1] === '(') || text[j] === '`') {
          const end = skipSubstitution(text, text[j] === '`' ? j : j + 1);
          if (end === -1) return { ok: false, error: 'unterminated quoted string' };
          buf += text.slice(j, end); j = end - 1; continue;
        }
        buf += text[j];
      }
      if (j >= text.length) return { ok: false, error: 'unterminated quoted string' };
      raw += text.slice(i, j + 1); flushPart('double'); i = j;
    } else if ((c === '$' && text[i + 1] === '(') || c === '`') {
      const end = skipSubstitution(text, c === '`' ? i : i + 1);
      if (end === -1) return { ok: false, error: 'unterminated command substitution' };
      buf += text.slice(i, end); raw += text.slice(i, end); i = end - 1;
    } else if (c === '\\') {
      flushPart('none'); buf = text[i + 1] ?? ''; raw += text.slice(i, i + 2); flushPart('single'); i++;
    } else { buf += c; raw += c; }
  }
  endWord();
  return { ok: true, tokens };
}
