import { afterEach, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/lib/sim-client.svelte';
import { objectsOf } from '../../src/lib/cluster-view';
import { appendCommand, settleCommand, emptyCommandLog } from '../../src/lib/command-log';
import { SESSION_KEY, loadSession, saveSession, transcriptToSaved, type SavedSession } from '../../src/lib/persistence';
import { memoryStore, type AsyncStore } from '../../src/lib/idb-kv';
import { loadBootSession, type BootSession } from '../../src/features/sessions/boot-session';
import { SAVED_PREFIX, listSaved } from '../../src/features/sessions/saved-sessions';
import { SessionKeeper, type KeeperClient } from '../../src/features/lessons/session-keeper.svelte';
import type { RunRecord } from '../../sim/protocol';
import { FakeWorker, ManualFrames } from './fake-worker';
import { encodeShare } from '../../src/lib/share-link';

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
    get liveTime(): number { return c.view.time; },
    lastRecord: undefined as RunRecord | undefined, resumed: false, notice: undefined as string | undefined,
    resumes: [] as unknown[], notes: [] as string[], adopted: [] as unknown[],
    resumeFrom(s: unknown) { c.resumes.push(s); },
    adoptTranscript(log: unknown) { c.adopted.push(log); },
    note(text: string) { c.notes.push(text); },
    files: async () => [{ path: '/home/student/a.yaml', content: 'x' }],
  };
  return c as unknown as KeeperClient & { resumes: unknown[]; notes: string[]; adopted: unknown[] };
}

const boot = (store: AsyncStore, hash = '', enabled = true): Promise<BootSession> => loadBootSession({ store, enabled, hash });

