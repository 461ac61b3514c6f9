// What xterm.js hands the shell as typed data (VT sequences, control characters, bracketed pastes), turned into
// keys a line editor understands, as a terminal's line discipline and readline's key reader see them.

/** Named keys the line editor binds (arrows, editing keys and the Meta-word motions). */
export type KeyName =
  | 'enter' | 'tab' | 'backspace' | 'delete' | 'up' | 'down' | 'left' | 'right' | 'home' | 'end'
  | 'word-left' | 'word-right' | 'kill-word-back' | 'kill-word-forward' | 'escape' | 'page-up' | 'page-down' | 'insert';

export type Key =
  | { readonly kind: 'text'; readonly text: string }
  /** Ctrl plus a letter (`'c'` for Ctrl-C), or another C0 control character by its caret letter. */
  | { readonly kind: 'ctrl'; readonly letter: string }
  | { readonly kind: 'key'; readonly name: KeyName }
  /** A sequence no binding knows (function keys and the like): ignored. */
  | { readonly kind: 'unknown'; readonly seq: string };

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
const CSI = /^\x1b\[([0-9;]*)([A-Za-z~])/;
const SS3 = /^\x1bO([A-Za-z])/;

const CSI_LETTERS: Readonly<Record<string, KeyName>> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };
const CSI_TILDE: Readonly<Record<string, KeyName>> = {
  '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete', '2': 'insert', '5': 'page-up', '6': 'page-down',
};
const META: Readonly<Record<string, KeyName>> = { b: 'word-left', f: 'word-right', d: 'kill-word-forward', '\x7f': 'kill-word-back', '\b': 'kill-word-back' };

const key = (name: KeyName): Key => ({ kind: 'key', name });

/** Keys for one C0 control character or DEL. Pure. */
function controlKey(c: string): Key {
  if (c === '\r' || c === '\n') return key('enter');
  if (c === '\t') return key('tab');
  if (c === '\x7f' || c === '\b') return key('backspace');
  if (c === '\x1b') return key('escape');
  return { kind: 'ctrl', letter: String.fromCharCode(c.charCodeAt(0) + 96) };
}

/** Keys for a CSI sequence: arrows with Ctrl or Alt (`1;5D`) move by words, as readline binds them. Pure. */
function csiKey(params: string, final: string): Key | undefined {
  const [first, modifier] = params.split(';');
  if (final === '~') return CSI_TILDE[first] ? key(CSI_TILDE[first]) : undefined;
  const name = CSI_LETTERS[final];
  if (!name) return undefined;
  const mod = Number(modifier ?? '1');
  const wordy = mod === 3 || mod === 5 || mod === 7;
  if (wordy && name === 'left') return key('word-left');
  if (wordy && name === 'right') return key('word-right');
  return key(name);
}

/**
 * Pasted text as keys: every line ends in Enter (so each line runs), tabs become spaces (a pasted tab inserts
 * text, it does not complete) and other control characters are dropped. Pure.
 */
export function pasteKeys(text: string): Key[] {
  const keys: Key[] = [];
  // SIMPLIFIED: a pasted tab becomes four spaces, so the line editor only ever holds one-column characters.
  const lines = text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '').split('\n');
  lines.forEach((line, i) => {
    if (line) keys.push({ kind: 'text', text: line });
    if (i < lines.length - 1) keys.push(key('enter'));
  });
  return keys;
}

/** Splits data from the terminal into keys, in order; a bracketed paste becomes its text and Enters. Pure. */
export function parseInput(data: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < data.length) {
    const rest = data.slice(i);
    if (rest.startsWith(PASTE_START)) {
      const end = rest.indexOf(PASTE_END);
      keys.push(...pasteKeys(end < 0 ? rest.slice(PASTE_START.length) : rest.slice(PASTE_START.length, end)));
      i += end < 0 ? rest.length : end + PASTE_END.length;
      continue;
    }
    const c = rest[0];
    if (c === '\x1b' && rest.length > 1) {
      const csi = CSI.exec(rest);
      const ss3 = csi ? null : SS3.exec(rest);
      if (csi || ss3) {
        const seq = (csi ?? ss3)![0];
        const k = csi ? csiKey(csi[1], csi[2]) : CSI_LETTERS[ss3![1]] ? key(CSI_LETTERS[ss3![1]]) : undefined;
        keys.push(k ?? { kind: 'unknown', seq });
        i += seq.length;
        continue;
      }
      const meta = META[rest[1]];
      keys.push(meta ? key(meta) : { kind: 'unknown', seq: rest.slice(0, 2) });
      i += 2;
      continue;
    }
    const code = c.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      // A pasted CR LF (without bracketed paste) is one Enter.
      keys.push(controlKey(c));
      i += c === '\r' && rest[1] === '\n' ? 2 : 1;
      continue;
    }
    const run = /^[^\x00-\x1f\x7f]+/.exec(rest)![0];
    keys.push({ kind: 'text', text: run });
    i += run.length;
  }
  return keys;
}
