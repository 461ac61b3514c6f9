// What the editor does when the file it shows changes on disk, when the student moves to another file, and when a
// terminal command finished (the moment files written by the shell can be listed even with the clock paused).
import type { EditorRequest } from '../../../sim/protocol';
import type { CommandEntry } from '../../lib/command-log';

/** Something to open: a path, possibly for `kubectl edit`, possibly with text to write first. */
export interface OpenTarget {
  readonly path: string;
  readonly edit?: EditorRequest;
  /** Written to the file before it opens (labs' "open in editor" with a prepared manifest). */
  readonly content?: string;
  /** Move the keyboard focus into the editor once it shows the file. */
  readonly focus?: boolean;
}

/** The file the editor shows. `saved` is its content on disk as the editor last saw it. */
export interface OpenDoc {
  readonly path: string;
  readonly saved: string;
  /** Set while the file is a `kubectl edit` session waiting in the terminal. */
  readonly edit?: EditorRequest;
  /** The file to go back to when the `kubectl edit` session closes. */
  readonly returnTo?: string;
}

/**
 * What to do with a new listing of the shown file: `same` (nothing new), `adopt` (the disk now holds the editor's
 * text), `reload` (changed while clean: show it), `conflict` (changed while edited: offer to reload), `deleted`.
 * Pure.
 */
export function diskDecision(saved: string, buffer: string, disk: string | undefined): 'same' | 'adopt' | 'reload' | 'conflict' | 'deleted' {
  if (disk === undefined) return 'deleted';
  if (disk === saved) return 'same';
  if (disk === buffer) return 'adopt';
  return buffer === saved ? 'reload' : 'conflict';
}

/**
 * Why opening `target` must ask first: `editing` (a `kubectl edit` session is open), `unsaved` (the shown file has
 * changes), or undefined when it can open at once. Pure.
 */
export function leaveReason(doc: OpenDoc | undefined, dirty: boolean, target: OpenTarget): 'editing' | 'unsaved' | undefined {
  if (!doc) return undefined;
  const samePath = doc.path === target.path;
  if (doc.edit) return samePath && target.edit === undefined && target.content === undefined ? undefined : 'editing';
  if (!dirty) return undefined;
  return samePath && target.content === undefined && target.edit === undefined ? undefined : 'unsaved';
}

/** The seq of the latest command that has answered (or failed), or 0. Pure; scans from the end. */
export function lastSettledSeq(entries: readonly CommandEntry[]): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.result || e.error) return e.seq;
  }
  return 0;
}
