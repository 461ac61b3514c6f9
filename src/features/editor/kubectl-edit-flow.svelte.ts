// `kubectl edit` in the editor pane, as kubectl runs an editor: the command waits while the file is open; Save &
// close applies it (or reopens it with the errors on top), Cancel leaves the object as it was. Also answers "leave
// this file?", whose choices differ while such a session is open.
import type { EditorRequest } from '../../../sim/protocol';
import type { EditorClient, EditorSession } from './editor-session.svelte';

/** The editor's side of `kubectl edit`: open, save & close, cancel, and put off. */
export class KubectlEditFlow {
  /** A `kubectl edit` the student chose not to open yet. */
  waitingEdit = $state.raw<EditorRequest | undefined>(undefined);

  constructor(private readonly client: EditorClient, private readonly session: EditorSession) {}

  /** Takes the oldest `kubectl edit` request from the engine and opens its file. */
  takeEditRequest(): void {
    const edit = this.client.takeEditorRequest();
    if (edit) void this.session.request({ path: edit.path, edit });
  }

  /** Opens the `kubectl edit` the student put off. */
  openWaitingEdit(): void {
    const edit = this.waitingEdit;
    this.waitingEdit = undefined;
    if (edit) void this.session.request({ path: edit.path, edit });
  }

  /** Saves the file and tells the waiting command to apply it; false when the save failed. */
  async saveAndClose(returnToPrevious = true): Promise<boolean> {
    const edit = this.session.doc?.edit;
    if (!edit || !(await this.session.save())) return false;
    await this.client.send({ type: 'editorClosed', requestId: edit.requestId, saved: true });
    await this.close(returnToPrevious);
    return true;
  }

  /** Closes without applying (the command prints "Edit cancelled, no changes made."). */
  async cancel(returnToPrevious = true): Promise<void> {
    const edit = this.session.doc?.edit;
    if (!edit) return;
    await this.client.send({ type: 'editorClosed', requestId: edit.requestId, saved: false });
    await this.close(returnToPrevious);
  }

  /** The answer to "leave this file?": save (or save & close the edit) first, discard (or cancel the edit), or stay. */
  async answerLeave(choice: 'save' | 'discard' | 'stay'): Promise<void> {
    const q = this.session.question;
    if (!q) return;
    this.session.question = undefined;
    if (choice === 'stay') {
      if (q.target.edit) this.waitingEdit = q.target.edit;
      return;
    }
    const editing = this.session.doc?.edit !== undefined;
    if (choice === 'save' && !(editing ? await this.saveAndClose(false) : await this.session.save())) return;
    if (choice === 'discard' && editing) await this.cancel(false);
    await this.session.open(q.target);
  }

  private async close(returnToPrevious: boolean): Promise<void> {
    const back = this.session.doc?.returnTo;
    this.session.showNothing();
    if (returnToPrevious && back) await this.session.returnTo(back);
  }
}
