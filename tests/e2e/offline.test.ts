// The hosted build offline in Debian's Chromium: served from a sub-path, the first visit installs the service
// worker, which precaches every file and takes that first page over (so what it loads on first use comes from the
// cache if the network drops); with the network off a reload still boots the cluster, runs kubectl and
// opens the editor, and the saved session comes back. A newly deployed version waits, is offered with a reload
// prompt, and takes over on reload.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic, type StaticServer } from './helpers/static-server';
import { CHROMIUM_PATH } from './helpers/browser';
import { run, terminalRows, waitForPrompt, watchProblems } from './helpers/terminal';

const DIST = resolve(process.env.KUBESIM_DIST ?? 'dist');
const RESULTS = resolve('test-results');
const NODE_ROW = /^aks-nodepool1-\d{8}-vmss00000\d\s+Ready\s+agent\s+\S+\s+v1\.\d+\.\d+$/;

let work: string;
const open: { context: BrowserContext; profile: string; server: StaticServer }[] = [];

beforeAll(async () => {
  if (!existsSync(`${DIST}/sw.js`)) throw new Error('dist/sw.js is missing: run `npm run build` before the e2e tests');
  await mkdir(RESULTS, { recursive: true });
  work = await mkdtemp(join(tmpdir(), 'kubesim-offline-'));
});

