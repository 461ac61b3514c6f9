import { describe, expect, it } from 'vitest';
import { LessonRunner } from '../../src/features/lessons/lesson-runner.svelte';
import { FakeLabClient, labOf, labText, result, settle } from './lesson-fake-client';

const LAB = labOf('demo', labText('Demo', [
  { id: 'one', command: 'kubectl get pods', hintAfter: 60 },
  { id: 'two', command: 'kubectl get nodes' },
]));

function setup(saved?: { lesson: unknown; stepStartSeq: number }) {
  const client = new FakeLabClient();
  let wall = 0;
  let changes = 0;
  const runner = new LessonRunner(client, () => [], LAB, { changed: () => changes++, now: () => wall }, saved);
  return { client, runner, setWall: (ms: number) => (wall = ms), changes: () => changes };
}

describe('a lab followed in the page', () => {
  it('checks when a command of the step finishes, with the commands since the step began', async () => {
    const { client, runner } = setup();
    const job = client.type('kubectl get pods --watch');
    runner.commandsChanged();
    expect(client.checks).toHaveLength(0);
    client.exit(job, 130, 'NAME READY\n');
    runner.commandsChanged();
    expect(client.checks).toHaveLength(1);
    expect(runner.view.status).toBe('checking');
    expect(client.checks[0]).toMatchObject({ labId: 'demo', stepId: 'one', transcript: [{ line: 'kubectl get pods --watch', stdout: 'NAME READY\n', stderr: '', exitCode: 130 }] });
    await client.checks[0].answer(result(true));
    expect(runner.view).toMatchObject({ status: 'passed', outcomes: { one: 'passed' } });
    // A passed step is not checked again.
    client.type('kubectl get nodes', 'node-1\n');
    runner.commandsChanged();
    expect(client.checks).toHaveLength(1);
  });

  it('starts the next step right after the command that passed this one', async () => {
    const { client, runner } = setup();
    client.type('# a note the page printed', '');
    client.type('kubectl get pods', 'pods\n');
    runner.commandsChanged();
    expect(client.checks[0].transcript.map((t) => t.line)).toEqual(['kubectl get pods']);
    await client.checks[0].answer(result(true));
    client.type('kubectl get nodes', 'node-1\n');
    runner.next();
    expect(runner.view).toMatchObject({ status: 'checking', stepId: 'two', index: 1 });
    expect(client.checks[1]).toMatchObject({ stepId: 'two', transcript: [{ line: 'kubectl get nodes', stdout: 'node-1\n' }] });
  });

  it('checks every five virtual seconds while a step waits, at most once a wall second, quietly', async () => {
    const { client, runner, setWall } = setup();
    runner.timeMoved(0);
    expect(client.checks).toHaveLength(1);
    expect(runner.view.status).toBe('waiting');
    await client.checks[0].answer(result(false));
    client.setTime(4_999);
    setWall(5_000);
    runner.timeMoved(4_999);
    expect(client.checks).toHaveLength(1);
    runner.timeMoved(5_000);
    expect(client.checks).toHaveLength(2);
    await client.checks[1].answer(result(false));
    // At 100x, five virtual seconds pass in 50 wall ms: the wall gap holds the next check back.
    setWall(5_050);
    runner.timeMoved(10_000);
    expect(client.checks).toHaveLength(2);
    setWall(6_000);
    runner.timeMoved(10_050);
    expect(client.checks).toHaveLength(3);
  });

  it('drops a result that arrives after the student moved on', async () => {
    const { client, runner } = setup();
    void runner.check(true);
    runner.skip();
    expect(runner.view.status).toBe('skipped');
    await client.checks[0].answer(result(true));
    expect(runner.view).toMatchObject({ status: 'skipped', outcomes: { one: 'skipped' } });
  });

  it('asks once more when a check is asked for while one is running', async () => {
    const { client, runner } = setup();
    void runner.check(true);
    void runner.check(true);
    void runner.check(true);
    expect(client.checks).toHaveLength(1);
    await client.checks[0].answer(result(false));
    expect(client.checks).toHaveLength(2);
    await client.checks[1].answer(result(true));
    expect(client.checks).toHaveLength(2);
    expect(runner.view.status).toBe('passed');
  });

  it('says why a check could not run, and does not stay checking', async () => {
    const { client, runner } = setup();
    void runner.check(true);
    await client.checks[0].answer({ error: 'the cluster is not running' });
    expect(runner.checkProblem).toBe('the cluster is not running');
    expect(runner.view.status).toBe('waiting');
    expect(runner.view.items).toEqual([{ label: 'the check could not run', passed: false, detail: 'the cluster is not running' }]);
  });

  it('resets a step: the cluster rebuilt as it starts (with the page editor), the step started over', async () => {
    const { client, runner } = setup();
    void runner.check(true);
    await client.checks[0].answer(result(false, [{ id: 'x', text: 'a wrong turn' }]));
    expect(runner.view.status).toBe('hintShown');
    expect(await runner.resetStep()).toBe(true);
    expect(client.starts).toEqual([{ labId: 'demo', stepId: 'one' }]);
    expect(client.rebuilds).toEqual([{ record: { format: 'kubesim-run', version: 1, options: { seed: 'demo', editor: 'page' }, commands: [] }, atMs: 1_000, note: 'reset to the start of step 1 (Do one)' }]);
    expect(runner.view).toMatchObject({ status: 'checking', hints: [], outcomes: {} });
    expect(runner.stepStartSeq).toBe(client.commands.nextSeq);
    expect(client.checks[1].transcript).toEqual([]);
  });

  it('after a skip, sets the cluster up as the next step starts and moves on', async () => {
    const { client, runner } = setup();
    runner.skip();
    expect(await runner.nextWithSetup()).toBe(true);
    expect(client.starts).toEqual([{ labId: 'demo', stepId: 'two' }]);
    expect(client.rebuilds[0].note).toBe('the cluster is set up as step 2 starts (Do two)');
    expect(runner.view).toMatchObject({ stepId: 'two', outcomes: { one: 'skipped' } });
  });

  it('offers the timed hints on demand', () => {
    const { runner } = setup();
    expect(runner.moreHints).toBe(true);
    runner.hint();
    expect(runner.view.hints.map((h) => h.text)).toEqual(['Try harder.']);
    expect(runner.moreHints).toBe(false);
  });

  it('resumes from a persisted snapshot that fits the lab, and starts afresh from one that does not', async () => {
    const first = setup();
    first.client.type('kubectl get pods', 'pods\n');
    first.runner.commandsChanged();
    await first.client.checks[0].answer(result(true));
    first.runner.next();
    const saved = { lesson: JSON.parse(JSON.stringify(first.runner.persisted())), stepStartSeq: first.runner.stepStartSeq };
    first.runner.stop();

    const again = setup(saved);
    expect(again.runner.restored).toBe(true);
    expect(again.runner.view).toMatchObject({ stepId: 'two', index: 1, outcomes: { one: 'passed' }, status: 'waiting' });
    expect(again.runner.stepStartSeq).toBe(saved.stepStartSeq);

    const other = labOf('other', labText('Other', [{ id: 'x', command: 'ls' }]));
    const client = new FakeLabClient();
    const foreign = new LessonRunner(client, () => [], other, { changed: () => undefined, now: () => 0 }, saved);
    expect(foreign.restored).toBe(false);
    expect(foreign.view).toMatchObject({ stepId: 'x', index: 0, outcomes: {} });
    const junk = new LessonRunner(client, () => [], LAB, { changed: () => undefined, now: () => 0 }, { lesson: { status: 'active', value: 42 }, stepStartSeq: 3 });
    expect(junk.restored).toBe(false);
    expect(junk.view.stepId).toBe('one');
    await settle();
  });
});
