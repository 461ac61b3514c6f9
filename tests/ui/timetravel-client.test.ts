// Time travel in the page's client and controller: the view shows a past frame while the live one keeps updating,
// back to now restores it, commands act on the present, and branching keeps the earlier history in the store.
import { afterEach, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/lib/sim-client.svelte';
import { objectsOf } from '../../src/lib/cluster-view';
import { memoryStore } from '../../src/lib/idb-kv';
import { BRANCH_PREFIX, BranchStore, MAX_BRANCHES } from '../../src/features/timetravel/branches';
import { TimeTravel } from '../../src/features/timetravel/time-travel.svelte';
import { pod } from './fixtures';
import { FakeWorker, ManualFrames } from './fake-worker';
import type { RunRecord } from '../../sim/protocol';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let client: SimClient | undefined;
afterEach(() => client?.dispose());

/** A running client whose live cluster is at 100 ms with one live pod. */
async function running() {
  const frames = new ManualFrames();
  const workers = [new FakeWorker(), new FakeWorker()];
  const queue = [...workers];
  client = new SimClient({ init: { seed: 7 }, frames, connect: () => queue.shift()! });
  client.start();
  await settle();
  frames.fire(1000);
  workers[0].release();
  await settle();
  frames.fire(1100);
  workers[0].release({ upserts: [pod('web-new', { nodeName: 'aks-nodepool1-1-vmss000000' })] });
  await settle();
  return { client, frames, workers };
}

const podNames = (c: SimClient) => [...objectsOf(c.view, 'Pod').values()].map((p) => p.metadata.name);

describe('SimClient time travel', () => {
  it('pauses, shows the past frame, keeps the live view updated behind it, and comes back to now', async () => {
    const { client, frames, workers } = await running();
    expect(client.liveTime).toBe(100);
    frames.fire(1200);
    expect(workers[0].advances).toHaveLength(1);
    expect(await client.travelTo(50)).toBe(true);
    expect(client.phase).toBe('paused');
    expect(workers[0].calls).toContain('viewAt 50');
    expect(client.past).toBe(50);
    expect(client.view.time).toBe(50);
    expect(podNames(client)).toEqual(['web-old']);
    // The frame that was in flight lands on the live view, not on the past one.
    workers[0].release({ upserts: [pod('web-newer', { nodeName: 'aks-nodepool1-1-vmss000000' })] });
    await settle();
    expect(podNames(client)).toEqual(['web-old']);
    expect(client.liveTime).toBe(200);
    client.backToNow();
    expect(client.past).toBeUndefined();
    expect(client.view.time).toBe(200);
    expect(podNames(client).sort()).toEqual(['web-new', 'web-newer']);
  });

  it('never shows a moment after now, and a command typed while in the past runs in the present view', async () => {
    const { client, workers } = await running();
    await client.travelTo(5_000);
    expect(workers[0].calls).toContain('viewAt 100');
    await client.dispatch('kubectl get pods');
    expect(client.past).toBeUndefined();
    expect(podNames(client)).toEqual(['web-new']);
  });

  it('asks the worker for a diff between two moments', async () => {
    const { client, workers } = await running();
    const diff = await client.diffBetween(10, 90);
    expect(workers[0].calls).toContain('diffBetween 10 90');
    expect(diff).toMatchObject({ fromMs: 10, toMs: 90, podsAdded: [] });
  });
});

describe('TimeTravel branching', () => {
  it('keeps the current history, rebuilds the run cut at the moment shown, and switches back', async () => {
    const { client, workers } = await running();
    await client.dispatch('kubectl create deployment web --image=nginx');
    const store = memoryStore();
    let wall = 1_000;
    const tt = new TimeTravel(client, new BranchStore(store, () => wall++));
    tt.scrubTo(40);
    await settle();
    await settle();
    expect(client.past).toBe(40);
    const branching = tt.branchHere();
    await settle();
    await settle();
    expect(workers[0].closed).toBe(true);
    expect(workers[1].restored?.commands).toEqual([]);
    // The new worker runs on to the moment shown (40 ms) before the page shows it.
    workers[1].release();
    await branching;
    expect(client.past).toBeUndefined();
    expect(client.liveTime).toBe(40);
    expect(client.commands.entries.map((e) => e.line)).toEqual(['# a new history branched from 00:00:00; the earlier one is kept under Time travel']);
    expect(tt.branches).toHaveLength(1);
    expect(tt.branches[0].atMs).toBe(100);
    expect(tt.branches[0].record.commands.map((c) => c.command)).toEqual([{ type: 'exec', line: 'kubectl create deployment web --image=nginx' }]);
    expect(await store.keys(BRANCH_PREFIX)).toHaveLength(1);
  });

  it('keeps at most ten histories, newest first, and discards on request', async () => {
    const store = memoryStore();
    let wall = 0;
    const branches = new BranchStore(store, () => ++wall);
    const record = (n: number): RunRecord => ({ format: 'kubesim-run', version: 1, options: { seed: n }, commands: [] });
    for (let i = 1; i <= MAX_BRANCHES + 2; i++) await branches.save(record(i), i * 1000);
    const list = await branches.list();
    expect(list).toHaveLength(MAX_BRANCHES);
    expect(list.map((b) => b.record.options.seed)).toEqual(Array.from({ length: MAX_BRANCHES }, (_, i) => MAX_BRANCHES + 2 - i));
    await branches.discard(list[0].id);
    expect((await branches.list()).map((b) => b.record.options.seed)[0]).toBe(MAX_BRANCHES + 1);
    await store.set(`${BRANCH_PREFIX}junk`, { nonsense: true });
    expect(await branches.list()).toHaveLength(MAX_BRANCHES - 1);
  });
});
