import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock, type Snapshot } from 'xstate';
import { lessonMachine, nextTimedHintDelayMs, type LessonContext } from '../../src/features/lessons/lesson-machine';
import { lessonInputOf, type LessonInput } from '../../src/features/lessons/lesson-steps';
import { lessonView } from '../../src/features/lessons/lesson-view';
import { parseLab } from '../../sim/labs/parse-lab';
import type { StepCheckResult } from '../../sim/labs/lab-types';

const INPUT: LessonInput = {
  labId: 'demo',
  steps: [
    { id: 'svc', title: 'Make a Service', timedHints: [{ id: 't1', afterMs: 60_000, text: 'Look at the Endpoints line.' }, { id: 't2', afterMs: 150_000, text: 'Check the selector.' }] },
    { id: 'lb', title: 'Expose it', timedHints: [] },
  ],
};

const failing: StepCheckResult = { passed: false, at: 1_000, items: [{ label: 'Service exists', passed: false }], hints: [] };
const wrongTurn: StepCheckResult = {
  passed: false, at: 2_000, items: [{ label: 'Service exists', passed: true }],
  hints: [{ id: 'port', text: 'Service mongodb-svc sends port 27017 to targetPort 27107, but its pods listen on 27017.' }],
};
const passing: StepCheckResult = { passed: true, at: 3_000, items: [{ label: 'Service exists', passed: true }], hints: [] };

function start(input = INPUT, snapshot?: Snapshot<unknown>) {
  const clock = new SimulatedClock();
  const actor = createActor(lessonMachine, { input, clock, ...(snapshot ? { snapshot } : {}) });
  actor.start();
  return { actor, clock };
}

const view = (actor: ReturnType<typeof start>['actor']) => lessonView(actor.getSnapshot());

