// Module 4 (Services and networking) followed as a student would in Debian's Chromium: chosen in the header,
// its commands typed into the terminal and its files edited in the editor, every step turning green in order, a
// wrong targetPort answered by the matching hint, and a reload mid-lab that brings back the same cluster (pod
// names and IPs, ClusterIPs), the same files and the same step, from which the lab is finished.
import { describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic, type StaticServer } from './helpers/static-server';
import { DIST, RESULTS, useBuiltSite } from './helpers/built-site';
import { launchChromium, type Browser } from './helpers/browser';
import { addresses, run, terminalRows, waitForPrompt, watchProblems } from './helpers/terminal';

const LAB = 'module-4-services';

let server: StaticServer;
let browser: Browser;
useBuiltSite((s, b) => { server = s; browser = b; }, { width: 1366, height: 768 });

const step = (page: Page) => page.getByTestId('lab-step');

/** Waits for step `id` to be the current one and to turn green. */
async function passes(page: Page, id: string, timeout = 60_000): Promise<void> {
  await page.locator(`[data-testid="lab-step"][data-step-id="${id}"][data-status="passed"]`).waitFor({ timeout });
  expect(await page.getByTestId('lab-step-status').innerText()).toContain('passed');
}

async function next(page: Page, id: string): Promise<void> {
  await page.getByTestId('lab-next').click();
  await page.locator(`[data-testid="lab-step"][data-step-id="${id}"]`).waitFor();
}

/** Replaces the end of the editor's line that contains `marker`: `old` becomes `replacement`, typed as a student would. */
async function editLine(page: Page, marker: string, old: string, replacement: string): Promise<void> {
  const lines = page.locator('[data-testid="editor"] .cm-line');
  let index = -1;
  await expect.poll(async () => (index = (await lines.allInnerTexts()).findIndex((t) => t.includes(marker))), { message: `a line with "${marker}"` })
    .toBeGreaterThanOrEqual(0);
  const line = lines.nth(index);
  const text = (await line.innerText()).trimEnd();
  expect(text.endsWith(old), `"${text}" ends with "${old}"`).toBe(true);
  await line.click();
  await page.keyboard.press('End');
  for (let i = 0; i < old.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(replacement);
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await line.innerText()).trimEnd().endsWith(replacement)).toBe(true);
}

/** Saves the editor's file with Ctrl+S and waits until it is clean. */
async function save(page: Page): Promise<void> {
  await page.locator('[data-testid="editor"] .cm-content').focus();
  await page.keyboard.press('Control+s');
  await expect.poll(() => page.getByTestId('editor-dirty').count()).toBe(0);
}

async function openLabFile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `open in editor: ${name}` }).click();
  await expect.poll(() => page.getByTestId('editor-path').innerText()).toBe(`~/${name}`);
}

