// The editor pane's state: the files under ~, the file shown and whether it has unsaved changes, changes made by
// the terminal, and `kubectl edit` sessions. Everything the cluster sees goes through the SimClient (writeFile,
// editorClosed, a terminal line for Apply).
import type { Diagnostic } from '../../../sim/kubectl/diagnostics';
import type { FileEntry } from '../../../sim/worker/api';
import type { SimClient } from '../../lib/sim-client.svelte';
import { DiagnoseScheduler, type Timers } from './diagnose-scheduler';
import { diskDecision, leaveReason, type OpenDoc, type OpenTarget } from './editor-decisions';
import { applyCommandFor, displayPath, homeFiles, isManifestPath } from './paths';

/** The parts of the SimClient the editor uses. */
export type EditorClient = Pick<SimClient, 'files' | 'send' | 'dispatch' | 'diagnose' | 'takeEditorRequest'>;

/** The CodeMirror view, as the session drives it. */
export interface EditorHost {
  /** The text in the editor now. */
  text(): string;
  /** Shows a file (or nothing), with a fresh undo history. */
  show(path: string | undefined, text: string): void;
  /** Replaces the shown file's text (a reload from disk), keeping the cursor where it can. */
  replace(text: string): void;
  setDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /** Moves the keyboard focus into the text. */
  focus(): void;
}

/** "Leave this file?", asked when the shown one has unsaved changes or is a `kubectl edit` session. */
export interface LeaveQuestion {
  readonly target: OpenTarget;
  readonly reason: 'editing' | 'unsaved';
}

/** The editor pane's state and the actions that change it (see the module comment). */
export class EditorSession {
  /** Files under ~, sorted. */
  files = $state.raw<FileEntry[]>([]);
  doc = $state.raw<OpenDoc | undefined>(undefined);
  dirty = $state(false);
  /** Newer content on disk while the editor has unsaved changes. */
  conflict = $state.raw<string | undefined>(undefined);
  /** The shown file no longer exists on disk. */
  deleted = $state(false);
  question = $state.raw<LeaveQuestion | undefined>(undefined);
  diagnostics = $state.raw<readonly Diagnostic[]>([]);
  /** The last failure, in words. */
  error = $state<string | undefined>(undefined);

  private readonly scheduler: DiagnoseScheduler;
  private refreshSeq = 0;
  private openSeq = 0;

  constructor(private readonly client: EditorClient, private readonly host: EditorHost, timers?: Timers) {
    this.scheduler = new DiagnoseScheduler((text) => client.diagnose(text), (diagnostics) => {
      this.diagnostics = diagnostics;
      host.setDiagnostics(diagnostics);
    }, undefined, timers);
  }

  /** Lists the files again and brings the shown file in line with the disk. */
  async refresh(): Promise<void> {
    const seq = ++this.refreshSeq;
    const all = await this.client.files();
    if (seq !== this.refreshSeq) return;
    this.files = homeFiles(all);
    const doc = this.doc;
    if (!doc) return;
    const disk = all.find((f) => f.path === doc.path)?.content;
    const decision = diskDecision(doc.saved, this.host.text(), disk);
    this.deleted = decision === 'deleted' && !doc.edit;
    if (decision === 'same' || decision === 'deleted') return;
    this.doc = { ...doc, saved: disk! };
    if (decision === 'adopt') { this.dirty = false; this.conflict = undefined; }
    else if (decision === 'reload') { this.conflict = undefined; this.host.replace(disk!); }
    else this.conflict = disk;
  }

  /** Opens a file, asking first if the shown one has unsaved changes or is a `kubectl edit` session. */
  async request(target: OpenTarget): Promise<void> {
    const doc = this.doc;
    if (doc && doc.path === target.path && !target.edit && target.content === undefined) return;
    const reason = leaveReason(doc, this.dirty, target);
    if (reason) this.question = { target, reason };
    else await this.open(target);
  }

