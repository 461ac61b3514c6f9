// The worker boots the cluster without the terminal's commands and loads them on first use; calls the page makes
// meanwhile still run in the order it made them.
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../../sim/worker/api';
import { inOrder } from '../../sim/worker/in-order';

describe('the worker loading its commands on first use', () => {
  it('boots and advances the cluster synchronously, before any command has loaded', () => {
    const api = createWorkerApi();
    const first = api.init({ seed: 3 });
    expect(first).not.toBeInstanceOf(Promise);
    const later = api.advance(5_000, 0);
    expect(later).not.toBeInstanceOf(Promise);
  });

  it('answers a command at once once the commands were loaded ahead', async () => {
    const api = createWorkerApi();
    api.init({ seed: 3 });
    await api.loadCommands();
    const ran = api.dispatch({ type: 'exec', line: 'kubectl get ns -o name' });
    expect(ran).not.toBeInstanceOf(Promise);
    expect(ran).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('namespace/kube-system\n') });
  });

  it('runs a file save sent after a command only after that command', async () => {
    const api = createWorkerApi();
    api.init({ seed: 3 });
    const cat = api.dispatch({ type: 'exec', line: 'cat notes.txt' });
    const save = api.dispatch({ type: 'writeFile', path: '/home/student/notes.txt', content: 'hello\n' });
    expect(cat).toBeInstanceOf(Promise);
    const [ran, saved] = await Promise.all([cat, save]);
    expect(ran).toMatchObject({ ok: true, exitCode: 1, stderr: 'cat: notes.txt: No such file or directory\n' });
    expect(saved).toEqual({ ok: true });
    expect(await api.dispatch({ type: 'exec', line: 'cat notes.txt' })).toMatchObject({ exitCode: 0, stdout: 'hello\n' });
    const log = await api.exportRun();
    expect(log.commands.map((c) => c.command.type)).toEqual(['exec', 'writeFile', 'exec']);
  });
});

describe('inOrder', () => {
  it('returns results as they are while nothing waits, and queues calls behind one that waits', async () => {
    const serial = inOrder();
    const seen: string[] = [];
    expect(serial(() => { seen.push('a'); return 1; })).toBe(1);
    let release!: () => void;
    const slow = serial(() => new Promise<number>((resolve) => { release = () => { seen.push('b'); resolve(2); }; }));
    const queued = serial(() => { seen.push('c'); return 3; });
    expect(queued).toBeInstanceOf(Promise);
    expect(seen).toEqual(['a']);
    release();
    expect(await Promise.all([slow, queued])).toEqual([2, 3]);
    expect(seen).toEqual(['a', 'b', 'c']);
    await Promise.resolve();
    await Promise.resolve();
    expect(serial(() => 4)).toBe(4);
  });

  it('keeps going after a call that fails', async () => {
    const serial = inOrder();
    const failed = serial(() => Promise.reject(new Error('no')));
    const next = serial(() => 5);
    await expect(failed).rejects.toThrow('no');
    expect(await next).toBe(5);
  });
});