describe('a guided lab in the page', () => {
  it('completes module 4 through the terminal and the editor, with a hint for a wrong turn and a reload mid-lab', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url);
    await waitForPrompt(page);

    // Choose the lab in the header: the cluster is rebuilt as its first step starts.
    await expect.poll(() => page.getByTestId('lab-select').locator(`option[value="${LAB}"]`).count()).toBe(1);
    await page.getByTestId('lab-select').selectOption(LAB);
    await page.locator('[data-testid="lab-step"][data-step-id="cattle"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('lab-progress').innerText()).toBe('step 1/6 ●○○○○○');
    await expect.poll(async () => (await terminalRows(page)).some((r) => r.includes('# lab "Services and networking"'))).toBe(true);
    await page.getByTestId('speed').selectOption('25');

    // 1. Pets and cattle: look at the pods.
    await run(page, 'kubectl get pods -o wide');
    await passes(page, 'cattle');
    await next(page, 'mongodb-svc');
    expect(await page.getByTestId('lab-progress').innerText()).toBe('step 2/6 ✓●○○○○');

    // 2. The ClusterIP Service, with a wrong turn first: targetPort 27107.
    await openLabFile(page, 'mongo.svc.yaml');
    await editLine(page, 'targetPort', '27017', '27107');
    await save(page);
    await run(page, 'kubectl apply -f mongo.svc.yaml');
    const hint = page.getByTestId('lab-hint-item').filter({ hasText: '27107' });
    await hint.waitFor({ timeout: 30_000 });
    expect(await hint.innerText()).toMatch(/Wrong turn:.*targetPort 27107.*27017/s);
    expect(await step(page).getAttribute('data-status')).toBe('hintShown');
    await page.screenshot({ path: `${RESULTS}/lab-hint-1366x768.png` });
    await editLine(page, 'targetPort', '27107', '27017');
    await save(page);
    await run(page, 'kubectl apply -f mongo.svc.yaml');
    await passes(page, 'mongodb-svc');
    expect(await page.getByTestId('lab-hint-item').count()).toBe(0);
    await next(page, 'dns-names');

    // 3. Three DNS names: two lookups typed, the third command typed by its button.
    await run(page, 'kubectl exec deploy/data-api -- nslookup mongodb-svc');
    await run(page, 'kubectl exec deploy/data-api -- nslookup mongodb-svc.default.svc.cluster.local');
    await page.getByRole('button', { name: 'Type it for me: kubectl exec deploy/data-api -- cat /etc/resolv.conf' }).click();
    await passes(page, 'dns-names');
    await next(page, 'use-dns');

    // Reload mid-lab: the same cluster, files, editor file and step come back.
    await openLabFile(page, 'data-api.deploy.yaml');
    const before = await addresses(page);
    expect(before.pods.some((p) => /^mongodb-\S+ 10\.244\.\d+\.\d+ aks-/.test(p))).toBe(true);
    expect(before.services.some((s) => /^mongodb-svc ClusterIP 10\.0\.\d+\.\d+$/.test(s))).toBe(true);
    const files = await page.locator('[data-testid="editor"] button', { hasText: /\.yaml$/ }).allInnerTexts();
    expect(files).toContain('mongo.svc.yaml');
    await page.reload();
    await waitForPrompt(page);
    await page.locator('[data-testid="lab-step"][data-step-id="use-dns"]').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await terminalRows(page)).some((r) => r.includes('# session restored at'))).toBe(true);
    expect(await page.getByTestId('lab-progress').innerText()).toBe('step 4/6 ✓✓✓●○○');
    expect(await page.getByTestId('lab-select').inputValue()).toBe(LAB);
    await expect.poll(() => page.getByTestId('editor-path').innerText(), { timeout: 10_000 }).toBe('~/data-api.deploy.yaml');
    expect(await page.locator('[data-testid="editor"] button', { hasText: /\.yaml$/ }).allInnerTexts()).toEqual(files);
    expect(await addresses(page)).toEqual(before);
    await page.screenshot({ path: `${RESULTS}/lab-after-reload-1366x768.png` });
    await page.getByTestId('speed').selectOption('25');

    // 4. Point the data API at the Service's name, in the editor. The step shows the lab's manifest with the one
    // line that differs from the student's file marked.
    const manifest = page.locator('[data-testid="lab-step"][data-step-id="use-dns"] [data-testid="lab-file-text"]');
    expect(await manifest.locator('summary').innerText()).toBe('~/data-api.deploy.yaml — 1 line differs from yours (marked)');
    expect((await manifest.locator('[data-changed="true"]').allInnerTexts()).map((t) => t.trim())).toEqual(['value: mongodb://mongodb-svc.default']);
    expect(await manifest.locator('.changes').innerText()).toBe("The lab's version has value: mongodb://mongodb-svc.default");
    const podIpValue = (await page.locator('[data-testid="editor"] .cm-line', { hasText: 'value: mongodb://' }).innerText()).trim().replace(/^value: /, '');
    expect(podIpValue).toMatch(/^mongodb:\/\/10\.244\.\d+\.\d+$/);
    await editLine(page, 'value: mongodb://', podIpValue, 'mongodb://mongodb-svc.default');
    await save(page);
    expect((await run(page, 'kubectl apply -f data-api.deploy.yaml'))[0]).toBe('deployment.apps/data-api configured');
    await passes(page, 'use-dns', 90_000);
    await next(page, 'data-api-svc');

    // 5. The LoadBalancer Service, with a wrong turn first: a selector that matches no pod.
    await openLabFile(page, 'data-api.svc.yaml');
    await editLine(page, 'app: data-api', 'data-api', 'dataapi');
    await save(page);
    await run(page, 'kubectl apply -f data-api.svc.yaml');
    const selectorHint = page.getByTestId('lab-hint-item').filter({ hasText: 'app=dataapi' });
    await selectorHint.waitFor({ timeout: 30_000 });
    expect(await selectorHint.innerText()).toMatch(/Wrong turn:.*data-api-svc.*app=dataapi.*app=data-api/s);
    await editLine(page, 'app: dataapi', 'dataapi', 'data-api');
    await save(page);
    await run(page, 'kubectl apply -f data-api.svc.yaml');
    await run(page, 'kubectl get service data-api-svc');
    await passes(page, 'data-api-svc', 90_000);
    await next(page, 'api-from-outside');

    // 6. The API from outside, through the external IP.
    await page.setViewportSize({ width: 1920, height: 1080 });
    const answer = await run(page, "curl http://$(kubectl get service data-api-svc -o jsonpath='{.status.loadBalancer.ingress[0].ip}')/api/info");
    expect(answer.join('')).toMatch(/"hostname":"data-api-/);
    await passes(page, 'api-from-outside', 60_000);
    await page.screenshot({ path: `${RESULTS}/lab-passed-1920x1080.png` });
    // Projected: the lab pane hidden, the step as a one-line banner in the header, in the dark theme.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Hide Lab' }).click();
    expect(await page.getByTestId('lab-banner').innerText()).toMatch(/^Step 6\/6 · The API from the outside · ✓ passed/);
    await page.screenshot({ path: `${RESULTS}/lab-banner-1920x1080-dark.png` });
    await page.locator('header.bar summary', { hasText: 'Panes' }).click();
    await page.getByRole('checkbox', { name: 'Lab' }).check();
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('lab-next').click();
    await page.getByTestId('lab-finished').waitFor();
    expect(await page.getByTestId('lab-progress').innerText()).toBe('done 6/6 ✓✓✓✓✓✓');
    expect(await page.getByTestId('lab-finished').innerText()).toContain('6 of 6 steps passed');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `${RESULTS}/lab-finished-1366x768.png` });
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('loads a lab from a link on the site, resets a step, recovers from a damaged save and starts over', async () => {
    // A copy of the built site with an instructor's lab next to it.
    const site = await mkdtemp(join(tmpdir(), 'kubesim-site-'));
    await cp(DIST, site, { recursive: true });
    await mkdir(join(site, 'labs'));
    await writeFile(join(site, 'labs', 'scale-web.md'), SCALE_LAB);
    const local = await serveStatic(site, '/kubesim/');
    const own = await launchChromium({ width: 1366, height: 768 });
    try {
      const page = await own.context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${local.url}?lab=labs/scale-web.md`);
      await page.locator('[data-testid="lab-step"][data-step-id="deploy"]').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('lab-select').inputValue()).toBe('scale-web');
      await page.getByTestId('speed').selectOption('25');
      await page.getByRole('button', { name: 'Type it for me: kubectl create deployment web --image=nginx:1.27' }).click();
      await passes(page, 'deploy');
      await next(page, 'scale');
      await run(page, 'kubectl scale deployment web --replicas=3');

      // Reset the step: the cluster as the step starts (one replica), a fresh terminal whose commands print.
      await page.getByTestId('lab-reset').click();
      await page.getByTestId('lab-confirm-yes').click();
      await expect.poll(async () => (await terminalRows(page)).some((r) => r.includes('# reset to the start of step 2 (Scale it)')), { timeout: 30_000 }).toBe(true);
      await waitForPrompt(page);
      expect((await run(page, 'kubectl get deployment web --no-headers'))[0]).toMatch(/^web\s+1\/1\s+1\s+1\s/);
      expect(await step(page).getAttribute('data-status')).not.toBe('passed');
      await run(page, 'kubectl scale deployment web --replicas=2');
      await passes(page, 'scale');
      await page.screenshot({ path: `${RESULTS}/lab-linked-1366x768.png` });

      // A lab file that is not a lab: its problems, shown as text.
      await page.getByTestId('lab-select').selectOption('');
      await page.getByTestId('lab-confirm-yes').click();
      await page.getByTestId('lab-list').waitFor();
      await page.getByTestId('lab-file-input').setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('---\ntitle: <img src=x onerror=alert(1)>\n---\n## No id\n') });
      const errors = page.getByTestId('lab-errors');
      await errors.waitFor();
      expect(await errors.innerText()).toContain('notes.md is not a lab kubesim can read');
      expect(await errors.innerText()).toContain('a step heading reads "## Title {#step-id}"');
      expect(await page.locator('img').count()).toBe(0);

      // A damaged save: a fresh cluster and a one-line notice, never a broken page.
      // (Written into IndexedDB from a throwaway page, which neither reads nor saves a session, after this one has
      // saved itself on the way out.)
      await page.goto(`${local.url}?seed=1`);
      await page.evaluate(() => new Promise<void>((done, fail) => {
        const open = indexedDB.open('kubesim', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('kv');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          tx.objectStore('kv').put('{"version":1,"record":{"format":"kubesim-run","version":1,"options":{"seed":1},"commands":[{"at":"x"}]},"atMs":5}', 'kubesim:session:v1');
          // The copy the lab page handed over as it unloaded would be newer: it goes too.
          localStorage.removeItem('kubesim:session:v1');
          tx.oncomplete = () => { open.result.close(); done(); };
          tx.onerror = () => fail(tx.error);
        };
      }));
      await page.goto(local.url);
      await waitForPrompt(page);
      await expect.poll(() => page.locator('[data-testid="lab-notice"] > span').allInnerTexts())
        .toEqual(['Your saved session could not be used (its command record is damaged), so this is a fresh cluster.']);
      expect((await run(page, 'kubectl get nodes --no-headers')).filter((r) => /\sReady\s/.test(r))).toHaveLength(3);

      // Start over: asked first, then a fresh page: the old session is gone.
      await page.getByTestId('lab-start-over').click();
      // The page is already at this address: wait for the reload itself, not for the URL.
      const reloaded = page.waitForEvent('load');
      await page.getByTestId('lab-confirm-yes').click();
      await reloaded;
      expect(page.url()).toBe(local.url);
      await waitForPrompt(page);
      await page.getByTestId('lab-list').waitFor();
      // Whatever is saved from here on is the fresh session: no commands, no lab.
      const kept = await page.evaluate(() => new Promise<unknown>((done) => {
        const open = indexedDB.open('kubesim', 1);
        open.onsuccess = () => {
          const get = open.result.transaction('kv', 'readonly').objectStore('kv').get('kubesim:session:v1');
          get.onsuccess = () => done(get.result ?? null);
          get.onerror = () => done(null);
        };
        open.onerror = () => done(null);
      }));
      if (kept !== null) {
        const fresh = JSON.parse(kept as string) as { record: { commands: unknown[] }; lab?: unknown };
        expect(fresh.record.commands).toEqual([]);
        expect(fresh.lab).toBeUndefined();
      }
      expect(problems).toEqual([]);
    } finally {
      await own.close();
      await local.close();
      await rm(site, { recursive: true, force: true });
    }
  }, 180_000);
});

const SCALE_LAB = `---
title: Scale a web server
summary: Create a Deployment, then scale it.
module: 20
seed: 21
scenario: fresh
estimatedMinutes: 5
---

A short lab written for this page.

## Deploy it {#deploy}

Create the Deployment:

\`\`\`commands
kubectl create deployment web --image=nginx:1.27
\`\`\`

\`\`\`check
pods: app=web
count: 1
ready: true
\`\`\`

\`\`\`solution
kubectl create deployment web --image=nginx:1.27
sleep 20
\`\`\`

## Scale it {#scale}

Two replicas, exactly.

\`\`\`check
pods: app=web
count: 2
ready: true
\`\`\`

\`\`\`solution
kubectl scale deployment web --replicas=2
sleep 20
\`\`\`
`;
