// The single-file build opened from file:// in Debian's Chromium, as from a USB stick: one HTML file with every
// script, style, icon and the engine's worker inside it. The cluster boots and the Services lab's flow works:
// a Deployment applied from the terminal, its Service written in the editor and applied, both seen in kubectl get.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, type Browser } from './helpers/browser';
import { run, terminalRows, waitForPrompt, watchProblems } from './helpers/terminal';

const SINGLE = resolve(process.env.KUBESIM_SINGLE ?? 'dist-single/kubesim.html');
const RESULTS = resolve('test-results');

const MONGO_DEPLOYMENT = {
  kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'mongodb' },
  spec: {
    replicas: 1, selector: { matchLabels: { app: 'mongodb' } },
    template: {
      metadata: { labels: { app: 'mongodb' } },
      spec: { containers: [{ name: 'mongodb-pod', image: 'mongo:3.4-jessie', ports: [{ containerPort: 27017 }] }] },
    },
  },
};
const MONGO_SERVICE = `kind: Service
apiVersion: v1
metadata:
  name: mongodb-svc
spec:
  type: ClusterIP
  ports:
  - protocol: TCP
    port: 27017
    targetPort: 27017
  selector:
    app: mongodb
`;

const DATA_API_DEPLOYMENT = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'data-api' },
  spec: {
    replicas: 1, selector: { matchLabels: { app: 'data-api' } },
    template: {
      metadata: { labels: { app: 'data-api' } },
      spec: {
        containers: [{
          name: 'data-api-pod', image: 'kubesimlab.azurecr.io/smilr/data-api', ports: [{ containerPort: 4000 }],
          env: [{ name: 'MONGO_CONNSTR', value: 'mongodb://mongodb-svc.default' }],
        }],
        imagePullSecrets: [{ name: 'acr-auth' }],
      },
    },
  },
};

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(SINGLE)) throw new Error('dist-single/kubesim.html is missing: run `npm run build` before the e2e tests');
  await mkdir(RESULTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the single-file build', () => {
  it('is one file: nothing it references lives beside it', () => {
    const html = readFileSync(SINGLE, 'utf8');
    // The markup itself, without the inlined code (whose strings may hold HTML of their own).
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>').replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '');
    expect(markup.length).toBeLessThan(5_000);
    const references = [...markup.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(references.filter((url) => !url.startsWith('data:'))).toEqual([]);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    expect(html).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('runs the module 4 flow from file://: MongoDB and its Service, the data API by DNS name, a LoadBalancer, /api/info', async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('worker', (worker) => requests.push(worker.url()));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const url = pathToFileURL(SINGLE).href;
    const started = page.waitForEvent('worker', { timeout: 20_000 });
    await page.goto(`${url}?seed=4`);
    // The worker starts from a blob: URL and so runs under the page's policy: violations there are collected too.
    const worker = await started;
    expect(worker.url()).toMatch(/^blob:/);
    await worker.evaluate(() => {
      const scope = self as unknown as { violations: string[] } & EventTarget;
      scope.violations = [];
      scope.addEventListener('securitypolicyviolation', (e) => scope.violations.push((e as SecurityPolicyViolationEvent).violatedDirective));
    });
    await waitForPrompt(page);
    // There is no service worker here: the file is its own offline copy.
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();

    let nodes: string[] = [];
    await expect.poll(async () => {
      nodes = (await run(page, 'kubectl get nodes --no-headers')).filter((r) => /\sReady\s/.test(r));
      return nodes.length;
    }, { timeout: 30_000 }).toBe(3);
    await page.getByTestId('speed').selectOption('25');

    // The Deployment from the terminal.
    expect(await run(page, `echo '${JSON.stringify(MONGO_DEPLOYMENT)}' | kubectl apply -f -`)).toEqual(['deployment.apps/mongodb created']);

    // The Service written in the editor (its code is inlined too), saved and applied.
    const editor = page.getByTestId('editor');
    await editor.getByRole('button', { name: 'New file' }).click();
    const name = editor.getByRole('textbox', { name: /New file/ });
    await name.fill('mongo.svc.yaml');
    await name.press('Enter');
    const content = editor.locator('.cm-content');
    await content.waitFor({ timeout: 15_000 });
    await expect.poll(() => content.evaluate((el) => el.contains(document.activeElement)), { timeout: 10_000 }).toBe(true);
    await page.keyboard.insertText(MONGO_SERVICE);
    await expect.poll(() => editor.getByTestId('editor-problems').innerText(), { timeout: 10_000 }).toContain('no problems');
    await page.keyboard.press('Control+s');
    await editor.getByTestId('editor-dirty').waitFor({ state: 'detached' });
    await editor.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await terminalRows(page)).join('\n'), { timeout: 15_000 }).toContain('service/mongodb-svc created');
    await waitForPrompt(page);

    expect((await run(page, 'kubectl rollout status deployment/mongodb', 30_000)).at(-1)).toBe('deployment "mongodb" successfully rolled out');
    const listed = await run(page, 'kubectl get deployments,services');
    expect(listed).toContainEqual(expect.stringMatching(/^deployment\.apps\/mongodb\s+1\/1\s+1\s+1\s+\S+$/));
    expect(listed).toContainEqual(expect.stringMatching(/^service\/mongodb-svc\s+ClusterIP\s+10\.0\.\d+\.\d+\s+<none>\s+27017\/TCP\s+\S+$/));
    const endpoints = await run(page, `kubectl get endpointslices -l kubernetes.io/service-name=mongodb-svc -o jsonpath='{.items[0].endpoints[0].addresses[0]}'`);
    expect(endpoints).toEqual([expect.stringMatching(/^10\.244\.\d+\.\d+$/)]);
    const pods = await run(page, 'kubectl get pods -l app=mongodb --no-headers');
    expect(pods).toEqual([expect.stringMatching(/^mongodb-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\S+$/)]);

    // The data API reaches MongoDB by the Service's DNS name, and the world reaches it through a LoadBalancer.
    expect(await run(page, 'kubectl create secret docker-registry acr-auth --docker-server=kubesimlab.azurecr.io --docker-username=student --docker-password=s3cret'))
      .toEqual(['secret/acr-auth created']);
    expect(await run(page, `echo '${JSON.stringify(DATA_API_DEPLOYMENT)}' | kubectl apply -f -`)).toEqual(['deployment.apps/data-api created']);
    expect(await run(page, 'kubectl expose deployment data-api --name=data-api-svc --type=LoadBalancer --port=80 --target-port=4000'))
      .toEqual(['service/data-api-svc exposed']);
    expect((await run(page, 'kubectl rollout status deployment/data-api', 30_000)).at(-1)).toBe('deployment "data-api" successfully rolled out');
    let external = '';
    await expect.poll(async () => {
      external = (await run(page, `kubectl get service data-api-svc -o jsonpath='{.status.loadBalancer.ingress[0].ip}'`)).join('');
      return external;
    }, { timeout: 30_000 }).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const info = (await run(page, `curl -s http://${external}/api/info`)).join('');
    expect(info).toMatch(/"hostname":"data-api-[a-z0-9]+-[a-z0-9]{5}"/);
    expect(info).toContain('"mongoDb":{"connected":true,"host":"mongodb-svc.default"');
    await page.screenshot({ path: `${RESULTS}/file-url-module4.png` });

    // Nothing was loaded from anywhere but the file itself (the worker starts from a blob: of inlined code).
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.startsWith(`${url}?`) || r === url || r.startsWith('blob:') || r.startsWith('data:'), r).toBe(true);
    expect(problems).toEqual([]);
    expect(await worker.evaluate(() => (self as unknown as { violations: string[] }).violations)).toEqual([]);
    // The inherited policy holds in the worker: code from a string is refused there.
    expect(await worker.evaluate(() => new Promise<string>((done) => {
      const scope = self as unknown as { ranFromString?: () => void };
      scope.ranFromString = () => done('ran');
      (setTimeout as unknown as (code: string, ms: number) => number)('self.ranFromString()', 0);
      setTimeout(() => done('refused'), 500);
    }))).toBe('refused');
    await page.close();
  });
});
