// The page's small preferences in localStorage (layout, theme, terminal history), read and written without
// ever throwing: a browser that refuses storage (private mode, full quota) just forgets them.

/** A string store; `localStorage` in the page, a Map in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The browser's localStorage, or undefined where there is none or access throws. */
export function browserStore(): KeyValueStore | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** Reads `key`, or null when missing or unreadable. */
export function readKey(store: KeyValueStore | undefined, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Writes `key`; a refused write is ignored. */
export function writeKey(store: KeyValueStore | undefined, key: string, value: string): void {
  try {
    store?.setItem(key, value);
  } catch {
    // Storage full or disabled: the preference lasts for this page only.
  }
}
