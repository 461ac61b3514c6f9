// The first page in Debian's Chromium: the built app, served from a sub-path, boots the simulated AKS cluster,
// shows its nodes, runs kubectl from the command box, and plays and pauses the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic, type StaticServer } from './helpers/static-server';
import { launchChromium, type Browser } from './helpers/browser';

const DIST = resolve('dist');
const RESULTS = resolve('test-results');
const NODE_NAME = /^aks-nodepool1-\d{8}-vmss00000\d$/;

const WEB_DEPLOYMENT = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
  },
};
const WEB_SERVICE = {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
  spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] },
};

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${DIST}/index.html`)) throw new Error('dist/index.html is missing: run `npm run build` before the e2e tests');
  await mkdir(RESULTS, { recursive: true });
  server = await serveStatic(DIST, '/kubesim/');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page and records every console error, uncaught exception and failed request. */
async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  await page.goto(url);
  return { page, problems };
}

/** The text of each row of one of the page's tables, cells joined by a tab. */
function tableRows(page: Page, id: string): Promise<string[]> {
  return page.locator(`[data-testid="${id}"] tbody tr`).evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/[●◐✖◌✔]/g, '').trim()).join('\t')));
}

async function waitForReadyNodes(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('[data-testid="nodes"] tbody tr')];
    return rows.length === n && rows.every((r) => r.querySelectorAll('td')[1]?.textContent?.includes('Ready'));
  }, count, { timeout: 30_000 });
  return tableRows(page, 'nodes');
}

const clock = (page: Page) => page.getByTestId('clock').innerText();

describe('the first page', () => {
  it('shows the live cluster, runs kubectl get nodes, and plays and pauses the clock', async () => {
    const { page, problems } = await openPage(`${server.url}?seed=1`);
    expect(await page.title()).toBe('kubesim');

    const nodes = await waitForReadyNodes(page, 3);
    for (const [i, row] of nodes.entries()) {
      const [name, status, cidr, pods] = row.split('\t');
      expect(name).toMatch(NODE_NAME);
      expect(name.endsWith(`vmss00000${i}`)).toBe(true);
      expect(status).toBe('Ready');
      expect(cidr).toMatch(/^10\.244\.\d+\.0\/24$/);
      expect(Number(pods)).toBeGreaterThan(0);
    }
    const services = await tableRows(page, 'services');
    expect(services.some((row) => /^kubernetes\tClusterIP\t10\.0\.0\.1\t<none>\t443\/TCP$/.test(row))).toBe(true);

    // The command box: type as a student would, read the table kubectl prints.
    const input = page.locator('#command-line');
    await input.fill('kubectl get nodes');
    await input.press('Enter');
    const entry = page.locator('[data-testid="command-output"] .entry').last();
    await entry.locator('.exit').filter({ hasText: 'exit 0' }).waitFor({ timeout: 10_000 });
    const printed = await entry.locator('pre.stdout').innerText();
    const lines = printed.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(1)) expect(line).toMatch(/^aks-nodepool1-\d{8}-vmss00000\d\s+Ready\s+\S+\s+\S+\s+v1\.\d+\.\d+$/);
    expect(await input.inputValue()).toBe('');

    // Output is text, never markup.
    await input.fill(`echo '<b id="injected">bold</b>'`);
    await input.press('Enter');
    const echoed = page.locator('[data-testid="command-output"] .entry').last();
    await echoed.locator('.exit').waitFor({ timeout: 10_000 });
    expect(await echoed.locator('pre.stdout').innerText()).toContain('<b id="injected">bold</b>');
    expect(await page.locator('#injected').count()).toBe(0);

    // The virtual clock runs, stops on pause, and runs again on play.
    await page.getByRole('button', { name: '25×', exact: true }).click();
    expect(await page.getByRole('button', { name: '25×', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const before = await clock(page);
    await page.waitForFunction((t) => document.querySelector('[data-testid="clock"]')?.textContent !== t, before, { timeout: 10_000 });
    await page.getByRole('button', { name: 'pause', exact: true }).click();
    await expect.poll(() => page.getByTestId('phase').innerText()).toBe('paused');
    const paused = await clock(page);
    await page.waitForTimeout(1_200);
    expect(await clock(page)).toBe(paused);
    await page.getByRole('button', { name: 'play', exact: true }).click();
    await page.waitForFunction((t) => document.querySelector('[data-testid="clock"]')?.textContent !== t, paused, { timeout: 10_000 });
    await page.getByRole('button', { name: '1×', exact: true }).click();

    // Every namespace: the system pods appear with their namespace.
    await page.getByRole('combobox').selectOption({ label: 'all namespaces' });
    await page.waitForFunction(() => document.querySelector('[data-testid="pods"] thead')?.textContent?.includes('NAMESPACE'));
    const pods = await tableRows(page, 'pods');
    expect(pods.some((row) => row.startsWith('kube-system\tcoredns-'))).toBe(true);

    // Arrow-up walks back through earlier lines: twice brings back `kubectl get nodes`.
    await input.press('ArrowUp');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('kubectl get nodes');
    await input.press('Enter');
    await expect.poll(() => page.locator('[data-testid="command-output"] .entry').count()).toBe(3);
    await page.locator('[data-testid="command-output"] .entry').last().locator('.exit').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${RESULTS}/first-page.png` });

    expect(problems).toEqual([]);
    expect(server.missing).toEqual([]);
    await page.close();
  });

  it('shows the pods of a Deployment and a LoadBalancer Service as they come up', async () => {
    const { page, problems } = await openPage(`${server.url}?seed=1`);
    await waitForReadyNodes(page, 3);
    await page.getByRole('button', { name: '25×', exact: true }).click();
    const input = page.locator('#command-line');
    const run = async (line: string): Promise<string> => {
      await input.fill(line);
      await input.press('Enter');
      const entry = page.locator('[data-testid="command-output"] .entry').last();
      await entry.locator('.exit').filter({ hasText: /^exit \d+$/ }).waitFor({ timeout: 15_000 });
      return entry.innerText();
    };
    expect(await run(`echo '${JSON.stringify(WEB_DEPLOYMENT)}' | kubectl apply -f -`)).toMatch(/deployment\.apps\/web created\s+exit 0$/);
    expect(await run(`echo '${JSON.stringify(WEB_SERVICE)}' | kubectl apply -f -`)).toMatch(/service\/web created\s+exit 0$/);
    // A command that waits: its output and exit code arrive in later frames.
    expect(await run('sleep 2 && echo slept')).toMatch(/slept\s+exit 0$/);

    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="pods"] tbody tr')].map((r) => r.textContent ?? '');
      return rows.length === 2 && rows.every((r) => r.startsWith('web-') && r.includes('1/1') && r.includes('Running'));
    }, undefined, { timeout: 20_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="services"] tbody tr')]
      .some((r) => /^web\s*LoadBalancer/.test(r.textContent ?? '') && /\d+\.\d+\.\d+\.\d+\s*80:3\d{4}\/TCP$/.test(r.textContent ?? '')),
    undefined, { timeout: 20_000 });
    const web = (await tableRows(page, 'services')).find((row) => row.startsWith('web\t'))!.split('\t');
    expect(web[1]).toBe('LoadBalancer');
    expect(web[2]).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(web[3]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const pods = await tableRows(page, 'pods');
    for (const row of pods) expect(row).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\t1\/1\tRunning\taks-nodepool1-\d{8}-vmss00000\d\t10\.244\.\d+\.\d+$/);
    await page.screenshot({ path: `${RESULTS}/first-page-workload.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders in the dark colour scheme without errors', async () => {
    const dark = await launchChromium({ width: 1366, height: 768 }, 'dark');
    try {
      const page = await dark.context.newPage();
      const problems: string[] = [];
      page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
      page.on('pageerror', (err) => problems.push(err.message));
      await page.goto(`${server.url}?seed=2`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="nodes"] tbody tr').length === 3, undefined, { timeout: 30_000 });
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(background).toBe('rgb(17, 20, 24)');
      await page.screenshot({ path: `${RESULTS}/first-page-dark.png` });
      expect(problems).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('shows a worker that fails to load as stopped, and restart brings the cluster up', async () => {
    const main = /src="\.\/assets\/([^"]+\.js)"/.exec(readFileSync(`${DIST}/index.html`, 'utf8'))?.[1];
    expect(main).toBeDefined();
    const page = await browser.context.newPage();
    let workerBlocked = true;
    // Every script but the page's own is the simulation worker (or its chunks): refuse it until restart.
    await page.route(/\/assets\/[^/]+\.js$/, (route) =>
      workerBlocked && !route.request().url().endsWith(`/${main}`) ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue());
    await page.goto(`${server.url}?seed=5`);
    const banner = page.getByTestId('crash');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.innerText()).toContain('The simulation stopped');
    expect(await page.getByTestId('phase').innerText()).toBe('stopped');

    workerBlocked = false;
    await banner.getByRole('button', { name: 'restart' }).click();
    await waitForReadyNodes(page, 3);
    expect(await page.getByTestId('phase').innerText()).toBe('running');
    expect(await banner.count()).toBe(0);
    await page.close();
  });
});
