import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../../sim/engine';
import type { Frame } from '../../../../sim/protocol';

describe('kubectl edit with the page editor', () => {
  it('opens the object in a file, applies the saved text and prints edited', () => {
    const sim = createSimulation({ seed: 3, editor: 'page' });
    sim.dispatch({ type: 'exec', line: 'kubectl create deployment web --image=nginx:1.27' });
    sim.advance(5_000);
    let frame: Frame = sim.frame(0);
    const started = sim.dispatch({ type: 'exec', line: 'kubectl edit deployment web' });
    expect(started.ok && started.done).toBe(false);
    frame = sim.frame(frame.rv);
    expect(frame.editorRequests).toHaveLength(1);
    const { requestId, path, title } = frame.editorRequests[0];
    expect(title).toBe('kubectl edit deployment/web');
    const text = sim.shell.fs.read(path);
    expect(text.ok && text.value).toMatch(/^# Please edit the object below/);
    const edited = (text.ok ? text.value : '').replace('replicas: 1', 'replicas: 3');
    sim.dispatch({ type: 'writeFile', path, content: edited });
    sim.dispatch({ type: 'editorClosed', requestId, saved: true });
    sim.advance(1);
    frame = sim.frame(frame.rv);
    const out = frame.output.map((o) => o.text).join('');
    expect(out).toBe('deployment.apps/web edited\n');
    expect(frame.exits.map((e) => e.exitCode)).toEqual([0]);
    expect((sim.get('Deployment', 'default', 'web') as { spec: { replicas: number } }).spec.replicas).toBe(3);
    expect(sim.shell.fs.isFile(path)).toBe(false);
  });

  it('cancels when the editor closes without saving', () => {
    const sim = createSimulation({ seed: 3, editor: 'page' });
    sim.dispatch({ type: 'exec', line: 'kubectl create deployment web --image=nginx:1.27' });
    sim.dispatch({ type: 'exec', line: 'kubectl edit deploy/web' });
    const req = sim.frame(0).editorRequests[0];
    sim.dispatch({ type: 'editorClosed', requestId: req.requestId, saved: false });
    sim.advance(1);
    expect(sim.frame(sim.store.resourceVersion).output.map((o) => o.text).join('')).toBe('Edit cancelled, no changes made.\n');
  });
});

describe('kubectl edit that fails validation', () => {
  it('reopens with the errors, and gives up when the reopened file is closed unchanged', () => {
    const sim = createSimulation({ seed: 3, editor: 'page' });
    sim.dispatch({ type: 'exec', line: 'kubectl create deployment web --image=nginx:1.27' });
    sim.dispatch({ type: 'exec', line: 'kubectl edit deploy/web' });
    const first = sim.frame(0).editorRequests[0];
    const text = sim.shell.fs.read(first.path);
    sim.dispatch({ type: 'writeFile', path: first.path, content: (text.ok ? text.value : '').replace('replicas: 1', 'replicas: -1') });
    sim.dispatch({ type: 'editorClosed', requestId: first.requestId, saved: true });
    sim.advance(1);
    const frame = sim.frame(sim.store.resourceVersion);
    expect(frame.editorRequests).toHaveLength(1);
    const reopened = sim.shell.fs.read(frame.editorRequests[0].path);
    expect(reopened.ok && reopened.value).toMatch(/# deployments.apps "web" was not valid:/);
    sim.dispatch({ type: 'editorClosed', requestId: frame.editorRequests[0].requestId, saved: false });
    sim.advance(1);
    const end = sim.frame(sim.store.resourceVersion);
    expect(end.output.map((o) => o.text).join('')).toBe(`A copy of your changes has been stored to "${first.path}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(end.exits.map((e) => e.exitCode)).toEqual([1]);
    expect((sim.get('Deployment', 'default', 'web') as { spec: { replicas: number } }).spec.replicas).toBe(1);
  });
});
