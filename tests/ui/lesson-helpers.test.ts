import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { lessonMachine } from '../../src/features/lessons/lesson-machine';
import { lessonView } from '../../src/features/lessons/lesson-view';
import { progressGlyphs, progressLabel, progressWords, stepMarks } from '../../src/features/lessons/lesson-progress';
import { finishedSince, transcriptSince } from '../../src/features/lessons/step-transcript';
import { periodicCheckDue } from '../../src/features/lessons/check-timing';
import { customLabId, fetchLab, labIdFromName, labParam, readLabFile, sameOriginLabUrl } from '../../src/features/lessons/lab-sources';
import { withPageOptions } from '../../src/features/lessons/step-rebuild';
import { shownEditorFile } from '../../src/features/lessons/editor-file';
import { FakeLabClient, result } from './lesson-fake-client';

const STEPS = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, title: id.toUpperCase(), timedHints: [] }));

function lessonAfter(events: Parameters<ReturnType<typeof createActor<typeof lessonMachine>>['send']>[0][]) {
  const actor = createActor(lessonMachine, { input: { labId: 'x', steps: STEPS } });
  actor.start();
  for (const e of events) actor.send(e);
  return lessonView(actor.getSnapshot());
}

describe('progress at a glance', () => {
  it('marks passed, skipped, current and coming steps', () => {
    const view = lessonAfter([
      { type: 'LESSON.CHECKED', result: result(true) }, { type: 'LESSON.NEXT' }, { type: 'LESSON.SKIP' }, { type: 'LESSON.NEXT' },
      { type: 'LESSON.CHECKED', result: result(false, [{ id: 'h', text: 'wrong turn' }]) },
    ]);
    expect(stepMarks(view, STEPS.map((s) => s.id))).toEqual(['passed', 'skipped', 'current', 'todo', 'todo']);
    expect(`${progressLabel(view)} ${progressGlyphs(view, STEPS.map((s) => s.id))}`).toBe('step 3/5 ✓↷!○○');
    expect(progressWords(view)).toBe('step 3 of 5, hint shown; 1 passed, 1 skipped');
    const waiting = lessonAfter([{ type: 'LESSON.CHECK' }]);
    expect(progressGlyphs(waiting, STEPS.map((s) => s.id))).toBe('◌○○○○');
  });

  it('shows a finished lab as done', () => {
    const events = STEPS.flatMap(() => [{ type: 'LESSON.CHECKED' as const, result: result(true) }, { type: 'LESSON.NEXT' as const }]);
    const view = lessonAfter(events);
    expect(`${progressLabel(view)} ${progressGlyphs(view, STEPS.map((s) => s.id))}`).toBe('done 5/5 ✓✓✓✓✓');
    expect(progressWords(view)).toBe('lab complete; 5 passed');
  });
});

describe("a step's transcript", () => {
  it('takes the commands from the step on, with output and exit codes, leaving out the notes the page printed', () => {
    const client = new FakeLabClient();
    client.type('kubectl get nodes', 'old\n');
    const from = client.commands.nextSeq;
    client.type('# reset to the start of step 2', '');
    client.type('kubectl get pods', 'web-1\n');
    const job = client.type('kubectl get pods -w');
    expect(transcriptSince(client.commands, from)).toEqual([
      { line: 'kubectl get pods', stdout: 'web-1\n', stderr: '', exitCode: 0 },
      { line: 'kubectl get pods -w', stdout: '', stderr: '' },
    ]);
    expect(finishedSince(client.commands, from)).toBe(1);
    client.exit(job, 130, 'web-2\n');
    expect(transcriptSince(client.commands, from)[1]).toEqual({ line: 'kubectl get pods -w', stdout: 'web-2\n', stderr: '', exitCode: 130 });
    expect(finishedSince(client.commands, from)).toBe(2);
  });
});

