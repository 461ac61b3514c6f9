// The classroom in Debian's Chromium against the built page: projection mode at 1920×1080 (large type in the
// terminal and the picture, the projector theme, slow motion, the picture and terminal only), a link that opens a
// lab at a step, the presenter's keys (and that they leave the terminal alone), the example page that embeds
// kubesim with its panes and theme picked in the address, and axe-core finding nothing in the light, dark and
// projector themes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { DIST, RESULTS, useBuiltServer } from './helpers/built-site';
import { launchChromium, type Browser } from './helpers/browser';
import { terminalInput } from './helpers/terminal';

const AXE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const STEP_LINK = 'lab=module-4-services&step=use-dns';

let server: StaticServer;
useBuiltServer((s) => { server = s; });

type Target = Page | Frame;

/** Waits until `fn` (run in the page through the DevTools protocol, so the page's CSP allows it) returns true. */
async function until(target: Target, fn: () => boolean, timeout = 30_000): Promise<void> {
  await expect.poll(() => target.evaluate(fn), { timeout, interval: 100 }).toBe(true);
}

async function open(browser: Browser, query: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(`${server.url}${query}`);
  return { page, problems };
}

/** The lab at its step with the cluster set up for it: three Ready nodes and the step's pods running. */
async function labReady(target: Target, progress: string): Promise<void> {
  await until(target, () => document.querySelectorAll('[data-testid="topology"] [data-testid="node"][data-status="Ready"]').length === 3);
  await expect.poll(() => target.locator('[data-testid="lab-progress"]').textContent(), { timeout: 30_000 }).toContain(progress);
}

const shown = (target: Target, selector: string) => target.locator(selector).evaluate((el) => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0);

/** The size text is drawn at on screen, in px: its font size times the picture's zoom. */
const drawnSizes = (target: Target, selector: string) => target.locator(selector).evaluateAll((els) =>
  els.map((el) => parseFloat(getComputedStyle(el).fontSize) * ((el as SVGGraphicsElement).getScreenCTM()?.a ?? 0)));

