// The learner's session kept in the browser (IndexedDB, as the JSON text of one versioned key): the run record and
// the virtual time it reached, the editor's open file, the chosen lab with the lesson's progress, and the terminal
// transcript. localStorage only carries a session across to IndexedDB: one an older page kept there, or the copy
// written synchronously as the page unloads. Nothing read back is trusted: corrupt, oversized or foreign data is
// reported and ignored, never half-used.
import type { RunRecord } from '../../sim/protocol';
import type { LabSource } from '../../sim/labs/lab-set';
import { emptyCommandLog, type CommandLog } from './command-log';
import type { AsyncStore } from './idb-kv';
import { isRunRecord, isSavedTranscript, type SavedTranscript } from '../features/lessons/saved-shapes';

export type { SavedTranscript } from '../features/lessons/saved-shapes';

/** Where the session lives; a new format gets a new key, so an old page never misreads a newer save. */
export const SESSION_KEY = 'kubesim:session:v1';
/** The most characters a saved session may take. */
export const MAX_SESSION_CHARS = 4_000_000;
/** The most characters of terminal transcript kept with a session (older lines are dropped first). */
export const MAX_TRANSCRIPT_CHARS = 200_000;
/** The latest virtual time a saved session may claim (a year). */
const MAX_AT_MS = 366 * 24 * 3_600_000;

/** A string store with removal: `localStorage` (where older pages kept the session), a Map in tests. */
export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The lab being followed: its id, its text when it came from a file or a link, and the lesson's progress. */
export interface SavedLab {
  readonly id: string;
  /** The lab's Markdown when it is not built in. */
  readonly source?: LabSource;
  /** The lesson machine's persisted snapshot (checked again when it is restored). */
  readonly lesson: unknown;
  /** The transcript entry at which the current step began (its commands count for the step's checks). */
  readonly stepStartSeq: number;
}

export interface SavedSession {
  readonly version: 1;
  /** Wall-clock ms since the epoch when it was saved (shown to the learner, never used by the engine). */
  readonly savedAt: number;
  readonly record: RunRecord;
  /** The virtual time the page showed: the restore runs the record on to here. */
  readonly atMs: number;
  /** The file shown in the editor. */
  readonly editorPath?: string;
  readonly lab?: SavedLab;
  readonly transcript?: SavedTranscript;
}

export type LoadedSession =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly session: SavedSession }
  | { readonly kind: 'bad'; readonly reason: string };

export type SaveOutcome = 'saved' | 'saved-without-transcript' | 'too-large' | 'refused';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A saved lab's progress as read back, or undefined when it is damaged. Pure. */
export function readLab(raw: unknown): SavedLab | undefined {
  if (!isObject(raw) || typeof raw.id !== 'string' || !/^[A-Za-z0-9._-]{1,120}$/.test(raw.id) || !isCount(raw.stepStartSeq)) return undefined;
  const source = raw.source;
  if (source !== undefined && !(isObject(source) && typeof source.id === 'string' && typeof source.text === 'string' && source.id === raw.id)) return undefined;
  return { id: raw.id, lesson: raw.lesson, stepStartSeq: raw.stepStartSeq, ...(source ? { source: { id: source.id as string, text: source.text as string } } : {}) };
}

/** Reads a saved session's text: the session, nothing, or why it cannot be used. Pure. */
export function decodeSession(raw: string | null): LoadedSession {
  if (raw === null || raw === '') return { kind: 'none' };
  if (raw.length > MAX_SESSION_CHARS) return { kind: 'bad', reason: 'it is larger than this page keeps' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'bad', reason: 'it is not readable' };
  }
  if (!isObject(data) || data.version !== 1) return { kind: 'bad', reason: 'it was saved in a format this page does not know' };
  if (!isRunRecord(data.record)) return { kind: 'bad', reason: 'its command record is damaged' };
  const record = data.record;
  const lastAt = record.commands.length > 0 ? record.commands[record.commands.length - 1].at : 0;
  const atMs = data.atMs;
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || atMs < lastAt || atMs > MAX_AT_MS) {
    return { kind: 'bad', reason: 'its clock is damaged' };
  }
  const lab = data.lab === undefined ? undefined : readLab(data.lab);
  if (data.lab !== undefined && !lab) return { kind: 'bad', reason: 'its lab progress is damaged' };
  const editorPath = typeof data.editorPath === 'string' && /^\/[^\0]{0,4095}$/.test(data.editorPath) ? data.editorPath : undefined;
  // A damaged transcript only costs the terminal's scrollback; the cluster and the lab still come back.
  const transcript = isSavedTranscript(data.transcript) ? data.transcript : undefined;
  const savedAt = typeof data.savedAt === 'number' && Number.isFinite(data.savedAt) ? data.savedAt : 0;
  return {
    kind: 'ok',
    session: { version: 1, savedAt, record, atMs, ...(editorPath ? { editorPath } : {}), ...(lab ? { lab } : {}), ...(transcript ? { transcript } : {}) },
  };
}

