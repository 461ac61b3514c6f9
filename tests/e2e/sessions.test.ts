// The header's Sessions menu in Debian's Chromium: a session kept under a name comes back as the same cluster
// (pod names and IPs, ClusterIPs) after a new cluster replaced it; an exported session file imports into a fresh
// browser as the same cluster; a file that is not a session is refused with its reason.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { RESULTS, useBuiltServer } from './helpers/built-site';
import { launchChromium } from './helpers/browser';
import { addresses, run, terminalRows, waitForPrompt, watchProblems } from './helpers/terminal';


let server: StaticServer;
useBuiltServer((s) => { server = s; });

async function openSessions(page: Page): Promise<void> {
  const menu = page.getByTestId('sessions-menu');
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator('summary').click();
}

async function restored(page: Page): Promise<void> {
  await waitForPrompt(page);
  await expect.poll(async () => (await terminalRows(page)).some((r) => r.includes('# session restored at')), { timeout: 30_000 }).toBe(true);
}

describe('the Sessions menu', () => {
  it('keeps a session under a name, starts a new cluster, opens the kept one again, and exports and imports it', async () => {
    const browser = await launchChromium({ width: 1366, height: 768 });
    const fresh = await launchChromium({ width: 1366, height: 768 });
    try {
      const page = await browser.context.newPage();
      const problems = watchProblems(page);
      await page.goto(server.url);
      await waitForPrompt(page);
      await page.getByTestId('speed').selectOption('25');
      await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
      await run(page, 'kubectl expose deployment web --port=80');
      await run(page, 'kubectl rollout status deployment/web', 60_000);
      const kept = await addresses(page);
      expect(kept.pods.filter((p) => /^web-\S+ 10\.244\.\d+\.\d+ aks-/.test(p))).toHaveLength(2);

      // Save it under a name (the name is shown as text, never as markup).
      await openSessions(page);
      await page.getByTestId('session-name').fill('two web pods <b>bold</b>');
      await page.getByTestId('session-save').click();
      const entry = page.getByTestId('saved-session');
      await expect.poll(() => entry.count()).toBe(1);
      expect(await entry.locator('.name').innerText()).toBe('two web pods <b>bold</b>');
      expect(await entry.locator('.meta').innerText()).toMatch(/^00:\d\d:\d\d · 5 commands · /);
      expect(await page.locator('header b').count()).toBe(0);

      // Export it as a file.
      const downloading = page.waitForEvent('download');
      await page.getByTestId('session-export').click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^kubesim-seed-\d+-\d{4}-\d\d-\d\d\.kubesim\.json$/);
      const file = await readFile((await download.path())!, 'utf8');
      expect(JSON.parse(file)).toMatchObject({ version: 1, record: { format: 'kubesim-run', commands: [{}, {}, {}, {}, {}] } });
      await page.screenshot({ path: `${RESULTS}/sessions-menu.png` });

      // A new cluster: asked first, then a fresh seed with nothing on it.
      await page.getByTestId('session-new').click();
      await page.getByTestId('session-new-yes').click();
      // The old screen (and its prompt) stays until the new cluster's terminal starts afresh, with the banner.
      await expect.poll(async () => (await terminalRows(page))[0], { timeout: 30_000 }).toMatch(/^kubesim: a simulated AKS cluster/);
      await waitForPrompt(page);
      expect(await run(page, 'kubectl get deployments')).toEqual(['No resources found in default namespace.']);
      const other = await addresses(page);
      expect(other.services).not.toEqual(kept.services);

      // Open the kept one: the same cluster comes back.
      await openSessions(page);
      await page.getByRole('button', { name: 'Open two web pods <b>bold</b>' }).click();
      await restored(page);
      expect(await addresses(page)).toEqual(kept);
      expect(problems).toEqual([]);

      // Import the exported file in a fresh browser: the same cluster. A file that is not a session is refused.
      const second = await fresh.context.newPage();
      const secondProblems = watchProblems(second);
      await second.goto(server.url);
      await waitForPrompt(second);
      await openSessions(second);
      await second.getByTestId('session-import-input').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1,"record":{"format":"x"},"atMs":0}') });
      await expect.poll(() => second.getByTestId('sessions-message').innerText()).toBe('notes.json cannot be imported (its command record is damaged).');
      await second.getByTestId('session-import-input').setInputFiles({ name: 'kept.kubesim.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await restored(second);
      expect(await addresses(second)).toEqual(kept);
      expect(secondProblems).toEqual([]);
    } finally {
      await browser.close();
      await fresh.close();
    }
  }, 240_000);
});
