// Reads the transcript's feed in order for the terminal, printing each byte of a job's output once: a dispatch
// answer and the frames after it both carry a job's streams from the first byte, so only the part past what was
// already printed is new.
import type { OutputChunk } from '../../../sim/protocol';
import { feedSince, type CommandLog, type FeedItem } from '../../lib/command-log';

/** What the terminal has to act on, in order. */
export type TerminalEvent =
  | { readonly kind: 'line'; readonly seq: number; readonly line: string; readonly source: string }
  | { readonly kind: 'settled'; readonly seq: number; readonly jobId?: number; readonly done: boolean; readonly exitCode?: number;
      readonly cwd?: string }
  | { readonly kind: 'failed'; readonly seq: number; readonly error: string }
  | { readonly kind: 'print'; readonly jobId: number; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly kind: 'exit'; readonly jobId: number; readonly exitCode: number; readonly cwd?: string };

interface StreamMarks {
  /** Characters of the stream that frames delivered so far. */
  framed: number;
  /** Characters of the stream already printed (from frames or the dispatch answer). */
  printed: number;
}

/** How many jobs' stream positions are remembered (older jobs cannot write any more). */
const KEPT_JOBS = 256;

export class FeedReader {
  private next = 0;
  private readonly marks = new Map<string, StreamMarks>();

  /** Starts reading at the log's current end (earlier lines were shown before this terminal existed). */
  constructor(log?: CommandLog) {
    if (log) this.next = log.feedEnd;
  }

  /** The new happenings since the last read, with duplicate output removed. */
  read(log: CommandLog): TerminalEvent[] {
    const { items, next } = feedSince(log, this.next);
    this.next = next;
    return items.flatMap((item) => this.translate(item));
  }

  private mark(jobId: number, stream: 'stdout' | 'stderr'): StreamMarks {
    const key = `${jobId}:${stream}`;
    let m = this.marks.get(key);
    if (!m) {
      this.marks.set(key, (m = { framed: 0, printed: 0 }));
      if (this.marks.size > KEPT_JOBS * 2) this.marks.delete(this.marks.keys().next().value!);
    }
    return m;
  }

  /** The part of `text` (which covers the stream from `start`) not yet printed. */
  private fresh(jobId: number, stream: 'stdout' | 'stderr', start: number, text: string): TerminalEvent[] {
    const m = this.mark(jobId, stream);
    const end = start + text.length;
    if (end <= m.printed) return [];
    const part = text.slice(Math.max(0, m.printed - start));
    m.printed = end;
    return [{ kind: 'print', jobId, stream, text: part }];
  }

  /** A dispatch answer's output as written: each piece continues its stream where the one before it ended. */
  private inOrder(jobId: number, chunks: readonly OutputChunk[]): TerminalEvent[] {
    const at = { stdout: 0, stderr: 0 };
    return chunks.flatMap((c) => {
      const start = at[c.stream];
      at[c.stream] += c.text.length;
      return this.fresh(jobId, c.stream, start, c.text);
    });
  }

  private translate(item: FeedItem): TerminalEvent[] {
    switch (item.kind) {
      case 'line':
      case 'failed':
      case 'exit':
        return [item];
      case 'settled': {
        const { seq, jobId, done, exitCode, cwd } = item;
        const printed = jobId === undefined ? [] : item.chunks ? this.inOrder(jobId, item.chunks) : [
          ...this.fresh(jobId, 'stdout', 0, item.stdout), ...this.fresh(jobId, 'stderr', 0, item.stderr),
        ];
        return [...printed, { kind: 'settled', seq, jobId, done, exitCode, ...(cwd !== undefined ? { cwd } : {}) }];
      }
      case 'output': {
        const m = this.mark(item.jobId, item.stream);
        const start = m.framed;
        m.framed += item.text.length;
        return this.fresh(item.jobId, item.stream, start, item.text);
      }
    }
  }
}
