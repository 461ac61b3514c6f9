// Debian's Chromium driven by playwright-core: a fresh profile per launch, no network beyond this machine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian installs Chromium; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a new, empty user-data-dir that is removed again on close. */
export async function launchChromium(viewport = { width: 1366, height: 768 }, colorScheme: 'light' | 'dark' = 'light'): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'kubesim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport, colorScheme, reducedMotion: 'reduce', serviceWorkers: 'block',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
