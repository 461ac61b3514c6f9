// The editor pane's text until CodeMirror has loaded: keeps what the session shows and hands it over once the
// view exists, so the page's first load does not carry the editor's code.
import type { Diagnostic } from '../../../sim/kubectl/diagnostics';
import type { EditorHost } from './editor-session.svelte';
import type { CodeMirrorEditor } from './codemirror-editor';

/** Builds the real editor in `parent` (a dynamic import in the page; a stand-in in tests). */
export type EditorLoader = (parent: HTMLElement, onChange: (text: string) => void) => Promise<CodeMirrorEditor>;

/** The page's loader: fetches the CodeMirror chunk on first use. */
export const loadCodeMirror: EditorLoader = async (parent, onChange) => (await import('./codemirror-editor')).createCodeMirror(parent, onChange);

/** An EditorHost that loads CodeMirror when the first file is shown. */
export class LazyEditorHost implements EditorHost {
  private editor: CodeMirrorEditor | undefined;
  private parent: HTMLElement | undefined;
  private loading = false;
  private path: string | undefined;
  private pendingText = '';
  private diagnostics: readonly Diagnostic[] = [];
  private wantsFocus = false;

  constructor(
    private readonly onChange: (text: string) => void,
    private readonly onError: (message: string) => void = () => {},
    private readonly load: EditorLoader = loadCodeMirror,
  ) {}

  /** Gives the host the element the editor lives in; returns the clean-up for when it goes. */
  attach(parent: HTMLElement): () => void {
    this.parent = parent;
    if (this.path !== undefined) this.ensureLoaded();
    return () => {
      this.editor?.destroy();
      this.editor = undefined;
      this.parent = undefined;
      this.loading = false;
    };
  }

  /** Whether CodeMirror is up. */
  get ready(): boolean {
    return this.editor !== undefined;
  }

  text(): string {
    return this.editor ? this.editor.text() : this.pendingText;
  }

  show(path: string | undefined, text: string): void {
    this.path = path;
    this.diagnostics = [];
    if (this.editor) this.editor.show(path, text);
    else {
      this.pendingText = text;
      if (path !== undefined) this.ensureLoaded();
    }
  }

  replace(text: string): void {
    if (this.editor) this.editor.replace(text);
    else {
      this.pendingText = text;
      this.onChange(text);
    }
  }

  setDiagnostics(diagnostics: readonly Diagnostic[]): void {
    this.diagnostics = diagnostics;
    this.editor?.setDiagnostics(diagnostics);
  }

  focus(): void {
    if (this.editor) this.editor.focus();
    else this.wantsFocus = true;
  }

  private ensureLoaded(): void {
    const parent = this.parent;
    if (!parent || this.loading || this.editor) return;
    this.loading = true;
    void this.load(parent, this.onChange).then((editor) => {
      if (this.parent !== parent) { editor.destroy(); return; }
      this.editor = editor;
      editor.show(this.path, this.pendingText);
      if (this.diagnostics.length > 0) editor.setDiagnostics(this.diagnostics);
      if (this.wantsFocus) editor.focus();
      this.wantsFocus = false;
    }, (error: unknown) => {
      // The next file shown tries again.
      this.loading = false;
      this.onError(`The editor could not load: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
