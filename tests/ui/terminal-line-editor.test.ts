import { describe, expect, it } from 'vitest';
import { editLine, emptyLine, lineWith, type LineState } from '../../src/features/terminal/line-editor';
import { parseInput } from '../../src/features/terminal/input-keys';

/** Types `data` into a line; returns the final line and every action asked for. */
function type(data: string, start: LineState = emptyLine()): { line: LineState; actions: string[] } {
  let line = start;
  const actions: string[] = [];
  for (const key of parseInput(data)) {
    const r = editLine(line, key);
    line = r.state;
    if (r.action !== 'none') actions.push(r.action);
  }
  return { line, actions };
}

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';

describe('line editor (readline Emacs bindings)', () => {
  it('inserts at the cursor and moves with the arrows, Home and End', () => {
    expect(type(`kubectl get pods${LEFT.repeat(4)}no `).line).toMatchObject({ text: 'kubectl get no pods', cursor: 15 });
    expect(type(`get\x1b[Hkubectl \x1b[F -A`).line).toMatchObject({ text: 'kubectl get -A', cursor: 14 });
    expect(type(`ab${LEFT}${LEFT}${LEFT}${RIGHT}x`).line.text).toBe('axb');
  });

  it('deletes backwards and forwards, and Ctrl-D deletes under the cursor', () => {
    expect(type(`kubectll\x7f get`).line.text).toBe('kubectl get');
    expect(type(`kubectl xget\x01${RIGHT.repeat(8)}\x1b[3~`).line.text).toBe('kubectl get');
    expect(type(`abc\x01\x04`).line).toMatchObject({ text: 'bc', cursor: 0 });
    expect(type('\x7f\x1b[3~').line).toMatchObject({ text: '', cursor: 0 });
  });

  it('Ctrl-A/E go to the ends, Ctrl-U/K kill before/after the cursor, Ctrl-Y yanks it back', () => {
    const killed = type(`kubectl get pods\x01${RIGHT.repeat(8)}\x0b`).line;
    expect(killed).toMatchObject({ text: 'kubectl ', cursor: 8, killed: 'get pods' });
    expect(type('\x05 -w\x01\x19', killed).line).toMatchObject({ text: 'get podskubectl  -w', cursor: 8 });
    expect(type(`kubectl get pods${LEFT.repeat(5)}\x15`).line).toMatchObject({ text: ' pods', cursor: 0, killed: 'kubectl get' });
  });

  it('Ctrl-W kills the previous whitespace-separated word; Meta-Backspace stops at punctuation', () => {
    expect(type('kubectl get pods/web-1 \x17').line.text).toBe('kubectl get ');
    expect(type('kubectl get pods/web-1\x1b\x7f').line.text).toBe('kubectl get pods/web-');
    expect(type(`echo one two\x1b[1;5D\x1b[1;5D\x1bd`).line.text).toBe('echo  two');
  });

  it('moves by words like readline: back to a word start, forward to a word end', () => {
    const line = lineWith('kubectl get pods -n kube-system');
    expect(type('\x1bb', line).line.cursor).toBe(25);
    expect(type('\x1bb\x1bb\x1bb', line).line.cursor).toBe(18);
    expect(type('\x01\x1bf\x1bf', line).line.cursor).toBe(11);
  });

  it('Ctrl-T swaps characters, and a surrogate pair moves as one character', () => {
    expect(type('kubeclt\x02\x14').line.text).toBe('kubectl');
    expect(type(`a😀b${LEFT}${LEFT}\x7f`).line).toMatchObject({ text: '😀b', cursor: 0 });
    expect(type(`a😀${LEFT}`).line.cursor).toBe(1);
  });

  it('hands Enter, Tab, Ctrl-C, Ctrl-L, arrows up/down and Ctrl-D on an empty line to the shell', () => {
    expect(type('ls\r\t\x03\x0c\x1b[A\x1b[B\x10\x0e').actions).toEqual(
      ['submit', 'complete', 'interrupt', 'clear-screen', 'history-prev', 'history-next', 'history-prev', 'history-next']);
    expect(type('\x04').actions).toEqual(['eof']);
    expect(type('x\x04').actions).toEqual([]);
  });
});
