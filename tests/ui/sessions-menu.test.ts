import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/lib/idb-kv';
import { SESSION_KEY, loadSession, saveSession, type SavedSession } from '../../src/lib/persistence';
import { decodeShare, shareInHash } from '../../src/lib/share-link';
import { SessionsMenu, type SessionsMenuDeps } from '../../src/features/sessions/sessions-menu.svelte';
import {
  MAX_SAVED_SESSIONS, SAVED_PREFIX, cleanName, exportFileName, exportText, importText, keepSaved, listSaved, readSaved,
} from '../../src/features/sessions/saved-sessions';
import type { RunRecord } from '../../sim/protocol';

const RECORD: RunRecord = {
  format: 'kubesim-run', version: 1, options: { seed: 42, editor: 'page' },
  commands: [
    { at: 1_000, command: { type: 'exec', line: 'kubectl create deployment web --image=nginx' } },
    { at: 4_000, command: { type: 'writeFile', path: '/home/student/a.yaml', content: 'kind: Service\n' } },
  ],
};
const SESSION: SavedSession = { version: 1, savedAt: 1_700_000_000_000, record: RECORD, atMs: 60_000, editorPath: '/home/student/a.yaml' };

function setup(current: SavedSession | null = SESSION) {
  const store = memoryStore();
  const reloads: string[] = [];
  const copied: string[] = [];
  const downloads: [string, string][] = [];
  let replacing = 0;
  let ids = 0;
  const keeper: SessionsMenuDeps['keeper'] = {
    snapshot: () => current ?? undefined,
    async replaceWith(replace, reload) {
      replacing++;
      if (!(await replace())) return false;
      reload();
      return true;
    },
  };
  const menu = new SessionsMenu({
    store, keeper, pageUrl: () => 'http://host/kubesim/?seed=3', reload: () => reloads.push('reload'), newId: () => `id-${++ids}`,
    now: () => Date.UTC(2026, 0, 31), copy: async (t) => void copied.push(t), download: (n, t) => downloads.push([n, t]),
  });
  return { store, menu, reloads, copied, downloads, replacing: () => replacing };
}

describe('named sessions', () => {
  it('keeps, lists (newest first), reads back and deletes sessions under their names', async () => {
    const { store, menu } = setup();
    expect(await menu.saveAs('  before the <b>Service</b>\u0007 ')).toBe(true);
    expect(menu.message).toBe('Saved as “before the <b>Service</b>\u0007”.');
    expect(await keepSaved(store, 'later', { ...SESSION, savedAt: SESSION.savedAt + 5, atMs: 90_000 }, 'id-9')).toEqual({ id: 'id-9' });
    await menu.refresh();
    expect(menu.entries).toEqual([
      { id: 'id-9', name: 'later', atMs: 90_000, savedAt: SESSION.savedAt + 5, commands: 2 },
      { id: 'id-1', name: 'before the <b>Service</b>', atMs: 60_000, savedAt: SESSION.savedAt, commands: 2 },
    ]);
    expect(await readSaved(store, 'id-1')).toEqual({ kind: 'ok', session: SESSION });
    await menu.remove('id-9');
    expect(menu.message).toBe('Deleted “later”.');
    expect(menu.entries.map((e) => e.id)).toEqual(['id-1']);
    expect(await menu.saveAs('   ')).toBe(false);
    expect(menu.message).toBe('A saved session needs a name.');
  });

  it('lists a damaged entry as damaged (so it can be deleted) and never opens it', async () => {
    const { store, menu, reloads } = setup();
    await store.set(`${SAVED_PREFIX}bad`, { name: 'tampered', session: JSON.stringify({ ...SESSION, record: { ...RECORD, commands: [{ at: 1, command: { type: 'eval' } }] } }) });
    await store.set(`${SAVED_PREFIX}junk`, 'just text');
    await menu.refresh();
    expect(menu.entries).toEqual([]);
    expect(menu.damaged).toEqual([
      { id: 'bad', name: 'tampered', reason: 'its command record is damaged' },
      { id: 'junk', name: '(unnamed)', reason: 'it is not readable' },
    ]);
    expect(await menu.open('bad')).toBe(false);
    expect(menu.message).toBe('That session cannot be opened (its command record is damaged).');
    expect(reloads).toEqual([]);
  });

  it('opens a named session by making it the current one and reloading', async () => {
    const { store, menu, reloads } = setup();
    await keepSaved(store, 'kept', { ...SESSION, atMs: 77_000 }, 'k1');
    await saveSession(store, { ...SESSION, atMs: 5_000, record: { ...RECORD, commands: [] } });
    expect(await menu.open('k1')).toBe(true);
    expect(reloads).toEqual(['reload']);
    expect(await loadSession(store)).toMatchObject({ kind: 'ok', session: { atMs: 77_000, record: RECORD } });
    expect(await menu.open('gone')).toBe(false);
    expect(menu.message).toBe('That session is gone.');
  });

  it('starts a new cluster by forgetting the current session', async () => {
    const { store, menu, reloads } = setup();
    await saveSession(store, SESSION);
    expect(await menu.newCluster()).toBe(true);
    expect(await store.get(SESSION_KEY)).toBeUndefined();
    expect(reloads).toEqual(['reload']);
  });

  it('refuses more than the most it keeps', async () => {
    const { store } = setup();
    for (let i = 0; i < MAX_SAVED_SESSIONS; i++) await store.set(`${SAVED_PREFIX}s${i}`, { name: 'x', session: '' });
    expect(await keepSaved(store, 'one more', SESSION, 'new')).toBe(`At most ${MAX_SAVED_SESSIONS} sessions can be kept: delete one first.`);
    expect(cleanName('a\nb\tc' + 'x'.repeat(100))).toHaveLength(80);
  });
});

