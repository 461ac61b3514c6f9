import { describe, expect, it } from 'vitest';
import { findBack, searchKey, searchPrompt, startSearch, type HistorySearch } from '../../src/features/terminal/history-search';
import type { Key } from '../../src/features/terminal/input-keys';
import { TerminalController } from '../../src/features/terminal/terminal-controller';
import { VtScreen } from './terminal-vt-screen';

const ENTRIES = ['kubectl get nodes', 'kubectl get pods -o wide', 'curl http://10.0.0.1', 'kubectl describe pod web'];
const text = (t: string): Key => ({ kind: 'text', text: t });
const ctrl = (letter: string): Key => ({ kind: 'ctrl', letter });

function typed(keys: readonly Key[]): HistorySearch {
  let s = startSearch('draft');
  for (const k of keys) {
    const step = searchKey(s, k, ENTRIES);
    if (step.kind !== 'searching') throw new Error(`left the search on ${JSON.stringify(k)}`);
    s = step.search;
  }
  return s;
}

/** A terminal at its first prompt whose history holds ENTRIES, with what it dispatched. */
function terminalWithHistory() {
  const vt = new VtScreen(80);
  const dispatched: string[] = [];
  const c = new TerminalController({ write: (d) => vt.write(d), get cols() { return vt.cols; } },
    { dispatch: (t) => dispatched.push(t), interrupt: () => undefined, complete: async () => ({ replaceFrom: 0, candidates: [] }), saveHistory: () => undefined },
    ENTRIES);
  c.ready();
  return { vt, dispatched, c };
}

describe('reverse history search (Ctrl-R)', () => {
  it('finds the newest line containing the query, then older ones, and says when nothing matches', () => {
    expect(findBack(ENTRIES, 'get', ENTRIES.length)).toBe(1);
    expect(findBack(ENTRIES, 'get', 1)).toBe(0);
    expect(findBack(ENTRIES, 'get', 0)).toBeUndefined();
    expect(typed([text('g'), text('et')])).toMatchObject({ query: 'get', match: 1, failed: false });
    expect(typed([text('get'), ctrl('r')])).toMatchObject({ match: 0 });
    const none = typed([text('get'), text('x')]);
    expect(none).toMatchObject({ query: 'getx', match: 1, failed: true });
    expect(searchPrompt(none)).toBe("(failed reverse-i-search)`getx': ");
    expect(typed([text('getx'), { kind: 'key', name: 'backspace' }])).toMatchObject({ query: 'get', match: 1, failed: false });
  });

  it('runs the match on Enter, gives the line back on Ctrl-G, and keeps the match to edit on other keys', () => {
    const s = typed([text('curl')]);
    expect(searchKey(s, { kind: 'key', name: 'enter' }, ENTRIES)).toEqual({ kind: 'accept', text: 'curl http://10.0.0.1', then: 'run' });
    expect(searchKey(s, ctrl('g'), ENTRIES)).toEqual({ kind: 'cancel', text: 'draft' });
    expect(searchKey(s, { kind: 'key', name: 'left' }, ENTRIES)).toMatchObject({ kind: 'accept', text: 'curl http://10.0.0.1', then: 'edit' });
  });

  it('shows the search in the terminal and runs what it found', () => {
    const { vt, dispatched, c } = terminalWithHistory();
    c.input('\x12get');
    expect(vt.lines()).toEqual(["(reverse-i-search)`get': kubectl get pods -o wide"]);
    c.input('\x12');
    expect(vt.lines()).toEqual(["(reverse-i-search)`get': kubectl get nodes"]);
    c.input('\r');
    expect(dispatched).toEqual(['kubectl get nodes']);
    expect(vt.lines()).toEqual(['student@kubesim:~$ kubectl get nodes']);
  });

  it('is abandoned with Ctrl-C as a line is', () => {
    const { vt, dispatched, c } = terminalWithHistory();
    c.input('\x12cur\x03');
    expect(vt.lines()).toEqual(["(reverse-i-search)`cur': curl http://10.0.0.1^C", 'student@kubesim:~$']);
    c.input('x');
    expect(vt.lines().at(-1)).toBe('student@kubesim:~$ x');
    expect(dispatched).toEqual([]);
  });
});
