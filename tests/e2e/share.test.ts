// Share links and the saved session in Debian's Chromium: a link made in one browser opens the same cluster (pod
// names and IPs, ClusterIPs, files) in a fresh one, as a session that is saved once the learner works in it and
// comes back on reload; fifty damaged or oversized links each give a one-line notice and a working fresh cluster;
// and the time a two-hour session takes to come back is measured.
import { describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { RESULTS, useBuiltServer } from './helpers/built-site';
import { launchChromium } from './helpers/browser';
import { addresses, run, terminalRows, waitForPrompt, watchProblems } from './helpers/terminal';
import { decodeShare, encodeShare, MAX_SHARE_COMMANDS, MAX_SHARE_AT_MS } from '../../src/lib/share-link';
import { loadLabSet } from '../../sim/labs/lab-set';
import { labTimeline } from '../../sim/labs/step-start';
import type { RunRecord } from '../../sim/protocol';


let server: StaticServer;
useBuiltServer((s) => { server = s; });

/** Makes ~/note.txt in the editor and saves it (a writeFile command in the run). */
async function writeNote(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('editor');
  await editor.getByRole('button', { name: 'New file' }).click();
  await editor.getByRole('textbox', { name: /New file/ }).fill('note.txt');
  await editor.getByRole('textbox', { name: /New file/ }).press('Enter');
  await editor.locator('.cm-content').waitFor({ timeout: 15_000 });
  await editor.locator('.cm-content').focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Control+s');
  await expect.poll(() => page.getByTestId('editor-dirty').count()).toBe(0);
}

async function openSessions(page: Page): Promise<void> {
  const menu = page.getByTestId('sessions-menu');
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator('summary').click();
}

const readyNodes = (page: Page) => page.locator('[data-testid="node"][data-status="Ready"]').count();

/** Commands in time order for the session store's current key (read from IndexedDB in the page). */
function savedCommands(page: Page): Promise<number | null> {
  return page.evaluate(() => new Promise<number | null>((done) => {
    const open = indexedDB.open('kubesim', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('kv');
    open.onerror = () => done(null);
    open.onsuccess = () => {
      const get = open.result.transaction('kv', 'readonly').objectStore('kv').get('kubesim:session:v1');
      get.onsuccess = () => {
        open.result.close();
        done(typeof get.result === 'string' ? (JSON.parse(get.result) as { record: { commands: unknown[] } }).record.commands.length : null);
      };
      get.onerror = () => done(null);
    };
  }));
}

/** Fifty links that must not open: each with the reason the page gives. */
async function badLinks(): Promise<{ label: string; packed: string }[]> {
  const record: RunRecord = {
    format: 'kubesim-run', version: 1, options: { seed: 5, editor: 'page' },
    commands: [
      { at: 1_000, command: { type: 'exec', line: 'kubectl create deployment web --image=nginx --replicas=2' } },
      { at: 3_000, command: { type: 'writeFile', path: '/home/student/a.txt', content: 'hello\n' } },
    ],
  };
  const good = await encodeShare({ record, atMs: 30_000 });
  const pack = (value: unknown): string => deflateRawSync(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))).toString('base64url');
  const share = (fields: Record<string, unknown>) => pack({ kubesim: 'share', version: 1, atMs: 30_000, record, ...fields });
  const out: { label: string; packed: string }[] = [];
  for (const cut of [1, 2, 3, 5, 8, 13, 21, 40, 60, 90]) out.push({ label: `truncated by ${cut}`, packed: good.slice(0, Math.max(1, good.length - cut)) });
  // Bit flips that leave a run the page would open are no test of refusal: keep those it refuses.
  const bytes = Buffer.from(good, 'base64url');
  for (let i = 0, found = 0; found < 10 && i < bytes.length * 8; i += 7) {
    const flipped = Buffer.from(bytes);
    flipped[i >> 3] ^= 1 << (i & 7);
    const packed = flipped.toString('base64url');
    if ((await decodeShare(packed)).kind === 'bad') {
      out.push({ label: `bit ${i} flipped`, packed });
      found++;
    }
  }
  let x = 12345;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (const n of [8, 64, 500, 3000, 20_000]) out.push({ label: `random base64 ${n}`, packed: Array.from({ length: n }, () => alphabet[rand() % 64]).join('') });
  out.push({ label: 'deflate of text', packed: pack('just some words') });
  out.push({ label: 'deflate of html', packed: pack('<script>alert(1)</script>') });
  out.push({ label: 'deflate of half json', packed: pack('{"kubesim":"share","version":1,') });
  out.push({ label: 'json array', packed: pack([1, 2, 3]) });
  out.push({ label: 'json null', packed: pack(null) });
  out.push({ label: 'json string', packed: pack('"#share"') });
  out.push({ label: 'an oversized seed', packed: share({ record: { ...record, options: { seed: 'x'.repeat(5_000) } } }) });
  out.push({ label: 'another format', packed: share({ kubesim: 'other' }) });
  out.push({ label: 'a newer version', packed: share({ version: 2 }) });
  out.push({ label: 'a command that is code', packed: share({ record: { ...record, commands: [{ at: 1, command: { type: 'eval', code: 'alert(1)' } }] } }) });
  out.push({ label: 'a command of the wrong shape', packed: share({ record: { ...record, commands: [{ at: 1, command: { type: 'exec', line: { toString: 1 } } }] } }) });
  out.push({ label: 'commands out of order', packed: share({ record: { ...record, commands: [...record.commands].reverse() } }) });
  out.push({ label: 'no seed', packed: share({ record: { ...record, options: {} } }) });
  out.push({ label: 'a clock before its commands', packed: share({ atMs: 10 }) });
  out.push({ label: 'a clock too far', packed: share({ atMs: MAX_SHARE_AT_MS + 1 }) });
  out.push({ label: 'a clock that is text', packed: share({ atMs: 'soon' }) });
  out.push({ label: 'huge commands list', packed: share({ record: { ...record, commands: Array.from({ length: MAX_SHARE_COMMANDS + 1 }, () => ({ at: 0, command: { type: 'exec', line: 'kubectl scale deployment web --replicas=1000' } })) } }) });
  out.push({ label: 'zip bomb', packed: deflateRawSync(Buffer.alloc(40_000_000, 0x20), { level: 9 }).toString('base64url') });
  out.push({ label: '200 KB fragment', packed: good.repeat(Math.ceil(200_000 / good.length)).slice(0, 200_000) });
  out.push({ label: 'unicode junk', packed: encodeURIComponent('ℵ☃😀\u202e<b>x</b>') });
  out.push({ label: 'percent junk', packed: '%00%ff%fe' });
  out.push({ label: 'empty', packed: '' });
  out.push({ label: 'valid deflate then junk', packed: Buffer.concat([Buffer.from(good, 'base64url'), Buffer.from('junk')]).toString('base64url') });
  out.push({ label: 'invalid UTF-8', packed: deflateRawSync(Buffer.from([0x7b, 0xc3, 0x28, 0x7d])).toString('base64url') });
  out.push({ label: 'base64 with padding', packed: `${good}==` });
  return out;
}

