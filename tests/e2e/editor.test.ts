// The editor pane in Debian's Chromium on the built page: a manifest typed with a typo shows a lint marker on
// that line, the fix clears it, Save and Apply reach the terminal, files made in the terminal appear in the list,
// and `kubectl edit` opens in the editor and applies on Save & close.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { RESULTS, useBuiltSite } from './helpers/built-site';
import { launchChromium, type Browser } from './helpers/browser';
import { terminalInput } from './helpers/terminal';


const SERVICE_WITH_TYPO = `apiVersion: v1
kind: Service
metadata:
  name: mongodb-svc
spec:
  selector:
    app: mongodb
  ports:
    - port: 27017
      tagetPort: 27017
`;

let server: StaticServer;
let browser: Browser;
useBuiltSite((s, b) => { server = s; browser = b; });

async function openPage(b: Browser, seed: number): Promise<{ page: Page; problems: string[] }> {
  const page = await b.context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(`${server.url}?seed=${seed}`);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="editor"] button')]
    .some((b) => b.textContent === 'New file' && !(b as HTMLButtonElement).disabled), undefined, { timeout: 30_000 });
  return { page, problems };
}

/** Everything the terminal shows, as text (the xterm terminal's rows, or the command box's transcript). */
function transcript(page: Page): Promise<string> {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="command-output"]');
    if (box) return box.textContent ?? '';
    const rows = document.querySelectorAll('.xterm-rows > div');
    return [...rows].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

async function waitForTranscript(page: Page, text: string): Promise<void> {
  await expect.poll(() => transcript(page), { timeout: 15_000 }).toContain(text);
}

