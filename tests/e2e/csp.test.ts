// The built page under its Content-Security-Policy in Debian's Chromium: a session with the terminal, the editor,
// jsonpath and jq output raises no policy violation and no console error, and no request leaves the page's
// origin. Once with the policy as built (the meta tag, service worker on); once with the same policy also sent as
// a response header, which binds the engine's worker too: there the worker cannot eval, and still does its work.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { serveStatic, type StaticServer } from './helpers/static-server';
import { CHROMIUM_PATH } from './helpers/browser';
import { run, waitForPrompt, watchProblems } from './helpers/terminal';
import { inlineScripts, protectPage, sha256Source } from '../../src/pwa/build/csp';

const DIST = resolve(process.env.KUBESIM_DIST ?? 'dist');
const RESULTS = resolve('test-results');

const SERVICE_WITH_TYPO = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      tagetPort: 8080
`;

let server: StaticServer;
let html: string;
let policy: string;
const contexts: { context: BrowserContext; profile: string }[] = [];

beforeAll(async () => {
  if (!existsSync(`${DIST}/index.html`)) throw new Error('dist/index.html is missing: run `npm run build` before the e2e tests');
  await mkdir(RESULTS, { recursive: true });
  html = readFileSync(`${DIST}/index.html`, 'utf8');
  policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  server = await serveStatic(DIST, '/kubesim/');
});

afterEach(async () => {
  for (const { context, profile } of contexts.splice(0)) {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

afterAll(async () => {
  await server?.close();
});

async function launch(serviceWorkers: 'allow' | 'block', colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'kubesim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, headless: true, serviceWorkers, colorScheme, viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  contexts.push({ context, profile });
  return context;
}

/** Every request of the context (pages, workers, the service worker) and every violation or error reported. */
function watch(context: BrowserContext, page: Page): { requests: string[]; problems: string[] } {
  const requests: string[] = [];
  context.on('request', (req) => requests.push(req.url()));
  return { requests, problems: watchProblems(page) };
}

/** Reports the page's policy violations as console errors, from before its first script runs. */
async function reportViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
  });
}

/** A short session: kubectl tables, jsonpath with a filter, jq beyond plain paths, and a linted manifest in the editor. */
async function session(page: Page): Promise<void> {
  await waitForPrompt(page);
  let nodes: string[] = [];
  await expect.poll(async () => {
    nodes = (await run(page, 'kubectl get nodes --no-headers')).filter((r) => /\sReady\s/.test(r));
    return nodes.length;
  }, { timeout: 30_000 }).toBe(3);
  expect(await run(page, `kubectl get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{" "}{end}'`))
    .toEqual(['True True True']);
  expect(await run(page, `kubectl get nodes -o jsonpath='{.items[?(@.metadata.name=="${nodes[1].split(/\s+/)[0]}")].spec.podCIDR}'`))
    .toEqual(['10.244.1.0/24']);
  expect(await run(page, `kubectl get nodes -o json | jq '[.items[] | select(.metadata.name | test("vmss00000[12]$")) | .metadata.name] | length'`))
    .toEqual(['2']);
  expect(await run(page, `kubectl get svc kubernetes -o json | jq -r '.spec.ports | map("\\(.name)=\\(.port)") | join(",")'`))
    .toEqual(['https=443']);

  const editor = page.getByTestId('editor');
  await editor.getByRole('button', { name: 'New file' }).click();
  const name = editor.getByRole('textbox', { name: /New file/ });
  await name.fill('web.svc.yaml');
  await name.press('Enter');
  const content = editor.locator('.cm-content');
  await content.waitFor({ timeout: 15_000 });
  await expect.poll(() => content.evaluate((el) => el.contains(document.activeElement)), { timeout: 10_000 }).toBe(true);
  await page.keyboard.insertText(SERVICE_WITH_TYPO);
  await editor.locator('.cm-lint-marker-error').waitFor({ timeout: 10_000 });
  await editor.locator('.cm-lintRange-error').first().hover();
  await page.locator('.cm-tooltip-lint').waitFor({ timeout: 5_000 });
  expect(await page.locator('.cm-tooltip-lint').innerText()).toContain('tagetPort');
  await page.keyboard.press('Control+s');
  await editor.getByTestId('editor-dirty').waitFor({ state: 'detached' });
  expect(await run(page, 'grep -c Port web.svc.yaml')).toEqual(['1']);
}

