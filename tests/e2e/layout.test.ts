// The page's frame in Debian's Chromium: panes that fit a laptop (1366×768) and a projector (1920×1080)
// without overlapping or clipped controls, drag and keyboard resizing that the terminal follows and a reload
// keeps, hiding and showing panes, the dark theme, and the events timeline with its Warnings marked.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { RESULTS, useBuiltServer } from './helpers/built-site';
import { DEFAULT_LAYOUT } from '../../src/features/layout/layout-math';
import { launchChromium, type Browser } from './helpers/browser';
import { enterLine, terminalInput, waitForPrompt, watchProblems } from './helpers/terminal';

const SLOTS = ['#slot-lab', '#slot-editor', '#slot-cluster', '#slot-terminal', '#slot-drawer'];

let server: StaticServer;
useBuiltServer((s) => { server = s; });

interface Box { x: number; y: number; width: number; height: number }

/** Opens the page, waits for the terminal's first prompt and brings up the real terminal (xterm.js). */
async function open(browser: Browser, seed: number): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${server.url}?seed=${seed}`);
  await waitForPrompt(page);
  await terminalInput(page);
  await waitForPrompt(page);
  return { page, problems };
}

const box = async (page: Page, selector: string): Promise<Box> => (await page.locator(selector).boundingBox())!;
const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
const terminalRowCount = (page: Page) => page.locator('[data-testid="terminal"] .xterm-rows > div').count();
const terminalWidth = async (page: Page) => (await box(page, '[data-testid="terminal"] .xterm-screen')).width;

/** Every pane shows, inside the window, and no two overlap; the header's controls are whole and inside it. */
async function expectTidyLayout(page: Page, viewport: { width: number; height: number }): Promise<void> {
  const boxes = await Promise.all(SLOTS.map((s) => box(page, s)));
  for (const [i, b] of boxes.entries()) {
    expect(b.width, SLOTS[i]).toBeGreaterThan(200);
    expect(b.height, SLOTS[i]).toBeGreaterThan(100);
    expect(b.x + b.width, SLOTS[i]).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(b.y + b.height, SLOTS[i]).toBeLessThanOrEqual(viewport.height + 0.5);
    for (const [j, other] of boxes.entries()) if (j > i) expect(overlaps(b, other), `${SLOTS[i]} overlaps ${SLOTS[j]}`).toBe(false);
  }
  const header = await box(page, 'header.bar');
  const controls = await page.locator('header.bar button, header.bar select, header.bar summary, header.bar time').all();
  expect(controls.length).toBeGreaterThanOrEqual(7);
  for (const control of controls) {
    const b = (await control.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(header.x);
    expect(b.x + b.width).toBeLessThanOrEqual(header.x + header.width + 0.5);
    expect(b.y).toBeGreaterThanOrEqual(header.y);
    expect(b.y + b.height).toBeLessThanOrEqual(header.y + header.height + 0.5);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth && document.documentElement.scrollHeight <= innerHeight)).toBe(true);
}

/** Drags a split's handle by (dx, dy) with the mouse. */
async function drag(page: Page, split: string, dx: number, dy: number): Promise<void> {
  const b = await box(page, `[data-split="${split}"]`);
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 3 });
  await page.mouse.move(x + dx, y + dy, { steps: 3 });
  await page.mouse.up();
}

describe('the page frame', () => {
  it('fits a laptop screen, resizes panes by drag and keyboard, keeps sizes over a reload, and hides panes', async () => {
    const viewport = { width: 1366, height: 768 };
    const browser = await launchChromium(viewport);
    try {
      const { page, problems } = await open(browser, 11);
      await expectTidyLayout(page, viewport);
      await page.screenshot({ path: `${RESULTS}/layout-1366x768.png` });

      const leftBefore = (await box(page, '#region-left')).width;
      await drag(page, 'left', 120, 0);
      expect((await box(page, '#region-left')).width).toBeCloseTo(leftBefore + 120, -1);

      // The terminal follows its pane: a taller row gives it more rows, a wider drawer fewer columns.
      const rowsBefore = await terminalRowCount(page);
      await drag(page, 'bottom', 0, -100);
      await expect.poll(() => terminalRowCount(page)).toBeGreaterThan(rowsBefore + 3);
      const widthBefore = await terminalWidth(page);
      await drag(page, 'drawer', -150, 0);
      await expect.poll(() => terminalWidth(page)).toBeLessThan(widthBefore - 100);

      // Keyboard: a focused handle moves 16 px per arrow key.
      const leftNow = (await box(page, '#region-left')).width;
      await page.locator('[data-split="left"]').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect((await box(page, '#region-left')).width).toBeCloseTo(leftNow + 32, 0);
      expect(Number(await page.locator('[data-split="left"]').getAttribute('aria-valuenow'))).toBe(Math.round(((leftNow + 32) / 1366) * 100));

      const sizes = { left: (await box(page, '#region-left')).width, bottom: (await box(page, '#region-bottom')).height, drawer: (await box(page, '#slot-drawer')).width };
      await page.reload();
      await waitForPrompt(page);
      expect((await box(page, '#region-left')).width).toBeCloseTo(sizes.left, 0);
      expect((await box(page, '#region-bottom')).height).toBeCloseTo(sizes.bottom, 0);
      expect((await box(page, '#slot-drawer')).width).toBeCloseTo(sizes.drawer, 0);
      await expectTidyLayout(page, viewport);

      // Hide the lab text: the editor takes the whole column; the Panes menu brings it back.
      const editorBefore = (await box(page, '#slot-editor')).height;
      await page.getByRole('button', { name: 'Hide Lab' }).click();
      expect(await page.locator('#slot-lab').isVisible()).toBe(false);
      expect((await box(page, '#slot-editor')).height).toBeGreaterThan(editorBefore + 100);
      await page.locator('header.bar summary', { hasText: 'Panes' }).click();
      await page.getByRole('checkbox', { name: 'Lab' }).check();
      expect(await page.locator('#slot-lab').isVisible()).toBe(true);
      await page.getByRole('checkbox', { name: 'Terminal' }).uncheck();
      expect(await page.locator('#slot-terminal').isVisible()).toBe(false);
      expect((await box(page, '#slot-drawer')).width).toBeGreaterThan(1300);
      await page.getByRole('button', { name: 'reset layout' }).click();
      expect((await box(page, '#region-left')).width).toBeCloseTo(1366 * DEFAULT_LAYOUT.splits.left, -1);
      await page.keyboard.press('Escape');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('switches to the dark theme and keeps it, lists events newest first with Warnings marked, at projector size', async () => {
    const viewport = { width: 1920, height: 1080 };
    const browser = await launchChromium(viewport);
    try {
      const { page, problems } = await open(browser, 12);
      await expectTidyLayout(page, viewport);
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(246, 247, 249)');
      const toggle = page.getByTestId('theme-toggle');
      expect(await toggle.getAttribute('aria-label')).toBe('Theme: auto');
      await toggle.click();
      await toggle.click();
      expect(await toggle.getAttribute('aria-label')).toBe('Theme: dark');
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(17, 20, 24)');
      const terminalBackground = () => page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="terminal"] .xterm-viewport')!).backgroundColor);
      expect(await terminalBackground()).toBe('rgb(20, 23, 27)');

      await page.getByTestId('speed').selectOption('25');
      await enterLine(page, 'kubectl create deployment broken --image=registry.example/none:v0');
      const warning = page.locator('[data-testid="events"] [role="row"].warning').first();
      await warning.waitFor({ timeout: 30_000 });
      expect(await warning.locator('.type').innerText()).toBe('⚠Warning');
      expect(await warning.locator('.object').innerText()).toMatch(/^pod\/broken-[a-z0-9]+-[a-z0-9]{5}$/);
      const seen = await page.locator('[data-testid="events"] [role="rowgroup"] + [role="rowgroup"] [role="row"] .seen').allInnerTexts();
      const seconds = seen.map((t) => (/^(\d+)s$/.exec(t) ? Number(t.slice(0, -1)) : /^(\d+)m/.test(t) ? 60 * Number(/^(\d+)m/.exec(t)![1]) : Infinity));
      expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
      await page.screenshot({ path: `${RESULTS}/layout-1920x1080-dark.png` });

      await page.reload();
      await waitForPrompt(page);
      await terminalInput(page);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await terminalBackground()).toBe('rgb(20, 23, 27)');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
