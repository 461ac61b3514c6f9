import { afterEach, describe, expect, it } from 'vitest';
import { MAX_WALL_STEP_MS, SimClient } from '../../src/lib/sim-client.svelte';
import { commandView } from '../../src/lib/command-log';
import { objectsOf } from '../../src/lib/cluster-view';
import { pod } from './fixtures';
import { FakeWorker, ManualFrames } from './fake-worker';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let client: SimClient | undefined;
afterEach(() => client?.dispose());

function setup(workers: FakeWorker[] = [new FakeWorker(), new FakeWorker()]) {
  const frames = new ManualFrames();
  const queue = [...workers];
  client = new SimClient({ init: { seed: 7 }, frames, connect: () => queue.shift()! });
  return { client, frames, workers };
}

describe('SimClient', () => {
  it('boots a worker, shows its first frame and starts the clock', async () => {
    const { client, frames, workers } = setup();
    expect(client.phase).toBe('booting');
    client.start();
    await settle();
    expect(workers[0].calls).toEqual(['init seed=7', 'exportRun']);
    expect(client.phase).toBe('running');
    expect(objectsOf(client.view, 'Node').size).toBe(1);
    expect(frames.scheduled).toBe(1);
  });

  it('advances by clamped wall time × speed, with at most one request in flight', async () => {
    const { client, frames, workers } = setup();
    const w = workers[0];
    client.start();
    await settle();
    frames.fire(1000);
    expect(w.advances.map((a) => [a.ms, a.sinceRv])).toEqual([[0, 5]]);
    // A slow worker: frames while the request is in flight are dropped, not queued.
    frames.fire(1016);
    frames.fire(1032);
    expect(w.advances).toHaveLength(1);
    w.release({ upserts: [pod('web-1', { nodeName: 'aks-nodepool1-1-vmss000000' })] });
    await settle();
    expect(client.view.rv).toBe(6);
    expect(objectsOf(client.view, 'Pod').size).toBe(1);
    frames.fire(1048);
    expect(w.advances.map((a) => a.ms)).toEqual([48]);
    w.release();
    await settle();
    client.setSpeed(25);
    frames.fire(1058);
    expect(w.advances.map((a) => [a.ms, a.sinceRv])).toEqual([[250, 7]]);
    w.release();
    await settle();
    // A background tab: a long gap counts as MAX_WALL_STEP_MS.
    frames.fire(60_000);
    expect(w.advances.map((a) => a.ms)).toEqual([MAX_WALL_STEP_MS * 25]);
  });

  it('stops asking for time while paused and restarts without a jump', async () => {
    const { client, frames, workers } = setup();
    const w = workers[0];
    client.start();
    await settle();
    frames.fire(1000);
    w.release();
    await settle();
    client.pause();
    expect(client.phase).toBe('paused');
    expect(frames.scheduled).toBe(0);
    client.play();
    frames.fire(9000);
    expect(w.advances.map((a) => a.ms)).toEqual([0]);
  });

  it('runs a command, shows its output and keeps the newest run record', async () => {
    const { client, workers } = setup();
    client.start();
    await settle();
    await client.dispatch('kubectl get nodes');
    expect(workers[0].calls.slice(-2)).toEqual(['dispatch kubectl get nodes', 'exportRun']);
    const entry = client.commands.entries[0];
    expect(commandView(client.commands, entry)).toMatchObject({ stdout: 'ran 1\n', exitCode: 0, running: false });
    expect(client.lastRecord?.commands).toHaveLength(1);
  });

  it('goes to crashed when the worker throws, and restarts from the last good record in a fresh worker', async () => {
    const { client, frames, workers } = setup();
    const [first, second] = workers;
    client.start();
    await settle();
    await client.dispatch('kubectl create deployment web --image=nginx');
    frames.fire(1000);
    first.release();
    await settle();
    frames.fire(1100);
    first.release();
    await settle();
    expect(client.view.time).toBe(100);
    frames.fire(1200);
    first.failNext(new Error('InvariantError: pod bound to a missing node'));
    await settle();
    expect(client.phase).toBe('crashed');
    expect(client.error).toBe('InvariantError: pod bound to a missing node');
    expect(frames.scheduled).toBe(0);

    client.restart();
    await settle();
    expect(first.closed).toBe(true);
    expect(second.calls[0]).toBe('restore 1 commands');
    expect(second.restored?.commands[0].command).toEqual({ type: 'exec', line: 'kubectl create deployment web --image=nginx' });
    // The record ends at the command (t=0); the page had shown t=100, so the new worker catches up.
    expect(second.advances.map((a) => [a.ms, a.sinceRv])).toEqual([[100, 100]]);
    second.release();
    await settle();
    expect(client.phase).toBe('running');
    expect(client.view.time).toBe(100);
    // The replay's output is not printed a second time.
    expect(commandView(client.commands, client.commands.entries[0]).stdout).toBe('ran 1\n');
  });

  it('crashes when a command throws, keeps the record from before it, and returns paused if it was paused', async () => {
    const failing = new FakeWorker({ failDispatch: true });
    const { client, workers } = setup([failing, new FakeWorker()]);
    client.start();
    await settle();
    client.pause();
    await client.dispatch('kubectl apply -f web.yaml');
    expect(client.phase).toBe('crashed');
    expect(commandView(client.commands, client.commands.entries[0]).error).toMatch(/InvariantError/);
    expect(client.lastRecord?.commands).toEqual([]);
    client.restart();
    await settle();
    expect(workers[1].calls[0]).toBe('restore 0 commands');
    expect(client.phase).toBe('paused');
  });

  it('crashes when the worker itself fails, and ignores answers from the abandoned worker', async () => {
    const { client, frames, workers } = setup();
    const [first, second] = workers;
    client.start();
    await settle();
    frames.fire(1000);
    first.failWith!('Uncaught RangeError: Maximum call stack size exceeded');
    await settle();
    expect(client.phase).toBe('crashed');
    expect(client.error).toMatch(/RangeError/);
    client.restart();
    await settle();
    expect(client.phase).toBe('running');
    const rv = client.view.rv;
    first.release({ upserts: [pod('stale')] });
    await settle();
    expect(client.view.rv).toBe(rv);
    expect(objectsOf(client.view, 'Pod').size).toBe(0);
    first.failWith!('late failure');
    expect(client.phase).toBe('running');
    expect(second.closed).toBe(false);
  });

  it('refuses commands until the cluster is up', async () => {
    const { client, workers } = setup();
    await client.dispatch('kubectl get pods');
    expect(commandView(client.commands, client.commands.entries[0]).error).toBe('the cluster is not running');
    expect(workers[0].calls).toEqual([]);
  });
});
