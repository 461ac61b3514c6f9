import { afterEach, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/lib/sim-client.svelte';
import { FakeWorker, ManualFrames } from './fake-worker';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let client: SimClient | undefined;
afterEach(() => client?.dispose());

function setup() {
  const frames = new ManualFrames();
  const worker = new FakeWorker();
  const stepped: number[] = [];
  const step = worker.api.step;
  (worker.api as { step: typeof step }).step = (sinceRv: number) => { stepped.push(sinceRv); return step(sinceRv); };
  client = new SimClient({ init: { seed: 7 }, frames, connect: () => worker });
  return { client, frames, worker, stepped };
}

describe('playback: stepping and terminal lines', () => {
  it('step pauses a running clock and runs once the frame in flight has answered', async () => {
    const { client, frames, worker, stepped } = setup();
    client.start();
    await settle();
    frames.fire(1000);
    expect(worker.advances).toHaveLength(1);
    void client.step();
    expect(client.phase).toBe('paused');
    expect(stepped).toEqual([]);
    worker.release();
    await settle();
    expect(stepped).toEqual([6]);
    await settle();
    expect(client.view.rv).toBe(7);
    void client.step();
    await settle();
    expect(stepped).toEqual([6, 7]);
  });

  it('answers dispatch with the CommandResult and records who typed the line', async () => {
    const { client } = setup();
    client.start();
    await settle();
    const result = await client.dispatch('kubectl get nodes', 'terminal');
    expect(result).toMatchObject({ ok: true, jobId: 1, done: true, stdout: 'ran 1\n' });
    expect(client.commands.feed[0]).toMatchObject({ kind: 'line', line: 'kubectl get nodes', source: 'terminal' });
    expect(client.commands.feed[1]).toMatchObject({ kind: 'settled', jobId: 1, done: true, stdout: 'ran 1\n' });
  });

  it('refuses a line while the cluster is down with a result that says so', async () => {
    const { client } = setup();
    expect(await client.dispatch('ls')).toEqual({ ok: false, error: 'the cluster is not running' });
    expect(client.commands.feed.map((i) => i.kind)).toEqual(['line', 'failed']);
  });
});