  /** Shows `target` now (writing its content first when it has some). */
  async open(target: OpenTarget): Promise<void> {
    const seq = ++this.openSeq;
    if (target.content !== undefined && !(await this.write(target.path, target.content))) return;
    let all = await this.client.files();
    if (seq !== this.openSeq) return;
    let content = target.content ?? all.find((f) => f.path === target.path)?.content;
    if (content === undefined) {
      // Opening a file that does not exist yet creates it empty, as an editor does on its first save.
      if (!(await this.write(target.path, ''))) return;
      all = await this.client.files();
      if (seq !== this.openSeq) return;
      content = '';
    }
    // This listing is the newest: a refresh still on its way must not judge the new file by an older one.
    this.refreshSeq++;
    this.files = homeFiles(all);
    const previous = this.doc;
    const returnTo = target.edit ? (previous?.edit ? previous.returnTo : previous?.path) : undefined;
    this.doc = { path: target.path, saved: content, ...(target.edit ? { edit: target.edit, returnTo } : {}) };
    this.dirty = false;
    this.conflict = undefined;
    this.deleted = false;
    this.error = undefined;
    this.diagnostics = [];
    this.host.show(target.path, content);
    // `kubectl edit` hands the keyboard to the editor, as it does in a terminal.
    if (target.focus || target.edit) this.host.focus();
    if (isManifestPath(target.path)) this.scheduler.now(content);
    else this.scheduler.cancel();
  }

  /** Called by the view on every edit. */
  onEdit(text: string): void {
    const doc = this.doc;
    if (!doc) return;
    this.dirty = text !== doc.saved;
    if (isManifestPath(doc.path)) this.scheduler.schedule(text);
  }

  /** Writes the editor's text to the shown file; false when the engine refused. */
  async save(): Promise<boolean> {
    const doc = this.doc;
    if (!doc) return false;
    const text = this.host.text();
    if (!(await this.write(doc.path, text))) return false;
    if (this.doc?.path !== doc.path) return true;
    this.doc = { ...this.doc, saved: text };
    this.dirty = this.host.text() !== text;
    this.conflict = undefined;
    this.deleted = false;
    return true;
  }

  /** Runs `kubectl apply -f` on the shown file in the terminal, saving it first. */
  async apply(): Promise<void> {
    const doc = this.doc;
    if (!doc || doc.edit) return;
    if (this.dirty && !(await this.save())) return;
    await this.client.dispatch(applyCommandFor(doc.path));
  }

  /** Shows the newer content from disk, dropping the editor's changes. */
  reloadFromDisk(): void {
    const disk = this.conflict;
    if (disk === undefined || !this.doc) return;
    this.doc = { ...this.doc, saved: disk };
    this.conflict = undefined;
    this.host.replace(disk);
  }

  /** Keeps the editor's text over the newer content on disk (saving will overwrite it). */
  keepMine(): void {
    this.conflict = undefined;
  }

  /** Stops showing a file (after it was deleted in the terminal); a `kubectl edit` session stays open. */
  close(): void {
    if (!this.doc?.edit) this.showNothing();
  }

  /** Follows a rename of the shown file: same text, same unsaved changes, new path. */
  moved(from: string, to: string): void {
    const doc = this.doc;
    if (doc?.path !== from) return;
    this.doc = { ...doc, path: to };
    const text = this.host.text();
    this.host.show(to, text);
    this.onEdit(text);
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  /** Writes a file through the engine; on refusal, says why in `error` and returns false. */
  async write(path: string, content: string): Promise<boolean> {
    const r = await this.client.send({ type: 'writeFile', path, content });
    if (r.ok) { this.error = undefined; return true; }
    this.error = `Could not write ${displayPath(path)}: ${r.error}`;
    return false;
  }

  /** After a `kubectl edit` closed: shows `path` again unless something else opened meanwhile. */
  async returnTo(path: string): Promise<void> {
    const seq = this.openSeq;
    await this.refresh();
    if (seq === this.openSeq && !this.doc && this.files.some((f) => f.path === path)) await this.open({ path });
  }

  /** Shows no file. */
  showNothing(): void {
    ++this.openSeq;
    this.doc = undefined;
    this.dirty = false;
    this.conflict = undefined;
    this.deleted = false;
    this.diagnostics = [];
    this.scheduler.cancel();
    this.host.show(undefined, '');
  }
}
