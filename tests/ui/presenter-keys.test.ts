import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT } from '../../src/features/layout/layout-math';
import { readFileSync } from 'node:fs';
import { SHORTCUTS, focusKind, shortcutFor, type KeyPress } from '../../src/features/presenter/shortcuts';
import { pageParams, parsePanes } from '../../src/features/presenter/page-params';
import { PROJECTION_SPEED, PresenterState, nextSpeed, type PresenterParts } from '../../src/features/presenter/presenter-state.svelte';
import { pageScale, PROJECTION_SCALE } from '../../src/features/presenter/page-scale.svelte';
import { LayoutState, PROJECTION_HIDDEN, PROJECTION_LAYOUT } from '../../src/features/layout/layout-state.svelte';
import { ThemeState } from '../../src/features/layout/theme-state.svelte';
import { TERMINAL_THEMES } from '../../src/features/terminal/terminal-theme';
import { contrastRatio } from '../../src/ui/contrast';

const press = (key: string, code = '', mods: Partial<KeyPress> = {}): KeyPress =>
  ({ key, code, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });

/** An element whose `closest` answers for the selectors it matches. */
const inside = (...matches: string[]) => ({ closest: (selector: string) => (matches.some((m) => selector.split(',').some((s) => s.trim().startsWith(m))) ? {} : null) });

function memoryStore() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('the presenter keys', () => {
  it('map bare keys to actions when focus is not where the student types', () => {
    expect(shortcutFor(press(' ', 'Space'), 'other')).toBe('toggle-play');
    expect(shortcutFor(press('.', 'Period'), 'other')).toBe('step');
    expect(shortcutFor(press('+', 'Equal', { shiftKey: true }), 'other')).toBe('faster');
    expect(shortcutFor(press('=', 'Equal'), 'other')).toBe('faster');
    expect(shortcutFor(press('-', 'Minus'), 'other')).toBe('slower');
    expect(shortcutFor(press('n', 'KeyN'), 'other')).toBe('next-step');
    expect(shortcutFor(press('r', 'KeyR'), 'control')).toBe('reset-step');
    expect(shortcutFor(press('?', 'Slash', { shiftKey: true }), 'other')).toBe('cheat-sheet');
    expect(shortcutFor(press('p', 'KeyP'), 'other')).toBe('projection');
    expect(shortcutFor(press('x', 'KeyX'), 'other')).toBeUndefined();
  });

  it('never fire while typing in the terminal, the editor or a field, unless with Alt+Shift', () => {
    for (const key of [' ', '.', '+', '-', 'n', 'r', '?', 'p', 't']) expect(shortcutFor(press(key), 'typing'), key).toBeUndefined();
    expect(shortcutFor(press('N', 'KeyN', { altKey: true, shiftKey: true }), 'typing')).toBe('next-step');
    expect(shortcutFor(press('¿', 'Slash', { altKey: true, shiftKey: true }), 'typing')).toBe('cheat-sheet');
    expect(shortcutFor(press(' ', 'Space', { altKey: true, shiftKey: true }), 'typing')).toBe('toggle-play');
    // Alt alone, Ctrl and Cmd belong to the terminal and the browser.
    expect(shortcutFor(press('n', 'KeyN', { altKey: true }), 'other')).toBeUndefined();
    expect(shortcutFor(press('r', 'KeyR', { ctrlKey: true }), 'other')).toBeUndefined();
    expect(shortcutFor(press('r', 'KeyR', { metaKey: true, altKey: true, shiftKey: true }), 'other')).toBeUndefined();
  });

  it('leave Space to the focused button', () => {
    expect(shortcutFor(press(' ', 'Space'), 'control')).toBeUndefined();
    expect(shortcutFor(press('.', 'Period'), 'control')).toBe('step');
  });

  it('tell typing places from controls', () => {
    expect(focusKind(inside('.xterm'))).toBe('typing');
    expect(focusKind(inside('.cm-editor'))).toBe('typing');
    expect(focusKind(inside('textarea'))).toBe('typing');
    expect(focusKind(inside('button'))).toBe('control');
    expect(focusKind(inside())).toBe('other');
    expect(focusKind(null)).toBe('other');
  });

  it('lists every action once on the cheat sheet, each with a key', () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
    for (const s of SHORTCUTS) expect(s.keys.length * s.match.length * s.code.length * s.does.length).toBeGreaterThan(0);
  });
});

describe('the page address', () => {
  it('reads the theme, the panes and projection mode', () => {
    expect(pageParams('?theme=dark&panes=terminal,topology&projector=1')).toEqual({ theme: 'dark', panes: ['cluster', 'terminal'], projector: true });
    expect(pageParams('?theme=Projector&projector')).toEqual({ theme: 'projector', projector: true });
    expect(pageParams('?theme=purple&projector=0&panes=nothing')).toEqual({ projector: false });
    expect(pageParams('')).toEqual({ projector: false });
  });

  it('accepts the pane names a teacher would use', () => {
    expect(parsePanes('events+lesson editor')).toEqual(['lab', 'editor', 'drawer']);
    expect(parsePanes('')).toBeUndefined();
    expect(parsePanes(null)).toBeUndefined();
  });
});

