import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_SESSION_CHARS, SESSION_KEY, clearSession, decodeSession, handOverSession, loadSession, migrateLocalSession, saveSession, transcriptFromSaved,
  transcriptToSaved, type SavedSession, type SessionStore,
} from '../../src/lib/persistence';
import { memoryStore, type AsyncStore } from '../../src/lib/idb-kv';
import { appendCommand, applyJobFrame, emptyCommandLog, settleCommand, type CommandLog } from '../../src/lib/command-log';
import { isCommand, isRunRecord } from '../../src/features/lessons/saved-shapes';

/** localStorage as older pages used it. */
class LocalStore implements SessionStore {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null { return this.map.get(key) ?? null; }
  setItem(key: string, value: string): void { this.map.set(key, value); }
  removeItem(key: string): void { this.map.delete(key); }
}

/** An IndexedDB stand-in whose writes can be refused, as a full or disabled store refuses them. */
function store(): AsyncStore & { failWrites: boolean } {
  const inner = memoryStore();
  const s = { ...inner, failWrites: false, set: (k: string, v: unknown) => (s.failWrites ? Promise.resolve(false) : inner.set(k, v)) };
  return s;
}

function transcript(): CommandLog {
  let log = emptyCommandLog();
  for (const [line, out] of [['kubectl get pods', 'NAME READY\nweb-1 1/1\n'], ['kubectl get svc', 'kubernetes\n']] as const) {
    const added = appendCommand(log, line, 'terminal');
    log = settleCommand(added.log, added.seq, { ok: true, jobId: added.seq, done: true, exitCode: 0, stdout: out, stderr: '' });
  }
  const watch = appendCommand(log, 'kubectl get pods -w', 'terminal');
  log = settleCommand(watch.log, watch.seq, { ok: true, jobId: 3, done: false, stdout: '', stderr: '' });
  return applyJobFrame(log, { output: [{ jobId: 3, session: 'main', stream: 'stdout', text: 'web-2 0/1\n' }], exits: [] });
}

const SESSION: SavedSession = {
  version: 1, savedAt: 1_700_000_000_000, atMs: 215_500.5,
  record: {
    format: 'kubesim-run', version: 1, options: { seed: 4, editor: 'page' }, commands: [
      { at: 0, command: { type: 'exec', line: 'kubectl create deployment web --image=nginx' } },
      { at: 2_000.25, command: { type: 'writeFile', path: '/home/student/a.yaml', content: 'kind: Service\n' } },
      { at: 9_000, command: { type: 'traffic', flows: [{ id: 'f', from: { kind: 'external' }, host: '20.1.2.3', port: 80, path: '/', everyMs: 500 }] } },
      { at: 9_500, command: { type: 'fault', fault: { kind: 'deletePod', namespace: 'default', name: 'web-1' } } },
      { at: 10_000, command: { type: 'stopNode', node: 'aks-nodepool1-1-vmss000000' } },
    ],
  },
  editorPath: '/home/student/a.yaml',
  lab: { id: 'module-4-services', lesson: { status: 'active', value: { step: 'passed' }, context: { index: 2 } }, stepStartSeq: 7 },
  transcript: transcriptToSaved(transcript()),
};