describe('periodic checks', () => {
  const last = { virtualMs: 10_000, wallMs: 1_000, durationMs: 100 };
  it('run only while a step waits, five virtual seconds and a wall second apart, spaced out after a slow check', () => {
    expect(periodicCheckDue('waiting', last, 15_000, 2_000)).toBe(true);
    expect(periodicCheckDue('hintShown', last, 15_000, 2_000)).toBe(true);
    for (const status of ['checking', 'passed', 'skipped', 'finished'] as const) expect(periodicCheckDue(status, last, 15_000, 2_000)).toBe(false);
    expect(periodicCheckDue('waiting', last, 14_999, 9_000)).toBe(false);
    expect(periodicCheckDue('waiting', last, 99_000, 1_999)).toBe(false);
    expect(periodicCheckDue('waiting', { ...last, durationMs: 600 }, 99_000, 3_000)).toBe(false);
    expect(periodicCheckDue('waiting', { ...last, durationMs: 600 }, 99_000, 3_400)).toBe(true);
  });
});

describe('labs from a file or a link', () => {
  it('names a loaded lab by its file, without taking a built-in lab id', () => {
    expect(labIdFromName('labs/My Lab (v2).md')).toBe('my-lab-v2');
    expect(labIdFromName('C:\\labs\\x.markdown')).toBe('x');
    expect(labIdFromName('???.md')).toBe('my-lab');
    expect(customLabId('module-4-services.md', ['module-4-services', 'module-4-services-2'])).toBe('module-4-services-3');
    expect(labParam('?seed=1&lab=labs%2Fx.md')).toBe('labs/x.md');
    expect(labParam('?lab=')).toBeUndefined();
  });

  it('loads only from the page\'s own site', async () => {
    const page = 'https://school.example/kubesim/index.html?lab=x';
    expect(String(sameOriginLabUrl('labs/x.md', page))).toBe('https://school.example/kubesim/labs/x.md');
    expect(String(sameOriginLabUrl('/other/x.md', page))).toBe('https://school.example/other/x.md');
    expect(sameOriginLabUrl('https://evil.example/x.md', page)).toBe('labs load only from this site (https://school.example), not from https://evil.example');
    expect(sameOriginLabUrl('//evil.example/x.md', page)).toMatch(/^labs load only from this site/);
    expect(sameOriginLabUrl('javascript:alert(1)', page)).toBe('labs load only from this site (https://school.example), not from javascript:');
    const missing = (async () => new Response('nope', { status: 404 })) as unknown as typeof fetch;
    expect(await fetchLab('labs/x.md', page, [], missing)).toBe('/kubesim/labs/x.md could not be loaded (HTTP 404)');
    const huge = (async () => new Response('x'.repeat(300_000))) as unknown as typeof fetch;
    expect(await fetchLab('labs/x.md', page, [], huge)).toBe('/kubesim/labs/x.md is too large for a lab (over 256 kB)');
    const down = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    expect(await fetchLab('labs/x.md', page, [], down)).toBe('/kubesim/labs/x.md could not be loaded (Failed to fetch)');
    expect(await readLabFile({ name: 'big.md', size: 300_000, text: async () => '' }, [])).toBe('big.md is too large for a lab (over 256 kB)');
  });
});

describe('the page around a lab', () => {
  it("runs a lab's record with the page's editor", () => {
    const record = { format: 'kubesim-run' as const, version: 1 as const, options: { seed: 4 }, commands: [] };
    expect(withPageOptions(record, { seed: 9, editor: 'page' }).options).toEqual({ seed: 4, editor: 'page' });
    expect(withPageOptions(record, { seed: 9 })).toBe(record);
  });

  it("reads the editor's file from its header", () => {
    const doc = (title: string | null) => ({ querySelector: () => (title === null ? null : { getAttribute: () => title }) }) as unknown as Document;
    expect(shownEditorFile(doc('/home/student/mongo.svc.yaml'))).toBe('/home/student/mongo.svc.yaml');
    expect(shownEditorFile(doc(null))).toBeUndefined();
    expect(shownEditorFile(doc('mongo.svc.yaml'))).toBeUndefined();
  });
});
