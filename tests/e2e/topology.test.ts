// The cluster picture in Debian's Chromium against the built page: the module 4 flow typed into the terminal, the
// Service anchor with its ClusterIP and DNS name, pods inside their nodes, a pod deleted and replaced under a new
// name and IP while the anchor stays put, a LoadBalancer going from <pending> to an IP, traffic particles, the
// inspector (YAML, Events, history), the dense drawing above 300 pods, zoom, themes and reduced motion.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server';
import { RESULTS, useBuiltSite } from './helpers/built-site';
import { launchChromium, type Browser } from './helpers/browser';
import { hooks } from './helpers/hooks';
import { terminalInput, watchProblems } from './helpers/terminal';

const IP = /^\d+\.\d+\.\d+\.\d+$/;

let server: StaticServer;
let browser: Browser;
useBuiltSite((s, b) => { server = s; browser = b; });

/** Waits until `fn` (run in the page through the DevTools protocol, so the page's CSP allows it) returns true. */
async function until(page: Page, fn: () => boolean, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.evaluate(fn), { timeout, interval: 100 }).toBe(true);
}

async function openPage(b: Browser, query: string): Promise<{ page: Page; problems: string[] }> {
  const page = await b.context.newPage();
  const problems = watchProblems(page);
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  await page.goto(`${server.url}${query}`);
  await until(page, () => document.querySelectorAll('[data-testid="topology"] [data-testid="node"][data-status="Ready"]').length === 3, 30_000);
  return { page, problems };
}

