import { describe, expect, it } from 'vitest';
import {
  historyNext, historyOf, historyPrev, MAX_HISTORY, parseStoredHistory, recordLine, stopWalking,
} from '../../src/features/terminal/history';

describe('terminal history', () => {
  it('keeps lines as ignoreboth does: no blanks, no leading-space lines, no repeat of the last line', () => {
    let h = historyOf();
    for (const line of ['kubectl get pods', 'kubectl get pods', '  ', ' secret-command', 'ls', 'kubectl get pods']) h = recordLine(h, line);
    expect(h.entries).toEqual(['kubectl get pods', 'ls', 'kubectl get pods']);
  });

  it('walks back and forth, and returns the line that was being typed', () => {
    let h = historyOf(['one', 'two']);
    const up1 = historyPrev(h, 'typing')!;
    expect(up1.text).toBe('two');
    const up2 = historyPrev(up1.history, up1.text)!;
    expect(up2.text).toBe('one');
    expect(historyPrev(up2.history, 'one')).toBeUndefined();
    const down1 = historyNext(up2.history)!;
    expect(down1.text).toBe('two');
    const down2 = historyNext(down1.history)!;
    expect(down2.text).toBe('typing');
    expect(historyNext(down2.history)).toBeUndefined();
    h = stopWalking(up1.history);
    expect(historyPrev(h, '')!.text).toBe('two');
  });

  it('is bounded and reads back from storage, ignoring anything malformed', () => {
    let h = historyOf();
    for (let i = 0; i < MAX_HISTORY + 5; i++) h = recordLine(h, `echo ${i}`);
    expect(h.entries).toHaveLength(MAX_HISTORY);
    expect(h.entries[0]).toBe('echo 5');
    expect(parseStoredHistory(JSON.stringify(['a', 3, 'b']))).toEqual(['a', 'b']);
    expect(parseStoredHistory('{nope')).toEqual([]);
    expect(parseStoredHistory('{"a":1}')).toEqual([]);
    expect(parseStoredHistory(null)).toEqual([]);
  });
});
