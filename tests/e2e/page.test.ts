// The first page in Debian's Chromium: the built app, served from a sub-path, boots the simulated AKS cluster,
// runs kubectl in the terminal, plays, pauses and steps the clock, and recovers from a worker that fails.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { DIST, RESULTS, useBuiltSite } from './helpers/built-site';
import { launchChromium, type Browser } from './helpers/browser';
import { run, waitForPrompt, watchProblems } from './helpers/terminal';

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
useBuiltSite((s, b) => { server = s; browser = b; });

/** Opens the page and records every console error, uncaught exception and failed request. */
async function openPage(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  await page.goto(url);
  return { page, problems };
}

/** Runs `kubectl get nodes` until all `count` nodes are Ready; returns their rows. */
async function readyNodes(page: Page, count: number): Promise<string[]> {
  await waitForPrompt(page);
  let nodes: string[] = [];
  await expect.poll(async () => {
    nodes = (await run(page, 'kubectl get nodes --no-headers')).filter((r) => /\sReady\s/.test(r));
    return nodes.length;
  }, { timeout: 30_000 }).toBe(count);
  return nodes;
}

const clock = (page: Page) => page.getByTestId('clock').innerText();

describe('the first page', () => {
  it('boots the cluster, runs kubectl in the terminal, and plays, pauses and steps the clock', async () => {
    const { page, problems } = await openPage(`${server.url}?seed=1`);
    expect(await page.title()).toBe('kubesim');

    const nodes = await readyNodes(page, 3);
    for (const [i, row] of nodes.entries()) {
      const [name, status, roles, , version] = row.split(/\s+/);
      expect(name).toMatch(NODE_NAME);
      expect(name.endsWith(`vmss00000${i}`)).toBe(true);
      expect([status, roles]).toEqual(['Ready', 'agent']);
      expect(version).toMatch(/^v1\.\d+\.\d+$/);
    }
    const services = await run(page, 'kubectl get services');
    expect(services[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(services.some((row) => /^kubernetes\s+ClusterIP\s+10\.0\.0\.1\s+<none>\s+443\/TCP\s+\S+$/.test(row))).toBe(true);

    // Output is text, never markup.
    expect(await run(page, `echo '<b id="injected">bold</b>'`)).toEqual(['<b id="injected">bold</b>']);
    expect(await page.locator('#injected').count()).toBe(0);

    // The virtual clock runs, stops on pause, and runs again on play; step moves it on while paused.
    await page.getByTestId('speed').selectOption('25');
    const before = await clock(page);
    await page.waitForFunction((t) => document.querySelector('[data-testid="clock"]')?.textContent !== t, before, { timeout: 10_000 });
    await page.getByRole('button', { name: 'pause', exact: true }).click();
    await expect.poll(() => page.getByTestId('phase').innerText()).toBe('paused');
    const paused = await clock(page);
    await page.waitForTimeout(1_200);
    expect(await clock(page)).toBe(paused);
    await page.getByRole('button', { name: 'play', exact: true }).click();
    await page.waitForFunction((t) => document.querySelector('[data-testid="clock"]')?.textContent !== t, paused, { timeout: 10_000 });
    await page.getByRole('button', { name: 'step', exact: true }).click();
    await expect.poll(() => page.getByTestId('phase').innerText()).toBe('paused');
    await page.getByRole('button', { name: 'play', exact: true }).click();
    await page.getByTestId('speed').selectOption('1');
    await page.screenshot({ path: `${RESULTS}/first-page.png` });

    expect(problems).toEqual([]);
    expect(server.missing).toEqual([]);
    await page.close();
  });

  it('shows the pods of a Deployment and a LoadBalancer Service as they come up', async () => {
    const { page, problems } = await openPage(`${server.url}?seed=1`);
    await readyNodes(page, 3);
    await page.getByTestId('speed').selectOption('25');
    expect(await run(page, `echo '${JSON.stringify(WEB_DEPLOYMENT)}' | kubectl apply -f -`)).toEqual(['deployment.apps/web created']);
    expect(await run(page, `echo '${JSON.stringify(WEB_SERVICE)}' | kubectl apply -f -`)).toEqual(['service/web created']);
    // A command that waits: its output and exit arrive in later frames.
    expect(await run(page, 'sleep 2 && echo slept')).toEqual(['slept']);
    expect((await run(page, 'kubectl rollout status deployment/web', 30_000)).at(-1)).toBe('deployment "web" successfully rolled out');

    const pods = await run(page, 'kubectl get pods --no-headers');
    expect(pods).toHaveLength(2);
    for (const row of pods) expect(row).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+$/);
    const placed = await run(page, `kubectl get pods -o jsonpath='{range .items[*]}{.status.podIP} {.spec.nodeName}{"\\n"}{end}'`);
    expect(placed).toHaveLength(2);
    for (const row of placed) expect(row).toMatch(/^10\.244\.\d+\.\d+ aks-nodepool1-\d{8}-vmss00000\d$/);
    let web: string[] = [];
    await expect.poll(async () => {
      web = (await run(page, 'kubectl get service web --no-headers'))[0].split(/\s+/);
      return web[3];
    }, { timeout: 30_000 }).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(web[1]).toBe('LoadBalancer');
    expect(web[2]).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(web[4]).toMatch(/^80:3\d{4}\/TCP$/);
    await page.screenshot({ path: `${RESULTS}/first-page-workload.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders in the dark colour scheme without errors', async () => {
    const dark = await launchChromium({ width: 1366, height: 768 }, 'dark');
    try {
      const page = await dark.context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${server.url}?seed=2`);
      await waitForPrompt(page);
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(background).toBe('rgb(17, 20, 24)');
      await page.screenshot({ path: `${RESULTS}/first-page-dark.png` });
      expect(problems).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it('shows a worker that fails to load as stopped, and restart brings the cluster up', async () => {
    // The worker's script, as the page starts it (`new Worker(new URL(...))`): refuse it until restart.
    const worker = readdirSync(`${DIST}/assets`).filter((f) => f.endsWith('.js'))
      .map((f) => /new Worker\(new URL\(new URL\(`([^`]+\.js)`/.exec(readFileSync(`${DIST}/assets/${f}`, 'utf8'))?.[1])
      .find((name) => name !== undefined)!;
    const page = await browser.context.newPage();
    let workerBlocked = true;
    await page.route(`**/assets/${worker.replace(/^\.\//, '')}`, (route) =>
      workerBlocked ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue());
    await page.goto(`${server.url}?seed=5`);
    const banner = page.getByTestId('crash');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.innerText()).toContain('The simulation stopped');
    expect(await page.getByTestId('phase').innerText()).toBe('stopped');

    workerBlocked = false;
    await banner.getByRole('button', { name: 'restart' }).click();
    await readyNodes(page, 3);
    expect(await page.getByTestId('phase').innerText()).toBe('running');
    expect(await banner.count()).toBe(0);
    await page.close();
  });
});
