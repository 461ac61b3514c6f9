// The file list's actions: New file and Rename through a name form (names checked as they are typed), Delete
// after a confirmation. Rename is a write of the new name followed by a delete of the old one.
import type { EditorClient, EditorSession } from './editor-session.svelte';
import { displayPath, fileNameProblem, homePath } from './paths';

/** The name form: a new file, or a new name for `path`. */
export type Naming = { readonly mode: 'new' } | { readonly mode: 'rename'; readonly path: string };

/** New file, Rename and Delete for the files under ~. */
export class FileActions {
  naming = $state.raw<Naming | undefined>(undefined);
  /** The file waiting for "delete it?" to be answered. */
  deleting = $state<string | undefined>(undefined);

  constructor(private readonly client: EditorClient, private readonly session: EditorSession) {}

  startNew(): void {
    this.deleting = undefined;
    this.naming = { mode: 'new' };
  }

  startRename(path: string): void {
    this.deleting = undefined;
    this.naming = { mode: 'rename', path };
  }

  cancelNaming(): void {
    this.naming = undefined;
  }

  /** Why `name` cannot be used in the name form now, or undefined. */
  nameProblem(name: string): string | undefined {
    const n = this.naming;
    return fileNameProblem(name, this.session.files.map((f) => f.path), n?.mode === 'rename' ? n.path : undefined);
  }

  /** Creates or renames a file from the name form; returns the problem when the name is refused. */
  async submitName(name: string): Promise<string | undefined> {
    const naming = this.naming;
    if (!naming) return undefined;
    const problem = this.nameProblem(name);
    if (problem) return problem;
    const to = homePath(name);
    this.naming = undefined;
    if (naming.mode === 'new') await this.session.request({ path: to, content: '', focus: true });
    else if (to !== naming.path) await this.rename(naming.path, to);
    return undefined;
  }

  /** Asks before deleting `path`. */
  askDelete(path: string): void {
    this.naming = undefined;
    this.deleting = path;
  }

  /** Deletes the file the question is about when confirmed. */
  async answerDelete(confirmed: boolean): Promise<void> {
    const path = this.deleting;
    this.deleting = undefined;
    if (!path || !confirmed) return;
    const r = await this.client.send({ type: 'deleteFile', path });
    if (!r.ok) {
      this.session.error = `Could not delete ${displayPath(path)}: ${r.error}`;
      return;
    }
    if (this.session.doc?.path === path) this.session.close();
    await this.session.refresh();
  }

  private async rename(from: string, to: string): Promise<void> {
    const content = this.session.files.find((f) => f.path === from)?.content;
    if (content === undefined) {
      this.session.error = `${displayPath(from)} no longer exists.`;
      return;
    }
    if (!(await this.session.write(to, content))) return;
    const r = await this.client.send({ type: 'deleteFile', path: from });
    if (!r.ok) this.session.error = `Could not remove ${displayPath(from)} after copying it: ${r.error}`;
    this.session.moved(from, to);
    await this.session.refresh();
  }
}
