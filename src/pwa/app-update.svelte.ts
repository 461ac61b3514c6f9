// The page's side of its service worker (vite-plugin-pwa's registration over workbox-window): registers it,
// notices when a newly deployed version is installed and waiting, and switches to it on request.
import { registerSW } from 'virtual:pwa-register';

/** How often an open page asks the host whether a new version was deployed (a lesson can last hours). */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** The service worker as the page sees it: `waiting` is true while a new version waits to take over. */
export class AppUpdate {
  waiting = $state(false);
  #activate: ((reloadPage?: boolean) => Promise<void>) | undefined;

  /** Registers the service worker once (a no-op in the single-file build, which has none). */
  start(): void {
    if (this.#activate) return;
    this.#activate = registerSW({
      onNeedRefresh: () => { this.waiting = true; },
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        setInterval(() => { if (navigator.onLine) void registration.update().catch(() => undefined); }, UPDATE_CHECK_MS);
      },
      onRegisterError: (error: unknown) => console.warn('kubesim works without offline support here:', error),
    });
  }

  /** Lets the waiting version take over; the page reloads once it controls the page. */
  async reload(): Promise<void> {
    await this.#activate?.(true);
  }

  /** Hides the offer until the next visit (the new version then starts by itself once every tab is closed). */
  dismiss(): void {
    this.waiting = false;
  }
}

/** The page's one service worker link. */
export const appUpdate = new AppUpdate();
