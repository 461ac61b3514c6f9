// The page's theme as shared state: the stored choice, the system preference it follows on auto, and the
// `data-theme` attribute on <html> that switches the CSS custom properties.
import { createContext } from 'svelte';
import { readKey, writeKey, type KeyValueStore } from '../../ui/local-store';
import { nextThemeChoice, parseThemeChoice, resolveTheme, THEME_KEY, type ResolvedTheme, type ThemeChoice } from './theme';

export class ThemeState {
  choice = $state<ThemeChoice>('auto');
  systemDark = $state(false);
  readonly resolved: ResolvedTheme = $derived(resolveTheme(this.choice, this.systemDark));

  constructor(private readonly store?: KeyValueStore) {
    this.choice = parseThemeChoice(readKey(store, THEME_KEY));
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    writeKey(this.store, THEME_KEY, choice);
  }

  /** The toggle: auto → light → dark → auto. */
  cycle(): void {
    this.set(nextThemeChoice(this.choice));
  }

  /** Follows the system preference and mirrors the theme on `root`; returns the cleanup. */
  attach(root: HTMLElement, media: MediaQueryList | undefined): () => void {
    const onChange = (e: MediaQueryListEvent): void => { this.systemDark = e.matches; };
    if (media) {
      this.systemDark = media.matches;
      media.addEventListener('change', onChange);
    }
    const stop = $effect.root(() => {
      $effect(() => {
        if (this.choice === 'auto') delete root.dataset.theme;
        else root.dataset.theme = this.choice;
      });
    });
    return () => {
      media?.removeEventListener('change', onChange);
      stop();
    };
  }
}

/** The page's one ThemeState, shared through typed context. */
export const [getThemeState, setThemeState] = createContext<ThemeState>();
