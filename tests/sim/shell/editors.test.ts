import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { runLine } from '../../../sim/cli/run-script';

describe('nano, vi, vim and code', () => {
  it('open the file in the page editor and hold the terminal until it is saved and closed', () => {
    const sim = createSimulation({ seed: 3, editor: 'page' });
    const started = sim.dispatch({ type: 'exec', line: 'mkdir labs && cd labs && nano svc.yaml' });
    expect(started.ok && started.done).toBe(false);
    const [request] = sim.frame(0).editorRequests;
    expect(request).toMatchObject({ path: '/home/student/labs/svc.yaml', title: 'nano svc.yaml' });
    sim.dispatch({ type: 'writeFile', path: request.path, content: 'kind: Service\n' });
    sim.dispatch({ type: 'editorClosed', requestId: request.requestId, saved: true });
    sim.advance(1);
    const frame = sim.frame(sim.store.resourceVersion);
    expect(frame.exits.map((e) => e.exitCode)).toEqual([0]);
    expect(runLine(sim, 'cat svc.yaml').stdout).toBe('kind: Service\n');
  });

  it('leave no file behind when a new one is closed without saving, and keep an existing one as it was', () => {
    const sim = createSimulation({ seed: 3, editor: 'page' });
    sim.dispatch({ type: 'exec', line: 'vim new.yaml' });
    const [fresh] = sim.frame(0).editorRequests;
    expect(fresh.title).toBe('vim new.yaml');
    expect(sim.shell.fs.isFile('/home/student/new.yaml')).toBe(true);
    sim.dispatch({ type: 'editorClosed', requestId: fresh.requestId, saved: false });
    sim.advance(1);
    expect(sim.shell.fs.isFile('/home/student/new.yaml')).toBe(false);
    sim.dispatch({ type: 'writeFile', path: '/home/student/keep.yaml', content: 'a: 1\n' });
    sim.dispatch({ type: 'exec', line: 'code keep.yaml' });
    const [kept] = sim.frame(0).editorRequests;
    sim.dispatch({ type: 'editorClosed', requestId: kept.requestId, saved: false });
    sim.advance(1);
    expect(runLine(sim, 'cat keep.yaml').stdout).toBe('a: 1\n');
  });

  it('explain themselves when there is no editor, no file name, or a directory', () => {
    const headless = createSimulation({ seed: 3 });
    expect(runLine(headless, 'vi svc.yaml')).toMatchObject({
      stdout: '', exitCode: 1, stderr: "vi: no editor in this terminal: write files with cat <<'EOF' > FILE, or open them in the page's editor\n",
    });
    const sim = createSimulation({ seed: 3, editor: 'page' });
    expect(runLine(sim, 'nano')).toMatchObject({ exitCode: 1, stderr: "nano: name the file to edit, e.g. nano service.yaml (it opens in the page's editor)\n" });
    expect(runLine(sim, 'nano /tmp')).toMatchObject({ exitCode: 1, stderr: 'nano: "/tmp" is a directory\n' });
    expect(runLine(sim, 'nano nodir/x.yaml')).toMatchObject({ exitCode: 1, stderr: 'nano: cannot open "nodir/x.yaml": No such file or directory\n' });
    expect(sim.frame(0).editorRequests).toEqual([]);
  });
});