describe('the saved session', () => {
  it('comes back exactly as saved', async () => {
    const s = store();
    expect(await saveSession(s, SESSION)).toBe('saved');
    expect(await loadSession(s)).toEqual({ kind: 'ok', session: SESSION });
    await clearSession(s);
    expect(await loadSession(s)).toEqual({ kind: 'none' });
    expect(await loadSession(undefined)).toEqual({ kind: 'none' });
  });

  it('moves a session an older page kept in localStorage to IndexedDB once, and drops a damaged one', async () => {
    const local = new LocalStore();
    const s = store();
    local.setItem(SESSION_KEY, JSON.stringify(SESSION));
    s.failWrites = true;
    await migrateLocalSession(local, s);
    expect(local.map.has(SESSION_KEY)).toBe(true);
    s.failWrites = false;
    await migrateLocalSession(local, s);
    expect(local.map.has(SESSION_KEY)).toBe(false);
    expect(await loadSession(s)).toEqual({ kind: 'ok', session: SESSION });
    // A session in IndexedDB saved as late or later wins; the older text goes.
    local.setItem(SESSION_KEY, JSON.stringify({ ...SESSION, atMs: 300_000 }));
    await migrateLocalSession(local, s);
    expect(local.map.has(SESSION_KEY)).toBe(false);
    expect(await loadSession(s)).toMatchObject({ session: { atMs: SESSION.atMs } });
    // A copy handed over as the page unloaded, newer than what IndexedDB holds, replaces it.
    expect(handOverSession(local, { ...SESSION, savedAt: SESSION.savedAt + 1, atMs: 400_000 })).toBe(true);
    await migrateLocalSession(local, s);
    expect(local.map.has(SESSION_KEY)).toBe(false);
    expect(await loadSession(s)).toMatchObject({ session: { atMs: 400_000 } });
    const fresh = store();
    local.setItem(SESSION_KEY, '{"version":1');
    await migrateLocalSession(local, fresh);
    expect(local.map.has(SESSION_KEY)).toBe(false);
    expect(await fresh.keys()).toEqual([]);
  });

  it('refuses damaged data with a reason and forgets it, never half-using it', async () => {
    const cases: [string, string][] = [
      ['{"version":1', 'it is not readable'],
      [JSON.stringify({ ...SESSION, version: 2 }), 'it was saved in a format this page does not know'],
      [JSON.stringify({ ...SESSION, record: { ...SESSION.record, format: 'other' } }), 'its command record is damaged'],
      [JSON.stringify({ ...SESSION, record: { ...SESSION.record, commands: [{ at: 5, command: { type: 'exec', line: 'a' } }, { at: 4, command: { type: 'exec', line: 'b' } }] } }), 'its command record is damaged'],
      [JSON.stringify({ ...SESSION, record: { ...SESSION.record, commands: [{ at: 5, command: { type: 'eval', code: 'alert(1)' } }] } }), 'its command record is damaged'],
      [JSON.stringify({ ...SESSION, atMs: 9_999 }), 'its clock is damaged'],
      [JSON.stringify({ ...SESSION, atMs: 'soon' }), 'its clock is damaged'],
      [JSON.stringify({ ...SESSION, lab: { id: '../../etc', lesson: {}, stepStartSeq: 1 } }), 'its lab progress is damaged'],
      [JSON.stringify({ ...SESSION, lab: { id: 'x', lesson: {}, stepStartSeq: -1 } }), 'its lab progress is damaged'],
      ['x'.repeat(MAX_SESSION_CHARS + 1), 'it is larger than this page keeps'],
    ];
    for (const [raw, reason] of [...cases, [{ not: 'text' }, 'it is not readable'] as [unknown, string]]) {
      const s = store();
      await s.set(SESSION_KEY, raw);
      expect(await loadSession(s), reason).toEqual({ kind: 'bad', reason });
      expect(await s.get(SESSION_KEY)).toBeUndefined();
    }
  });

  it('keeps the cluster and the lab when only the transcript or the editor path is damaged', () => {
    const decoded = decodeSession(JSON.stringify({ ...SESSION, transcript: { ...SESSION.transcript, feed: [{ kind: 'html', text: '<b>' }] }, editorPath: 'relative' }));
    expect(decoded.kind).toBe('ok');
    if (decoded.kind !== 'ok') return;
    expect(decoded.session.transcript).toBeUndefined();
    expect(decoded.session.editorPath).toBeUndefined();
    expect(decoded.session.record).toEqual(SESSION.record);
    expect(decoded.session.lab).toEqual(SESSION.lab);
  });

  it('never throws on corrupted text: each gives a session, nothing, or a reason', () => {
    const good = JSON.stringify(SESSION);
    fc.assert(fc.property(fc.nat(good.length - 1), fc.nat(40), fc.string({ maxLength: 12 }), (at, cut, insert) => {
      const raw = good.slice(0, at) + insert + good.slice(Math.min(good.length, at + cut));
      const decoded = decodeSession(raw);
      expect(['ok', 'none', 'bad']).toContain(decoded.kind);
      if (decoded.kind === 'ok') expect(isRunRecord(decoded.session.record)).toBe(true);
    }), { numRuns: 500, seed: 5 });
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const decoded = decodeSession(JSON.stringify({ version: 1, record: value, atMs: 0 }));
      expect(decoded.kind === 'bad' || isRunRecord((decoded as { session: SavedSession }).session.record)).toBe(true);
    }), { numRuns: 300, seed: 6 });
  });

  it('checks every field of every command', () => {
    expect(isCommand({ type: 'exec', line: 'ls' })).toBe(true);
    expect(isCommand({ type: 'exec', line: 3 })).toBe(false);
    expect(isCommand({ type: 'interrupt', jobId: -1 })).toBe(false);
    expect(isCommand({ type: 'editorClosed', requestId: 2, saved: true })).toBe(true);
    expect(isCommand({ type: 'fault', fault: { kind: 'failProbe', namespace: 'default', name: 'p', probe: 'startup', on: true } })).toBe(false);
    expect(isCommand({ type: 'traffic', flows: [{ id: 'f', from: { kind: 'pods', namespace: 'default' }, host: 'h', port: 80, path: '/', everyMs: 1 }] })).toBe(false);
    expect(isCommand(null)).toBe(false);
  });

  it('drops the transcript before giving up on a session too large to keep, and says when the browser refuses', async () => {
    const s = store();
    const chatty = { ...SESSION, transcript: { ...SESSION.transcript!, feed: [{ kind: 'output' as const, jobId: 3, stream: 'stdout' as const, text: 'x'.repeat(MAX_SESSION_CHARS) }] } };
    expect(await saveSession(s, chatty)).toBe('saved-without-transcript');
    expect(decodeSession((await s.get<string>(SESSION_KEY))!)).toMatchObject({ kind: 'ok', session: { record: SESSION.record } });
    const huge = { ...SESSION, record: { ...SESSION.record, commands: [{ at: 0, command: { type: 'writeFile' as const, path: '/a', content: 'x'.repeat(MAX_SESSION_CHARS) } }] } };
    expect(await saveSession(s, huge)).toBe('too-large');
    s.failWrites = true;
    expect(await saveSession(s, SESSION)).toBe('refused');
    expect(await saveSession(undefined, SESSION)).toBe('refused');
  });

  it('keeps the newest part of a long transcript and shows saved lines again as lines from the saved session', () => {
    const log = transcript();
    const whole = transcriptToSaved(log);
    expect(whole.feed).toEqual(log.feed);
    expect(whole.jobs).toEqual([[3, { stdout: 'web-2 0/1\n', stderr: '' }]]);
    const tail = transcriptToSaved(log, JSON.stringify(log.feed.slice(-3)).length);
    expect(tail.feed).toEqual(log.feed.slice(-3));
    expect(tail.entries.map((e) => e.line)).toEqual(['kubectl get pods -w']);
    expect(tail.feedEnd).toBe(log.feedEnd);
    const back = transcriptFromSaved(whole);
    expect(back.feed.filter((f) => f.kind === 'line').map((f) => f.kind === 'line' && f.source)).toEqual(['saved', 'saved', 'saved']);
    expect(back.entries).toEqual(log.entries);
    expect(back.jobs).toEqual(log.jobs);
    expect([back.nextSeq, back.feedEnd]).toEqual([log.nextSeq, log.feedEnd]);
  });
});
