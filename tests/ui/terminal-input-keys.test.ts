import { describe, expect, it } from 'vitest';
import { parseInput, pasteKeys } from '../../src/features/terminal/input-keys';

describe('terminal input keys', () => {
  it('splits typed data into text, control keys and VT sequences', () => {
    expect(parseInput('kubectl\r')).toEqual([{ kind: 'text', text: 'kubectl' }, { kind: 'key', name: 'enter' }]);
    expect(parseInput('\x1b[A\x1b[B\x1b[C\x1b[D')).toEqual(['up', 'down', 'right', 'left'].map((name) => ({ kind: 'key', name })));
    expect(parseInput('\x1bOH\x1bOF\x1b[H\x1b[F\x1b[1~\x1b[4~\x1b[3~')).toEqual(
      ['home', 'end', 'home', 'end', 'home', 'end', 'delete'].map((name) => ({ kind: 'key', name })));
    expect(parseInput('\x7f\b\t')).toEqual([{ kind: 'key', name: 'backspace' }, { kind: 'key', name: 'backspace' }, { kind: 'key', name: 'tab' }]);
    expect(parseInput('\x01\x03\x05\x0b\x15\x17')).toEqual(['a', 'c', 'e', 'k', 'u', 'w'].map((letter) => ({ kind: 'ctrl', letter })));
  });

  it('reads Ctrl/Alt arrows and Meta letters as word motions', () => {
    expect(parseInput('\x1b[1;5D\x1b[1;5C\x1b[1;3D\x1bb\x1bf\x1bd\x1b\x7f').map((k) => (k.kind === 'key' ? k.name : k.kind))).toEqual(
      ['word-left', 'word-right', 'word-left', 'word-left', 'word-right', 'kill-word-forward', 'kill-word-back']);
  });

  it('keeps unknown sequences apart so they cannot leak into the line', () => {
    expect(parseInput('\x1b[15~a')).toEqual([{ kind: 'unknown', seq: '\x1b[15~' }, { kind: 'text', text: 'a' }]);
  });

  it('turns a bracketed paste into its lines, each followed by Enter', () => {
    expect(parseInput('\x1b[200~echo one\r\necho\ttwo\nech\x1b[201~o')).toEqual([
      { kind: 'text', text: 'echo one' }, { kind: 'key', name: 'enter' },
      { kind: 'text', text: 'echo    two' }, { kind: 'key', name: 'enter' },
      { kind: 'text', text: 'ech' }, { kind: 'text', text: 'o' },
    ]);
    expect(pasteKeys('a\x03b\n')).toEqual([{ kind: 'text', text: 'ab' }, { kind: 'key', name: 'enter' }]);
  });

  it('reads a CR LF pasted without brackets as one Enter', () => {
    expect(parseInput('ls\r\npwd\r')).toEqual([
      { kind: 'text', text: 'ls' }, { kind: 'key', name: 'enter' }, { kind: 'text', text: 'pwd' }, { kind: 'key', name: 'enter' },
    ]);
  });
});