describe('export and import', () => {
  it('exports the session as a file that imports back as the current session', async () => {
    const { store, menu, downloads, reloads } = setup();
    expect(menu.exportCurrent()).toBe(true);
    expect(downloads).toEqual([['kubesim-seed-42-2026-01-31.kubesim.json', exportText(SESSION)]]);
    const [, text] = downloads[0];
    expect(await menu.importFile({ name: 'x.kubesim.json', size: text.length, text: async () => text })).toBe(true);
    expect(reloads).toEqual(['reload']);
    expect(await loadSession(store)).toEqual({ kind: 'ok', session: { ...SESSION, savedAt: Date.UTC(2026, 0, 31) } });
  });

  it('imports a bare run record (a crash download) at the time of its last command', () => {
    expect(importText(JSON.stringify(RECORD))).toEqual({ kind: 'ok', session: { version: 1, savedAt: 0, record: RECORD, atMs: 4_000 } });
    expect(exportFileName({ ...SESSION, record: { ...RECORD, options: { seed: '../<x>' } } }, 0)).toBe('kubesim-seed-x-1970-01-01.kubesim.json');
  });

  it('refuses files that are not sessions, with the reason, and stays on the current cluster', async () => {
    const { menu, reloads } = setup();
    const file = (name: string, text: string, size = text.length) => ({ name, size, text: async () => text });
    const cases: [ReturnType<typeof file>, string][] = [
      [file('notes.txt', 'hello'), 'notes.txt cannot be imported (the file is not a kubesim session).'],
      [file('a.json', '{"hello":1}'), 'a.json cannot be imported (the file is not a kubesim session).'],
      [file('b.json', JSON.stringify({ ...SESSION, atMs: 10 })), 'b.json cannot be imported (its clock is damaged).'],
      [file('c.json', JSON.stringify({ ...SESSION, record: { ...RECORD, commands: [{ at: 1, command: { type: 'exec' } }] } })), 'c.json cannot be imported (its command record is damaged).'],
      [file('big.json', '{}', 9_000_000), 'big.json cannot be imported (the file is larger than this page reads).'],
    ];
    for (const [f, message] of cases) {
      expect(await menu.importFile(f)).toBe(false);
      expect(menu.message).toBe(message);
    }
    expect(reloads).toEqual([]);
  });
});

describe('the share link from the menu', () => {
  it('copies a link to the page without its query that opens the same run', async () => {
    const { menu, copied } = setup();
    expect(await menu.copyShareLink()).toBe(true);
    expect(copied).toEqual([menu.link]);
    expect(menu.link).toMatch(/^http:\/\/host\/kubesim\/#share=[A-Za-z0-9_-]+$/);
    expect(menu.message).toBe(`Share link copied (${menu.link!.length} characters).`);
    expect(await decodeShare(shareInHash(new URL(menu.link!).hash)!)).toEqual({ kind: 'ok', run: { record: RECORD, atMs: 60_000 } });
  });

  it('says so when the session is too long for a link or there is no run', async () => {
    const noise = Array.from({ length: 60_000 }, (_, i) => ((i * 7919) % 65_521).toString(36)).join('');
    const long = setup({ ...SESSION, record: { ...RECORD, commands: [{ at: 0, command: { type: 'writeFile', path: '/home/student/n', content: noise } }] } });
    expect(await long.menu.copyShareLink()).toBe(false);
    expect(long.menu.message).toMatch(/^This session is too long for a link \(\d+ characters\); export it as a file instead\.$/);
    const none = setup(null);
    expect(await none.menu.copyShareLink()).toBe(false);
    expect(none.menu.message).toBe('There is no cluster running yet.');
  });
});
