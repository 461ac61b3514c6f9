// Named saved sessions: copies of a whole session (run record, virtual time, lab progress, editor file, transcript)
// the learner keeps under a name beside the current one, in the same IndexedDB store. Each entry is read back with
// the session's own checks (a damaged entry is listed as damaged, never opened), and files exported or imported
// use the same text: a session, or a bare run record as the crash banner downloads it.
import type { AsyncStore } from '../../lib/idb-kv';
import { decodeSession, sessionText, type LoadedSession, type SavedSession } from '../../lib/persistence';
import { isRunRecord } from '../lessons/saved-shapes';

/** Where named sessions live: this prefix, then the entry's id. */
export const SAVED_PREFIX = 'kubesim:saved:v1:';
/** The most named sessions kept. */
export const MAX_SAVED_SESSIONS = 50;
/** The longest name a session may have. */
export const MAX_NAME_CHARS = 80;
/** The largest file the import reads (bytes). */
export const MAX_IMPORT_BYTES = 8_000_000;

/** A named session as the menu lists it. */
export interface SavedEntry {
  readonly id: string;
  readonly name: string;
  /** The virtual time the session reached. */
  readonly atMs: number;
  /** Wall-clock ms since the epoch when it was saved. */
  readonly savedAt: number;
  readonly commands: number;
}

/** An entry whose text is damaged: listed so it can be deleted. */
export interface DamagedEntry {
  readonly id: string;
  readonly name: string;
  readonly reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A name as kept: trimmed, control characters removed, at most MAX_NAME_CHARS. Pure. */
export function cleanName(raw: string): string {
  return raw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_NAME_CHARS);
}

function readEntry(id: string, raw: unknown): { entry: SavedEntry; session: SavedSession } | DamagedEntry {
  if (!isObject(raw) || typeof raw.name !== 'string') return { id, name: '(unnamed)', reason: 'it is not readable' };
  const name = cleanName(raw.name) || '(unnamed)';
  const loaded = typeof raw.session === 'string' ? decodeSession(raw.session) : { kind: 'bad' as const, reason: 'it is not readable' };
  if (loaded.kind !== 'ok') return { id, name, reason: loaded.kind === 'bad' ? loaded.reason : 'it is empty' };
  const { session } = loaded;
  return { entry: { id, name, atMs: session.atMs, savedAt: session.savedAt, commands: session.record.commands.length }, session };
}

/** Every named session, newest first, and the damaged ones. Never throws. */
export async function listSaved(store: AsyncStore): Promise<{ readonly entries: SavedEntry[]; readonly damaged: DamagedEntry[] }> {
  const entries: SavedEntry[] = [];
  const damaged: DamagedEntry[] = [];
  for (const key of await store.keys(SAVED_PREFIX)) {
    const read = readEntry(key.slice(SAVED_PREFIX.length), await store.get(key));
    if ('entry' in read) entries.push(read.entry);
    else damaged.push(read);
  }
  entries.sort((a, b) => b.savedAt - a.savedAt || a.name.localeCompare(b.name));
  return { entries, damaged };
}

/** A named session, checked as it is read. */
export async function readSaved(store: AsyncStore, id: string): Promise<LoadedSession> {
  const raw = await store.get(SAVED_PREFIX + id);
  if (raw === undefined) return { kind: 'none' };
  const read = readEntry(id, raw);
  return 'entry' in read ? { kind: 'ok', session: read.session } : { kind: 'bad', reason: read.reason };
}

/** Keeps `session` under `name` with a new id; the id, or why it was not kept. */
export async function keepSaved(store: AsyncStore, name: string, session: SavedSession, id: string): Promise<{ readonly id: string } | string> {
  const clean = cleanName(name);
  if (!clean) return 'A saved session needs a name.';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return 'That id cannot be used.';
  if ((await store.keys(SAVED_PREFIX)).length >= MAX_SAVED_SESSIONS) return `At most ${MAX_SAVED_SESSIONS} sessions can be kept: delete one first.`;
  const { text, outcome } = sessionText(session);
  if (outcome === 'too-large') return 'This session is too large to keep.';
  return (await store.set(SAVED_PREFIX + id, { name: clean, session: text })) ? { id } : 'The browser refused to save (storage full or disabled).';
}

/** Deletes a named session. */
export function deleteSaved(store: AsyncStore, id: string): Promise<boolean> {
  return store.delete(SAVED_PREFIX + id);
}

/** The text of an exported session file. Pure. */
export function exportText(session: SavedSession): string {
  return sessionText(session).text;
}

/** The name an exported file gets (`kubesim-seed-42-2026-01-31.kubesim.json`). Pure. */
export function exportFileName(session: SavedSession, now: number): string {
  const seed = String(session.record.options.seed).replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'run';
  return `kubesim-seed-${seed}-${new Date(now).toISOString().slice(0, 10)}.kubesim.json`;
}

/**
 * Reads an imported file's text: a session as exported, or a bare run record (a crash banner's download), which
 * comes back at the time of its last command. Pure.
 */
export function importText(raw: string): LoadedSession {
  if (raw.length > MAX_IMPORT_BYTES) return { kind: 'bad', reason: 'the file is larger than this page reads' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'bad', reason: 'the file is not a kubesim session' };
  }
  if (isRunRecord(data)) {
    const atMs = data.commands.length > 0 ? data.commands[data.commands.length - 1].at : 0;
    return { kind: 'ok', session: { version: 1, savedAt: 0, record: data, atMs } };
  }
  if (!isObject(data) || !('record' in data)) return { kind: 'bad', reason: 'the file is not a kubesim session' };
  const loaded = decodeSession(raw);
  return loaded.kind === 'none' ? { kind: 'bad', reason: 'the file is empty' } : loaded;
}
