// Traffic you can watch, in Debian's Chromium against the built page: an nginx Deployment behind a LoadBalancer,
// the "send traffic" switch, per-pod counters over three pods, one request's hop trace with the kube-proxy rule's
// probability and the DNAT target, then pets vs cattle: the pod-IP client breaks when its pod is deleted while
// the Service-name client keeps working.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { RESULTS, useBuiltSite } from './helpers/built-site';
import type { Browser } from './helpers/browser';
import { terminalInput } from './helpers/terminal';


let server: StaticServer;
let browser: Browser;
useBuiltSite((s, b) => { server = s; browser = b; });

/** Types a line as a student would: into the page's terminal (xterm) or its command box. */
async function typeLine(page: Page, line: string): Promise<void> {
  const box = page.locator('#command-line');
  if (await box.count()) {
    await box.fill(line);
    await box.press('Enter');
    return;
  }
  await (await terminalInput(page)).focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Runs the virtual clock faster: the header's speed list (or its speed buttons). */
async function setSpeed(page: Page, speed: number): Promise<void> {
  const list = page.getByTestId('speed');
  if (await list.count()) await list.selectOption(String(speed));
  else await page.getByRole('button', { name: `${speed}×`, exact: true }).click();
}

/** Brings a part of the page into view, opening its tab or pane first when the layout hides it. */
async function reveal(page: Page, testId: string, name: RegExp): Promise<Locator> {
  const part = page.getByTestId(testId);
  if (!(await part.isVisible())) {
    const opener = page.getByRole('tab', { name }).or(page.getByRole('button', { name })).first();
    if (await opener.count()) await opener.click();
  }
  await part.waitFor({ state: 'visible', timeout: 10_000 });
  await part.scrollIntoViewIfNeeded();
  return part;
}

const textOf = (l: Locator) => l.innerText();

describe('traffic, hop trace and pets vs cattle on the page', () => {
  it('sends traffic over three pods, traces a request, and shows the pod-IP client break while the Service name works', async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.goto(`${server.url}?seed=4`);
    await expect.poll(() => page.getByTestId('phase').innerText(), { timeout: 30_000 }).toBe('running');

    const traffic = await reveal(page, 'traffic', /traffic/i);
    await setSpeed(page, 25);
    await typeLine(page, 'kubectl create deployment web --image=nginx:v1 --replicas=3');
    await typeLine(page, 'kubectl expose deployment web --port=80 --type=LoadBalancer');
    await typeLine(page, 'kubectl create deployment client --image=nginx:v1');

    // The LoadBalancer's external IP arrives: the preset to it appears.
    const presetSelect = traffic.getByLabel('add a flow');
    await expect.poll(() => presetSelect.locator('option').allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(/^outside → web via LoadBalancer \d+\.\d+\.\d+\.\d+:80$/));

    const toggle = traffic.getByRole('switch', { name: /send traffic/ });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    const flow = traffic.locator('[data-testid="flows"] > li').first();
    expect(await flow.locator('.name').innerText()).toMatch(/^outside → web via LoadBalancer/);

    // Per-pod counters: three web pods answer, each with its share.
    await expect.poll(() => flow.locator('table.pods tbody tr').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(async () => Number(/sent (\d+)/.exec(await textOf(flow.getByTestId('flow-totals')))?.[1]), { timeout: 20_000 })
      .toBeGreaterThan(30);
    const rows = await flow.locator('table.pods tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim()).filter(Boolean).join(' ')));
    for (const row of rows) expect(row).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5} \d+ \d+%$/);
    expect(await textOf(flow.getByTestId('flow-totals'))).toMatch(/failed 0 · last 20: 100% ok$/);

    // A request's hop trace: the LB, the NodePort, the rule and its probability, DNAT to a web pod's IP.
    const recent = traffic.getByTestId('recent-requests');
    await recent.getByRole('button', { name: 'hold list' }).click();
    const trace = traffic.getByTestId('hop-trace');
    const requestRows = recent.locator('button.row');
    let picked = '';
    for (let i = 0; i < (await requestRows.count()) && !picked; i++) {
      await requestRows.nth(i).click();
      const text = await textOf(trace);
      if (/with probability 0\.\d{10}/.test(text)) picked = text;
    }
    expect(picked).not.toBe('');
    expect(picked).toMatch(/load balancer\s+\d+\.\d+\.\d+\.\d+:80 sent it to node aks-nodepool1-\d{8}-vmss00000\d on NodePort 3\d{4}/);
    expect(picked).toMatch(/kube-proxy rule\s+KUBE-SVC-[A-Z2-7]{16} picked endpoint [12] of 3 with probability 0\.(5|3333333333)0*/);
    const dnat = /DNAT\s+destination rewritten to (10\.244\.\d+\.\d+):80/.exec(picked);
    expect(dnat).not.toBeNull();
    const answeredBy = /pod\s+pod (web-[a-z0-9]+-[a-z0-9]{5}) \(default\) on aks-nodepool1-\d{8}-vmss00000\d accepted on port 80/.exec(picked);
    expect(answeredBy).not.toBeNull();
    expect(picked).toMatch(/response\s+HTTP 200 OK/);
    // The DNAT target is the answering pod's own IP (the fault buttons list every pod with its IP).
    const faults = await reveal(page, 'fault-buttons', /faults/i);
    const podLabels = await faults.getByLabel('delete a pod').locator('option').allTextContents();
    expect(podLabels).toContainEqual(expect.stringMatching(new RegExp(`^${answeredBy![1]} · ${dnat![1].replace(/\./g, '\\.')} · ready$`)));
    await reveal(page, 'traffic', /traffic/i);
    await recent.getByRole('button', { name: 'resume list' }).click();
    await page.screenshot({ path: `${RESULTS}/traffic-laptop.png` });
    // More room for the screenshots of the drawer: the terminal has done its part.
    const hideTerminal = page.getByRole('button', { name: 'Hide Terminal' });
    if (await hideTerminal.count()) await hideTerminal.click();
    await page.screenshot({ path: `${RESULTS}/traffic-laptop-wide-drawer.png` });
    await traffic.screenshot({ path: `${RESULTS}/traffic-pane.png` });
    await traffic.screenshot({ path: `${RESULTS}/traffic-pane.png` });

    // Pets vs cattle: clients in the `client` pods, one with a web pod's IP, one with the name `web`.
    const pets = await reveal(page, 'pets-vs-cattle', /pets/i);
    await pets.getByLabel('Service').selectOption('default/web');
    await pets.getByLabel('clients run in').selectOption('default/client');
    await pets.getByRole('button', { name: 'start', exact: true }).click();
    const petCard = pets.getByTestId('pet-client');
    const cattleCard = pets.getByTestId('cattle-client');
    const petAddress = await petCard.locator('.address').innerText();
    expect(petAddress).toMatch(/^10\.244\.\d+\.\d+:80$/);
    expect(await cattleCard.locator('.address').innerText()).toBe('web:80');
    await expect.poll(() => textOf(petCard.getByTestId('verdict')), { timeout: 20_000 }).toBe('working');
    await expect.poll(() => textOf(cattleCard.getByTestId('verdict')), { timeout: 20_000 }).toBe('working');
    expect(await textOf(pets.getByTestId('address-book'))).toBe('IP changes: 0 · service address changes: 0');

    const del = pets.getByRole('button', { name: /^delete pod web-/ });
    const petName = (await del.innerText()).replace('delete pod ', '');
    expect(await petCard.locator('.note').innerText()).toContain(`the IP of ${petName}`);
    await del.click();
    await expect.poll(() => textOf(pets.getByTestId('pets-action'))).toMatch(new RegExp(`^deleted pod default/${petName} \\(${petAddress.split(':')[0].replace(/\./g, '\\.')}\\)`));
    await expect.poll(() => textOf(petCard.getByTestId('verdict')), { timeout: 30_000 }).toBe('failing');
    await expect.poll(() => textOf(pets.getByTestId('address-book')), { timeout: 30_000 }).toBe('IP changes: 1 · service address changes: 0');
    await expect.poll(() => textOf(petCard.getByTestId('success-rate')), { timeout: 20_000 }).toBe('0%');
    expect(await petCard.getByTestId('last').innerText()).toBe('last: ETIMEDOUT (timed out)');
    expect(await textOf(cattleCard.getByTestId('verdict'))).toBe('working');
    expect(await textOf(cattleCard.getByTestId('success-rate'))).toBe('100%');
    expect(await cattleCard.getByTestId('last').innerText()).toMatch(/^last: 200 OK from web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(await cattleCard.getByTestId('last').innerText()).not.toContain(petName);

    await page.screenshot({ path: `${RESULTS}/pets-vs-cattle-laptop.png` });
    await pets.screenshot({ path: `${RESULTS}/pets-vs-cattle.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await pets.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/pets-vs-cattle-projector.png` });
    // The dark theme, as the header's theme toggle sets it.
    await page.evaluate(() => { document.documentElement.dataset.theme = 'dark'; });
    await page.screenshot({ path: `${RESULTS}/pets-vs-cattle-dark.png` });
    await page.evaluate(() => { delete document.documentElement.dataset.theme; });

    // A fault button: fail a web pod's readiness probe, read what it did, and undo it.
    await page.setViewportSize({ width: 1366, height: 768 });
    await reveal(page, 'fault-buttons', /faults/i);
    const probePod = faults.getByLabel('readiness probe');
    const webPod = (await probePod.locator('option').allTextContents()).find((l) => l.startsWith('web-'))!;
    const webPodName = webPod.split(' · ')[0];
    await probePod.selectOption({ label: webPod });
    await faults.getByRole('button', { name: 'fail readiness' }).click();
    await expect.poll(() => textOf(faults.getByTestId('fault-last'))).toBe(
      `readiness probe of default/${webPodName} now fails: the pod keeps running but leaves its Services' endpoints`);
    await expect.poll(() => probePod.locator('option:checked').textContent(), { timeout: 20_000 }).toMatch(/ · readiness failing$/);
    expect(await faults.getByRole('button', { name: 'clear readiness fault' }).getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: `${RESULTS}/fault-buttons.png` });
    await faults.getByTestId('fault-log').getByRole('button', { name: 'undo' }).click();
    await expect.poll(() => textOf(faults.getByTestId('fault-last'))).toBe(
      `readiness probe of default/${webPodName} passes again: the pod rejoins its Services' endpoints`);
    await expect.poll(() => probePod.locator('option:checked').textContent(), { timeout: 20_000 }).toMatch(/ · ready$/);
    expect(await faults.getByTestId('fault-log').getByRole('button', { name: 'undo' }).count()).toBe(0);

    // No markup from cluster text: pod names and addresses are text nodes only.
    expect(await page.locator('[data-testid="traffic"] script, [data-testid="pets-vs-cattle"] script').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(server.missing).toEqual([]);
    await page.close();
  });
});
