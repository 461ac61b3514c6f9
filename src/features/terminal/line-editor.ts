// The line editor of an interactive bash (GNU readline with its default Emacs bindings): the line being typed,
// the cursor, the kill buffer, and what a key asks the shell to do (run the line, complete, interrupt, …).
import type { Key } from './input-keys';

export interface LineState {
  readonly text: string;
  /** Cursor position as a UTF-16 index into `text` (never inside a surrogate pair). */
  readonly cursor: number;
  /** The last text killed with Ctrl-U/K/W or Meta-D/Backspace, for Ctrl-Y. */
  readonly killed: string;
}

/** What the shell around the editor must do after a key. */
export type LineAction =
  | 'none' | 'submit' | 'complete' | 'interrupt' | 'clear-screen' | 'history-prev' | 'history-next' | 'history-search' | 'eof';

export interface EditResult {
  readonly state: LineState;
  readonly action: LineAction;
}

/** An empty line. Pure. */
export function emptyLine(killed = ''): LineState {
  return { text: '', cursor: 0, killed };
}

/** A line holding `text` with the cursor at its end (a recalled history line). Pure. */
export function lineWith(text: string, killed = ''): LineState {
  return { text, cursor: text.length, killed };
}

const isLowSurrogate = (s: string, i: number): boolean => i > 0 && i < s.length && /[\udc00-\udfff]/.test(s[i]) && /[\ud800-\udbff]/.test(s[i - 1]);
const prevIndex = (s: string, i: number): number => Math.max(0, isLowSurrogate(s, i - 1) ? i - 2 : i - 1);
const nextIndex = (s: string, i: number): number => Math.min(s.length, isLowSurrogate(s, i + 1) ? i + 2 : i + 1);
const isWordChar = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);

/** Readline's backward-word: back over non-word characters, then over word characters. Pure. */
export function wordStartBefore(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && !isWordChar(text[i - 1])) i--;
  while (i > 0 && isWordChar(text[i - 1])) i--;
  return i;
}

/** Readline's forward-word: over non-word characters, then to the end of the next word. Pure. */
export function wordEndAfter(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && !isWordChar(text[i])) i++;
  while (i < text.length && isWordChar(text[i])) i++;
  return i;
}

/** unix-word-rubout (Ctrl-W): back over whitespace, then to the previous whitespace. Pure. */
export function unixWordStartBefore(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  while (i > 0 && !/\s/.test(text[i - 1])) i--;
  return i;
}

const at = (s: LineState, text: string, cursor: number, killed = s.killed): EditResult => ({ state: { text, cursor, killed }, action: 'none' });
const move = (s: LineState, cursor: number): EditResult => at(s, s.text, cursor);
const act = (s: LineState, action: LineAction): EditResult => ({ state: s, action });

/** Inserts text at the cursor. Pure. */
export function insertText(s: LineState, text: string): LineState {
  return { ...s, text: s.text.slice(0, s.cursor) + text + s.text.slice(s.cursor), cursor: s.cursor + text.length };
}

/** Deletes `[from, to)` and keeps it in the kill buffer. Pure. */
function kill(s: LineState, from: number, to: number): EditResult {
  if (from === to) return act(s, 'none');
  return at(s, s.text.slice(0, from) + s.text.slice(to), from, s.text.slice(from, to));
}

function deleteRange(s: LineState, from: number, to: number): EditResult {
  return at(s, s.text.slice(0, from) + s.text.slice(to), from);
}

/** Swaps the two characters before the cursor (at the end) or around it, as Ctrl-T does. Pure. */
function transpose(s: LineState): EditResult {
  const { text } = s;
  if (text.length < 2 || s.cursor === 0) return act(s, 'none');
  const end = s.cursor === text.length ? s.cursor : nextIndex(text, s.cursor);
  const mid = prevIndex(text, end);
  const start = prevIndex(text, mid);
  return at(s, text.slice(0, start) + text.slice(mid, end) + text.slice(start, mid) + text.slice(end), end);
}

function ctrl(s: LineState, letter: string): EditResult {
  switch (letter) {
    case 'a': return move(s, 0);
    case 'e': return move(s, s.text.length);
    case 'b': return move(s, prevIndex(s.text, s.cursor));
    case 'f': return move(s, nextIndex(s.text, s.cursor));
    case 'h': return s.cursor === 0 ? act(s, 'none') : deleteRange(s, prevIndex(s.text, s.cursor), s.cursor);
    // Ctrl-D on an empty line is end-of-file; otherwise it deletes the character under the cursor.
    case 'd': return s.text === '' ? act(s, 'eof') : deleteRange(s, s.cursor, nextIndex(s.text, s.cursor));
    case 'u': return kill(s, 0, s.cursor);
    case 'k': return kill(s, s.cursor, s.text.length);
    case 'w': return kill(s, unixWordStartBefore(s.text, s.cursor), s.cursor);
    case 'y': return s.killed ? { state: insertText(s, s.killed), action: 'none' } : act(s, 'none');
    case 't': return transpose(s);
    case 'l': return act(s, 'clear-screen');
    case 'c': return act(s, 'interrupt');
    case 'p': return act(s, 'history-prev');
    case 'n': return act(s, 'history-next');
    case 'r': return act(s, 'history-search');
    case 'i': return act(s, 'complete');
    case 'j':
    case 'm': return act(s, 'submit');
    default: return act(s, 'none');
  }
}

/** Applies one key to the line: the new line and what the shell should do. Pure. */
export function editLine(s: LineState, key: Key): EditResult {
  switch (key.kind) {
    case 'text': return { state: insertText(s, key.text), action: 'none' };
    case 'ctrl': return ctrl(s, key.letter);
    case 'unknown': return act(s, 'none');
    case 'key':
      switch (key.name) {
        case 'enter': return act(s, 'submit');
        case 'tab': return act(s, 'complete');
        case 'backspace': return ctrl(s, 'h');
        case 'delete': return s.cursor >= s.text.length ? act(s, 'none') : deleteRange(s, s.cursor, nextIndex(s.text, s.cursor));
        case 'left': return ctrl(s, 'b');
        case 'right': return ctrl(s, 'f');
        case 'home': return ctrl(s, 'a');
        case 'end': return ctrl(s, 'e');
        case 'up': return act(s, 'history-prev');
        case 'down': return act(s, 'history-next');
        case 'word-left': return move(s, wordStartBefore(s.text, s.cursor));
        case 'word-right': return move(s, wordEndAfter(s.text, s.cursor));
        case 'kill-word-back': return kill(s, wordStartBefore(s.text, s.cursor), s.cursor);
        case 'kill-word-forward': return kill(s, s.cursor, wordEndAfter(s.text, s.cursor));
        default: return act(s, 'none');
      }
  }
}
