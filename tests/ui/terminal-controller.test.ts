import { describe, expect, it } from 'vitest';
import type { CommandResult, Frame } from '../../sim/protocol';
import { appendCommand, applyJobFrame, emptyCommandLog, settleCommand, type CommandLog } from '../../src/lib/command-log';
import { FeedReader } from '../../src/features/terminal/feed-reader';
import { TerminalController } from '../../src/features/terminal/terminal-controller';
import type { CompletionAnswer } from '../../src/features/terminal/completion-list';
import { VtScreen } from './terminal-vt-screen';

const PROMPT = 'student@kubesim:~$ ';
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A terminal on a fake screen, wired to a transcript the test drives as the SimClient would. */
function harness(options: { history?: string[]; cols?: number; completions?: Record<string, CompletionAnswer> } = {}) {
  const vt = new VtScreen(options.cols ?? 60);
  const reader = new FeedReader();
  let log: CommandLog = emptyCommandLog();
  const seqs: number[] = [];
  const h = {
    vt, dispatched: [] as string[], interrupts: [] as number[], saved: [] as string[][], asked: [] as string[],
    get log() { return log; },
    controller: undefined as unknown as TerminalController,
    flush() { h.controller.events(reader.read(log)); },
    /** The worker's answer to the oldest unanswered line. */
    answer(result: CommandResult) { log = settleCommand(log, seqs.shift()!, result); h.flush(); },
    frame(f: Partial<Pick<Frame, 'output' | 'exits'>>) { log = applyJobFrame(log, { output: f.output ?? [], exits: f.exits ?? [] }); h.flush(); },
    runFromPage(line: string) { const r = appendCommand(log, line, 'page'); log = r.log; seqs.push(r.seq); h.flush(); },
    screen: () => vt.lines(),
  };
  h.controller = new TerminalController(
    { write: (d) => vt.write(d), get cols() { return vt.cols; } },
    {
      dispatch: (text) => { h.dispatched.push(text); const r = appendCommand(log, text, 'terminal'); log = r.log; seqs.push(r.seq); },
      interrupt: (id) => h.interrupts.push(id),
      complete: async (line) => { h.asked.push(line); return options.completions?.[line] ?? { replaceFrom: line.length, candidates: [] }; },
      saveHistory: (entries) => h.saved.push([...entries]),
    },
    options.history,
  );
  return h;
}

const stdout = (jobId: number, text: string) => ({ jobId, session: 'main', stream: 'stdout' as const, text });
const exit = (jobId: number, exitCode: number) => ({ jobId, session: 'main', exitCode, at: 0 });

