// The page's theme as shared state: the stored choice, the system preference it follows on auto, and the
// `data-theme` attribute on <html> that switches the CSS custom properties. A theme named in the page's address
// (`theme=`) is shown and never stored; projection mode shows the projector theme while it lasts.
import { createContext } from 'svelte';
import { readKey, writeKey, type KeyValueStore } from '../../ui/local-store';
import { nextThemeChoice, parseThemeChoice, resolveTheme, THEME_KEY, type ResolvedTheme, type ThemeChoice } from './theme';

export class ThemeState {
  choice = $state<ThemeChoice>('auto');
  systemDark = $state(false);
  readonly resolved: ResolvedTheme = $derived(resolveTheme(this.choice, this.systemDark));

  /** Whether choices are stored: not when the address named the theme. */
  private readonly persist: boolean;
  /** The choice projection mode replaced, while it lasts. */
  private beforePresenting: ThemeChoice | undefined;

  /** `pinned`: the theme the page's address asked for, if any. */
  constructor(private readonly store?: KeyValueStore, pinned?: ThemeChoice) {
    this.choice = pinned ?? parseThemeChoice(readKey(store, THEME_KEY));
    this.persist = pinned === undefined;
  }

  /** Whether the page's address chose the theme. */
  get pinned(): boolean {
    return !this.persist;
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    if (this.persist && this.beforePresenting === undefined) writeKey(this.store, THEME_KEY, choice);
  }

  /**
   * Projection mode on: the projector theme until it ends (unless the address chose a theme), without storing it;
   * off: the choice from before comes back.
   */
  present(on: boolean): void {
    if (this.pinned) return;
    if (on && this.beforePresenting === undefined) {
      this.beforePresenting = this.choice;
      this.choice = 'projector';
    } else if (!on && this.beforePresenting !== undefined) {
      this.choice = this.beforePresenting;
      this.beforePresenting = undefined;
    }
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
