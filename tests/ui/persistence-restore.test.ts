import { afterEach, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/lib/sim-client.svelte';
import { objectsOf } from '../../src/lib/cluster-view';
import { appendCommand, settleCommand, emptyCommandLog } from '../../src/lib/command-log';
import { SESSION_KEY, saveSession, transcriptToSaved, type SavedSession, type SessionStore } from '../../src/lib/persistence';
import { SessionKeeper, type KeeperClient } from '../../src/features/lessons/session-keeper.svelte';
import type { RunRecord } from '../../sim/protocol';
import { FakeWorker, ManualFrames } from './fake-worker';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const RECORD: RunRecord = {
  format: 'kubesim-run', version: 1, options: { seed: 4 },
  commands: [{ at: 1_000, command: { type: 'exec', line: 'kubectl get pods' } }, { at: 6_000, command: { type: 'exec', line: 'kubectl get svc' } }],
};

let client: SimClient | undefined;
afterEach(() => client?.dispose());

function setup(workers: FakeWorker[]) {
  const frames = new ManualFrames();
  const queue = [...workers];
  client = new SimClient({ init: { seed: 7 }, frames, connect: () => queue.shift()! });
  return { client, frames, workers };
}

describe('the client brings a saved run back', () => {
  it('boots by replaying the saved record and running on to the saved time', async () => {
    const { client, workers } = setup([new FakeWorker()]);
    const w = workers[0];
    client.resumeFrom({ record: RECORD, atMs: 20_000 });
    client.start();
    await settle();
    expect(w.calls).toEqual(['restore 2 commands', 'advance 14000 since 100']);
    expect(client.phase).toBe('booting');
    w.release();
    await settle();
    expect(client.view.time).toBe(20_000);
    expect(client.resumed).toBe(true);
    expect(client.phase).toBe('running');
    expect(w.calls.at(-1)).toBe('exportRun');
    // Replayed output is not printed again: the transcript comes back from the saved session.
    expect(client.commands.feed).toEqual([]);
  });

  it('boots a fresh cluster with a one-line notice when the saved run cannot be rebuilt', async () => {
    const w = new FakeWorker();
    Object.assign(w.api, { restore: async () => { throw new Error('Unknown command type'); } });
    const { client } = setup([w]);
    client.resumeFrom({ record: RECORD, atMs: 20_000 });
    client.start();
    await settle();
    expect(w.calls).toEqual(['init seed=7', 'exportRun']);
    expect(client.phase).toBe('running');
    expect(client.resumed).toBe(false);
    expect(client.notice).toBe('Your saved session could not be restored (Unknown command type), so this is a fresh cluster.');
  });

  it('rebuilds the cluster for a lab step in a fresh worker, with a fresh terminal and a note', async () => {
    const { client, frames, workers } = setup([new FakeWorker(), new FakeWorker()]);
    const [first, second] = workers;
    client.start();
    await settle();
    await client.dispatch('kubectl get nodes');
    const seqBefore = client.commands.nextSeq;
    const rebuilt = client.rebuild(RECORD, 30_000, 'reset to the start of step 2 (A Service)');
    await settle();
    expect(first.closed).toBe(true);
    expect(second.calls).toEqual(['restore 2 commands', 'advance 24000 since 100']);
    // The clock does not reach the new worker before its cluster is rebuilt.
    frames.fire(1_000);
    frames.fire(1_050);
    expect(second.advances).toHaveLength(1);
    second.release();
    expect(await rebuilt).toBe(true);
    expect(client.view.time).toBe(30_000);
    expect(objectsOf(client.view, 'Node').size).toBe(1);
    expect(client.transcriptEpoch).toBe(1);
    expect(client.commands.entries.map((e) => e.line)).toEqual(['# reset to the start of step 2 (A Service)']);
    expect(client.commands.entries[0].seq).toBe(seqBefore);
    expect(client.lastRecord).toEqual({ format: 'kubesim-run', version: 1, options: { seed: 7 }, commands: [] });
    frames.fire(1_100);
    expect(second.advances).toHaveLength(1);
  });

  it('answers a lab check that cannot run with its reason, without stopping the cluster', async () => {
    const w = new FakeWorker();
    Object.assign(w.api, { labStepResult: async () => { throw new Error('no lab "x"'); } });
    const { client } = setup([w]);
    client.start();
    await settle();
    expect(await client.labCheck([], 'x', 'y', [])).toEqual({ error: 'no lab "x"' });
    expect(client.phase).toBe('running');
  });
});

class MemoryStore implements SessionStore {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null { return this.map.get(key) ?? null; }
  setItem(key: string, value: string): void { this.map.set(key, value); }
  removeItem(key: string): void { this.map.delete(key); }
}

function saved(): SavedSession {
  const added = appendCommand(emptyCommandLog(), 'kubectl get pods', 'terminal');
  const log = settleCommand(added.log, added.seq, { ok: true, jobId: 1, done: true, exitCode: 0, stdout: 'web-1\n', stderr: '' });
  return {
    version: 1, savedAt: 0, record: RECORD, atMs: 20_000, editorPath: '/home/student/a.yaml',
    lab: { id: 'module-4-services', lesson: { status: 'active' }, stepStartSeq: 2 }, transcript: transcriptToSaved(log),
  };
}

function fakeClient(): KeeperClient & { resumes: unknown[]; notes: string[]; adopted: unknown[] } {
  const c = {
    phase: 'booting' as const, commands: emptyCommandLog(), filesVersion: 0, view: { time: 25_000 } as KeeperClient['view'],
    lastRecord: undefined as RunRecord | undefined, resumed: false, notice: undefined as string | undefined,
    resumes: [] as unknown[], notes: [] as string[], adopted: [] as unknown[],
    resumeFrom(s: unknown) { c.resumes.push(s); },
    adoptTranscript(log: unknown) { c.adopted.push(log); },
    note(text: string) { c.notes.push(text); },
    files: async () => [{ path: '/home/student/a.yaml', content: 'x' }],
  };
  return c as unknown as KeeperClient & { resumes: unknown[]; notes: string[]; adopted: unknown[] };
}

describe('the session keeper', () => {
  it('boots the client from the saved session, then shows its transcript and reopens the editor file', async () => {
    const store = new MemoryStore();
    saveSession(store, saved());
    const c = fakeClient();
    const opened: string[] = [];
    const keeper = new SessionKeeper(c, store, { enabled: true, openFile: (p) => opened.push(p) });
    expect(c.resumes).toEqual([{ record: RECORD, atMs: 20_000 }]);
    expect(keeper.savedLab).toEqual(saved().lab);
    Object.assign(c, { resumed: true, phase: 'running' });
    await keeper.afterBoot();
    expect(c.adopted).toHaveLength(1);
    expect(c.notes).toEqual(['session restored at 00:00:20 of virtual time (the same cluster, replayed from its 2 commands)']);
    expect(opened).toEqual(['/home/student/a.yaml']);
    keeper.dispose();
  });

  it('saves the run, the time the page showed, the lab, the editor file and the transcript; forgets on start over', () => {
    const store = new MemoryStore();
    const c = fakeClient();
    const keeper = new SessionKeeper(c, store, {
      enabled: true, lab: () => ({ id: 'demo', lesson: { x: 1 }, stepStartSeq: 3 }), editorPath: () => '/home/student/b.yaml', wallClock: () => 42,
    });
    keeper.saveNow();
    expect(store.map.size).toBe(0);
    Object.assign(c, { lastRecord: RECORD });
    keeper.saveNow();
    expect(JSON.parse(store.map.get(SESSION_KEY)!)).toMatchObject({
      version: 1, savedAt: 42, atMs: 25_000, record: RECORD, editorPath: '/home/student/b.yaml', lab: { id: 'demo', stepStartSeq: 3 },
      transcript: { entries: [], nextSeq: 1 },
    });
    keeper.forget();
    expect(store.map.size).toBe(0);
    keeper.saveNow();
    expect(store.map.size).toBe(0);
    keeper.dispose();
  });

  it('neither restores nor saves a throwaway session, and reports a damaged one', () => {
    const store = new MemoryStore();
    saveSession(store, saved());
    const c = fakeClient();
    const off = new SessionKeeper(c, store, { enabled: false });
    Object.assign(c, { lastRecord: { ...RECORD, commands: [] } });
    off.saveNow();
    expect(c.resumes).toEqual([]);
    expect(JSON.parse(store.map.get(SESSION_KEY)!).record).toEqual(RECORD);

    store.map.set(SESSION_KEY, '{"version":1,"record":{}}');
    const damaged = new SessionKeeper(fakeClient(), store, { enabled: true });
    expect(damaged.notice).toBe('Your saved session could not be used (its command record is damaged), so this is a fresh cluster.');
    expect(store.map.has(SESSION_KEY)).toBe(false);
  });
});
