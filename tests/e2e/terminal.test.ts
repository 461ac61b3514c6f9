// The terminal in Debian's Chromium on the built page: typing kubectl into xterm.js, Tab completion, history
// (also after a reload) and Ctrl-R, Ctrl-C stopping a watch, a heredoc and a loop typed line by line, an alias,
// a multi-line paste, and output that stays text.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { RESULTS, useBuiltSite } from './helpers/built-site';
import type { Browser } from './helpers/browser';
import { enterLine, PROMPT, terminalInput, terminalRows as rows, watchProblems } from './helpers/terminal';


let server: StaticServer;
let browser: Browser;
useBuiltSite((s, b) => { server = s; browser = b; });

/** Waits until the terminal's last row is `last` (a bare prompt by default). */
async function waitForLastRow(page: Page, last: string | RegExp = PROMPT, timeout = 20_000): Promise<string[]> {
  await expect.poll(async () => {
    const r = await rows(page);
    const tail = r[r.length - 1] ?? '';
    return typeof last === 'string' ? tail === last : last.test(tail);
  }, { timeout }).toBe(true);
  return rows(page);
}

/** Opens the page with the terminal focused and its first prompt shown. */
async function openTerminal(seed: number): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${server.url}?seed=${seed}`);
  await waitForLastRow(page, PROMPT, 30_000);
  await (await terminalInput(page)).focus();
  return { page, problems };
}

// Unlike the shared `run`, the whole screen: these tests check the typed line's echo and the prompt after it too.
async function run(page: Page, line: string, timeout = 20_000): Promise<string[]> {
  await enterLine(page, line, timeout);
  return rows(page);
}

describe('the terminal', () => {
  it('starts as a stand-in that keeps what is typed, and loads xterm.js only when the student types', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    const scripts: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('.js')) scripts.push(r.url().split('/').pop()!); });
    await page.goto(`${server.url}?seed=3`);
    await waitForLastRow(page, PROMPT, 30_000);
    // The cluster runs and the prompt shows, yet neither xterm.js nor the command layer has been fetched.
    expect(scripts.some((s) => s.startsWith('xterm-'))).toBe(false);
    expect(scripts.some((s) => s.startsWith('command-layer-'))).toBe(false);
    expect(await page.locator('.xterm').count()).toBe(0);
    // The stand-in has the keyboard: what is typed at once reaches the shell and runs.
    await page.keyboard.type('kubectl get ns');
    await page.keyboard.press('Enter');
    const out = await waitForLastRow(page, PROMPT, 30_000);
    expect(out).toContain(`${PROMPT} kubectl get ns`);
    expect(out.some((r) => /^kube-system\s+Active\s+\S+$/.test(r))).toBe(true);
    expect(scripts.some((s) => s.startsWith('xterm-'))).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);
    await page.screenshot({ path: `${RESULTS}/terminal-after-stand-in.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says so when xterm.js cannot be fetched, and the page works on', async () => {
    const page = await browser.context.newPage();
    await page.route(/\/assets\/xterm-[^/]+\.js$/, (route) => route.abort('internetdisconnected'));
    await page.goto(`${server.url}?seed=3`);
    await waitForLastRow(page, PROMPT, 30_000);
    await page.keyboard.type('echo one');
    const problem = page.getByTestId('terminal-stand-in').getByRole('alert');
    await expect.poll(() => problem.count(), { timeout: 15_000 }).toBe(1);
    expect(await problem.innerText()).toMatch(/^The terminal could not be loaded \(.+\)\. Reload the page to try again\.$/);
    expect(await page.getByTestId('phase').innerText()).toBe('running');
    await page.screenshot({ path: `${RESULTS}/terminal-load-failed.png` });
    await page.close();
  });

  it('runs kubectl typed into it and prints the table, with colours and text kept as text', async () => {
    const { page, problems } = await openTerminal(1);
    const out = await run(page, 'kubectl get nodes');
    expect(out[0]).toBe(`${PROMPT} kubectl get nodes`);
    expect(out[1]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(out.slice(2, 5)).toHaveLength(3);
    for (const row of out.slice(2, 5)) expect(row).toMatch(/^aks-nodepool1-\d{8}-vmss00000\d\s+Ready\s+agent\s+\S+\s+v1\.\d+\.\d+$/);

    // Output is text, never markup.
    const echoed = await run(page, `echo '<b id="injected">bold</b>'`);
    expect(echoed[1]).toBe('<b id="injected">bold</b>');
    expect(await page.locator('#injected').count()).toBe(0);

    // The prompt is coloured like Ubuntu's: user@host in green, the directory in blue.
    const colours = await page.evaluate(() => [...document.querySelectorAll('[data-testid="terminal"] .xterm-rows > div:first-child span')]
      .map((s) => [s.textContent, getComputedStyle(s).color]));
    expect(colours.find(([text]) => text === 'student@kubesim')?.[1]).not.toBe(colours.find(([text]) => text?.startsWith('$'))?.[1]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('completes with Tab: one match in place, several listed under the line on a second Tab', async () => {
    const { page } = await openTerminal(2);
    await page.keyboard.press('Control+L');
    await page.keyboard.type('kubectl get nod');
    await page.keyboard.press('Tab');
    await waitForLastRow(page, `${PROMPT} kubectl get nodes`);
    await page.keyboard.press('Enter');
    const out = await waitForLastRow(page);
    expect(out[1]).toMatch(/^NAME\s+STATUS/);

    await page.keyboard.press('Control+L');
    await page.keyboard.type('kubectl get pods -n kube-');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await rows(page)).length).toBe(3);
    const listed = await rows(page);
    expect(listed[0]).toBe(`${PROMPT} kubectl get pods -n kube-`);
    expect(listed[1].split(/\s+/)).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(listed[2]).toBe(`${PROMPT} kubectl get pods -n kube-`);
    await page.keyboard.type('sys');
    await page.keyboard.press('Tab');
    await waitForLastRow(page, `${PROMPT} kubectl get pods -n kube-system`);
    await page.keyboard.press('Control+C');
    await page.close();
  });

  it('walks back through history with the arrow keys, also after a reload, and searches it with Ctrl-R', async () => {
    const { page } = await openTerminal(3);
    await run(page, 'echo first');
    await run(page, 'echo second');
    await page.keyboard.press('Control+L');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await waitForLastRow(page, `${PROMPT} echo first`);
    await page.keyboard.press('ArrowDown');
    await waitForLastRow(page, `${PROMPT} echo second`);
    await page.keyboard.press('Enter');
    expect((await waitForLastRow(page)).slice(-2)).toEqual(['second', PROMPT]);

    await page.reload();
    await waitForLastRow(page, PROMPT, 30_000);
    await (await terminalInput(page)).focus();
    await page.keyboard.press('ArrowUp');
    await waitForLastRow(page, `${PROMPT} echo second`);

    // Ctrl-R searches the history backwards (and is the terminal's, not the browser's reload).
    await page.keyboard.press('Control+C');
    await page.keyboard.press('Control+L');
    await page.keyboard.press('Control+R');
    await page.keyboard.type('fir');
    await waitForLastRow(page, "(reverse-i-search)`fir': echo first");
    await page.keyboard.press('Enter');
    expect((await waitForLastRow(page)).slice(-2)).toEqual(['first', PROMPT]);
    await page.close();
  });

  it('stops `kubectl get pods -w` with Ctrl-C and keeps keys typed meanwhile for the next prompt', async () => {
    const { page } = await openTerminal(4);
    await page.getByTestId('speed').selectOption('25');
    expect((await run(page, 'kubectl create deployment web --image=nginx --replicas=2'))[1]).toBe('deployment.apps/web created');
    await page.keyboard.press('Control+L');
    await page.keyboard.type('kubectl get pods -w');
    await page.keyboard.press('Enter');
    await waitForLastRow(page, /^web-[a-z0-9]+-[a-z0-9]{5}\s+\d\/1\s+\S+/);
    const watching = await rows(page);
    expect(watching[1]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    await page.keyboard.press('Control+C');
    const stopped = await waitForLastRow(page);
    expect(stopped[stopped.length - 2]).toMatch(/\^C$/);

    // Typed while a job runs: waits for the prompt, then runs.
    await page.keyboard.type('sleep 5');
    await page.keyboard.press('Enter');
    await page.keyboard.type('echo typed-ahead');
    await page.keyboard.press('Enter');
    await waitForLastRow(page, PROMPT, 20_000);
    await expect.poll(async () => (await rows(page)).includes('typed-ahead'), { timeout: 20_000 }).toBe(true);
    await page.screenshot({ path: `${RESULTS}/terminal-watch.png` });
    await page.close();
  });

  it('reads a heredoc typed line by line, so cat shows the file it made', async () => {
    const { page } = await openTerminal(5);
    await page.keyboard.press('Control+L');
    for (const line of ['cat <<EOF > hello.yaml', 'greeting: hello', 'from: kubesim']) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    const open = await waitForLastRow(page, '>');
    expect(open.slice(-3)).toEqual(['> greeting: hello', '> from: kubesim', '>']);
    await page.keyboard.type('EOF');
    await page.keyboard.press('Enter');
    await waitForLastRow(page);
    const shown = await run(page, 'cat hello.yaml');
    expect(shown.slice(1)).toEqual(['greeting: hello', 'from: kubesim', PROMPT]);
    await page.close();
  });

  it('runs a loop typed over several lines, an alias and watch, as bash does', async () => {
    const { page } = await openTerminal(7);
    await page.getByTestId('speed').selectOption('25');
    await run(page, 'alias k=kubectl');
    expect((await run(page, 'k create deployment web --image=nginx:1.27 --replicas=3'))[1]).toBe('deployment.apps/web created');
    await run(page, 'k expose deployment web --port=80');
    await expect.poll(async () => (await run(page, 'k get deployment web --no-headers'))[1], { timeout: 30_000 }).toMatch(/^web\s+3\/3\s/);
    await page.keyboard.press('Control+L');
    for (const line of ['for i in $(seq 9)', 'do', "  k exec deploy/web -- curl -s -o /dev/null -w '%{http_code}\\n' http://web"]) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    // bash asks for the rest of the loop with its PS2 prompt.
    const open = await waitForLastRow(page, '>');
    expect(open.slice(-3)).toEqual(['> do', ">   k exec deploy/web -- curl -s -o /dev/null -w '%{http_code}\\n' http://web", '>']);
    await page.keyboard.type('done | sort | uniq -c');
    await page.keyboard.press('Enter');
    const out = await waitForLastRow(page, PROMPT, 30_000);
    expect(out.slice(-2)).toEqual(['      9 200', PROMPT]);
    await page.screenshot({ path: `${RESULTS}/terminal-loop.png` });

    // watch redraws the command's output under its title until Ctrl-C.
    await page.keyboard.type('watch -n 1 k get deployment web');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await rows(page))[0] ?? '', { timeout: 20_000 }).toMatch(/^Every 1\.0s: k get deployment web\s+kubesim: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    await expect.poll(async () => (await rows(page)).slice(2, 4).join('\n'), { timeout: 20_000 }).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+3\/3\s/);
    await page.screenshot({ path: `${RESULTS}/terminal-watch.png` });
    await page.keyboard.press('Control+C');
    await waitForLastRow(page, PROMPT);
    await page.close();
  });

  it('runs each line of a multi-line paste, and `clear` clears the screen', async () => {
    const { page } = await openTerminal(6);
    await page.keyboard.press('Control+L');
    await page.locator('[data-testid="terminal"] .xterm-helper-textarea').evaluate((textarea) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'echo pasted-one\necho pasted-two\n');
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(async () => (await rows(page)).filter((r) => r.startsWith('pasted-')), { timeout: 10_000 }).toEqual(['pasted-one', 'pasted-two']);
    const out = await waitForLastRow(page);
    expect(out.filter((r) => r.startsWith(PROMPT))[0]).toBe(`${PROMPT} echo pasted-one`);
    await page.keyboard.type('clear');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows(page)).toEqual([PROMPT]);
    await page.close();
  });
});
