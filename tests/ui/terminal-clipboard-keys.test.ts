import { describe, expect, it } from 'vitest';
import { copyKeyAction } from '../../src/features/terminal/clipboard-keys';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'metaKey' | 'altKey', boolean>> = {}, type = 'keydown') => ({
  type, key: k, code: `Key${k.toUpperCase()}`, ctrlKey: false, shiftKey: false, metaKey: false, altKey: false, ...mods,
});

describe('copy and paste keys in the terminal', () => {
  it('copies with Ctrl-Shift-C or Cmd-C, and with Ctrl-C only while text is selected', () => {
    expect(copyKeyAction(key('C', { ctrlKey: true, shiftKey: true }), false)).toBe('copy');
    expect(copyKeyAction(key('c', { metaKey: true }), true)).toBe('copy');
    expect(copyKeyAction(key('c', { ctrlKey: true }), true)).toBe('copy');
    expect(copyKeyAction(key('c', { ctrlKey: true }), false)).toBe('terminal');
  });

  it('leaves Ctrl-V, Ctrl-Shift-V and Cmd-V to the browser, which pastes', () => {
    expect(copyKeyAction(key('v', { ctrlKey: true }), false)).toBe('browser');
    expect(copyKeyAction(key('V', { ctrlKey: true, shiftKey: true }), false)).toBe('browser');
    expect(copyKeyAction(key('v', { metaKey: true }), false)).toBe('browser');
  });

  it('sends everything else to the shell', () => {
    expect(copyKeyAction(key('a', { ctrlKey: true }), true)).toBe('terminal');
    expect(copyKeyAction(key('c'), true)).toBe('terminal');
    expect(copyKeyAction(key('c', { ctrlKey: true }, 'keyup'), true)).toBe('terminal');
    expect(copyKeyAction(key('v', { ctrlKey: true, altKey: true }), false)).toBe('terminal');
  });
});
