// The built page as one e2e test file uses it: dist/ (or KUBESIM_DIST) served over HTTP under /kubesim/, and
// Chromium when the file shares one browser, both opened before the file's tests and closed after them.
import { afterAll, beforeAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serveStatic, type StaticServer } from './static-server';
import { launchChromium, type Browser } from './browser';

/** The hosted build the browser tests load. */
export const DIST = resolve(process.env.KUBESIM_DIST ?? 'dist');
/** Where the tests leave their screenshots (CI keeps the folder in its log). */
export const RESULTS = resolve('test-results');

type Viewport = { readonly width: number; readonly height: number };

/** Serves the build for this file's tests; `ready` gets the server before the first test. */
export function useBuiltServer(ready: (server: StaticServer) => void): void {
  useBuilt(false, (server) => ready(server));
}

/** Serves the build and launches one Chromium (at `viewport`) for this file's tests; `ready` gets both first. */
export function useBuiltSite(ready: (server: StaticServer, browser: Browser) => void, viewport?: Viewport): void {
  useBuilt(viewport ?? true, (server, browser) => ready(server, browser!));
}

function useBuilt(viewport: Viewport | boolean, ready: (server: StaticServer, browser: Browser | undefined) => void): void {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(`${DIST}/index.html`)) throw new Error('dist/index.html is missing: run `npm run build` before the e2e tests');
    await mkdir(RESULTS, { recursive: true });
    server = await serveStatic(DIST, '/kubesim/');
    if (viewport !== false) browser = await launchChromium(viewport === true ? undefined : viewport);
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}