describe('the Content-Security-Policy', () => {
  it('is written before the first script and hashes each inline script, not those loaded from files', () => {
    const page = '<!doctype html><html><head><meta charset="UTF-8" /><script>a()</script><script type="module" src="./m.js"></script>' +
      '<script type="module">b()</script></head><body></body></html>';
    expect(inlineScripts(page)).toEqual(['a()', 'b()']);
    const { html: out, policy: p } = protectPage(page, 'single');
    expect(p).toContain(`script-src 'self' ${sha256Source('a()')} ${sha256Source('b()')};`);
    expect(p).toContain("worker-src 'self' blob:;");
    expect(out.indexOf('http-equiv="Content-Security-Policy"')).toBeGreaterThan(out.indexOf('charset'));
    expect(out.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(out.indexOf('<script'));
    expect(sha256Source('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    expect(() => protectPage(out, 'single')).toThrow(/already has/);
  });

  it('is strict for scripts as built: only the page\'s own files and its one hashed inline script', () => {
    const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", expect.stringMatching(/^'sha256-[A-Za-z0-9+/]{43}='$/)]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(policy).not.toContain('unsafe-eval');
    // The policy comes first in <head>, before any script or style it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('raises no violation in a session with the terminal, the editor and jsonpath, and every request stays on the origin', async () => {
    const context = await launch('allow', 'dark');
    const page = await context.newPage();
    const { requests, problems } = watch(context, page);
    await reportViolations(page);
    // The stored theme is applied by the hashed inline script while <head> is parsed, before <body> exists.
    await page.addInitScript(() => {
      if (location.search.includes('theme-check')) localStorage.setItem('kubesim:theme', 'dark');
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        (window as unknown as { themeAtBody?: string }).themeAtBody = document.documentElement.dataset.theme ?? 'none';
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}?seed=3&theme-check`);
    expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).toBe('dark');
    await session(page);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.screenshot({ path: `${RESULTS}/csp-session.png` });

    const origin = new URL(server.url).origin;
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(problems).toEqual([]);
    expect(server.missing).toEqual([]);
  });

  it('sent as a header it binds the engine\'s worker too, which then cannot eval and still works', async () => {
    const context = await launch('block');
    await context.route('**/*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
    });
    const page = await context.newPage();
    const { requests, problems } = watch(context, page);
    await reportViolations(page);
    const started = page.waitForEvent('worker', { timeout: 20_000 });
    await page.goto(`${server.url}?seed=7`);
    const worker: Worker = await started;
    await worker.evaluate(() => {
      const scope = self as unknown as { violations: string[] } & EventTarget;
      scope.violations = [];
      scope.addEventListener('securitypolicyviolation', (e) => scope.violations.push((e as SecurityPolicyViolationEvent).violatedDirective));
    });
    await session(page);
    const violations = () => worker.evaluate(() => (self as unknown as { violations: string[] }).violations);
    expect(await violations()).toEqual([]);
    // The policy holds in the worker: code from a string is refused there and reported. (Code that the test
    // itself evaluates is exempt, so the probe is a string handed to a timer, which the worker runs on its own.)
    expect(await worker.evaluate(() => new Promise<string>((done) => {
      const scope = self as unknown as { ranFromString?: () => void };
      scope.ranFromString = () => done('ran');
      (setTimeout as unknown as (code: string, ms: number) => number)('self.ranFromString()', 0);
      setTimeout(() => done('refused'), 500);
    }))).toBe('refused');
    expect(await violations()).toEqual(['script-src']);

    const origin = new URL(server.url).origin;
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
