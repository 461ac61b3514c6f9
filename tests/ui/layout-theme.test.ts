import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nextThemeChoice, parseThemeChoice, resolveTheme } from '../../src/features/layout/theme';
import { ThemeState } from '../../src/features/layout/theme-state.svelte';
import { TERMINAL_THEMES } from '../../src/features/terminal/terminal-theme';
import { contrastRatio } from '../../src/ui/contrast';

/** The custom properties set in one block of app.css (the block opening with `selector {`). */
function cssBlock(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no block ${selector}`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1], m[2]]));
}

const css = readFileSync('src/app.css', 'utf8');
const light = cssBlock(css, ':root');
const dark = { ...light, ...cssBlock(css, ":root[data-theme='dark']") };
const darkAuto = { ...light, ...cssBlock(css, ':root:not([data-theme])') };

describe('themes', () => {
  it('resolves auto from the system preference, cycles auto → light → dark → projector, and reads stored choices', () => {
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(['auto', 'light', 'dark', 'projector'].map((c) => nextThemeChoice(c as 'auto'))).toEqual(['light', 'dark', 'projector', 'auto']);
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('purple')).toBe('auto');
  });

  it('remembers the choice', () => {
    const data = new Map<string, string>([['kubesim:theme', 'dark']]);
    const store = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    const theme = new ThemeState(store);
    expect(theme.choice).toBe('dark');
    expect(theme.resolved).toBe('dark');
    theme.cycle();
    expect(theme.choice).toBe('projector');
    theme.cycle();
    expect(theme.choice).toBe('auto');
    expect(data.get('kubesim:theme')).toBe('auto');
  });

  it('keeps every text colour at 4.5:1 or more on every surface, in both themes', () => {
    expect(dark).toEqual(darkAuto);
    for (const [name, vars] of [['light', light], ['dark', dark]] as const) {
      for (const text of ['--fg', '--muted', '--accent', '--bad-text', '--warn-text', '--ok-text']) {
        for (const surface of ['--bg', '--panel', '--panel-2', '--terminal', '--stripe']) {
          expect(contrastRatio(vars[text], vars[surface]), `${name} ${text} on ${surface}`).toBeGreaterThanOrEqual(4.5);
        }
      }
      expect(contrastRatio(vars['--on-accent'], vars['--accent']), `${name} --on-accent`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives the terminal the page colours and an ANSI palette readable on its background', () => {
    expect(TERMINAL_THEMES.light.background).toBe(light['--terminal']);
    expect(TERMINAL_THEMES.dark.background).toBe(dark['--terminal']);
    for (const [name, t] of Object.entries(TERMINAL_THEMES)) {
      // By convention "black" is for light backgrounds and "white" for dark ones; xterm's minimumContrastRatio lifts them.
      const skip = name === 'dark' ? ['black'] : ['white', 'brightWhite'];
      for (const key of ['foreground', 'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'brightBlack', 'brightRed',
        'brightGreen', 'brightYellow', 'brightBlue', 'brightMagenta', 'brightCyan', 'brightWhite'] as const) {
        if (skip.includes(key)) continue;
        expect(contrastRatio(t[key], t.background), `${name} ${key}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#777', '#777')).toBe(1);
  });
});
