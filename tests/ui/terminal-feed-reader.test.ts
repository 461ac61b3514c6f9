import { describe, expect, it } from 'vitest';
import {
  appendCommand, applyJobFrame, emptyCommandLog, failCommand, feedSince, MAX_FEED_ITEMS, settleCommand, type CommandLog,
} from '../../src/lib/command-log';
import { FeedReader } from '../../src/features/terminal/feed-reader';

const out = (jobId: number, text: string, stream: 'stdout' | 'stderr' = 'stdout') => ({ jobId, session: 'main', stream, text });

describe('the transcript feed and the terminal reading it', () => {
  it('records lines, answers, frame output and exits in the order they happen', () => {
    let { log, seq } = appendCommand(emptyCommandLog(), 'kubectl get pods -w', 'terminal');
    log = settleCommand(log, seq, { ok: true, jobId: 7, done: false, stdout: 'NAME\n', stderr: '' });
    log = applyJobFrame(log, { output: [out(7, 'NAME\n'), out(7, 'web-1\n')], exits: [{ jobId: 7, session: 'main', exitCode: 130, at: 5 }] });
    expect(log.feed.map((i) => i.kind)).toEqual(['line', 'settled', 'output', 'output', 'exit']);
    expect(log.feed[0]).toEqual({ kind: 'line', seq, line: 'kubectl get pods -w', source: 'terminal' });
    expect(feedSince(log, 3)).toEqual({ items: log.feed.slice(3), next: 5 });
  });

  it('prints each byte of a job once, whether the dispatch answer or the frame came first', () => {
    let { log, seq } = appendCommand(emptyCommandLog(), 'kubectl apply -f web.yaml');
    const reader = new FeedReader();
    log = settleCommand(log, seq, { ok: true, jobId: 3, done: false, stdout: 'deployment.apps/web created\n', stderr: 'Warning: x\n' });
    log = applyJobFrame(log, { output: [out(3, 'deployment.apps/web created\n'), out(3, 'Warning: x\n', 'stderr'), out(3, 'service/web created\n')], exits: [] });
    const printed = reader.read(log).filter((e) => e.kind === 'print').map((e) => e.kind === 'print' && e.text);
    expect(printed).toEqual(['deployment.apps/web created\n', 'Warning: x\n', 'service/web created\n']);

    // A frame that beat the answer: the answer adds nothing new.
    let other = appendCommand(emptyCommandLog(), 'echo hi');
    const second = new FeedReader();
    other = { log: applyJobFrame(other.log, { output: [out(1, 'h')], exits: [] }), seq: other.seq };
    const first = second.read(other.log);
    const settled = settleCommand(other.log, other.seq, { ok: true, jobId: 1, done: true, exitCode: 0, stdout: 'hi\n', stderr: '' });
    expect([...first, ...second.read(settled)].filter((e) => e.kind === 'print').map((e) => e.kind === 'print' && e.text)).toEqual(['h', 'i\n']);
  });

  it('starts reading at the end of the log it was given, and reports failures', () => {
    const before = appendCommand(emptyCommandLog(), 'old').log;
    const reader = new FeedReader(before);
    const { log, seq } = appendCommand(before, 'new');
    const failed = failCommand(log, seq, 'the cluster is not running');
    expect(reader.read(failed)).toEqual([
      { kind: 'line', seq, line: 'new', source: 'page' },
      { kind: 'failed', seq, error: 'the cluster is not running' },
    ]);
    expect(reader.read(failed)).toEqual([]);
  });

  it('keeps the feed bounded', () => {
    let log: CommandLog = emptyCommandLog();
    for (let i = 0; i < MAX_FEED_ITEMS + 10; i++) log = applyJobFrame(log, { output: [out(1, `${i}\n`)], exits: [] });
    expect(log.feed).toHaveLength(MAX_FEED_ITEMS);
    expect(log.feedEnd).toBe(MAX_FEED_ITEMS + 10);
    expect(feedSince(log, 0).items).toHaveLength(MAX_FEED_ITEMS);
  });
});
