import { afterEach, describe, expect, it } from 'vitest';
import type { Command, CommandResult, EditorRequest } from '../../sim/protocol';
import type { Diagnostic } from '../../sim/kubectl/diagnostics';
import { EditorSession, type EditorClient, type EditorHost } from '../../src/features/editor/editor-session.svelte';
import { FileActions } from '../../src/features/editor/file-actions.svelte';
import { KubectlEditFlow } from '../../src/features/editor/kubectl-edit-flow.svelte';
import { HOME } from '../../src/features/editor/paths';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const A = `${HOME}/a.yaml`;
const B = `${HOME}/b.yaml`;
const EDIT = '/tmp/kubectl-edit-4.yaml';

/** The engine's file system and command handling, as far as the editor sees them. */
class FakeClient implements EditorClient {
  readonly disk = new Map<string, string>();
  readonly sent: Command[] = [];
  readonly lines: string[] = [];
  requests: EditorRequest[] = [];
  refuseWrites = false;
  diagnoseFor: (text: string) => Diagnostic[] = () => [];

  async files() {
    return [...this.disk].map(([path, content]) => ({ path, content }));
  }
  async send(command: Command): Promise<CommandResult> {
    this.sent.push(command);
    if (command.type === 'writeFile') {
      if (this.refuseWrites) return { ok: false, error: 'No such file or directory' };
      this.disk.set(command.path, command.content);
    }
    if (command.type === 'deleteFile') {
      if (!this.disk.delete(command.path)) return { ok: false, error: 'No such file or directory' };
    }
    return { ok: true };
  }
  async dispatch(line: string): Promise<CommandResult> {
    this.lines.push(line);
    return { ok: true };
  }
  async diagnose(text: string) {
    return this.diagnoseFor(text);
  }
  takeEditorRequest() {
    return this.requests.shift();
  }
  /** What the session sent, as short strings. */
  log(): string[] {
    return this.sent.map((c) => (c.type === 'writeFile' ? `write ${c.path}` : c.type === 'deleteFile' ? `delete ${c.path}` : c.type === 'editorClosed' ? `closed ${c.requestId} saved=${c.saved}` : c.type));
  }
}

/** The CodeMirror view's stand-in: the text, and typing into it. */
class FakeHost implements EditorHost {
  path: string | undefined;
  doc = '';
  diagnostics: readonly Diagnostic[] = [];
  focused = 0;
  session!: EditorSession;
  text() {
    return this.doc;
  }
  show(path: string | undefined, text: string) {
    this.path = path;
    this.doc = text;
  }
  replace(text: string) {
    this.doc = text;
    this.session.onEdit(text);
  }
  setDiagnostics(d: readonly Diagnostic[]) {
    this.diagnostics = d;
  }
  focus() {
    this.focused++;
  }
  type(text: string) {
    this.doc = text;
    this.session.onEdit(text);
  }
}

let sessions: EditorSession[] = [];
afterEach(() => {
  for (const s of sessions) s.dispose();
  sessions = [];
});

function setup(files: Record<string, string> = { [A]: 'kind: Service\n', [B]: 'kind: Pod\n' }) {
  const client = new FakeClient();
  for (const [path, content] of Object.entries(files)) client.disk.set(path, content);
  const host = new FakeHost();
  const session = new EditorSession(client, host);
  host.session = session;
  sessions.push(session);
  return { client, host, session, actions: new FileActions(client, session), edits: new KubectlEditFlow(client, session) };
}

