// The presenter's keys: what each key does, when a key press is one of them, and the list the cheat sheet shows.
// A bare key counts only when focus is not where the student types (the terminal, the editor, a text field);
// with Alt+Shift the same keys work from anywhere. Keys with Ctrl or Cmd are left to the browser and the terminal.

export type PresenterAction =
  | 'toggle-play' | 'step' | 'faster' | 'slower' | 'next-step' | 'reset-step' | 'cheat-sheet' | 'projection' | 'theme';

/** What of a keyboard event the decision reads. */
export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

/** Where focus is: somewhere the student types, on a control that Space and Enter press, or elsewhere. */
export type FocusKind = 'typing' | 'control' | 'other';

export interface Shortcut {
  readonly action: PresenterAction;
  /** The keys as the cheat sheet shows them. */
  readonly keys: readonly string[];
  /** `event.key` values that press it (bare). */
  readonly match: readonly string[];
  /** `event.code` that presses it with Alt+Shift (the key's place, since Alt changes what a key types). */
  readonly code: string;
  readonly does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'toggle-play', keys: ['Space'], match: [' '], code: 'Space', does: 'play or pause the clock' },
  { action: 'step', keys: ['.'], match: ['.'], code: 'Period', does: 'pause and run to the next event' },
  { action: 'faster', keys: ['+'], match: ['+', '='], code: 'Equal', does: 'faster' },
  { action: 'slower', keys: ['−'], match: ['-', '_'], code: 'Minus', does: 'slower' },
  { action: 'next-step', keys: ['N'], match: ['n', 'N'], code: 'KeyN', does: 'next lab step (sets the cluster up for it when the step is not done)' },
  { action: 'reset-step', keys: ['R'], match: ['r', 'R'], code: 'KeyR', does: 'reset the cluster to the start of this lab step' },
  { action: 'projection', keys: ['P'], match: ['p', 'P'], code: 'KeyP', does: 'projection mode on or off' },
  { action: 'theme', keys: ['T'], match: ['t', 'T'], code: 'KeyT', does: 'next theme (auto, light, dark, projector)' },
  { action: 'cheat-sheet', keys: ['?'], match: ['?'], code: 'Slash', does: 'show or hide these keys' },
];

/** Selectors for places where the student types. */
export const TYPING_SELECTOR = 'input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable]:not([contenteditable=false]), .xterm, .cm-editor';
/** Selectors for controls that Space presses. */
export const CONTROL_SELECTOR = 'button, summary, a[href], input, [role=button], [role=checkbox], [role=tab], [role=option], [role=separator]';

/** What kind of place `target` is, given its `closest`. */
export function focusKind(target: { closest(selector: string): unknown } | null | undefined): FocusKind {
  if (!target || typeof target.closest !== 'function') return 'other';
  if (target.closest(TYPING_SELECTOR)) return 'typing';
  return target.closest(CONTROL_SELECTOR) ? 'control' : 'other';
}

/** The presenter action a key press asks for where focus is, if any. Pure. */
export function shortcutFor(press: KeyPress, focus: FocusKind): PresenterAction | undefined {
  if (press.ctrlKey || press.metaKey) return undefined;
  if (press.altKey) return press.shiftKey ? SHORTCUTS.find((s) => s.code === press.code)?.action : undefined;
  if (focus === 'typing') return undefined;
  const action = SHORTCUTS.find((s) => s.match.includes(press.key))?.action;
  // Space presses the focused button, not the clock.
  if (action === 'toggle-play' && focus === 'control') return undefined;
  return action;
}