describe('the terminal', () => {
  it('shows a prompt once the cluster is up, runs a typed line and prints its output', () => {
    const t = harness();
    t.controller.input('kubectl get nodes');
    expect(t.screen()).toEqual([]);
    t.controller.ready();
    expect(t.screen()).toEqual([`${PROMPT}kubectl get nodes`]);
    t.controller.input('\r');
    t.flush();
    expect(t.dispatched).toEqual(['kubectl get nodes']);
    t.answer({ ok: true, jobId: 1, done: true, exitCode: 0, stdout: 'NAME   STATUS\nnode-0 Ready\n', stderr: '' });
    t.frame({ output: [stdout(1, 'NAME   STATUS\nnode-0 Ready\n')], exits: [exit(1, 0)] });
    expect(t.screen()).toEqual([`${PROMPT}kubectl get nodes`, 'NAME   STATUS', 'node-0 Ready', PROMPT.trimEnd()]);
    expect(t.saved).toEqual([['kubectl get nodes']]);
  });

  it('prints a warning written before a table before it, as a terminal shows the two streams', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('kubectl get endpoints\r');
    t.flush();
    const warning = 'Warning: v1 Endpoints is deprecated\n';
    const table = 'NAME         ENDPOINTS\nkubernetes   10.0.0.1:443\n';
    t.answer({ ok: true, jobId: 1, done: true, exitCode: 0, stdout: table, stderr: warning,
      chunks: [{ stream: 'stderr', text: warning }, { stream: 'stdout', text: table }] });
    t.frame({ output: [{ ...stdout(1, table) }, { jobId: 1, session: 'main', stream: 'stderr', text: warning }], exits: [exit(1, 0)] });
    expect(t.screen()).toEqual([`${PROMPT}kubectl get endpoints`, 'Warning: v1 Endpoints is deprecated', 'NAME         ENDPOINTS',
      'kubernetes   10.0.0.1:443', PROMPT.trimEnd()]);
  });

  it('shows the working directory in the prompt as bash does, after `cd` and after a job that waited', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('cd labs\r');
    t.flush();
    t.answer({ ok: true, jobId: 1, done: true, exitCode: 0, stdout: '', stderr: '', cwd: '/home/student/labs' });
    t.controller.input('cd /tmp && sleep 1\r');
    t.flush();
    t.answer({ ok: true, jobId: 2, done: false, stdout: '', stderr: '' });
    t.frame({ exits: [{ ...exit(2, 0), cwd: '/tmp' }] });
    expect(t.screen()).toEqual([`${PROMPT}cd labs`, 'student@kubesim:~/labs$ cd /tmp && sleep 1', 'student@kubesim:/tmp$']);
  });

  it('streams a waiting job, keeps keys typed meanwhile for the next prompt, and Ctrl-C stops the job', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('kubectl get pods -w\r');
    t.flush();
    t.answer({ ok: true, jobId: 4, done: false, stdout: 'NAME    READY\n', stderr: '' });
    t.frame({ output: [stdout(4, 'NAME    READY\nweb-1   0/1\n')] });
    t.controller.input('ls');
    t.frame({ output: [stdout(4, 'web-1   1/1\n')] });
    // The tty echoes type-ahead where the cursor is, inline with the job's output.
    expect(t.screen()).toEqual([`${PROMPT}kubectl get pods -w`, 'NAME    READY', 'web-1   0/1', 'lsweb-1   1/1']);
    t.controller.input('\x03');
    expect(t.interrupts).toEqual([4]);
    t.frame({ exits: [exit(4, 130)] });
    // bash flushes type-ahead on an interrupt, as the tty does.
    expect(t.screen().slice(-2)).toEqual(['^C', PROMPT.trimEnd()]);
    t.controller.input('echo after\r');
    t.flush();
    t.answer({ ok: true, jobId: 5, done: false, stdout: '', stderr: '' });
    t.controller.input('pwd\r');
    t.frame({ output: [stdout(5, 'after\n')], exits: [exit(5, 0)] });
    expect(t.dispatched).toEqual(['kubectl get pods -w', 'echo after', 'pwd']);
    expect(t.screen().slice(-4)).toEqual([`${PROMPT}echo after`, 'pwd', 'after', `${PROMPT}pwd`]);
  });

  it('echoes keys typed while a job runs, lets Backspace take back only what was echoed, and reads them at the prompt', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('sleep 5\r');
    t.flush();
    t.answer({ ok: true, jobId: 3, done: false, stdout: '', stderr: '' });
    t.controller.input('kubectl get podz');
    t.controller.input('\x7f');
    t.controller.input('s');
    expect(t.screen()).toEqual([`${PROMPT}sleep 5`, 'kubectl get pods']);
    t.controller.input('\x7f'.repeat(40));
    expect(t.screen()).toEqual([`${PROMPT}sleep 5`]);
    t.controller.input('date');
    t.frame({ exits: [exit(3, 0)] });
    expect(t.screen()).toEqual([`${PROMPT}sleep 5`, 'date', `${PROMPT}date`]);
    expect(t.dispatched).toEqual(['sleep 5']);
    t.controller.input('\r');
    expect(t.dispatched).toEqual(['sleep 5', 'date']);
  });

  it('asks for the interrupt as soon as the job id is known when Ctrl-C comes before the answer', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('sleep 60\r\x03');
    t.flush();
    expect(t.interrupts).toEqual([]);
    t.answer({ ok: true, jobId: 9, done: false, stdout: '', stderr: '' });
    expect(t.interrupts).toEqual([9]);
    t.frame({ exits: [exit(9, 130)] });
    expect(t.screen()).toEqual([`${PROMPT}sleep 60`, '^C', PROMPT.trimEnd()]);
  });

  it('Ctrl-C at the prompt drops the line and gives a fresh prompt', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('kubectl delete pod --all\x03');
    expect(t.screen()).toEqual([`${PROMPT}kubectl delete pod --all^C`, PROMPT.trimEnd()]);
    expect(t.dispatched).toEqual([]);
  });

  it('reads a heredoc line by line under the continuation prompt and runs it as one command', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('cat <<EOF > hello.txt\rhello\r');
    expect(t.screen()).toEqual([`${PROMPT}cat <<EOF > hello.txt`, '> hello', '>']);
    t.controller.input('EOF\r');
    t.flush();
    expect(t.dispatched).toEqual(['cat <<EOF > hello.txt\nhello\nEOF']);
    t.controller.input('kubectl get \\\r  pods\r');
    t.answer({ ok: true, jobId: 1, done: true, exitCode: 0, stdout: '', stderr: '' });
    t.flush();
    expect(t.dispatched[1]).toBe('kubectl get   pods');
  });

  it('completes one candidate in place, lists several on a second Tab and redraws the prompt with the line', async () => {
    const t = harness({ completions: {
      'kubectl get nod': { replaceFrom: 12, candidates: ['nodes'] },
      'kubectl get pods -n kube-': { replaceFrom: 20, candidates: ['kube-system', 'kube-public', 'kube-node-lease'] },
    } });
    t.controller.ready();
    t.controller.input('kubectl get nod\t');
    t.controller.input('-o wide');
    await settle();
    expect(t.screen()).toEqual([`${PROMPT}kubectl get nodes -o wide`]);
    t.controller.input('\x03kubectl get pods -n kube-\t');
    await settle();
    // The first Tab only rings the bell, as readline does.
    expect(t.screen().slice(-1)).toEqual([`${PROMPT}kubectl get pods -n kube-`]);
    t.controller.input('\t');
    await settle();
    expect(t.screen().slice(-2)).toEqual(['kube-node-lease  kube-public      kube-system', `${PROMPT}kubectl get pods -n kube-`]);
    expect(t.asked).toEqual(['kubectl get nod', 'kubectl get pods -n kube-', 'kubectl get pods -n kube-']);
  });

  it('walks the history with the arrows, starting from what was stored', () => {
    const t = harness({ history: ['kubectl get svc', 'kubectl get pods'] });
    t.controller.ready();
    t.controller.input('draft\x1b[A');
    expect(t.screen()).toEqual([`${PROMPT}kubectl get pods`]);
    t.controller.input('\x1b[A\x1b[A');
    expect(t.screen()).toEqual([`${PROMPT}kubectl get svc`]);
    t.controller.input('\x1b[B\x1b[B');
    expect(t.screen()).toEqual([`${PROMPT}draft`]);
  });

  it('shows a line run from elsewhere on the page as if typed, then gives back the half-typed line', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('kubectl get');
    t.runFromPage('kubectl apply -f web.yaml');
    t.answer({ ok: true, jobId: 2, done: true, exitCode: 0, stdout: 'deployment.apps/web created\n', stderr: '' });
    expect(t.screen()).toEqual([`${PROMPT}kubectl apply -f web.yaml`, 'deployment.apps/web created', `${PROMPT}kubectl get`]);
  });

  it('prints background output above the prompt without losing the line being typed', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('kubectl get po');
    t.frame({ output: [stdout(3, '[1]+  Done                    sleep 1\n')] });
    expect(t.screen()).toEqual(['[1]+  Done                    sleep 1', `${PROMPT}kubectl get po`]);
  });

  it('runs each line of a multi-line paste in turn', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('\x1b[200~echo one\necho two\n\x1b[201~');
    t.flush();
    expect(t.dispatched).toEqual(['echo one']);
    t.answer({ ok: true, jobId: 1, done: true, exitCode: 0, stdout: 'one\n', stderr: '' });
    t.flush();
    expect(t.dispatched).toEqual(['echo one', 'echo two']);
    t.answer({ ok: true, jobId: 2, done: true, exitCode: 0, stdout: 'two\n', stderr: '' });
    expect(t.screen()).toEqual([`${PROMPT}echo one`, 'one', `${PROMPT}echo two`, 'two', PROMPT.trimEnd()]);
  });

  it('puts the prompt on its own line after output without a final newline, and at the top after clear', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('printf hi\r');
    t.flush();
    t.answer({ ok: true, jobId: 1, done: true, exitCode: 0, stdout: 'hi', stderr: '' });
    expect(t.screen()).toEqual([`${PROMPT}printf hi`, 'hi', PROMPT.trimEnd()]);
    t.controller.input('clear\r');
    t.flush();
    t.answer({ ok: true, jobId: 2, done: true, exitCode: 0, stdout: '\x1b[H\x1b[2J\x1b[3J', stderr: '' });
    expect(t.screen()).toEqual([PROMPT.trimEnd()]);
  });

  it('gives the prompt back with a note when the simulation stops under a running job', () => {
    const t = harness();
    t.controller.ready();
    t.controller.input('sleep 5\r');
    t.flush();
    t.controller.stopped('kubesim: the simulation stopped: boom');
    expect(t.screen()).toEqual([`${PROMPT}sleep 5`, '', 'kubesim: the simulation stopped: boom', PROMPT.trimEnd()]);
  });
});