describe('EditorSession', () => {
  it('lists the files under ~ and opens one', async () => {
    const { client, host, session } = setup({ [A]: 'a', '/tmp/x': 'x' });
    await session.refresh();
    expect(session.files.map((f) => f.path)).toEqual([A]);
    await session.request({ path: A });
    expect(host.path).toBe(A);
    expect(host.doc).toBe('a');
    expect(session.dirty).toBe(false);
    expect(client.log()).toEqual([]);
  });

  it('marks unsaved changes and saves them with writeFile', async () => {
    const { client, host, session } = setup();
    await session.open({ path: A });
    host.type('kind: Service\nmetadata: {}\n');
    expect(session.dirty).toBe(true);
    host.type('kind: Service\n');
    expect(session.dirty).toBe(false);
    host.type('kind: Service\nspec: {}\n');
    expect(await session.save()).toBe(true);
    expect(client.disk.get(A)).toBe('kind: Service\nspec: {}\n');
    expect(session.dirty).toBe(false);
  });

  it('says why a save failed and keeps the changes', async () => {
    const { client, host, session } = setup();
    await session.open({ path: A });
    host.type('changed');
    client.refuseWrites = true;
    expect(await session.save()).toBe(false);
    expect(session.error).toBe('Could not write ~/a.yaml: No such file or directory');
    expect(session.dirty).toBe(true);
  });

  it('shows a file the terminal changed while it was clean, and offers to reload when it was not', async () => {
    const { client, host, session } = setup();
    await session.open({ path: A });
    client.disk.set(A, 'from the terminal\n');
    await session.refresh();
    expect(host.doc).toBe('from the terminal\n');
    expect(session.dirty).toBe(false);
    expect(session.conflict).toBeUndefined();

    host.type('mine');
    client.disk.set(A, 'again from the terminal\n');
    await session.refresh();
    expect(host.doc).toBe('mine');
    expect(session.conflict).toBe('again from the terminal\n');
    session.reloadFromDisk();
    expect(host.doc).toBe('again from the terminal\n');
    expect(session.dirty).toBe(false);

    host.type('mine again');
    client.disk.set(A, 'third\n');
    await session.refresh();
    session.keepMine();
    await session.refresh();
    expect(session.conflict).toBeUndefined();
    expect(session.dirty).toBe(true);
    expect(host.doc).toBe('mine again');
  });

  it('does not mistake its own save for a change made by the terminal', async () => {
    const { client, host, session } = setup();
    await session.open({ path: A });
    host.type('saved text');
    client.disk.set(A, 'saved text');
    await session.refresh();
    expect(session.conflict).toBeUndefined();
    expect(session.dirty).toBe(false);
  });

  it('notices a file deleted in the terminal and can write it again', async () => {
    const { client, session } = setup();
    await session.open({ path: A });
    client.disk.delete(A);
    await session.refresh();
    expect(session.deleted).toBe(true);
    await session.save();
    expect(client.disk.get(A)).toBe('kind: Service\n');
    expect(session.deleted).toBe(false);
  });

  it('asks before leaving unsaved changes: save, discard or stay', async () => {
    const { client, host, session, edits } = setup();
    await session.open({ path: A });
    host.type('edited a');
    await session.request({ path: B });
    expect(session.question?.reason).toBe('unsaved');
    expect(host.path).toBe(A);
    await edits.answerLeave('stay');
    expect(host.path).toBe(A);
    await session.request({ path: B });
    await edits.answerLeave('save');
    expect(client.disk.get(A)).toBe('edited a');
    expect(host.path).toBe(B);
    host.type('edited b');
    await session.request({ path: A });
    await edits.answerLeave('discard');
    expect(client.disk.get(B)).toBe('kind: Pod\n');
    expect(host.path).toBe(A);
  });

  it('runs kubectl apply -f in the terminal, saving first', async () => {
    const { client, host, session } = setup();
    await session.open({ path: A });
    host.type('kind: Service\nmetadata: {name: x}\n');
    await session.apply();
    expect(client.log()).toEqual([`write ${A}`]);
    expect(client.lines).toEqual(['kubectl apply -f ~/a.yaml']);
    expect(session.dirty).toBe(false);
  });

  it('checks manifests as they are typed and shows the problems', async () => {
    const { client, host, session } = setup({ [A]: 'kind: Nope\n', [`${HOME}/notes.txt`]: 'kind: Nope' });
    client.diagnoseFor = (text) => (text.includes('Nope') ? [{ line: 1, column: 7, severity: 'error', message: 'no matches for kind "Nope"' }] : []);
    await session.open({ path: A });
    await settle();
    expect(session.diagnostics.map((d) => d.message)).toEqual(['no matches for kind "Nope"']);
    expect(host.diagnostics).toHaveLength(1);
    host.type('kind: Service\n');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(session.diagnostics).toEqual([]);
    await session.open({ path: `${HOME}/notes.txt` });
    await settle();
    expect(session.diagnostics).toEqual([]);
  });

  it('opens kubectl edit, then saves and closes it and goes back to the previous file', async () => {
    const { client, host, session, edits } = setup({ [A]: 'a', [EDIT]: '# Please edit\nspec:\n  replicas: 1\n' });
    await session.open({ path: A });
    client.requests.push({ requestId: 4, path: EDIT, title: 'kubectl edit deployment/web' });
    edits.takeEditRequest();
    await settle();
    expect(host.path).toBe(EDIT);
    expect(session.doc?.edit?.title).toBe('kubectl edit deployment/web');
    expect(host.focused).toBe(1);
    host.type('# Please edit\nspec:\n  replicas: 3\n');
    await edits.saveAndClose();
    expect(client.log()).toEqual([`write ${EDIT}`, 'closed 4 saved=true']);
    expect(client.disk.get(EDIT)).toContain('replicas: 3');
    expect(host.path).toBe(A);
    expect(session.doc?.edit).toBeUndefined();
  });

  it('cancels kubectl edit without writing, and shows a reopened edit again', async () => {
    const { client, host, session, edits } = setup({ [EDIT]: 'x: 1\n' });
    client.requests.push({ requestId: 1, path: EDIT, title: 'kubectl edit deployment/web' });
    edits.takeEditRequest();
    await settle();
    await edits.cancel();
    expect(client.log()).toEqual(['closed 1 saved=false']);
    expect(host.path).toBeUndefined();
    // A failed edit: the engine writes the text again with the errors on top and asks once more.
    client.disk.set(EDIT, '# error: replicas: Invalid value\nx: 1\n');
    client.requests.push({ requestId: 2, path: EDIT, title: 'kubectl edit deployment/web' });
    edits.takeEditRequest();
    await settle();
    expect(host.path).toBe(EDIT);
    expect(host.doc).toMatch(/^# error: replicas/);
    expect(session.doc?.edit?.requestId).toBe(2);
  });

  it('asks before leaving a kubectl edit, and keeps a put-off edit waiting', async () => {
    const { client, host, session, edits } = setup({ [A]: 'a', [EDIT]: 'x' });
    client.requests.push({ requestId: 7, path: EDIT, title: 'kubectl edit service/web' });
    edits.takeEditRequest();
    await settle();
    await session.request({ path: A });
    expect(session.question?.reason).toBe('editing');
    await edits.answerLeave('discard');
    expect(client.log()).toEqual(['closed 7 saved=false']);
    expect(host.path).toBe(A);

    host.type('unsaved');
    client.requests.push({ requestId: 8, path: EDIT, title: 'kubectl edit service/web' });
    edits.takeEditRequest();
    await settle();
    expect(session.question?.reason).toBe('unsaved');
    await edits.answerLeave('stay');
    expect(edits.waitingEdit?.requestId).toBe(8);
    await session.save();
    edits.openWaitingEdit();
    await settle();
    expect(host.path).toBe(EDIT);
    expect(edits.waitingEdit).toBeUndefined();
  });

  it('opens prepared text for a lab (write, then open) and creates a missing file empty', async () => {
    const { client, host, session } = setup({});
    await session.request({ path: A, content: 'kind: Service\n' });
    expect(client.disk.get(A)).toBe('kind: Service\n');
    expect(host.doc).toBe('kind: Service\n');
    await session.request({ path: B });
    expect(client.disk.get(B)).toBe('');
    expect(host.path).toBe(B);
  });
});

describe('FileActions', () => {
  it('creates a new file from a checked name and opens it', async () => {
    const { client, host, session, actions } = setup();
    await session.refresh();
    actions.startNew();
    expect(await actions.submitName('a.yaml')).toBe('~/a.yaml already exists.');
    expect(await actions.submitName('bad name')).toContain('characters');
    expect(await actions.submitName('mongo.svc.yaml')).toBeUndefined();
    expect(actions.naming).toBeUndefined();
    expect(client.disk.get(`${HOME}/mongo.svc.yaml`)).toBe('');
    expect(host.path).toBe(`${HOME}/mongo.svc.yaml`);
    expect(host.focused).toBe(1);
  });

  it('renames by writing the new name and deleting the old one, keeping unsaved changes', async () => {
    const { client, host, session, actions } = setup();
    await session.open({ path: A });
    host.type('unsaved');
    actions.startRename(A);
    expect(actions.nameProblem('a.yaml')).toBeUndefined();
    expect(await actions.submitName('c.yaml')).toBeUndefined();
    expect(client.log()).toEqual([`write ${HOME}/c.yaml`, `delete ${A}`]);
    expect(client.disk.get(`${HOME}/c.yaml`)).toBe('kind: Service\n');
    expect(client.disk.has(A)).toBe(false);
    expect(session.doc?.path).toBe(`${HOME}/c.yaml`);
    expect(host.doc).toBe('unsaved');
    expect(session.dirty).toBe(true);
    expect(session.files.map((f) => f.path)).toEqual([B, `${HOME}/c.yaml`]);
  });

  it('deletes only after confirmation', async () => {
    const { client, host, session, actions } = setup();
    await session.open({ path: A });
    actions.askDelete(A);
    await actions.answerDelete(false);
    expect(client.disk.has(A)).toBe(true);
    actions.askDelete(A);
    expect(actions.deleting).toBe(A);
    await actions.answerDelete(true);
    expect(client.disk.has(A)).toBe(false);
    expect(host.path).toBeUndefined();
    expect(session.doc).toBeUndefined();
    expect(session.files.map((f) => f.path)).toEqual([B]);
  });
});
