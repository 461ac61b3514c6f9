// The page's xterm terminal as the e2e tests drive it: its rows as text, waiting for the prompt, typing a line
// and reading what it printed, the Services' and pods' addresses it shows, and the page's errors meanwhile.
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** The shell's prompt, as the terminal shows it in the home directory. */
export const PROMPT = 'student@kubesim:~$';

/** Collects the page's console errors and uncaught exceptions from now on (the test expects none). */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

/**
 * The terminal's visible rows as text (xterm's DOM renderer, or the stand-in shown until xterm.js has loaded),
 * trailing blank rows removed; `trim` trims each row's end.
 */
export function terminalRows(page: Page, trim = true): Promise<string[]> {
  return page.evaluate((trimRows) => {
    const xtermRows = document.querySelectorAll('[data-testid="terminal"] .xterm-rows > div');
    const rows = xtermRows.length > 0 ? xtermRows : document.querySelectorAll('[data-testid="terminal-stand-in"] .row');
    const lines = [...rows]
      .map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' '))
      .map((r) => (trimRows ? r.trimEnd() : r));
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    return lines;
  }, trim);
}

/** Waits until the terminal's last row is a bare prompt. */
export async function waitForPrompt(page: Page, timeout = 30_000): Promise<void> {
  await expect.poll(async () => (await terminalRows(page)).at(-1), { timeout }).toBe(PROMPT);
}

/**
 * The real terminal's input (xterm's textarea), for focusing: a click on the stand-in loads xterm.js first, as a
 * student's click does.
 */
export async function terminalInput(page: Page): Promise<Locator> {
  const standIn = page.getByTestId('terminal-stand-in');
  if (await standIn.count() > 0) await standIn.click({ timeout: 5_000 }).catch(() => undefined);
  const input = page.locator('[data-testid="terminal"] .xterm-helper-textarea');
  await input.waitFor({ state: 'attached', timeout: 30_000 });
  return input;
}

/** Clears the screen (Ctrl+L), types `line` as a student would, and waits until the prompt is back. */
export async function enterLine(page: Page, line: string, timeout = 30_000): Promise<void> {
  await (await terminalInput(page)).focus();
  await page.keyboard.press('Control+L');
  await waitForPrompt(page);
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect.poll(async () => {
    const rows = await terminalRows(page);
    return rows.length > 1 && rows.at(-1) === PROMPT;
  }, { timeout }).toBe(true);
}

/**
 * Types `line` into the cleared terminal and returns the rows it printed once the prompt is back: those after the
 * typed line (which may wrap over several rows) and before the final prompt, each trimmed at its end.
 */
export async function run(page: Page, line: string, timeout = 30_000): Promise<string[]> {
  await enterLine(page, line, timeout);
  const rows = await terminalRows(page, false);
  let end = rows.findIndex((r) => r.startsWith(`${PROMPT} `));
  // The typed line scrolled out of sight: everything shown above the prompt is output.
  if (end < 0) return rows.slice(0, -1).map((r) => r.trimEnd());
  // A long command wraps over several rows: the output starts after the row where the typed text ends.
  const typed = `${PROMPT} ${line}`;
  for (let text = rows[end]; text.trimEnd().length < typed.length && end < rows.length - 1;) text += rows[++end];
  return rows.slice(end + 1, -1).map((r) => r.trimEnd());
}

/** Pod names, IPs and nodes, and Service ClusterIPs, as typed in the terminal (narrow columns, so no row wraps). */
export async function addresses(page: Page): Promise<{ pods: string[]; services: string[] }> {
  const pods = await run(page, 'kubectl get pods -o custom-columns=NAME:.metadata.name,IP:.status.podIP,NODE:.spec.nodeName --no-headers');
  const services = await run(page, 'kubectl get services -o custom-columns=NAME:.metadata.name,TYPE:.spec.type,IP:.spec.clusterIP --no-headers');
  const columns = (rows: string[]) => rows.map((r) => r.split(/\s+/).join(' '));
  return { pods: columns(pods), services: columns(services) };
}