/** Types a line into the page's terminal, as a student would. */
async function typeLine(page: Page, line: string): Promise<void> {
  await (await terminalInput(page)).focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

const pods = (page: Page) => page.locator('[data-testid="topology"] [data-testid="node"] [data-testid="pod"]').evaluateAll((els) =>
  els.map((el) => ({ name: el.getAttribute('data-name')!, ip: el.getAttribute('data-ip')!, status: el.getAttribute('data-status')!,
    node: el.closest('[data-testid="node"]')!.getAttribute('data-name')! })));

const anchor = (page: Page, name: string) => page.locator(`[data-testid="service"][data-name="${name}"]`).evaluate((el) => ({
  clusterIP: el.getAttribute('data-cluster-ip')!, dns: el.getAttribute('data-dns')!, external: el.getAttribute('data-external')!,
  box: (el as SVGGraphicsElement).getBBox(), text: el.textContent ?? '',
}));

async function runningPods(page: Page, prefix: string, count: number): Promise<{ name: string; ip: string; node: string }[]> {
  await expect.poll(async () => (await pods(page)).filter((p) => p.name.startsWith(prefix) && p.status === 'Running' && IP.test(p.ip)).length,
    { timeout: 30_000 }).toBe(count);
  return (await pods(page)).filter((p) => p.name.startsWith(prefix));
}

describe('the cluster picture', () => {
  it('shows the module 4 flow: a Service anchor that never changes while its pods are replaced, traffic, and the inspector', async () => {
    const { page, problems } = await openPage(browser, '?seed=1&hooks=1');
    await typeLine(page, 'kubectl create deployment data-api --image=nginx:1.27 --replicas=3');
    await typeLine(page, 'kubectl expose deployment data-api --name=data-api-svc --port=80 --target-port=80 --type=LoadBalancer');

    // The LoadBalancer waits visibly, with its ClusterIP and DNS name already in place.
    await page.locator('[data-testid="service"][data-name="data-api-svc"]').waitFor({ timeout: 15_000 });
    const pending = await anchor(page, 'data-api-svc');
    expect(pending.external).toBe('<pending>');
    expect(pending.text).toContain('waiting');
    expect(pending.clusterIP).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(pending.dns).toBe('data-api-svc.default.svc.cluster.local');
    expect(pending.text).toContain(`ClusterIP ${pending.clusterIP}`);
    await page.screenshot({ path: `${RESULTS}/topology-pending.png` });

    const first = await runningPods(page, 'data-api-', 3);
    for (const p of first) expect(p.node).toMatch(/^aks-nodepool1-\d{8}-vmss00000\d$/);
    await expect.poll(() => page.locator('[data-testid="endpoint-line"][data-ready="true"]').count(), { timeout: 15_000 }).toBe(3);

    // Then one clear "assigned" moment.
    await hooks(page, (k) => k.setSpeed(5));
    await until(page, () => /^\d+\.\d+\.\d+\.\d+$/.test(document.querySelector('[data-testid="service"][data-name="data-api-svc"]')?.getAttribute('data-external') ?? ''),
      30_000);
    await hooks(page, (k) => k.setSpeed(1));
    const assigned = await anchor(page, 'data-api-svc');
    expect(assigned.external).toMatch(IP);
    expect(assigned.text).toContain('assigned');
    await page.screenshot({ path: `${RESULTS}/topology-assigned.png` });

    // Delete a pod: a replacement with a new name and IP appears; the anchor did not move or change.
    const victim = first[0];
    await typeLine(page, `kubectl delete pod ${victim.name} --wait=false`);
    await expect.poll(async () => (await pods(page)).some((p) => !first.some((f) => f.name === p.name) && IP.test(p.ip) && p.status === 'Running'),
      { timeout: 30_000 }).toBe(true);
    const replacement = (await pods(page)).find((p) => !first.some((f) => f.name === p.name))!;
    expect(replacement.name).not.toBe(victim.name);
    expect(replacement.ip).not.toBe(victim.ip);
    expect(first.map((p) => p.ip)).not.toContain(replacement.ip);
    const label = await page.locator(`[data-testid="pod"][data-name="${replacement.name}"] [data-testid="replaces"]`).textContent();
    expect(label).toBe(`replaces …${victim.name.slice(-5)} (${victim.ip})`);
    const after = await anchor(page, 'data-api-svc');
    expect({ ...after, text: '' }).toEqual({ ...assigned, text: '' });
    await expect.poll(() => page.getByTestId('address-line').first().innerText())
      .toBe('data-api: pod IPs seen 4 · service addresses 1 · external IPs 1');

    // Traffic: particles along the Service's lines; requests to a Service without endpoints are refused at it.
    await typeLine(page, 'kubectl create service clusterip nobody --tcp=80:80');
    await page.locator('[data-testid="service"][data-name="nobody"]').waitFor();
    await hooks(page, (k) => k.send({ type: 'traffic', flows: [
      { id: 'clients', from: { kind: 'external' }, host: document.querySelector('[data-testid="service"][data-name="data-api-svc"]')!.getAttribute('data-external'), port: 80, path: '/', everyMs: 250 },
      { id: 'inside', from: { kind: 'pods', namespace: 'default', selector: 'app=data-api' }, host: 'nobody', port: 80, path: '/', everyMs: 400 },
    ] }));
    // Particles are drawn on a canvas over the picture; it says what it holds.
    await until(page, () => Number(document.querySelector('[data-testid="particles"]')?.getAttribute('data-answered')) > 0);
    await until(page, () => (document.querySelector('[data-testid="particles"]')?.getAttribute('data-reasons') ?? '').split(',').includes('refused'));
    await page.screenshot({ path: `${RESULTS}/topology-traffic.png` });
    await hooks(page, (k) => k.send({ type: 'traffic', flows: [] }));

    // The inspector: live YAML, Events and the history of names and IPs against the one Service address.
    await page.locator(`[data-testid="pod"][data-name="${replacement.name}"] [role="button"]`).click();
    const inspector = page.getByTestId('inspector');
    await inspector.waitFor();
    await expect.poll(() => page.getByTestId('inspector-yaml').innerText()).toMatch(/^apiVersion/);
    const yaml = await page.getByTestId('inspector-yaml').innerText();
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    expect(yaml).toContain(`  name: ${replacement.name}\n`);
    expect(yaml).toContain(`podIP: ${replacement.ip}`);
    expect(yaml).toMatch(/\n {2}containers:\n {2}- image: nginx:1\.27\n/);
    await inspector.getByRole('tab', { name: /Events/ }).click();
    const events = await page.getByTestId('inspector-events').innerText();
    expect(events).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/data-api-/);
    expect(events).toContain('Started container nginx');
    await inspector.getByRole('tab', { name: 'History' }).click();
    expect(await page.getByTestId('history-summary').innerText()).toBe('4 pod names · 4 pod IPs vs 1 service address');
    const addresses = await page.getByTestId('history-addresses').innerText();
    expect(addresses).toContain(assigned.clusterIP);
    expect(addresses).toContain(assigned.external);
    await page.screenshot({ path: `${RESULTS}/topology-inspector.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => inspector.count()).toBe(0);

    // Services and nodes open too.
    await page.locator('[data-testid="service"][data-name="data-api-svc"]').click();
    await expect.poll(() => page.getByTestId('inspector-yaml').innerText()).toContain('type: LoadBalancer');
    await page.getByRole('button', { name: 'Close the inspector' }).click();
    await page.locator('[data-testid="node"]').first().locator('[role="button"]').first().click();
    await expect.poll(() => page.getByTestId('inspector-yaml').innerText()).toMatch(/kind: Node\n/);
    await page.screenshot({ path: `${RESULTS}/topology-laptop.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hides system pods until asked, filters by namespace, and keeps an open inspector on a deleted pod', async () => {
    const { page, problems } = await openPage(browser, '?seed=2&hooks=1');
    expect((await pods(page)).length).toBe(0);
    await page.getByLabel('system pods').check();
    await expect.poll(async () => (await pods(page)).filter((p) => p.name.startsWith('kube-proxy-')).length).toBe(3);
    expect(await page.locator('[data-testid="service"][data-name="kube-dns"]').count()).toBe(1);
    await page.getByLabel('system pods').uncheck();
    await hooks(page, (k) => k.dispatch('kubectl create namespace shop'));
    await hooks(page, (k) => k.dispatch('kubectl create deployment cart --image=nginx:1.27 -n shop'));
    await hooks(page, (k) => k.dispatch('kubectl run solo --image=nginx:1.27'));
    await runningPods(page, 'solo', 1);
    await page.getByTestId('topology-namespace').selectOption('shop');
    await runningPods(page, 'cart-', 1);
    expect((await pods(page)).some((p) => p.name === 'solo')).toBe(false);
    await page.getByTestId('topology-namespace').selectOption({ label: 'all namespaces' });
    await expect.poll(async () => (await pods(page)).map((p) => p.name.split('-')[0]).sort()).toEqual(['cart', 'solo']);

    await page.locator('[data-testid="pod"][data-name="solo"] [role="button"]').click();
    await hooks(page, (k) => k.dispatch('kubectl delete pod solo --wait=false'));
    await page.getByTestId('inspector-deleted').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('inspector-yaml').innerText()).toContain('name: solo');
    await page.getByRole('button', { name: 'Close the inspector' }).click();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('marks trouble: a pod that cannot pull its image, a terminating pod, a cordoned node and a stopped one', async () => {
    const { page, problems } = await openPage(browser, '?seed=6&hooks=1');
    await hooks(page, (k) => k.dispatch('kubectl create deployment broken --image=nginx:no-such-tag'));
    await expect.poll(async () => page.locator('[data-testid="pod"][data-look="warning"]').getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    // sleep as PID 1 ignores SIGTERM: the pod stays Terminating for its 30 s grace period, faded and struck through.
    await hooks(page, (k) => k.dispatch('kubectl run slow --image=busybox -- sleep 3600'));
    await runningPods(page, 'slow', 1);
    await hooks(page, (k) => k.dispatch('kubectl delete pod slow --wait=false'));
    const slow = page.locator('[data-testid="pod"][data-name="slow"]');
    await expect.poll(() => slow.getAttribute('data-look')).toBe('terminating');
    expect(await slow.getAttribute('data-status')).toBe('Terminating');
    expect(await slow.locator('line.strike').count()).toBe(1);
    await page.screenshot({ path: `${RESULTS}/topology-terminating.png` });
    const nodes = await page.locator('[data-testid="node"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-name')!));
    await hooks(page, (k) => k.dispatch(`kubectl cordon ${document.querySelector('[data-testid="node"]')!.getAttribute('data-name')}`));
    await expect.poll(() => page.locator(`[data-testid="node"][data-name="${nodes[0]}"]`).getAttribute('data-status')).toBe('Ready,SchedulingDisabled');
    await hooks(page, (k) => k.send({ type: 'stopNode', node: document.querySelectorAll('[data-testid="node"]')[1].getAttribute('data-name') }));
    await hooks(page, (k) => k.setSpeed(25));
    await expect.poll(() => page.locator(`[data-testid="node"][data-name="${nodes[1]}"]`).getAttribute('data-status'), { timeout: 30_000 }).toBe('NotReady');
    await hooks(page, (k) => k.setSpeed(1));
    await page.screenshot({ path: `${RESULTS}/topology-trouble.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws counted owner chips above 300 pods, including pods no node can take', async () => {
    const { page, problems } = await openPage(browser, '?seed=3&hooks=1');
    await hooks(page, (k) => k.setSpeed(25));
    await hooks(page, (k) => k.dispatch('kubectl create deployment many --image=nginx:1.27 --replicas=340'));
    await until(page, () => [...document.querySelectorAll('[data-testid="owner-chip"]')]
      .reduce((n, el) => n + Number(el.getAttribute('data-total')), 0) === 340, 60_000);
    expect(await page.getByTestId('topology-summary').innerText()).toContain('dense: counted per owner');
    expect(await page.locator('[data-testid="pod"]').count()).toBe(0);
    // Three nodes of 110 pods, some taken by system pods: the rest wait, in their own region.
    await expect.poll(() => page.locator('[data-testid="node"][data-name="not scheduled yet"] [data-testid="owner-chip"]').count(), { timeout: 30_000 }).toBe(1);
    await page.screenshot({ path: `${RESULTS}/topology-dense.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('zooms and pans, fits again, and animates only when motion is allowed', async () => {
    const { page, problems } = await openPage(browser, '?seed=4&hooks=1');
    await hooks(page, (k) => k.dispatch('kubectl create deployment web --image=nginx:1.27 --replicas=2'));
    await runningPods(page, 'web-', 2);
    const transform = () => page.locator('[data-testid="topology"] g.viewport').getAttribute('transform');
    const fitted = await transform();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(transform).not.toBe(fitted);
    await page.locator('[data-testid="topology"] svg').hover();
    await page.mouse.wheel(0, 120);
    const zoomed = await transform();
    await page.getByRole('button', { name: 'fit' }).click();
    await expect.poll(transform).toBe(fitted);
    expect(zoomed).not.toBe(fitted);

    // Reduced motion (this browser's default): a new pod appears without an animation.
    await hooks(page, (k) => k.dispatch('kubectl scale deployment web --replicas=3'));
    await until(page, () => document.querySelectorAll('[data-testid="pod"]').length === 3);
    const moving = () => page.evaluate(() => document.getAnimations().filter((a) => {
      const target = (a.effect as KeyframeEffect | null)?.target;
      return a.playState === 'running' && Number(a.effect?.getComputedTiming().duration) > 0 && target?.closest('[data-testid="topology"]');
    }).length);
    expect(await moving()).toBe(0);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await hooks(page, (k) => k.dispatch('kubectl scale deployment web --replicas=4'));
    await expect.poll(moving, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads at projector size in the dark theme', async () => {
    const dark = await launchChromium({ width: 1920, height: 1080 }, 'dark');
    try {
      const { page, problems } = await openPage(dark, '?seed=5&hooks=1');
      await typeLine(page, 'kubectl create deployment data-api --image=nginx:1.27 --replicas=4');
      await typeLine(page, 'kubectl expose deployment data-api --name=data-api-svc --port=80 --type=LoadBalancer');
      await runningPods(page, 'data-api-', 4);
      const fill = await page.locator('[data-testid="service"] rect').first().evaluate((el) => getComputedStyle(el).fill);
      expect(fill).toBe('rgb(24, 28, 33)');
      await page.screenshot({ path: `${RESULTS}/topology-projector-dark.png` });
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await dark.close();
    }
  });
});
