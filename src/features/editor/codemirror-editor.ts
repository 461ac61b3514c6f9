// The CodeMirror 6 view behind the editor pane (loaded on first use, so the page's first load stays small): shows
// one file at a time, reports every edit, and draws the engine's problems as lint markers.
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { setDiagnostics } from '@codemirror/lint';
import type { EditorHost } from './editor-session.svelte';
import { editorExtensions } from './editor-setup';
import { toLintDiagnostics } from './lint-diagnostics';

/** A CodeMirror view the session can drive, and remove again. */
export interface CodeMirrorEditor extends EditorHost {
  destroy(): void;
}

/** Mounts a CodeMirror view in `parent`; `onChange` gets the whole text after every edit. */
export function createCodeMirror(parent: HTMLElement, onChange: (text: string) => void): CodeMirrorEditor {
  const stateFor = (path: string | undefined, text: string): EditorState =>
    EditorState.create({ doc: text, extensions: path ? editorExtensions(path, (state) => onChange(state.doc.toString())) : [] });
  const view = new EditorView({ parent, state: stateFor(undefined, '') });
  return {
    text: () => view.state.doc.toString(),
    show(path, text) {
      view.setState(stateFor(path, text));
      // A new file starts at its top (where a reopened `kubectl edit` lists its errors).
      view.dispatch({ effects: EditorView.scrollIntoView(0, { y: 'start' }) });
    },
    replace(text) {
      const head = Math.min(view.state.selection.main.head, text.length);
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: head } });
    },
    setDiagnostics: (diagnostics) => view.dispatch(setDiagnostics(view.state, toLintDiagnostics(view.state.doc, diagnostics))),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
