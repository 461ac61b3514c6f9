// The terminal's colours for the light, dark and projector themes: the page's background and text, and an ANSI
// palette drawn from Okabe–Ito hues, darkened (light, projector) or lightened (dark) to keep text at 4.5:1 or more.
import type { ITheme } from '@xterm/xterm';
import type { ResolvedTheme } from '../layout/theme';

export const TERMINAL_THEMES: Readonly<Record<ResolvedTheme, Readonly<Required<Pick<ITheme,
  'background' | 'foreground' | 'cursor' | 'cursorAccent' | 'selectionBackground' | 'black' | 'red' | 'green' | 'yellow' |
  'blue' | 'magenta' | 'cyan' | 'white' | 'brightBlack' | 'brightRed' | 'brightGreen' | 'brightYellow' | 'brightBlue' |
  'brightMagenta' | 'brightCyan' | 'brightWhite'>>>>> = {
  light: {
    background: '#fbfbfc', foreground: '#1b1f24', cursor: '#1b1f24', cursorAccent: '#fbfbfc', selectionBackground: '#b9d8ee',
    black: '#1b1f24', red: '#b23c00', green: '#00704f', yellow: '#8a5a00', blue: '#005f99', magenta: '#9c3f78', cyan: '#00677f',
    white: '#5b6470', brightBlack: '#5b6470', brightRed: '#a94500', brightGreen: '#00684a', brightYellow: '#7a5000',
    brightBlue: '#0072b2', brightMagenta: '#8f3a6e', brightCyan: '#005c72', brightWhite: '#3d444d',
  },
  projector: {
    background: '#ffffff', foreground: '#000000', cursor: '#000000', cursorAccent: '#ffffff', selectionBackground: '#a9cfe8',
    black: '#000000', red: '#8f3200', green: '#005c41', yellow: '#6b4600', blue: '#004f80', magenta: '#7f2e5e', cyan: '#00546a',
    white: '#3d3d3d', brightBlack: '#3d3d3d', brightRed: '#8a3800', brightGreen: '#00563d', brightYellow: '#654000',
    brightBlue: '#005a8c', brightMagenta: '#76295a', brightCyan: '#004c5f', brightWhite: '#2b2b2b',
  },
  dark: {
    background: '#14171b', foreground: '#e4e7eb', cursor: '#e4e7eb', cursorAccent: '#14171b', selectionBackground: '#2f4d66',
    black: '#5b6470', red: '#f08a4b', green: '#3fc49a', yellow: '#f0e442', blue: '#56b4e9', magenta: '#e59ccb', cyan: '#7fd4f0',
    white: '#e4e7eb', brightBlack: '#9aa4af', brightRed: '#f5a374', brightGreen: '#6fd6b4', brightYellow: '#f5ec7a',
    brightBlue: '#85cbf0', brightMagenta: '#efbadb', brightCyan: '#a6e2f5', brightWhite: '#ffffff',
  },
};
