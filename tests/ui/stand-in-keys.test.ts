// The terminal's stand-in turns keys into the data xterm.js would have sent, and echoes text as it is typed.
import { describe, expect, it } from 'vitest';
import { echoed, keyData } from '../../src/features/terminal/stand-in-keys';
import { parseInput } from '../../src/features/terminal/input-keys';

const press = (key: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'metaKey' | 'isComposing'>> = {}) =>
  keyData({ key, ctrlKey: false, altKey: false, metaKey: false, isComposing: false, ...mods });

describe('the stand-in terminal keys', () => {
  it('sends text, Enter, Backspace, Tab and arrows as the line editor reads them from xterm.js', () => {
    expect(press('k')).toBe('k');
    expect(press('$')).toBe('$');
    expect(parseInput([press('Enter'), press('Backspace'), press('Tab'), press('ArrowUp'), press('ArrowLeft'), press('Home'), press('End'), press('Delete')].join('')))
      .toEqual(['enter', 'backspace', 'tab', 'up', 'left', 'home', 'end', 'delete'].map((name) => ({ kind: 'key', name })));
  });

  it('sends Ctrl and a letter as its control character, and leaves other shortcuts to the browser', () => {
    expect(parseInput(press('c', { ctrlKey: true })!)).toEqual([{ kind: 'ctrl', letter: 'c' }]);
    expect(press('L', { ctrlKey: true })).toBe('\x0c');
    expect(press('1', { ctrlKey: true })).toBeUndefined();
    expect(press('v', { metaKey: true })).toBeUndefined();
    expect(press('b', { altKey: true })).toBeUndefined();
    expect(press('Shift')).toBeUndefined();
    expect(press('F5')).toBeUndefined();
    expect(press('a', { isComposing: true })).toBeUndefined();
  });

  it('echoes typed text, takes a character back on Backspace, and leaves the line as it is for other keys', () => {
    let line = '';
    for (const data of ['k', 'u', 'b', 'x', '\x7f', 'e', '\x1b[A', '\t']) line = echoed(line, data);
    expect(line).toBe('kube');
    expect(echoed('', '\x7f')).toBe('');
    expect(echoed('a', 'é')).toBe('aé');
  });
});
