// `npm run bench:page`: the page in Debian's Chromium with many pods churning. Builds the app (unless --no-build),
// serves dist/, opens `?bench=N&speed=S` (the page creates a Deployment of N pods, fast-forwards until they are
// Ready, turns traffic on and keeps rolling, scaling and deleting pods), then records requestAnimationFrame
// timestamps and long tasks for a while at each speed. Prints p50/p95 frame time and dropped frames per size.
// First it measures what a first visit fetches: the JavaScript the page and its worker load before any input,
// and what the first typed command adds (the service worker's background precaching for offline use not counted).
// Options: --sizes=100,1000,5000  --speeds=1,5  --seconds=10  --dist=dist  --no-build  --width=1366 --height=768
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { serveStatic } from '../e2e/helpers/static-server';
import { launchChromium, type Browser } from '../e2e/helpers/browser';

const FRAME_MS = 1000 / 60;
const args = new Map(process.argv.slice(2).map((a) => {
  const [k, v] = a.replace(/^--/, '').split('=');
  return [k, v ?? 'true'] as const;
}));
const list = (key: string, fallback: number[]): number[] => (args.get(key)?.split(',').map(Number).filter((n) => n > 0)) ?? fallback;
const sizes = list('sizes', [100, 1_000, 5_000]);
const speeds = list('speeds', [1, 5]);
const seconds = Number(args.get('seconds') ?? 10);
const dist = resolve(args.get('dist') ?? 'dist');
const viewport = { width: Number(args.get('width') ?? 1366), height: Number(args.get('height') ?? 768) };

export interface FrameStats {
  readonly frames: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Frames a 60 Hz display would have shown that the page did not produce. */
  readonly dropped: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
}

/** p50/p95/max of frame intervals and the frames missed at 60 Hz. Pure. */
export function frameStats(intervals: readonly number[], longTasks: readonly number[]): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b);
  const at = (q: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
  const dropped = intervals.reduce((n, ms) => n + Math.max(0, Math.round(ms / FRAME_MS) - 1), 0);
  return {
    frames: intervals.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1] ?? 0, dropped,
    longTasks: longTasks.length, longTaskMs: longTasks.reduce((s, ms) => s + ms, 0),
  };
}

/**
 * In the page: rAF intervals and long-task durations for `ms` wall milliseconds. Kept as source text so the
 * TypeScript runner's helpers never leak into the page.
 */
const MEASURE_IN_PAGE = `(ms) => new Promise((done) => {
  const intervals = [];
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
  observer.observe({ type: 'longtask', buffered: false });
  let last;
  const start = performance.now();
  const tick = (t) => {
    if (last !== undefined) intervals.push(t - last);
    last = t;
    if (t - start < ms) requestAnimationFrame(tick);
    else { observer.disconnect(); done({ intervals, longTasks }); }
  };
  requestAnimationFrame(tick);
})`;

const fmt = (n: number): string => n.toFixed(1).padStart(6);

/** Gzip-9 bytes of the built files the page fetched, by their path under the served base. */
function gzippedSize(files: ReadonlySet<string>): number {
  let total = 0;
  for (const file of files) total += gzipSync(readFileSync(`${dist}/${file}`), { level: 9 }).length;
  return total;
}

/** The JavaScript a first visit fetches before any input, and what typing a first command adds, in KB gzipped. */
async function firstVisit(browser: Browser, url: string): Promise<void> {
  const page = await browser.context.newPage();
  const fetched = new Set<string>();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname.replace(/^\/kubesim\//, '');
    if (path.endsWith('.js') && existsSync(`${dist}/${path}`)) fetched.add(path);
  });
  await page.goto(`${url}?seed=1`);
  const prompt = page.getByTestId('terminal').getByText('student@kubesim');
  await prompt.first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3_000);
  const before = new Set(fetched);
  await page.keyboard.type('kubectl get nodes');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="terminal"] .xterm-rows').getByText('STATUS').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1_000);
  const added = new Set([...fetched].filter((f) => !before.has(f)));
  const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
  console.log(`first visit, before any input: ${kb(gzippedSize(before))} gzipped JavaScript in ${before.size} files (target ≤ 300 KB)`);
  console.log(`the first typed command adds: ${kb(gzippedSize(added))} gzipped (${[...added].map((f) => f.replace(/^assets\//, '')).join(', ')})`);
  await page.close();
}

async function main(): Promise<void> {
  if (!args.has('no-build') && !args.has('dist')) {
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build failed');
  }
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/index.html is missing`);
  const server = await serveStatic(dist, '/kubesim/');
  const browser = await launchChromium(viewport);
  console.log(`kubesim page benchmark — Chromium ${browser.context.browser()?.version() ?? ''}, ${viewport.width}×${viewport.height}, ${seconds} s per speed, ` +
    `${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} (frame times are only comparable on a quiet machine)`);
  try {
    await firstVisit(browser, server.url);
    console.log('   pods  speed  frames   p50 ms   p95 ms   max ms  dropped  long tasks (ms)  setup');
    for (const pods of sizes) {
      const page = await browser.context.newPage();
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const t0 = Date.now();
      await page.goto(`${server.url}?seed=1&hooks=1&bench=${pods}&speed=1`);
      // Polled through the DevTools protocol: the page's CSP forbids the eval that waitForFunction needs.
      let state: string[] = [];
      for (const deadline = Date.now() + 20 * 60_000; Date.now() < deadline; await page.waitForTimeout(1_000)) {
        state = await page.evaluate('[document.documentElement.dataset.bench, document.documentElement.dataset.benchDetail]') as string[];
        if (state[0] === 'measuring' || state[0] === 'failed') break;
      }
      if (state[0] !== 'measuring') {
        console.log(`${String(pods).padStart(7)}  setup failed: ${state[1] ?? 'the page never started the benchmark'}`);
        await page.close();
        continue;
      }
      const setupS = (Date.now() - t0) / 1000;
      const nodes = await page.locator('[data-testid="node"]').count();
      for (const speed of speeds) {
        await page.evaluate(`window.kubesim.setSpeed(${speed})`);
        await page.waitForTimeout(1_000);
        const raw = await page.evaluate(`(${MEASURE_IN_PAGE})(${seconds * 1000})`) as { intervals: number[]; longTasks: number[] };
        const s = frameStats(raw.intervals, raw.longTasks);
        const shown = await page.getByTestId('topology-summary').innerText();
        console.log(`${String(pods).padStart(7)}  ${`${speed}×`.padStart(5)}  ${String(s.frames).padStart(6)}  ${fmt(s.p50Ms)}   ${fmt(s.p95Ms)}   ${fmt(s.maxMs)}  ${String(s.dropped).padStart(7)}  ${String(s.longTasks).padStart(4)} (${s.longTaskMs.toFixed(0).padStart(5)})  ${setupS.toFixed(0)} s; ${nodes} regions; ${shown}`);
      }
      if (errors.length) console.log(`  page errors: ${errors.join('; ')}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