afterEach(async () => {
  for (const { context, profile, server } of open.splice(0)) {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A copy of dist/ (a deployment that the test can change) served from a sub-path, and a Chromium with service workers on. */
async function deploy(name: string): Promise<{ context: BrowserContext; server: StaticServer; root: string }> {
  const root = join(work, name);
  await cp(DIST, root, { recursive: true });
  const server = await serveStatic(root, '/courses/k8s/kubesim/');
  const profile = await mkdtemp(join(tmpdir(), 'kubesim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, headless: true, serviceWorkers: 'allow', viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  open.push({ context, profile, server });
  return { context, server, root };
}

/** Opens the page, then reloads it once the service worker is active, so that the worker controls it. */
async function openControlled(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 20_000 }).toBe('activated');
  return page;
}

describe('the hosted build offline', () => {
  it('serves what loads on first use from the cache once installed, even if the network drops on the first visit', async () => {
    const { context, server } = await deploy('first-visit');
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}?seed=2`);
    await waitForPrompt(page);
    // No reload: the newly installed worker takes this page over by itself.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 30_000 }).toBe('activated');
    expect(await page.locator('.xterm').count()).toBe(0);
    await context.setOffline(true);
    const out = await run(page, 'kubectl get nodes');
    expect(out.filter((r) => NODE_ROW.test(r))).toHaveLength(3);
    await page.screenshot({ path: `${RESULTS}/offline-first-visit.png` });
    expect(problems).toEqual([]);
  });

  it('works with the network off after one visit: the cluster boots, kubectl runs and the editor opens', async () => {
    const { context, server } = await deploy('offline');
    const page = await openControlled(context, `${server.url}?seed=1`);
    const precached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    // Every file of the page is in the cache: the page, its scripts (the engine's worker and the lazily loaded
    // editor among them), its styles, icon and manifest.
    const files = (await readFile(join(DIST, 'index.html'), 'utf8')).match(/\.\/assets\/[^"]+/g) ?? [];
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) expect(precached).toContain(`/courses/k8s/kubesim/${file.slice(2)}`);
    expect(precached.filter((p) => /\/assets\/.+\.js$/.test(p)).length).toBeGreaterThanOrEqual(4);
    for (const name of ['index.html', 'favicon.svg', 'manifest.webmanifest']) expect(precached).toContain(`/courses/k8s/kubesim/${name}`);

    // The network goes away: the browser is offline and the host is gone too.
    await context.setOffline(true);
    await server.close();
    const problems = watchProblems(page);
    const responses: { url: string; fromServiceWorker: boolean }[] = [];
    context.on('response', (r) => responses.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker() }));
    await page.reload();
    await waitForPrompt(page);

    let nodes: string[] = [];
    await expect.poll(async () => {
      nodes = (await run(page, 'kubectl get nodes')).slice(1);
      return nodes.filter((r) => NODE_ROW.test(r)).length;
    }, { timeout: 30_000 }).toBe(3);
    expect(nodes).toHaveLength(3);

    // The editor's code is loaded on demand: it comes from the cache too.
    const editor = page.getByTestId('editor');
    await editor.getByRole('button', { name: 'New file' }).click();
    await editor.getByRole('textbox', { name: /New file/ }).fill('offline.yaml');
    await editor.getByRole('textbox', { name: /New file/ }).press('Enter');
    await editor.locator('.cm-content').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${RESULTS}/offline-reload.png` });

    // Everything the offline page loaded came from its service worker, from its own origin.
    const http = responses.filter((r) => r.url.startsWith('http'));
    expect(http.length).toBeGreaterThan(3);
    for (const r of http) {
      expect(new URL(r.url).origin).toBe(new URL(server.url).origin);
      expect(r, r.url).toMatchObject({ fromServiceWorker: true });
    }
    expect(problems).toEqual([]);
    expect(server.missing).toEqual([]);
    // And the network really is gone: a file that is not in the cache cannot be fetched.
    const uncached = await page.evaluate(() => fetch('./favicon.svg?not-cached').then(() => 'fetched', () => 'failed'));
    expect(uncached).toBe('failed');
  });

  it('brings the saved session back offline', async () => {
    const { context, server } = await deploy('offline-session');
    const page = await openControlled(context, server.url);
    await waitForPrompt(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    const pods = async () => (await run(page, 'kubectl get pods -o custom-columns=NAME:.metadata.name --no-headers')).filter((r) => r.startsWith('web-'));
    const before = await pods();
    expect(before).toHaveLength(2);
    await context.setOffline(true);
    await server.close();
    const problems = watchProblems(page);
    await page.reload();
    await waitForPrompt(page);
    await expect.poll(async () => (await terminalRows(page)).some((r) => r.includes('# session restored at')), { timeout: 30_000 }).toBe(true);
    expect(await pods()).toEqual(before);
    expect(problems).toEqual([]);
  });

  it('offers a newly deployed version with a reload prompt, and reload switches to it', async () => {
    const { context, server, root } = await deploy('update');
    const page = await openControlled(context, `${server.url}?seed=2`);
    const problems = watchProblems(page);
    await waitForPrompt(page);
    expect(await page.getByTestId('update-prompt').count()).toBe(0);

    // A new deployment: the service worker's file changes, so the browser installs the new one beside the old.
    const sw = join(root, 'sw.js');
    await writeFile(sw, `${await readFile(sw, 'utf8')}\n// the next version\n`);
    await page.reload();
    const prompt = page.getByTestId('update-prompt');
    await prompt.waitFor({ timeout: 20_000 });
    expect(await prompt.innerText()).toMatch(/^A new version of kubesim is available —\s*reload/);
    expect(await prompt.getAttribute('role')).toBe('status');
    await page.screenshot({ path: `${RESULTS}/offline-update-prompt.png` });

    // "not now" hides it; the new version keeps waiting, so the next visit offers it again.
    await prompt.getByRole('button', { name: 'not now' }).click();
    await prompt.waitFor({ state: 'detached' });
    await page.reload();
    await prompt.waitFor({ timeout: 20_000 });
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');

    // reload: the waiting worker takes over and the page reloads itself under it.
    const reloaded = page.waitForEvent('load', { timeout: 20_000 });
    await prompt.getByRole('button', { name: 'reload' }).click();
    await reloaded;
    await waitForPrompt(page);
    expect(await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: registration?.waiting ?? null, controlled: navigator.serviceWorker.controller?.state };
    })).toEqual({ waiting: null, controlled: 'activated' });
    expect(await prompt.count()).toBe(0);
    expect(problems).toEqual([]);
    expect(server.missing).toEqual([]);
  });
});
