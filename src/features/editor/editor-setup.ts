// The CodeMirror 6 set-up of the editor pane: YAML highlighting, line numbers, search, undo, soft tabs of two
// spaces (YAML forbids tabs in indentation), lint markers, and colours taken from the page's CSS variables.
import { EditorSelection, EditorState, type Extension } from '@codemirror/state';
import {
  EditorView, crosshairCursor, drawSelection, dropCursor, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, keymap, lineNumbers, rectangularSelection, type Command,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentLess, indentMore } from '@codemirror/commands';
import {
  HighlightStyle, bracketMatching, foldGutter, foldKeymap, indentOnInput, indentUnit, syntaxHighlighting,
} from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';
import { tags } from '@lezer/highlight';
import { isManifestPath } from './paths';

/** Spaces one indentation level (and one Tab press) inserts. */
export const INDENT = '  ';

/** The spaces Tab inserts at 0-based `column` so the cursor lands on the next indent stop. Pure. */
export function softTabAt(column: number): string {
  return ' '.repeat(INDENT.length - (column % INDENT.length));
}

/** Tab: spaces up to the next indent stop at each cursor, or indents the selected lines. */
export const insertSoftTab: Command = (view) => {
  const { state } = view;
  if (state.readOnly) return false;
  if (state.selection.ranges.some((r) => !r.empty)) return indentMore(view);
  view.dispatch(state.update(state.changeByRange((range) => {
    const spaces = softTabAt(range.head - state.doc.lineAt(range.head).from);
    return { changes: { from: range.head, insert: spaces }, range: EditorSelection.cursor(range.head + spaces.length) };
  }), { scrollIntoView: true, userEvent: 'input' }));
  return true;
};

// Syntax colours come from the pane's CSS variables, so light and dark follow the page's theme.
const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--editor-key)' },
  { tag: [tags.string, tags.special(tags.string), tags.content], color: 'var(--editor-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom, tags.keyword], color: 'var(--editor-literal)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--editor-comment)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.labelName, tags.typeName, tags.processingInstruction], color: 'var(--editor-meta)' },
  { tag: [tags.punctuation, tags.separator, tags.squareBracket, tags.brace], color: 'var(--editor-punctuation)' },
  { tag: tags.invalid, color: 'var(--editor-invalid)' },
]);

/** An SVG data URL for a wavy underline in one colour (Okabe–Ito vermillion or orange, readable on both themes). */
function squiggle(colour: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="6" height="3"><path d="m0 2.5 l2 -1.5 l1 0 l2 1.5 l1 0" stroke="${colour}" fill="none" stroke-width="1"/></svg>`;
  return `url('data:image/svg+xml,${encodeURIComponent(svg)}')`;
}

const theme = EditorView.theme({
  '&': { height: '100%', color: 'var(--fg)', backgroundColor: 'var(--editor-bg)', fontSize: '0.93rem' },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-2px' },
  '.cm-gutters': { backgroundColor: 'var(--editor-gutter)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)', color: 'var(--fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--editor-selection)' },
  '.cm-searchMatch': { backgroundColor: 'var(--editor-search)', outline: '1px solid var(--progress)' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--fg)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--line)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--line)' },
  '.cm-textfield': { backgroundColor: 'var(--bg)', color: 'var(--fg)', border: '1px solid var(--line)' },
  '.cm-button': { backgroundImage: 'none', backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--line)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--line)' },
  '.cm-diagnostic': { whiteSpace: 'pre-wrap', maxWidth: '36em' },
  '.cm-diagnostic-error': { borderLeft: '5px solid var(--bad)' },
  '.cm-diagnostic-warning': { borderLeft: '5px solid var(--progress)' },
  '.cm-lintRange-error': { backgroundImage: squiggle('#d55e00') },
  '.cm-lintRange-warning': { backgroundImage: squiggle('#e69f00') },
  '.cm-lintRange-active': { backgroundColor: 'var(--editor-search)' },
  '.cm-lintPoint-error:after': { borderBottomColor: '#d55e00' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--stripe)', color: 'var(--muted)', border: '1px solid var(--line)' },
});

/** The editor's extensions for one file: YAML highlighting for manifests, `onChange` after every edit. */
export function editorExtensions(path: string, onChange: (state: EditorState) => void): Extension[] {
  return [
    lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(), drawSelection(),
    dropCursor(), EditorState.allowMultipleSelections.of(true), indentOnInput(), bracketMatching(), closeBrackets(),
    rectangularSelection(), crosshairCursor(), highlightActiveLine(), highlightSelectionMatches(),
    syntaxHighlighting(highlight), lintGutter(), theme,
    EditorState.tabSize.of(INDENT.length), indentUnit.of(INDENT),
    keymap.of([
      { key: 'Tab', run: insertSoftTab, shift: indentLess },
      ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap,
    ]),
    EditorView.contentAttributes.of({ 'aria-label': `Contents of ${path}`, spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off' }),
    EditorView.updateListener.of((update) => { if (update.docChanged) onChange(update.state); }),
    isManifestPath(path) ? yaml() : [],
  ];
}
