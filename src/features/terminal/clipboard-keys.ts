// Which keys copy and paste in the terminal rather than go to the shell, as desktop terminal emulators bind
// them: Ctrl-Shift-C / Cmd-C copy, Ctrl-C copies only while text is selected (otherwise it interrupts), and
// Ctrl-V / Ctrl-Shift-V / Cmd-V let the browser paste.

/** What a key press does: copy the selection, leave it to the browser (paste), or send it to the terminal. */
export type ClipboardKeyAction = 'copy' | 'browser' | 'terminal';

/** The action for a keydown, given whether the terminal has a selection. Pure. */
export function copyKeyAction(e: Pick<KeyboardEvent, 'type' | 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, hasSelection: boolean): ClipboardKeyAction {
  if (e.type !== 'keydown' || e.altKey) return 'terminal';
  const c = e.code === 'KeyC' || e.key.toLowerCase() === 'c';
  const v = e.code === 'KeyV' || e.key.toLowerCase() === 'v';
  if (c && ((e.ctrlKey && e.shiftKey) || e.metaKey)) return 'copy';
  if (c && e.ctrlKey && hasSelection) return 'copy';
  if (v && (e.ctrlKey || e.metaKey)) return 'browser';
  return 'terminal';
}
