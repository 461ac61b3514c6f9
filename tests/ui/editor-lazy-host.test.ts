import { describe, expect, it } from 'vitest';
import { LazyEditorHost, type EditorLoader } from '../../src/features/editor/lazy-editor-host';
import type { CodeMirrorEditor } from '../../src/features/editor/codemirror-editor';
import type { Diagnostic } from '../../sim/kubectl/diagnostics';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A stand-in editor that records what it was told, and a loader released by hand. */
function manualLoader() {
  const log: string[] = [];
  let release: (() => void) | undefined;
  let fail: ((e: Error) => void) | undefined;
  let text = '';
  const editor: CodeMirrorEditor = {
    text: () => text,
    show: (path, t) => { text = t; log.push(`show ${path} ${JSON.stringify(t)}`); },
    replace: (t) => { text = t; log.push(`replace ${JSON.stringify(t)}`); },
    setDiagnostics: (d: readonly Diagnostic[]) => log.push(`diagnostics ${d.length}`),
    focus: () => log.push('focus'),
    destroy: () => log.push('destroy'),
  };
  let loads = 0;
  const load: EditorLoader = () => {
    loads++;
    return new Promise((resolve, reject) => { release = () => resolve(editor); fail = reject; });
  };
  return { log, load, editor, release: () => release!(), fail: (e: Error) => fail!(e), loads: () => loads };
}

const parent = {} as HTMLElement;
const problem: Diagnostic = { line: 1, column: 1, severity: 'error', message: 'x' };

describe('LazyEditorHost', () => {
  it('loads CodeMirror only when a file is first shown, and hands over what was shown meanwhile', async () => {
    const m = manualLoader();
    const edits: string[] = [];
    const host = new LazyEditorHost((t) => edits.push(t), () => {}, m.load);
    host.attach(parent);
    host.show(undefined, '');
    expect(m.loads()).toBe(0);
    host.show('/home/student/a.yaml', 'kind: Pod\n');
    expect(m.loads()).toBe(1);
    expect(host.text()).toBe('kind: Pod\n');
    host.replace('kind: Service\n');
    expect(edits).toEqual(['kind: Service\n']);
    host.setDiagnostics([problem]);
    host.focus();
    host.show('/home/student/b.yaml', 'b');
    expect(m.loads()).toBe(1);
    m.release();
    await settle();
    expect(host.ready).toBe(true);
    expect(m.log).toEqual(['show /home/student/b.yaml "b"', 'focus']);
    host.setDiagnostics([problem]);
    expect(m.log.at(-1)).toBe('diagnostics 1');
    expect(host.text()).toBe('b');
  });

  it('waits for its element when a file is shown before the pane is mounted', async () => {
    const m = manualLoader();
    const host = new LazyEditorHost(() => {}, () => {}, m.load);
    host.show('/home/student/a.yaml', 'a');
    expect(m.loads()).toBe(0);
    const detach = host.attach(parent);
    expect(m.loads()).toBe(1);
    m.release();
    await settle();
    expect(m.log).toEqual(['show /home/student/a.yaml "a"']);
    detach();
    expect(m.log.at(-1)).toBe('destroy');
    expect(host.ready).toBe(false);
  });

  it('says when the editor could not load, and tries again with the next file', async () => {
    const m = manualLoader();
    const errors: string[] = [];
    const host = new LazyEditorHost(() => {}, (e) => errors.push(e), m.load);
    host.attach(parent);
    host.show('/home/student/a.yaml', 'a');
    m.fail(new Error('Failed to fetch dynamically imported module'));
    await settle();
    expect(errors).toEqual(['The editor could not load: Failed to fetch dynamically imported module']);
    host.show('/home/student/a.yaml', 'a');
    expect(m.loads()).toBe(2);
  });
});
