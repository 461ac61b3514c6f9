// The command box's transcript: each line typed, what the shell answered at once (the CommandResult) and what
// the job wrote later (Frame output and exits). Pure: every function returns a new log.
import type { CommandResult, Frame } from '../../sim/protocol';

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

export interface CommandLog {
  readonly entries: readonly CommandEntry[];
  /** Output and exits that arrived in frames, by job id. */
  readonly jobs: ReadonlyMap<number, JobText>;
  readonly nextSeq: number;
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

/** An empty transcript. Pure. */
export function emptyCommandLog(): CommandLog {
  return { entries: [], jobs: new Map(), nextSeq: 1 };
}

/** Adds a typed line (not yet answered); returns the new log and the entry's seq. Pure. */
export function appendCommand(log: CommandLog, line: string): { log: CommandLog; seq: number } {
  const seq = log.nextSeq;
  const entries = [...log.entries, { seq, line }].slice(-MAX_ENTRIES);
  return { log: { ...log, entries, nextSeq: seq + 1 }, seq };
}

/** Records the dispatch result of entry `seq`. Pure. */
export function settleCommand(log: CommandLog, seq: number, result: CommandResult): CommandLog {
  const entries = log.entries.map((e): CommandEntry => {
    if (e.seq !== seq) return e;
    if (!result.ok) return { ...e, error: result.error };
    return {
      ...e, jobId: result.jobId,
      result: { stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.done ? result.exitCode : undefined },
    };
  });
  return { ...log, entries };
}

/** Marks entry `seq` as failed with a message (the cluster stopped before it answered). Pure. */
export function failCommand(log: CommandLog, seq: number, error: string): CommandLog {
  return { ...log, entries: log.entries.map((e) => (e.seq === seq && !e.result ? { ...e, error } : e)) };
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
  return { ...log, jobs };
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
