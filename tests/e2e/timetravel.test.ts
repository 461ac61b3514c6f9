// Time travel in Debian's Chromium against the built page: a pod deleted and replaced, then the scrubber back to
// just before the deletion shows the old pod with its old IP, the diff between then and now lists the change, and
// branching from that moment brings the old pod back live while the earlier history stays listed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { RESULTS, useBuiltSite } from './helpers/built-site';
import type { Browser } from './helpers/browser';
import { hooks } from './helpers/hooks';
import { watchProblems } from './helpers/terminal';

const IP = /^\d+\.\d+\.\d+\.\d+$/;

let server: StaticServer;
let browser: Browser;
useBuiltSite((s, b) => { server = s; browser = b; }, { width: 1600, height: 1000 });

/** Waits until `fn` (run in the page through the DevTools protocol, so the page's CSP allows it) returns true. */
async function until(page: Page, fn: () => boolean, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.evaluate(fn), { timeout, interval: 100 }).toBe(true);
}

const pods = (page: Page) => page.locator('[data-testid="topology"] [data-testid="node"] [data-testid="pod"]').evaluateAll((els) =>
  els.map((el) => ({ name: el.getAttribute('data-name')!, ip: el.getAttribute('data-ip')!, status: el.getAttribute('data-status')!,
    node: el.closest('[data-testid="node"]')!.getAttribute('data-name')! })));

const running = async (page: Page, prefix: string) =>
  (await pods(page)).filter((p) => p.name.startsWith(prefix) && p.status === 'Running' && IP.test(p.ip));

describe('time travel', () => {
  it('scrubs back before a pod deletion to the old pod and IP, lists the change, and branches from there', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}?seed=4&hooks=1`);
    await until(page, () => document.querySelectorAll('[data-testid="topology"] [data-testid="node"][data-status="Ready"]').length === 3, 30_000);

    await hooks(page, (k) => k.setSpeed(5));
    await hooks(page, (k) => k.dispatch('kubectl create deployment web --image=nginx:1.27 --replicas=2'));
    await expect.poll(async () => (await running(page, 'web-')).length, { timeout: 30_000 }).toBe(2);
    const first = await running(page, 'web-');
    const victim = first[0];

    await hooks(page, (k) => k.dispatch(`kubectl delete pod ${document.querySelector('[data-testid="pod"][data-name^="web-"]')!.getAttribute('data-name')} --wait=false`));
    await expect.poll(async () => (await running(page, 'web-')).some((p) => !first.some((f) => f.name === p.name)), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await pods(page)).some((p) => p.name === victim.name), { timeout: 30_000 }).toBe(false);
    const replacement = (await running(page, 'web-')).find((p) => !first.some((f) => f.name === p.name))!;
    expect(replacement.ip).not.toBe(victim.ip);
    await hooks(page, (k) => k.setSpeed(1));

    // The Time travel tab: the delete command is a mark; jumping to just before it pauses and shows the past.
    await page.locator('#pane-drawer-tab-timetravel').click();
    const mark = page.locator('[data-testid="tt-mark"]', { hasText: `kubectl delete pod ${victim.name}` });
    await mark.waitFor({ timeout: 10_000 });
    await mark.click();
    await page.getByTestId('past-banner').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('phase').innerText()).toContain('paused');
    await until(page, () => !!document.querySelector('[data-testid="topology"] [data-testid="pod"][data-name^="web-"]'));
    await expect.poll(async () => (await pods(page)).find((p) => p.name === victim.name)?.ip, { timeout: 15_000 }).toBe(victim.ip);
    expect((await pods(page)).some((p) => p.name === replacement.name)).toBe(false);
    const pastClock = await page.getByTestId('past-clock').innerText();
    expect(pastClock).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(await page.getByTestId('clock').innerText()).toBe(pastClock);
    // The address book counts what had been seen by then: two IPs, not the replacement's third.
    expect(await page.getByTestId('address-book').locator('h2').innerText()).toBe(`Address book — seen up to ${pastClock}`);
    expect(await page.getByTestId('address-line').first().innerText()).toBe('web: pod IPs seen 2 · no Service');

    // The diff between the moment shown and now.
    await page.getByTestId('tt-from').selectOption('shown');
    await page.getByTestId('tt-to').selectOption('now');
    await page.getByTestId('tt-compare').click();
    await page.getByTestId('tt-diff').waitFor({ timeout: 15_000 });
    const rows = await page.getByTestId('tt-diff-row').allInnerTexts();
    expect(rows).toContain(`- pod default/${victim.name} IP ${victim.ip} on ${victim.node} removed`);
    expect(rows).toContain(`+ pod default/${replacement.name} IP ${replacement.ip} on ${replacement.node} added`);
    expect(rows.some((r) => r.includes(`Killing Pod/${victim.name}`))).toBe(true);
    expect(await page.getByTestId('tt-diff-summary').innerText()).toContain('1 pod added, 1 pod removed');
    await page.getByTestId('tt-diff').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${RESULTS}/timetravel.png` });

    // Branch from the moment shown: the old pod is live again and the history left behind is listed.
    await page.getByTestId('tt-branch').click();
    await expect.poll(() => page.getByTestId('past-banner').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await running(page, 'web-')).map((p) => `${p.name} ${p.ip}`).sort(), { timeout: 30_000 })
      .toEqual(first.map((p) => `${p.name} ${p.ip}`).sort());
    expect(await page.getByTestId('phase').innerText()).toContain('running');
    await expect.poll(() => page.getByTestId('tt-history').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('tt-history').innerText()).toContain('2 commands');
    // The new history goes on from the branch point: the deletion never happened in it.
    await hooks(page, (k) => k.setSpeed(25));
    const later = await hooks(page, (k) => k.time()) + 20_000;
    await expect.poll(() => hooks(page, (k) => k.time()), { timeout: 15_000 }).toBeGreaterThan(later);
    expect((await pods(page)).some((p) => p.name === victim.name)).toBe(true);
    expect((await pods(page)).some((p) => p.name === replacement.name)).toBe(false);
    // The scrubber spans the new history up to now.
    const shownNow = await page.getByTestId('tt-shown').innerText();
    expect(shownNow).toMatch(/^now \d\d:\d\d:\d\d$/);
    const [h, m, sec] = shownNow.slice(4).split(':').map(Number);
    expect((h * 3600 + m * 60 + sec) * 1000).toBeGreaterThanOrEqual(later - 1000);
    await page.screenshot({ path: `${RESULTS}/timetravel-branched.png` });

    // Switching back brings the earlier history (with the replacement) back, and keeps this one in its place.
    await page.getByTestId('tt-switch').click();
    await expect.poll(async () => (await running(page, 'web-')).some((p) => p.name === replacement.name), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('tt-history').innerText(), { timeout: 10_000 }).toContain('1 command ·');
    expect(await page.getByTestId('tt-history').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
