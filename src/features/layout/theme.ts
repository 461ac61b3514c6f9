// The colour theme: the student's choice (light, dark, projector, or auto = follow the system) and the theme it
// resolves to. The projector theme is a high-contrast light theme for a room with a projector.

export type ThemeChoice = 'auto' | 'light' | 'dark' | 'projector';
export type ResolvedTheme = 'light' | 'dark' | 'projector';

export const THEME_CHOICES: readonly ThemeChoice[] = ['auto', 'light', 'dark', 'projector'];
export const THEME_KEY = 'kubesim:theme';

/** The theme shown for a choice when the system prefers dark (`systemDark`) or not. Pure. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): ResolvedTheme {
  return choice === 'auto' ? (systemDark ? 'dark' : 'light') : choice;
}

/** The choice after `choice` in the toggle's cycle: auto → light → dark → projector → auto. Pure. */
export function nextThemeChoice(choice: ThemeChoice): ThemeChoice {
  return THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length];
}

/** A stored choice or an address's `theme=`; anything unknown reads as auto. Pure. */
export function parseThemeChoice(raw: string | null | undefined): ThemeChoice {
  return raw === 'light' || raw === 'dark' || raw === 'projector' ? raw : 'auto';
}