/** Reads the saved session; a damaged one is removed (it could never be restored) and reported. Never throws. */
export async function loadSession(store: AsyncStore | undefined): Promise<LoadedSession> {
  if (!store) return { kind: 'none' };
  const raw = await store.get(SESSION_KEY);
  if (raw === undefined) return { kind: 'none' };
  const loaded = typeof raw === 'string' ? decodeSession(raw) : { kind: 'bad' as const, reason: 'it is not readable' };
  if (loaded.kind === 'bad') await clearSession(store);
  return loaded;
}

/** The text a session is kept as, dropping the transcript if that is what makes it too large. Pure. */
export function sessionText(session: SavedSession): { readonly text: string; readonly outcome: SaveOutcome } {
  let text = JSON.stringify(session);
  let outcome: SaveOutcome = 'saved';
  if (text.length > MAX_SESSION_CHARS && session.transcript) {
    const { transcript: _dropped, ...rest } = session;
    text = JSON.stringify(rest);
    outcome = 'saved-without-transcript';
  }
  return { text, outcome: text.length > MAX_SESSION_CHARS ? 'too-large' : outcome };
}

/** Saves the session under `key` (the current session by default). Never throws. */
export async function saveSession(store: AsyncStore | undefined, session: SavedSession, key = SESSION_KEY): Promise<SaveOutcome> {
  if (!store) return 'refused';
  const { text, outcome } = sessionText(session);
  if (outcome === 'too-large') return outcome;
  return (await store.set(key, text)) ? outcome : 'refused';
}

/** Forgets the saved session ("start over"). Never throws. */
export async function clearSession(store: AsyncStore | undefined): Promise<void> {
  await store?.delete(SESSION_KEY);
}

/**
 * Moves a session kept in localStorage to IndexedDB: one an older page kept there, or the copy the page hands over
 * synchronously as it unloads (an IndexedDB write begun then may never finish). It replaces the IndexedDB session
 * only when it is newer; it is removed from localStorage once IndexedDB has it, or when it is older or damaged.
 * Never throws.
 */
export async function migrateLocalSession(local: SessionStore | undefined, store: AsyncStore | undefined): Promise<void> {
  let raw: string | null = null;
  try {
    raw = local?.getItem(SESSION_KEY) ?? null;
  } catch {
    return;
  }
  if (raw === null || !store) return;
  const handed = decodeSession(raw);
  const kept = await store.get(SESSION_KEY);
  const keptLoaded = typeof kept === 'string' ? decodeSession(kept) : undefined;
  const keptAt = keptLoaded?.kind === 'ok' ? keptLoaded.session.savedAt : -Infinity;
  if (handed.kind !== 'ok' || handed.session.savedAt <= keptAt || (await store.set(SESSION_KEY, raw))) clearLocalSession(local);
}

/** Writes the session to localStorage at once (the page is unloading). Never throws. */
export function handOverSession(local: SessionStore | undefined, session: SavedSession): boolean {
  const { text, outcome } = sessionText(session);
  if (!local || outcome === 'too-large') return false;
  try {
    local.setItem(SESSION_KEY, text);
    return true;
  } catch {
    return false;
  }
}

/** Removes the session from localStorage. Never throws. */
export function clearLocalSession(local: SessionStore | undefined): void {
  try {
    local?.removeItem(SESSION_KEY);
  } catch {
    // Storage disabled: nothing to remove.
  }
}

/** The transcript as saved: at most `maxChars` of it, dropping the oldest feed items first. Pure. */
export function transcriptToSaved(log: CommandLog, maxChars = MAX_TRANSCRIPT_CHARS): SavedTranscript {
  const size = (item: unknown): number => JSON.stringify(item).length + 1;
  let budget = maxChars;
  let first = log.feed.length;
  while (first > 0 && budget - size(log.feed[first - 1]) >= 0) budget -= size(log.feed[--first]);
  const feed = log.feed.slice(first);
  // Keep the entries (and job texts) the kept feed still mentions.
  const seqs = new Set(feed.flatMap((f) => ('seq' in f ? [f.seq] : [])));
  const entries = log.entries.filter((e) => seqs.has(e.seq));
  const jobIds = new Set(entries.flatMap((e) => (e.jobId === undefined ? [] : [e.jobId])));
  const jobs = [...log.jobs].filter(([id]) => jobIds.has(id));
  return { entries, jobs, nextSeq: log.nextSeq, feed, feedEnd: log.feedEnd };
}

/**
 * The saved transcript as a log the terminal shows again: lines typed before the reload are marked as coming
 * from the saved session, so the terminal prints them (it only echoes what is typed into it live). Pure.
 */
export function transcriptFromSaved(saved: SavedTranscript): CommandLog {
  const feed = saved.feed.map((item) => (item.kind === 'line' && item.source === 'terminal' ? { ...item, source: 'saved' } : item));
  return { ...emptyCommandLog(), entries: saved.entries, jobs: new Map(saved.jobs), nextSeq: saved.nextSeq, feed, feedEnd: saved.feedEnd };
}

/** The browser's localStorage as a session store, or undefined where there is none or access throws. */
export function browserSessionStore(): SessionStore | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
