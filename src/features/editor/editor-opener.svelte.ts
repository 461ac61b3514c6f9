// "Open in editor" for the rest of the page (lab steps): a queue of files the editor pane opens as soon as it can.
import type { OpenTarget } from './editor-decisions';
import { homePath } from './paths';

/** A queue of files to show in the editor pane. */
export class EditorOpener {
  /** Files asked for and not yet taken by the editor pane, oldest first. */
  pending = $state.raw<readonly OpenTarget[]>([]);

  /** Asks the editor to show `path` (relative names and `~/…` are under the home directory); a missing file is created empty. */
  openFile(path: string): void {
    this.pending = [...this.pending, { path: homePath(path) }];
  }

  /** Asks the editor to write `content` to `path`, then show it. */
  openText(path: string, content: string): void {
    this.pending = [...this.pending, { path: homePath(path), content }];
  }

  /** Takes every pending request (the editor pane calls this). */
  take(): readonly OpenTarget[] {
    const taken = this.pending;
    if (taken.length > 0) this.pending = [];
    return taken;
  }
}

/** The page's one opener, read by EditorPane. */
export const editorOpener = new EditorOpener();

/** Shows `path` in the editor pane (a missing file is created empty). */
export function openFile(path: string): void {
  editorOpener.openFile(path);
}

/** Writes `content` to `path` and shows it in the editor pane. */
export function openText(path: string, content: string): void {
  editorOpener.openText(path, content);
}