/** Types a line into the terminal as a student would, and presses Enter. */
async function typeCommand(page: Page, line: string): Promise<void> {
  const box = page.locator('#command-line');
  if (await box.count() > 0) {
    await box.fill(line);
    await box.press('Enter');
    return;
  }
  await (await terminalInput(page)).focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

const fileButton = (editor: Locator, name: string) =>
  editor.getByRole('list', { name: 'Files in your home directory' }).getByRole('button', { name, exact: true });

/** The 1-based line number of the editor line holding `locator`, and whether the lint gutter marks that line. */
async function lintedLine(editor: Locator): Promise<{ line: number; text: string; marked: boolean }> {
  return editor.locator('.cm-lintRange-error').first().evaluate((range) => {
    const line = range.closest('.cm-line')!;
    const lines = [...line.parentElement!.querySelectorAll(':scope > .cm-line')];
    const top = line.getBoundingClientRect().top;
    const markers = [...document.querySelectorAll('.cm-lint-marker-error')];
    const marked = markers.some((m) => Math.abs(m.closest('.cm-gutterElement')!.getBoundingClientRect().top - top) < 3);
    return { line: lines.indexOf(line) + 1, text: range.textContent ?? '', marked };
  });
}

/** Replaces the first `from` after the top of the file with `to`, through the editor's search panel. */
async function replaceInEditor(page: Page, editor: Locator, from: string, to: string): Promise<void> {
  await editor.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+f');
  const search = editor.getByRole('textbox', { name: 'Find' });
  await search.fill('');
  // The search panel takes its query on key-up, as typing does.
  await search.pressSequentially(from);
  await search.press('Enter');
  await search.press('Escape');
  await page.keyboard.type(to);
}

/** Waits until the keyboard is in the editor's text (New file and kubectl edit move it there). */
async function waitForEditorFocus(editor: Locator): Promise<void> {
  const content = editor.locator('.cm-content');
  await expect.poll(() => content.evaluate((el) => el.contains(document.activeElement)), { timeout: 10_000 }).toBe(true);
}

describe('the editor pane', () => {
  it('lints a typed manifest at the line, saves, applies it, and runs kubectl edit', async () => {
    const { page, problems } = await openPage(browser, 4);
    const editor = page.getByTestId('editor');

    // A file made in the terminal appears in the list without a refresh.
    await typeCommand(page, `echo 'note: made in the terminal' > notes.txt`);
    await fileButton(editor, 'notes.txt').waitFor({ timeout: 10_000 });

    // New file: the name is checked as it is typed.
    await editor.getByRole('button', { name: 'New file' }).click();
    const name = editor.getByRole('textbox', { name: /New file/ });
    await name.fill('notes.txt');
    await expect.poll(() => editor.locator('#editor-file-name-problem').innerText()).toBe('~/notes.txt already exists.');
    await name.fill('mongo svc.yaml');
    await expect.poll(() => editor.locator('#editor-file-name-problem').innerText()).toContain('characters');
    await name.fill('mongo.svc.yaml');
    await name.press('Enter');
    await expect.poll(() => editor.getByTestId('editor-path').innerText()).toBe('~/mongo.svc.yaml');

    // Type the manifest (as pasted text, so the editor's auto-indent does not add to it) with a typo'd field.
    const content = editor.locator('.cm-content');
    await waitForEditorFocus(editor);
    await page.keyboard.insertText(SERVICE_WITH_TYPO);
    await editor.getByTestId('editor-dirty').waitFor();
    await editor.locator('.cm-lint-marker-error').waitFor({ timeout: 10_000 });
    const linted = await lintedLine(editor);
    expect(linted).toEqual({ line: 10, text: 'tagetPort', marked: true });
    expect(await editor.getByTestId('editor-problems').innerText()).toContain('1 problem');
    await editor.locator('.cm-lintRange-error').first().hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor({ timeout: 5_000 });
    expect(await tooltip.innerText()).toContain('unknown field "spec.ports[0].tagetPort"');
    await page.screenshot({ path: `${RESULTS}/editor-lint.png` });

    // Fix the typo where it is: select the word and type over it. Tab inserts two spaces, never a tab.
    await editor.locator('.cm-lintRange-error').first().dblclick();
    await page.keyboard.type('targetPort');
    await editor.locator('.cm-lint-marker-error').waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => editor.getByTestId('editor-problems').innerText()).toContain('no problems');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Tab');
    expect(await content.locator('.cm-line').last().textContent()).toBe('  ');
    await page.keyboard.press('Control+z');
    expect(await content.locator('.cm-line').last().textContent()).toBe('');

    // Save with Ctrl+S: the dirty marker goes; then Apply runs kubectl apply -f in the terminal.
    await page.keyboard.press('Control+s');
    await editor.getByTestId('editor-dirty').waitFor({ state: 'detached' });
    await typeCommand(page, 'cat mongo.svc.yaml');
    await waitForTranscript(page, 'targetPort: 27017');
    await editor.getByRole('button', { name: 'Apply' }).click();
    await waitForTranscript(page, 'kubectl apply -f ~/mongo.svc.yaml');
    await waitForTranscript(page, 'service/mongodb-svc created');

    // kubectl edit opens the Deployment here; change replicas with the editor's search, then Save & close.
    await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27');
    await waitForTranscript(page, 'deployment.apps/web created');
    await typeCommand(page, 'kubectl edit deployment/web');
    const banner = editor.getByTestId('edit-banner');
    await banner.waitFor({ timeout: 10_000 });
    await waitForEditorFocus(editor);
    expect(await banner.innerText()).toContain('kubectl edit deployment/web — save and close to apply, or cancel');
    expect(await content.innerText()).toMatch(/^# Please edit the object below/);
    // From the top, spec.replicas comes before the status's replica counts.
    await replaceInEditor(page, editor, 'replicas: 1', 'replicas: 3');
    await editor.getByTestId('editor-dirty').waitFor();
    await page.screenshot({ path: `${RESULTS}/editor-kubectl-edit.png` });
    await banner.getByRole('button', { name: 'Save & close' }).click();
    await waitForTranscript(page, 'deployment.apps/web edited');
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => editor.getByTestId('editor-path').innerText()).toBe('~/mongo.svc.yaml');
    await typeCommand(page, `echo replicas=$(kubectl get deployment web -o jsonpath='{.spec.replicas}')`);
    await waitForTranscript(page, 'replicas=3');

    // A terminal editor opens its file here too; the terminal waits until it is saved and closed.
    await typeCommand(page, 'nano web.notes.yaml');
    await banner.waitFor({ timeout: 10_000 });
    await waitForEditorFocus(editor);
    expect(await banner.innerText()).toContain('nano web.notes.yaml — save and close to return to the terminal, or cancel');
    await page.keyboard.type('replicas: 3');
    await banner.getByRole('button', { name: 'Save & close' }).click();
    await banner.waitFor({ state: 'detached' });
    await expect.poll(() => editor.getByTestId('editor-path').innerText()).toBe('~/mongo.svc.yaml');
    await typeCommand(page, 'cat web.notes.yaml');
    await waitForTranscript(page, 'replicas: 3');

    // The file a terminal command rewrites shows its new content while the editor has no changes.
    await typeCommand(page, `echo '# rewritten by the terminal' >> mongo.svc.yaml`);
    await expect.poll(() => content.innerText(), { timeout: 10_000 }).toContain('# rewritten by the terminal');
    await page.screenshot({ path: `${RESULTS}/editor-after-edit.png` });

    // Rename, then delete after confirming.
    await editor.getByRole('button', { name: 'Rename ~/mongo.svc.yaml' }).click();
    const rename = editor.getByRole('textbox', { name: /Rename/ });
    await rename.fill('mongodb.svc.yaml');
    await rename.press('Enter');
    await fileButton(editor, 'mongodb.svc.yaml').waitFor();
    expect(await fileButton(editor, 'mongo.svc.yaml').count()).toBe(0);
    await editor.getByRole('button', { name: 'Delete ~/mongodb.svc.yaml' }).click();
    await editor.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await fileButton(editor, 'mongodb.svc.yaml').waitFor({ state: 'detached' });
    await typeCommand(page, 'ls');
    await expect.poll(() => transcript(page)).toMatch(/notes\.txt/);

    expect(problems).toEqual([]);
    await page.close();
  });

  it('reopens a failed kubectl edit with its errors, and cancels one, in the dark theme at projector size', async () => {
    const dark = await launchChromium({ width: 1920, height: 1080 }, 'dark');
    try {
      const { page, problems } = await openPage(dark, 6);
      const editor = page.getByTestId('editor');
      const content = editor.locator('.cm-content');
      await typeCommand(page, 'kubectl create deployment api --image=nginx:1.27');
      await waitForTranscript(page, 'deployment.apps/api created');
      await typeCommand(page, 'kubectl edit deploy/api');
      const banner = editor.getByTestId('edit-banner');
      await banner.waitFor({ timeout: 10_000 });
      // kubectl edit hands the keyboard to the editor. Markup typed there stays text (a comment line is ignored).
      await waitForEditorFocus(editor);
      await page.keyboard.press('Control+Home');
      await page.keyboard.insertText('# <img id="injected" src="x">\n');
      expect(await page.locator('#injected').count()).toBe(0);

      // An invalid value: kubectl edit reopens the file with the reasons in its header.
      await replaceInEditor(page, editor, 'replicas: 1', 'replicas: -1');
      await banner.getByRole('button', { name: 'Save & close' }).click();
      await expect.poll(() => content.innerText(), { timeout: 10_000 }).toContain('# deployments.apps "api" was not valid:');
      expect(await content.innerText()).toContain('# * spec.replicas: Invalid value: -1');
      expect(await banner.innerText()).toContain('kubectl edit deployment/api');
      await page.screenshot({ path: `${RESULTS}/editor-edit-reopened-dark.png` });
      await replaceInEditor(page, editor, 'replicas: -1', 'replicas: 2');
      await banner.getByRole('button', { name: 'Save & close' }).click();
      await waitForTranscript(page, 'deployment.apps/api edited');
      await banner.waitFor({ state: 'detached' });

      // Cancel leaves the object as it was.
      await typeCommand(page, 'kubectl edit deploy/api');
      await banner.waitFor({ timeout: 10_000 });
      await banner.getByRole('button', { name: 'Cancel' }).click();
      await waitForTranscript(page, 'Edit cancelled, no changes made.');
      await banner.waitFor({ state: 'detached' });
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await dark.close();
    }
  });
});
