// The terminal's transcript: each line typed, what the shell answered at once (the CommandResult) and what
// the job wrote later (Frame output and exits), plus the same happenings as one ordered feed a terminal replays.
// Pure: every function returns a new log.
import type { CommandResult, Frame, OutputChunk } from '../../sim/protocol';

export interface JobText {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode?: number;
}

export interface CommandEntry {
  /** Position in the transcript, unique per log. */
  readonly seq: number;
  readonly line: string;
  readonly jobId?: number;
  /** What the command returned when dispatched (a job may write more later). */
  readonly result?: JobText;
  /** Set when the command was refused or the cluster failed. */
  readonly error?: string;
}

/** One happening of the transcript, in the order the page learnt of it. */
export type FeedItem =
  /** A line was dispatched; `source` says who typed it (`terminal`, or another part of the page). */
  | { readonly kind: 'line'; readonly seq: number; readonly line: string; readonly source: string }
  /** The dispatch answer: the job's id and what it printed at once (a prefix of its streams). */
  | { readonly kind: 'settled'; readonly seq: number; readonly jobId?: number; readonly done: boolean; readonly exitCode?: number;
      readonly stdout: string; readonly stderr: string; readonly cwd?: string;
      /** The two streams as written, in order (when the command wrote to both). */
      readonly chunks?: readonly OutputChunk[] }
  | { readonly kind: 'failed'; readonly seq: number; readonly error: string }
  /** Output from a frame: the next piece of that job's stream (frames carry each stream from its first byte). */
  | { readonly kind: 'output'; readonly jobId: number; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly kind: 'exit'; readonly jobId: number; readonly exitCode: number; readonly cwd?: string };

export interface CommandLog {
  readonly entries: readonly CommandEntry[];
  /** Output and exits that arrived in frames, by job id. */
  readonly jobs: ReadonlyMap<number, JobText>;
  readonly nextSeq: number;
  /** The newest happenings, oldest first (bounded); `feed[i]` is item number `feedEnd - feed.length + i`. */
  readonly feed: readonly FeedItem[];
  /** How many feed items were ever added: a reader remembers this to take only newer ones. */
  readonly feedEnd: number;
}

/** What the page shows for one command. */
export interface CommandView {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode?: number;
  readonly error?: string;
  /** Dispatched and not finished. */
  readonly running: boolean;
}

/** How many commands the transcript keeps. */
export const MAX_ENTRIES = 50;
/** How many feed items the transcript keeps for readers that fell behind. */
export const MAX_FEED_ITEMS = 2_000;

/** An empty transcript. Pure. */
export function emptyCommandLog(): CommandLog {
  return { entries: [], jobs: new Map(), nextSeq: 1, feed: [], feedEnd: 0 };
}

function withFeed(log: CommandLog, items: readonly FeedItem[]): Pick<CommandLog, 'feed' | 'feedEnd'> {
  if (items.length === 0) return log;
  const feed = log.feed.length + items.length > MAX_FEED_ITEMS ? [...log.feed, ...items].slice(-MAX_FEED_ITEMS) : [...log.feed, ...items];
  return { feed, feedEnd: log.feedEnd + items.length };
}

/** The feed items numbered `from` and later that the log still holds, with the number after the last. Pure. */
export function feedSince(log: CommandLog, from: number): { items: readonly FeedItem[]; next: number } {
  const first = log.feedEnd - log.feed.length;
  return { items: log.feed.slice(Math.max(0, from - first)), next: log.feedEnd };
}

/** Adds a typed line (not yet answered); returns the new log and the entry's seq. Pure. */
export function appendCommand(log: CommandLog, line: string, source = 'page'): { log: CommandLog; seq: number } {
  const seq = log.nextSeq;
  const entries = [...log.entries, { seq, line }].slice(-MAX_ENTRIES);
  return { log: { ...log, entries, nextSeq: seq + 1, ...withFeed(log, [{ kind: 'line', seq, line, source }]) }, seq };
}

/** Records the dispatch result of entry `seq`. Pure. */
export function settleCommand(log: CommandLog, seq: number, result: CommandResult): CommandLog {
  const item: FeedItem = result.ok
    ? { kind: 'settled', seq, jobId: result.jobId, done: result.done === true, exitCode: result.done ? result.exitCode : undefined, stdout: result.stdout ?? '', stderr: result.stderr ?? '',
      ...(result.cwd !== undefined ? { cwd: result.cwd } : {}), ...(result.chunks ? { chunks: result.chunks } : {}) }
    : { kind: 'failed', seq, error: result.error };
  const entries = log.entries.map((e): CommandEntry => {
    if (e.seq !== seq) return e;
    if (!result.ok) return { ...e, error: result.error };
    return {
      ...e, jobId: result.jobId,
      result: { stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.done ? result.exitCode : undefined },
    };
  });
  return { ...log, entries, ...withFeed(log, [item]) };
}

/** Marks entry `seq` as failed with a message (the cluster stopped before it answered). Pure. */
export function failCommand(log: CommandLog, seq: number, error: string): CommandLog {
  const entry = log.entries.find((e) => e.seq === seq);
  if (entry?.result) return log;
  return { ...log, entries: log.entries.map((e) => (e.seq === seq ? { ...e, error } : e)), ...withFeed(log, [{ kind: 'failed', seq, error }]) };
}

/** Adds a frame's job output and exits, in order. Pure; returns the same log when the frame has none. */
export function applyJobFrame(log: CommandLog, frame: Pick<Frame, 'output' | 'exits'>): CommandLog {
  if (frame.output.length === 0 && frame.exits.length === 0) return log;
  const jobs = new Map(log.jobs);
  const get = (id: number): JobText => jobs.get(id) ?? { stdout: '', stderr: '' };
  for (const out of frame.output) {
    const job = get(out.jobId);
    jobs.set(out.jobId, { ...job, [out.stream]: job[out.stream] + out.text });
  }
  for (const exit of frame.exits) jobs.set(exit.jobId, { ...get(exit.jobId), exitCode: exit.exitCode });
  // Keep only the jobs the transcript still shows, plus any newer job whose dispatch answer is on its way.
  const shown = new Set(log.entries.map((e) => e.jobId));
  const newest = Math.max(0, ...log.entries.map((e) => e.jobId ?? 0));
  for (const id of jobs.keys()) if (!shown.has(id) && id <= newest) jobs.delete(id);
  const items: FeedItem[] = frame.output.map((o) => ({ kind: 'output', jobId: o.jobId, stream: o.stream, text: o.text }));
  for (const exit of frame.exits) items.push({ kind: 'exit', jobId: exit.jobId, exitCode: exit.exitCode, ...(exit.cwd !== undefined ? { cwd: exit.cwd } : {}) });
  return { ...log, jobs, ...withFeed(log, items) };
}

function longer(a: string, b: string): string {
  return b.length > a.length ? b : a;
}

/**
 * What entry shows: the dispatch answer and the frame output are both prefixes of the same stream (frames
 * start at the job's first byte), so the longer one is the whole text so far. Pure.
 */
export function commandView(log: CommandLog, entry: CommandEntry): CommandView {
  const framed = entry.jobId !== undefined ? log.jobs.get(entry.jobId) : undefined;
  const result = entry.result ?? { stdout: '', stderr: '' };
  const exitCode = result.exitCode ?? framed?.exitCode;
  return {
    stdout: longer(result.stdout, framed?.stdout ?? ''),
    stderr: longer(result.stderr, framed?.stderr ?? ''),
    exitCode,
    error: entry.error,
    running: entry.error === undefined && exitCode === undefined,
  };
}
