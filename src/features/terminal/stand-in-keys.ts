// The data a key pressed in the terminal's stand-in (shown while xterm.js loads) stands for, as xterm.js would
// have sent it (its default keyboard mode: DEL for Backspace, CSI sequences for arrows), so that what a student
// types in the first moments reaches the shell unchanged.

const NAMED: Readonly<Record<string, string>> = {
  Enter: '\r', Backspace: '\x7f', Tab: '\t', Escape: '\x1b', Delete: '\x1b[3~',
  ArrowUp: '\x1b[A', ArrowDown: '\x1b[B', ArrowRight: '\x1b[C', ArrowLeft: '\x1b[D', Home: '\x1b[H', End: '\x1b[F',
};

/** A key as the shell would receive it, or undefined for keys the terminal leaves to the browser. Pure. */
export function keyData(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'isComposing'>): string | undefined {
  if (e.isComposing || e.metaKey) return undefined;
  if (e.ctrlKey) {
    if (e.altKey || e.key.length !== 1) return undefined;
    const code = e.key.toLowerCase().charCodeAt(0);
    return code >= 97 && code <= 122 ? String.fromCharCode(code - 96) : undefined;
  }
  if (e.altKey) return undefined;
  return NAMED[e.key] ?? (e.key.length === 1 ? e.key : undefined);
}

/** What the stand-in's line shows after `data`: text is added, Backspace takes a character back, other keys wait. Pure. */
export function echoed(line: string, data: string): string {
  if (data === '\x7f') return [...line].slice(0, -1).join('');
  return [...data].every((c) => c >= ' ' && c !== '\x7f') ? line + data : line;
}