/** axe-core's violations on the page, each as "rule: how many nodes (first target)". */
async function axeViolations(target: Target): Promise<string[]> {
  await target.evaluate(AXE);
  const found = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.length} × e.g. ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary ?? ''}`);
  });
  return found;
}

describe('the classroom', () => {
  it('opens a lab step for the projector at 1920×1080 in large type, and axe finds nothing', async () => {
    const browser = await launchChromium({ width: 1920, height: 1080 });
    try {
      const { page, problems } = await open(browser, `?seed=7&${STEP_LINK}&projector=1`);
      await labReady(page, 'step 4/');
      expect(await page.evaluate(() => ({ projection: 'projection' in document.documentElement.dataset, theme: document.documentElement.dataset.theme })))
        .toEqual({ projection: true, theme: 'projector' });
      // The picture and the terminal only, the step as a one-line banner, the clock in slow motion.
      for (const pane of ['#slot-lab', '#slot-editor', '#slot-drawer']) expect(await shown(page, pane), pane).toBe(false);
      for (const pane of ['#slot-cluster', '#slot-terminal']) expect(await shown(page, pane), pane).toBe(true);
      expect(await page.getByTestId('lab-banner').textContent()).toContain('Step 4/6 · Point the data API at the name');
      expect(await page.getByTestId('speed').inputValue()).toBe('0.5');
      expect(await page.getByTestId('present').getAttribute('aria-pressed')).toBe('true');

      await until(page, () => document.querySelectorAll('[data-testid="pod"]').length >= 2);
      const terminalPx = await page.locator('[data-testid="terminal"] .xterm-rows').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      const podPx = await drawnSizes(page, '[data-testid="pod"] text.name');
      const servicePx = await drawnSizes(page, '[data-testid="service"] text.name');
      console.log(`projection 1920×1080: terminal ${terminalPx}px; pod names ${Math.min(...podPx).toFixed(1)}px; service names ${Math.min(...servicePx).toFixed(1)}px`);
      await page.screenshot({ path: `${RESULTS}/projection-1920x1080.png` });
      expect(terminalPx).toBeGreaterThanOrEqual(20);
      expect(podPx.length).toBeGreaterThan(0);
      expect(servicePx.length).toBeGreaterThan(0);
      expect(Math.min(...podPx, ...servicePx)).toBeGreaterThanOrEqual(20);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await browser.close();
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in the ${theme} theme with a lab open and the cluster running`, async () => {
      const browser = await launchChromium({ width: 1366, height: 768 }, theme);
      try {
        const { page, problems } = await open(browser, `?seed=7&${STEP_LINK}&theme=${theme}`);
        await labReady(page, 'step 4/');
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        for (const pane of ['#slot-lab', '#slot-editor', '#slot-cluster', '#slot-terminal', '#slot-drawer']) expect(await shown(page, pane), pane).toBe(true);
        await until(page, () => document.querySelectorAll('[data-testid="pod"]').length >= 2);
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.close();
      } finally {
        await browser.close();
      }
    });
  }

  it('answers the presenter keys only outside the terminal (or with Alt+Shift), with a cheat sheet', async () => {
    const browser = await launchChromium({ width: 1366, height: 768 });
    try {
      const { page, problems } = await open(browser, `?seed=7&lab=module-4-services`);
      await labReady(page, 'step 1/');
      const phase = () => page.getByTestId('phase').textContent();
      const speed = () => page.getByTestId('speed').inputValue();
      const terminalText = () => page.locator('[data-testid="terminal"] .xterm-rows').textContent();

      // In the terminal the keys are typed, not obeyed.
      await (await terminalInput(page)).focus();
      await page.keyboard.type(' n+?');
      await expect.poll(terminalText).toContain('$  n+?');
      expect(await phase()).toBe('running');
      expect(await speed()).toBe('1');
      expect(await page.getByTestId('lab-progress').textContent()).toContain('step 1/');
      expect(await page.getByTestId('presenter-keys').isVisible()).toBe(false);
      await page.keyboard.press('Control+U');

      // With Alt+Shift they work from the terminal too.
      await page.keyboard.press('Alt+Shift+Space');
      await expect.poll(phase).toBe('paused');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);

      // Elsewhere, bare keys.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Space');
      await expect.poll(phase).toBe('running');
      await page.keyboard.press('Space');
      await expect.poll(phase).toBe('paused');
      const before = await page.getByTestId('clock').textContent();
      await page.keyboard.press('.');
      await expect.poll(() => page.getByTestId('presenter-said').textContent()).toBe('paused · one step');
      expect(await phase()).toBe('paused');
      expect(typeof before).toBe('string');
      await page.keyboard.press('+');
      await expect.poll(speed).toBe('2');
      await page.keyboard.press('-');
      await page.keyboard.press('-');
      await expect.poll(speed).toBe('0.5');

      await page.keyboard.press('?');
      await expect.poll(() => page.getByTestId('presenter-keys').isVisible()).toBe(true);
      const sheet = await page.getByTestId('presenter-keys').textContent();
      for (const words of ['play or pause the clock', 'next lab step', 'reset the cluster to the start of this lab step', 'Alt']) expect(sheet).toContain(words);
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('presenter-keys').isVisible()).toBe(false);

      // The lab: on to step 2 (the cluster set up for it), then back to the start of that step.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('n');
      await expect.poll(() => page.getByTestId('lab-progress').textContent(), { timeout: 30_000 }).toContain('step 2/');
      await expect.poll(terminalText, { timeout: 30_000 }).toContain('the cluster is set up as step 2 starts');
      // The rebuilt terminal leaves the keyboard where it was, so the next key is obeyed, not typed at the prompt.
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="terminal"]'))).toBe(false);
      await page.keyboard.press('r');
      await expect.poll(terminalText, { timeout: 30_000 }).toContain('reset to the start of step 2');
      expect(await page.getByTestId('lab-progress').textContent()).toContain('step 2/');

      // Projection mode on and off from the keyboard.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('p');
      await until(page, () => 'projection' in document.documentElement.dataset && document.documentElement.dataset.theme === 'projector');
      await page.keyboard.press('p');
      await until(page, () => !('projection' in document.documentElement.dataset) && document.documentElement.dataset.theme !== 'projector');
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await browser.close();
    }
  });

  it('is embedded by the example page with the lab step, panes and theme from the address, under its CSP', async () => {
    const browser = await launchChromium({ width: 1366, height: 900 }, 'dark');
    try {
      const { page, problems } = await open(browser, 'embed-example.html');
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("default-src 'none'");
      expect(await page.locator('script').count()).toBe(0);
      const frame = page.frames().find((f) => f.url().includes('index.html?lab=module-4-services'))!;
      expect(frame).toBeDefined();
      await labReady(frame, 'step 4/');
      expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      for (const pane of ['#slot-lab', '#slot-editor', '#slot-drawer']) expect(await shown(frame, pane), pane).toBe(false);
      for (const pane of ['#slot-cluster', '#slot-terminal']) expect(await shown(frame, pane), pane).toBe(true);
      expect(await frame.getByTestId('lab-banner').textContent()).toContain('Step 4/6');
      // The embedded page's choices are its own: nothing of them is stored for the visitor's own kubesim.
      expect(await frame.evaluate(() => [localStorage.getItem('kubesim:layout'), localStorage.getItem('kubesim:theme')])).toEqual([null, null]);
      expect(await page.getByTestId('embed-projector-link').getAttribute('href')).toBe(`./index.html?${STEP_LINK}&projector=1`);
      await page.screenshot({ path: `${RESULTS}/embed-example.png` });
      expect(problems).toEqual([]);
      expect(server.missing).toEqual([]);
      await page.close();
    } finally {
      await browser.close();
    }
  });

  it('precaches the example page for offline use', () => {
    const sw = readFileSync(`${DIST}/sw.js`, 'utf8');
    expect(sw).toContain('embed-example.html');
    expect(sw).toContain('embed-example.css');
  });
});
