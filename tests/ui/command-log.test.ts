import { describe, expect, it } from 'vitest';
import {
  appendCommand, applyJobFrame, commandView, emptyCommandLog, failCommand, MAX_ENTRIES, settleCommand,
} from '../../src/lib/command-log';

function viewOf(log: ReturnType<typeof emptyCommandLog>, index = -1) {
  const entries = log.entries;
  return commandView(log, entries[(index + entries.length) % entries.length]);
}

describe('command log', () => {
  it('shows a command that finished at once from its dispatch result', () => {
    const { log, seq } = appendCommand(emptyCommandLog(), 'kubectl get nodes');
    expect(viewOf(log)).toMatchObject({ stdout: '', running: true });
    const done = settleCommand(log, seq, { ok: true, jobId: 1, done: true, exitCode: 0, stdout: 'NAME   STATUS\n', stderr: '' });
    expect(viewOf(done)).toEqual({ stdout: 'NAME   STATUS\n', stderr: '', exitCode: 0, error: undefined, running: false });
  });

  it('does not repeat output that the next frame carries again', () => {
    let { log, seq } = appendCommand(emptyCommandLog(), 'kubectl get pods');
    log = settleCommand(log, seq, { ok: true, jobId: 3, done: true, exitCode: 1, stdout: '', stderr: 'No resources found\n' });
    log = applyJobFrame(log, {
      output: [{ jobId: 3, session: 'main', stream: 'stderr', text: 'No resources found\n' }],
      exits: [{ jobId: 3, session: 'main', exitCode: 1, at: 0 }],
    });
    expect(viewOf(log)).toMatchObject({ stderr: 'No resources found\n', exitCode: 1, running: false });
  });

  it('adds output and the exit code of a job that waits (sleep) from later frames', () => {
    let { log, seq } = appendCommand(emptyCommandLog(), 'sleep 2; echo done');
    log = settleCommand(log, seq, { ok: true, jobId: 4, done: false, stdout: '', stderr: '' });
    expect(viewOf(log).running).toBe(true);
    log = applyJobFrame(log, { output: [], exits: [] });
    expect(viewOf(log).running).toBe(true);
    log = applyJobFrame(log, {
      output: [{ jobId: 4, session: 'main', stream: 'stdout', text: 'do' }, { jobId: 4, session: 'main', stream: 'stdout', text: 'ne\n' }],
      exits: [{ jobId: 4, session: 'main', exitCode: 0, at: 2000 }],
    });
    expect(viewOf(log)).toMatchObject({ stdout: 'done\n', exitCode: 0, running: false });
  });

  it('keeps output that arrives in a frame before the dispatch answer', () => {
    let { log, seq } = appendCommand(emptyCommandLog(), 'kubectl get svc');
    log = applyJobFrame(log, { output: [{ jobId: 9, session: 'main', stream: 'stdout', text: 'NAME\nkubernetes\n' }], exits: [] });
    log = settleCommand(log, seq, { ok: true, jobId: 9, done: false, stdout: 'NAME\n', stderr: '' });
    expect(viewOf(log)).toMatchObject({ stdout: 'NAME\nkubernetes\n', running: true });
  });

  it('returns the same log for a frame without output', () => {
    const { log } = appendCommand(emptyCommandLog(), 'true');
    expect(applyJobFrame(log, { output: [], exits: [] })).toBe(log);
  });

  it('records refused commands and failures', () => {
    let { log, seq } = appendCommand(emptyCommandLog(), 'kubectl get pods');
    log = settleCommand(log, seq, { ok: false, error: 'no such session' });
    expect(viewOf(log)).toMatchObject({ error: 'no such session', running: false });
    const next = appendCommand(log, 'kubectl get nodes');
    const failed = failCommand(next.log, next.seq, 'the cluster is not running');
    expect(viewOf(failed)).toMatchObject({ error: 'the cluster is not running', running: false });
  });

  it('keeps the last MAX_ENTRIES commands and forgets the output of dropped jobs', () => {
    let log = emptyCommandLog();
    for (let i = 1; i <= MAX_ENTRIES + 5; i++) {
      const next = appendCommand(log, `echo ${i}`);
      log = settleCommand(next.log, next.seq, { ok: true, jobId: i, done: false });
      log = applyJobFrame(log, { output: [{ jobId: i, session: 'main', stream: 'stdout', text: `${i}\n` }], exits: [] });
    }
    expect(log.entries).toHaveLength(MAX_ENTRIES);
    expect(log.entries[0].line).toBe('echo 6');
    expect(log.jobs.has(1)).toBe(false);
    expect(log.jobs.has(MAX_ENTRIES + 5)).toBe(true);
    expect(viewOf(log).stdout).toBe(`${MAX_ENTRIES + 5}\n`);
  });
});
