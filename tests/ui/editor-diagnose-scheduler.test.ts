import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DIAGNOSE_DELAY_MS, DiagnoseScheduler } from '../../src/features/editor/diagnose-scheduler';
import type { Diagnostic } from '../../sim/kubectl/diagnostics';

const problem = (message: string): Diagnostic => ({ line: 1, column: 1, severity: 'error', message });

/** A diagnose stand-in whose answers are released by hand, in any order. */
function manualDiagnose() {
  const calls: { text: string; answer: (d: Diagnostic[]) => void; fail: (e: unknown) => void }[] = [];
  const diagnose = (text: string) => new Promise<Diagnostic[]>((answer, fail) => calls.push({ text, answer, fail }));
  return { calls, diagnose };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('DiagnoseScheduler', () => {
  it('waits for a pause in typing and checks only the latest text', async () => {
    const { calls, diagnose } = manualDiagnose();
    const delivered: [string[], string][] = [];
    const s = new DiagnoseScheduler(diagnose, (d, text) => delivered.push([d.map((x) => x.message), text]));
    s.schedule('k');
    await vi.advanceTimersByTimeAsync(DIAGNOSE_DELAY_MS - 1);
    s.schedule('ki');
    await vi.advanceTimersByTimeAsync(DIAGNOSE_DELAY_MS - 1);
    s.schedule('kin');
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(DIAGNOSE_DELAY_MS);
    expect(calls.map((c) => c.text)).toEqual(['kin']);
    calls[0].answer([problem('unknown kind')]);
    await vi.runAllTimersAsync();
    expect(delivered).toEqual([[['unknown kind'], 'kin']]);
  });

  it('drops an answer for text that changed while it was on its way', async () => {
    const { calls, diagnose } = manualDiagnose();
    const delivered: string[] = [];
    const s = new DiagnoseScheduler(diagnose, (_d, text) => delivered.push(text));
    s.schedule('a');
    await vi.advanceTimersByTimeAsync(DIAGNOSE_DELAY_MS);
    s.schedule('ab');
    await vi.advanceTimersByTimeAsync(DIAGNOSE_DELAY_MS);
    expect(calls.map((c) => c.text)).toEqual(['a', 'ab']);
    calls[1].answer([]);
    calls[0].answer([problem('stale')]);
    await vi.runAllTimersAsync();
    expect(delivered).toEqual(['ab']);
  });

  it('checks at once on now(), and cancel() forgets pending work', async () => {
    const { calls, diagnose } = manualDiagnose();
    const delivered: string[] = [];
    const s = new DiagnoseScheduler(diagnose, (_d, text) => delivered.push(text));
    s.now('opened');
    expect(calls.map((c) => c.text)).toEqual(['opened']);
    s.schedule('typed');
    s.cancel();
    await vi.advanceTimersByTimeAsync(DIAGNOSE_DELAY_MS * 2);
    calls[0].answer([]);
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(1);
    expect(delivered).toEqual([]);
  });

  it('treats a failed check as no problems, and delivers nothing once disposed', async () => {
    const { calls, diagnose } = manualDiagnose();
    const delivered: number[] = [];
    const s = new DiagnoseScheduler(diagnose, (d) => delivered.push(d.length), 50);
    s.schedule('x');
    await vi.advanceTimersByTimeAsync(50);
    calls[0].fail(new Error('worker gone'));
    await vi.runAllTimersAsync();
    expect(delivered).toEqual([0]);
    s.schedule('y');
    s.dispose();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
  });

  it('uses the timers it is given', () => {
    const set = vi.fn((_cb: () => void, _ms: number) => 42);
    const clear = vi.fn();
    const s = new DiagnoseScheduler(async () => [], () => {}, 300, { set, clear });
    s.schedule('a');
    s.schedule('b');
    expect(set.mock.calls.map((c) => c[1])).toEqual([300, 300]);
    expect(clear).toHaveBeenCalledWith(42);
  });
});