describe('projection mode', () => {
  function setup(options: { panes?: string; theme?: 'dark'; stored?: Record<string, string> } = {}) {
    const store = memoryStore();
    for (const [k, v] of Object.entries(options.stored ?? {})) store.data.set(k, v);
    const layout = new LayoutState(store, options.panes ? parsePanes(options.panes) : undefined);
    const theme = new ThemeState(store, options.theme);
    const calls: string[] = [];
    const client = {
      phase: 'running' as 'running' | 'paused', speed: 5 as number,
      setSpeed(s: number) { this.speed = s; },
      play() { this.phase = 'running'; calls.push('play'); },
      pause() { this.phase = 'paused'; calls.push('pause'); },
      async step() { this.phase = 'paused'; calls.push('step'); },
    };
    const labs = {
      runner: undefined as unknown, busy: undefined as string | undefined,
      async skipToNext() { calls.push('next'); }, async resetStep() { calls.push('reset'); },
    };
    const props = new Map<string, string>();
    const style = { setProperty: (k: string, v: string) => props.set(k, v), removeProperty: (k: string) => props.delete(k), get: (k: string) => props.get(k) };
    const root = { dataset: {} as Record<string, string>, style } as unknown as HTMLElement;
    const presenter = new PresenterState({ client, layout, theme, labs, root } as unknown as PresenterParts);
    return { store, layout, theme, client, labs, calls, presenter, root };
  }

  it('turns on large type, the projector theme, slow motion and the projection panes, and gives them back after', () => {
    const { presenter, layout, theme, client, root, store } = setup({ stored: { 'kubesim:theme': 'dark' } });
    presenter.run('projection');
    expect(root.dataset.projection).toBe('');
    expect((root.style as unknown as { get(k: string): string | undefined }).get('--ui-scale')).toBe('1.6');
    expect(pageScale.value).toBe(PROJECTION_SCALE);
    expect(theme.resolved).toBe('projector');
    expect(client.speed).toBe(PROJECTION_SPEED);
    expect(layout.prefs).toEqual(PROJECTION_LAYOUT);
    expect(layout.prefs.hidden).toEqual(PROJECTION_HIDDEN);
    // The presenter's pick of panes is kept for next time, apart from the ordinary layout.
    layout.setHidden('lab', false);
    presenter.run('projection');
    expect(root.dataset.projection).toBeUndefined();
    expect(pageScale.value).toBe(1);
    expect(theme.choice).toBe('dark');
    expect(store.data.get('kubesim:theme')).toBe('dark');
    expect(client.speed).toBe(5);
    expect(layout.prefs.hidden).toEqual([]);
    expect(layout.prefs.splits.bottom).toBe(DEFAULT_LAYOUT.splits.bottom);
    const again = new LayoutState(store);
    again.present(true);
    expect(again.prefs).toEqual({ ...PROJECTION_LAYOUT, hidden: ['editor', 'drawer'] });
  });

  it('keeps the theme and panes an address asked for, and stores neither', () => {
    const { presenter, layout, theme, store } = setup({ panes: 'terminal,topology', theme: 'dark' });
    presenter.setProjecting(true);
    expect(theme.choice).toBe('dark');
    expect(layout.prefs.hidden).toEqual(['lab', 'editor', 'drawer']);
    layout.setHidden('drawer', false);
    theme.cycle();
    expect(store.data.size).toBe(0);
    presenter.setProjecting(false);
  });

  it('plays, pauses, steps and changes speed by notches', () => {
    const { presenter, client, calls } = setup();
    expect(presenter.run('toggle-play')).toBe('paused');
    expect(presenter.run('toggle-play')).toBe('playing');
    presenter.run('step');
    expect(client.phase).toBe('paused');
    expect(presenter.run('faster')).toBe('speed 10×');
    expect(presenter.run('slower')).toBe('speed 5×');
    expect(calls).toEqual(['pause', 'play', 'step']);
    expect([nextSpeed(0.25, -1), nextSpeed(100, 1), nextSpeed(1, 1), nextSpeed(3, -1)]).toEqual([0.25, 100, 2, 2]);
  });

  it('moves the lab on or resets its step only when a lab is open', () => {
    const { presenter, labs, calls } = setup();
    expect(presenter.run('next-step')).toBe('no lab is open');
    labs.runner = {};
    presenter.run('next-step');
    presenter.run('reset-step');
    labs.busy = 'Rebuilding…';
    expect(presenter.run('reset-step')).toBe('Rebuilding…');
    expect(calls).toEqual(['next', 'reset']);
    expect(presenter.run('cheat-sheet')).toBe('keys shown');
    expect(presenter.cheatSheet).toBe(true);
  });
});

describe('the projector theme', () => {
  const css = readFileSync('src/app.css', 'utf8');
  const block = (selector: string) => {
    const start = css.indexOf(`${selector} {`);
    const body = css.slice(start, css.indexOf('}', start));
    return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1], m[2]]));
  };
  const vars = { ...block(':root'), ...block(":root[data-theme='projector']") };

  it('keeps text at 7:1 or more and status hues at 3:1 or more on every surface', () => {
    for (const text of ['--fg', '--muted', '--accent', '--bad-text', '--warn-text', '--ok-text']) {
      for (const surface of ['--bg', '--panel', '--panel-2', '--terminal', '--stripe']) {
        expect(contrastRatio(vars[text], vars[surface]), `${text} on ${surface}`).toBeGreaterThanOrEqual(7);
      }
    }
    for (const hue of ['--ok', '--progress', '--bad', '--leaving', '--done', '--line']) {
      expect(contrastRatio(vars[hue], vars['--panel']), hue).toBeGreaterThanOrEqual(3);
    }
    expect(TERMINAL_THEMES.projector.background).toBe(vars['--terminal']);
    expect(TERMINAL_THEMES.projector.foreground).toBe(vars['--fg']);
  });
});

describe('projection scale', () => {
  it('is 1.6 on a 1920-wide projector and smaller on smaller screens, never below 1.15', async () => {
    const { projectionScale } = await import('../../src/features/presenter/page-scale.svelte');
    expect([2560, 1920, 1440, 1280, 1024].map(projectionScale)).toEqual([1.6, 1.6, 1.2, 1.15, 1.15]);
  });
});