describe('share links', () => {
  it('opens the same cluster in a fresh browser, which becomes the saved session once worked in and comes back on reload', async () => {
    const first = await launchChromium({ width: 1366, height: 768 });
    const second = await launchChromium({ width: 1366, height: 768 });
    try {
      const page = await first.context.newPage();
      const problems = watchProblems(page);
      await page.goto(server.url);
      await waitForPrompt(page);
      await page.getByTestId('speed').selectOption('25');
      await run(page, 'kubectl create deployment web --image=nginx --replicas=3');
      await run(page, 'kubectl expose deployment web --port=80 --target-port=80');
      await run(page, 'kubectl rollout status deployment/web', 60_000);
      await writeNote(page, 'shared from the first browser');
      const before = await addresses(page);
      expect(before.pods.filter((p) => /^web-\S+ 10\.244\.\d+\.\d+ aks-/.test(p))).toHaveLength(3);
      expect(before.services.some((s) => /^web ClusterIP 10\.0\.\d+\.\d+$/.test(s))).toBe(true);

      await openSessions(page);
      await page.getByTestId('session-share').click();
      const link = await page.getByTestId('share-link').inputValue();
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kubesim\/#share=[A-Za-z0-9_-]+$/);
      expect(await page.getByTestId('sessions-message').innerText()).toMatch(/^(Share link copied|Copy the share link below)/);
      await page.screenshot({ path: `${RESULTS}/sessions-share-link.png` });
      expect(problems).toEqual([]);

      const other = await second.context.newPage();
      const otherProblems = watchProblems(other);
      await other.goto(link);
      await waitForPrompt(other);
      await expect.poll(async () => (await terminalRows(other)).some((r) => r.includes('# shared session opened at')), { timeout: 30_000 }).toBe(true);
      expect(await other.evaluate(() => location.hash)).toBe('');
      // Opening a link is not working in it: the shared run is not saved (the clock runs on, saves would be due).
      await other.waitForTimeout(1_500);
      expect(await savedCommands(other)).toBeNull();
      // Typing in it is: from the first command on it is the learner's session.
      expect(await addresses(other)).toEqual(before);
      expect(await run(other, 'cat note.txt')).toEqual(['shared from the first browser']);
      await run(other, 'kubectl label deployment web shared=yes');
      await expect.poll(() => savedCommands(other), { timeout: 10_000 }).toBeGreaterThan(9);
      const worked = await addresses(other);
      await other.reload();
      await waitForPrompt(other);
      await expect.poll(async () => (await terminalRows(other)).some((r) => r.includes('# session restored at')), { timeout: 30_000 }).toBe(true);
      expect(await addresses(other)).toEqual(worked);
      expect(await run(other, 'cat note.txt')).toEqual(['shared from the first browser']);
      expect(await run(other, 'kubectl get deployment web -o jsonpath={.metadata.labels.shared}')).toEqual(['yes']);
      expect(otherProblems).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  }, 240_000);

  it('answers fifty damaged or oversized links with a one-line notice and a working fresh cluster', async () => {
    const browser = await launchChromium({ width: 1366, height: 768 });
    try {
      const links = await badLinks();
      expect(links).toHaveLength(50);
      const page = await browser.context.newPage();
      const problems = watchProblems(page);
      for (const [i, { label, packed }] of links.entries()) {
        const decoded = await decodeShare(packed);
        const reason = decoded.kind === 'bad' ? decoded.reason : 'it is damaged';
        // A new query each time: a change of fragment alone would not load the page again.
        await page.goto(`${server.url}?case=${i}#share=${packed}`);
        await expect.poll(() => page.locator('[data-testid="lab-notice"] > span').allInnerTexts(), { message: label, timeout: 60_000 })
          .toEqual([`This share link could not be opened (${reason}), so this is a fresh cluster.`]);
        await expect.poll(() => readyNodes(page), { message: label, timeout: 60_000 }).toBe(3);
        expect(await page.evaluate(() => location.hash), label).toBe('');
      }
      expect((await run(page, 'kubectl get nodes --no-headers')).filter((r) => /\sReady\s/.test(r))).toHaveLength(3);
      await page.screenshot({ path: `${RESULTS}/share-bad-link.png` });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 400_000);

  it('brings a two-hour session with every lab\'s commands back, and says how long that took', async () => {
    const dir = resolve('src/labs');
    const sources = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.md')).sort()
      .map(async (f) => ({ id: f.replace(/\.md$/, ''), text: await readFile(resolve(dir, f), 'utf8') })));
    const set = loadLabSet(sources);
    // Every lab's solutions one after another, each lab's commands shifted to start after the previous one's.
    const commands: RunRecord['commands'][number][] = [];
    let offset = 0;
    for (const lab of set.labs) {
      const timeline = labTimeline(lab, set.resolve);
      if (typeof timeline === 'string') throw new Error(timeline);
      const own = timeline.steps.flatMap((s) => s.commands);
      for (const c of own) commands.push({ at: offset + c.at, command: c.command });
      offset += (timeline.steps.at(-1)?.endMs ?? 0) + 60_000;
    }
    const atMs = 2 * 3_600_000;
    expect(offset).toBeLessThan(atMs);
    const record: RunRecord = { format: 'kubesim-run', version: 1, options: { seed: 7, editor: 'page' }, commands };
    const browser = await launchChromium({ width: 1366, height: 768 });
    try {
      const page = await browser.context.newPage();
      const problems = watchProblems(page);
      // The session is put where the page keeps it, from a throwaway page (which neither reads nor saves one).
      await page.goto(`${server.url}?seed=1`);
      await page.evaluate(async (text) => {
        await new Promise<void>((done, fail) => {
          const open = indexedDB.open('kubesim', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('kv');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put(text, 'kubesim:session:v1');
            tx.oncomplete = () => { open.result.close(); done(); };
            tx.onerror = () => fail(tx.error);
          };
        });
      }, JSON.stringify({ version: 1, savedAt: 0, record, atMs }));
      const started = Date.now();
      await page.goto(server.url);
      await expect.poll(async () => (await terminalRows(page)).some((r) => r.includes('# session restored at 02:00:00')), { timeout: 120_000 }).toBe(true);
      const restoreMs = Date.now() - started;
      const freshStarted = Date.now();
      await page.goto(`${server.url}?seed=7`);
      await waitForPrompt(page);
      await expect.poll(() => readyNodes(page)).toBe(3);
      const freshMs = Date.now() - freshStarted;
      console.log(`restore of a two-hour session (${commands.length} commands, every lab): ${restoreMs} ms to the restored note; a fresh boot: ${freshMs} ms`);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