describe('lesson machine', () => {
  it('waits, checks, and passes a step; NEXT moves on and the last NEXT finishes', () => {
    const { actor } = start();
    expect(view(actor)).toMatchObject({ status: 'waiting', stepId: 'svc', index: 0 });
    actor.send({ type: 'LESSON.CHECK' });
    expect(view(actor).status).toBe('checking');
    actor.send({ type: 'LESSON.CHECKED', result: failing });
    expect(view(actor).status).toBe('waiting');
    actor.send({ type: 'LESSON.NEXT' });
    expect(view(actor).stepId).toBe('svc');
    actor.send({ type: 'LESSON.CHECKED', result: passing });
    expect(view(actor)).toMatchObject({ status: 'passed', outcomes: { svc: 'passed' } });
    actor.send({ type: 'LESSON.NEXT' });
    expect(view(actor)).toMatchObject({ status: 'waiting', stepId: 'lb', index: 1, hints: [] });
    actor.send({ type: 'LESSON.SKIP' });
    expect(view(actor)).toMatchObject({ status: 'skipped', outcomes: { svc: 'passed', lb: 'skipped' } });
    actor.send({ type: 'LESSON.NEXT' });
    expect(view(actor).status).toBe('finished');
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('shows a detected wrong turn at once, and drops it when the next result no longer detects it', () => {
    const { actor } = start();
    actor.send({ type: 'LESSON.CHECKED', result: wrongTurn });
    expect(view(actor).status).toBe('hintShown');
    expect(view(actor).hints).toEqual([{ id: 'port', text: wrongTurn.hints[0].text, kind: 'detected' }]);
    actor.send({ type: 'LESSON.CHECKED', result: failing });
    expect(view(actor)).toMatchObject({ status: 'waiting', hints: [] });
  });

  it('offers timed hints after their delays on the step, and LESSON.HINT brings the next one forward', () => {
    const { actor, clock } = start();
    clock.increment(59_999);
    expect(view(actor).status).toBe('waiting');
    clock.increment(1);
    expect(view(actor)).toMatchObject({ status: 'hintShown', hints: [{ id: 't1', kind: 'timed' }] });
    // A check result does not restart the clock of the next timed hint.
    actor.send({ type: 'LESSON.CHECKED', result: failing });
    expect(view(actor).status).toBe('hintShown');
    clock.increment(89_999);
    expect(view(actor).hints.map((h) => h.id)).toEqual(['t1']);
    clock.increment(1);
    expect(view(actor).hints.map((h) => h.id)).toEqual(['t1', 't2']);
    actor.send({ type: 'LESSON.HINT' });
    expect(view(actor).hints.map((h) => h.id)).toEqual(['t1', 't2']);
  });

  it('asking for a hint shows the next timed hint before its time', () => {
    const { actor, clock } = start();
    actor.send({ type: 'LESSON.HINT' });
    expect(view(actor).hints.map((h) => h.id)).toEqual(['t1']);
    clock.increment(89_999);
    expect(view(actor).hints.map((h) => h.id)).toEqual(['t1']);
    clock.increment(1);
    expect(view(actor).hints.map((h) => h.id)).toEqual(['t1', 't2']);
  });

  it('RESET_STEP starts the step over: no result, no hints, no outcome', () => {
    const { actor, clock } = start();
    actor.send({ type: 'LESSON.CHECKED', result: passing });
    expect(view(actor).status).toBe('passed');
    actor.send({ type: 'LESSON.RESET_STEP' });
    expect(view(actor)).toMatchObject({ status: 'waiting', hints: [], outcomes: {} });
    expect(actor.getSnapshot().context.result).toBeUndefined();
    clock.increment(60_000);
    expect(view(actor).hints.map((h) => h.id)).toEqual(['t1']);
  });

  it('ignores results and NEXT that do not belong to the state', () => {
    const { actor } = start();
    actor.send({ type: 'LESSON.NEXT' });
    expect(view(actor)).toMatchObject({ status: 'waiting', index: 0 });
    actor.send({ type: 'LESSON.CHECKED', result: passing });
    actor.send({ type: 'LESSON.CHECKED', result: failing });
    expect(view(actor).status).toBe('passed');
  });

  it('persists progress and continues where it was after a reload', () => {
    const first = start();
    first.actor.send({ type: 'LESSON.CHECKED', result: passing });
    first.actor.send({ type: 'LESSON.NEXT' });
    first.actor.send({ type: 'LESSON.CHECKED', result: wrongTurn });
    const saved = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot())) as Snapshot<unknown>;
    first.actor.stop();

    const again = start(INPUT, saved);
    expect(view(again.actor)).toMatchObject({ status: 'hintShown', stepId: 'lb', index: 1, outcomes: { svc: 'passed' } });
    expect(view(again.actor).hints.map((h) => h.id)).toEqual(['port']);
    again.actor.send({ type: 'LESSON.CHECKED', result: passing });
    again.actor.send({ type: 'LESSON.NEXT' });
    expect(view(again.actor).status).toBe('finished');
  });

  it('restarts the timed-hint wait after a restore (persisted snapshots carry no timers)', () => {
    const first = start();
    first.clock.increment(30_000);
    const saved = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot())) as Snapshot<unknown>;
    first.actor.stop();
    const again = start(INPUT, saved);
    again.actor.send({ type: 'LESSON.RESUME' });
    again.clock.increment(59_999);
    expect(view(again.actor).hints).toEqual([]);
    again.clock.increment(1);
    expect(view(again.actor).hints.map((h) => h.id)).toEqual(['t1']);
    // Resuming with a hint on screen keeps it there.
    again.actor.send({ type: 'LESSON.RESUME' });
    expect(view(again.actor)).toMatchObject({ status: 'hintShown', hints: [{ id: 't1' }] });
  });

  it('times the next hint from the previous one', () => {
    const context = { steps: INPUT.steps, index: 0, timedShown: 0 } as unknown as LessonContext;
    expect(nextTimedHintDelayMs(context)).toBe(60_000);
    expect(nextTimedHintDelayMs({ ...context, timedShown: 1 })).toBe(90_000);
    expect(nextTimedHintDelayMs({ ...context, timedShown: 2 })).toBe(2 ** 31 - 1);
  });
});

describe('lesson input from a lab file', () => {
  it('keeps the steps in order and only the timed hints, sorted by delay', () => {
    const parsed = parseLab('demo', [
      '---', 'title: Demo', 'summary: A demo.', 'module: 9', 'seed: 1', 'estimatedMinutes: 5', '---',
      '## First {#first}', '```check', 'history: kubectl', '```',
      '```hints', '- after: 120', '  text: later', '- when:', '    detect: podsCrashing', '- after: 30', '  text: sooner', '```',
      '```solution', 'kubectl get pods', '```',
      '## Second {#second}', '```check', 'history: kubectl', '```', '```solution', 'kubectl get nodes', '```',
    ].join('\n'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(lessonInputOf(parsed.lab)).toEqual({
      labId: 'demo',
      steps: [
        { id: 'first', title: 'First', timedHints: [{ id: '3', afterMs: 30_000, text: 'sooner' }, { id: '1', afterMs: 120_000, text: 'later' }] },
        { id: 'second', title: 'Second', timedHints: [] },
      ],
    });
  });
});