describe('the session keeper', () => {
  it('boots the client from the saved session, then shows its transcript and reopens the editor file', async () => {
    const store = memoryStore();
    await saveSession(store, saved());
    const c = fakeClient();
    const opened: string[] = [];
    const keeper = new SessionKeeper(c, store, await boot(store), { enabled: true, openFile: (p: string) => opened.push(p) });
    expect(c.resumes).toEqual([{ record: RECORD, atMs: 20_000 }]);
    expect(keeper.savedLab).toEqual(saved().lab);
    Object.assign(c, { resumed: true, phase: 'running' });
    await keeper.afterBoot();
    expect(c.adopted).toHaveLength(1);
    expect(c.notes).toEqual(['session restored at 00:00:20 of virtual time (the same cluster, replayed from its 2 commands)']);
    expect(opened).toEqual(['/home/student/a.yaml']);
    keeper.dispose();
  });

  it('saves the run, the time the page showed, the lab, the editor file and the transcript; forgets on start over', async () => {
    const store = memoryStore();
    const c = fakeClient();
    const keeper = new SessionKeeper(c, store, await boot(store), {
      enabled: true, lab: () => ({ id: 'demo', lesson: { x: 1 }, stepStartSeq: 3 }), editorPath: () => '/home/student/b.yaml', wallClock: () => 42,
    });
    await keeper.saveNow();
    expect(await store.keys()).toEqual([]);
    Object.assign(c, { lastRecord: RECORD });
    await keeper.saveNow();
    expect(JSON.parse((await store.get<string>(SESSION_KEY))!)).toMatchObject({
      version: 1, savedAt: 42, atMs: 25_000, record: RECORD, editorPath: '/home/student/b.yaml', lab: { id: 'demo', stepStartSeq: 3 },
      transcript: { entries: [], nextSeq: 1 },
    });
    await keeper.forget();
    expect(await store.keys()).toEqual([]);
    await keeper.saveNow();
    expect(await store.keys()).toEqual([]);
    keeper.dispose();
  });

  it('does not let a save that was under way bring the session back after start over', async () => {
    const base = memoryStore();
    // A store whose writes take a while, as an IndexedDB put started just before "start over" does.
    let release: (() => void) | undefined;
    const slow: AsyncStore = { ...base, set: async (key, value) => { await new Promise<void>((r) => { release = r; }); return base.set(key, value); } };
    const c = fakeClient();
    const keeper = new SessionKeeper(c, slow, await boot(base), { enabled: true });
    Object.assign(c, { lastRecord: RECORD });
    const saving = keeper.saveNow();
    await new Promise((r) => setTimeout(r, 0));
    const forgetting = keeper.forget();
    release!();
    await Promise.all([saving, forgetting]);
    expect(await base.keys()).toEqual([]);
    keeper.dispose();
  });

  it('hands the session to synchronous storage as the page unloads, and forgets that copy on start over', async () => {
    const store = memoryStore();
    const handoff = new Map<string, string>();
    const local = { getItem: (k: string) => handoff.get(k) ?? null, setItem: (k: string, v: string) => void handoff.set(k, v), removeItem: (k: string) => void handoff.delete(k) };
    const c = fakeClient();
    const keeper = new SessionKeeper(c, store, await boot(store), { enabled: true, handoff: local, wallClock: () => 7 });
    Object.assign(c, { lastRecord: RECORD });
    keeper.handOver();
    expect(JSON.parse(handoff.get(SESSION_KEY)!)).toMatchObject({ savedAt: 7, atMs: 25_000, record: RECORD });
    const next = await loadBootSession({ store: memoryStore(), legacy: local, enabled: true, hash: '' });
    expect(next.loaded).toMatchObject({ kind: 'ok', session: { atMs: 25_000, record: RECORD } });
    expect(handoff.size).toBe(0);
    keeper.handOver();
    await keeper.forget();
    expect(handoff.size).toBe(0);
    keeper.handOver();
    expect(handoff.size).toBe(0);
  });

  it('neither restores nor saves a throwaway session, and reports a damaged one', async () => {
    const store = memoryStore();
    await saveSession(store, saved());
    const c = fakeClient();
    const off = new SessionKeeper(c, store, await boot(store, '', false), { enabled: false });
    Object.assign(c, { lastRecord: { ...RECORD, commands: [] } });
    await off.saveNow();
    expect(c.resumes).toEqual([]);
    expect(JSON.parse((await store.get<string>(SESSION_KEY))!).record).toEqual(RECORD);

    await store.set(SESSION_KEY, '{"version":1,"record":{}}');
    const damaged = new SessionKeeper(fakeClient(), store, await boot(store), { enabled: true });
    expect(damaged.notice).toBe('Your saved session could not be used (its command record is damaged), so this is a fresh cluster.');
    expect(await store.get(SESSION_KEY)).toBeUndefined();
  });

  it('waits for storage no longer than its limit, then boots without it', async () => {
    const hanging: AsyncStore = { ...memoryStore(), get: () => new Promise(() => undefined) };
    expect(await loadBootSession({ store: hanging, enabled: true, hash: '', timeoutMs: 20 })).toEqual({ loaded: { kind: 'none' }, from: 'storage' });
  });

  it('boots a share link as a fresh session: the saved one stays until the learner works, then is kept under a name', async () => {
    const store = memoryStore();
    await saveSession(store, saved());
    const shared: RunRecord = { format: 'kubesim-run', version: 1, options: { seed: 9 }, commands: [{ at: 500, command: { type: 'writeFile', path: '/home/student/x.yaml', content: 'a: 1\n' } }] };
    const cleared: string[] = [];
    const booted = await loadBootSession({ store, enabled: true, hash: `#share=${await encodeShare({ record: shared, atMs: 90_000 })}`, clearHash: () => cleared.push('hash') });
    expect(cleared).toEqual(['hash']);
    expect(booted).toMatchObject({ from: 'link', loaded: { kind: 'ok', session: { record: shared, atMs: 90_000 } }, displaced: { record: RECORD } });
    const c = fakeClient();
    const keeper = new SessionKeeper(c, store, booted, { enabled: true, wallClock: () => 0, newId: () => 'kept-1' });
    expect(c.resumes).toEqual([{ record: shared, atMs: 90_000 }]);
    Object.assign(c, { resumed: true, phase: 'running', lastRecord: shared });
    await keeper.afterBoot();
    expect(c.notes[0]).toBe('shared session opened at 00:01:30 of virtual time (replayed from its 1 commands); it is saved as yours once you work in it');
    await keeper.saveNow();
    expect(await loadSession(store)).toMatchObject({ session: { record: RECORD } });
    // The learner runs a command: the shared run becomes the session, and the old one is kept under a name.
    const worked = { ...shared, commands: [...shared.commands, { at: 95_000, command: { type: 'exec' as const, line: 'kubectl get pods' } }] };
    Object.assign(c, { lastRecord: worked });
    await keeper.saveNow();
    expect(await loadSession(store)).toMatchObject({ session: { record: worked } });
    const { entries } = await listSaved(store);
    expect(entries).toMatchObject([{ id: 'kept-1', atMs: 20_000, commands: 2 }]);
    expect(entries[0].name).toMatch(/^Before a shared link \(/);
    expect(await store.keys(SAVED_PREFIX)).toEqual([`${SAVED_PREFIX}kept-1`]);
    keeper.dispose();
  });

  it('boots an empty fresh cluster with a one-line notice for a bad link, and keeps the saved session', async () => {
    const store = memoryStore();
    await saveSession(store, saved());
    const booted = await boot(store, '#share=not*base64');
    expect(booted).toMatchObject({ from: 'link', loaded: { kind: 'none' }, notice: 'This share link could not be opened (it is damaged), so this is a fresh cluster.' });
    const c = fakeClient();
    const keeper = new SessionKeeper(c, store, booted, { enabled: true });
    expect(c.resumes).toEqual([]);
    expect(keeper.notice).toBe(booted.notice);
    Object.assign(c, { lastRecord: { ...RECORD, commands: [] } });
    await keeper.saveNow();
    expect(await loadSession(store)).toMatchObject({ session: { record: RECORD } });
  });
});
