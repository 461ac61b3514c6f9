// "Take it to a real cluster" in Debian's Chromium: the student's applied manifests, bundled for kind from the
// editor's file bar, downloaded as kubesim-bundle.yaml with its guide; the notes say what changed and what to do.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { StaticServer } from './helpers/static-server';
import { RESULTS, useBuiltSite } from './helpers/built-site';
import type { Browser } from './helpers/browser';
import { hooks } from './helpers/hooks';


let server: StaticServer;
let browser: Browser;
useBuiltSite((s, b) => { server = s; browser = b; }, { width: 1366, height: 768 });

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-svc\nspec:\n  type: LoadBalancer\n  selector:\n    app: web\n  ports:\n  - port: 80\n';
const CLAIM = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: managed-csi\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n';

describe('taking the files to a real cluster', () => {
  it('downloads the applied manifests as one bundle for kind, with a guide and notes on what differs', async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`${server.url}?seed=8&hooks=1`);
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-testid="node"][data-status="Ready"]').length), { timeout: 30_000 }).toBe(3);
    await page.evaluate(([svc, pvc]) => {
      const k = (window as unknown as { kubesim: { send(c: unknown): Promise<unknown> } }).kubesim;
      return Promise.all([
        k.send({ type: 'writeFile', path: '/home/student/web.svc.yaml', content: svc }),
        k.send({ type: 'writeFile', path: '/home/student/data.pvc.yaml', content: pvc }),
        k.send({ type: 'writeFile', path: '/home/student/draft.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: never-applied\n' }),
      ]);
    }, [SERVICE, CLAIM]);
    expect(await hooks(page, (k) => k.dispatch('kubectl apply -f web.svc.yaml -f data.pvc.yaml'))).toMatchObject({ ok: true });

    const exporter = page.getByTestId('real-cluster-export');
    await page.getByRole('button', { name: 'Real cluster…' }).click();
    await exporter.getByRole('radio', { name: 'kind' }).check();
    await expect.poll(() => page.getByTestId('export-summary').innerText(), { timeout: 10_000 }).toBe('2 objects from your files, 3 notes.');
    const notes = await page.getByTestId('export-notes').innerText();
    expect(notes).toContain('Left out: ~/draft.yaml configmap/never-applied: configmap/never-applied is not in your cluster');
    expect(notes).toContain("Changed: ~/data.pvc.yaml persistentvolumeclaim/data: storageClassName managed-csi is an AKS class; kind's default class is standard");
    expect(notes).toContain('To do: ~/web.svc.yaml service/web-svc: kind has no load balancer of its own');
    await page.screenshot({ path: `${RESULTS}/real-cluster-export.png` });

    const [bundle] = await Promise.all([page.waitForEvent('download'), exporter.getByRole('button', { name: 'Download kubesim-bundle.yaml' }).click()]);
    expect(bundle.suggestedFilename()).toBe('kubesim-bundle.yaml');
    const yaml = await readFile((await bundle.path())!, 'utf8');
    expect(yaml).toMatch(/^# from ~\/data\.pvc\.yaml\napiVersion: v1\nkind: PersistentVolumeClaim\n/);
    expect(yaml).toContain('storageClassName: standard');
    expect(yaml).toContain('---\n# from ~/web.svc.yaml\napiVersion: v1\nkind: Service\n');
    const [guide] = await Promise.all([page.waitForEvent('download'), exporter.getByRole('button', { name: 'Download the guide' }).click()]);
    expect(guide.suggestedFilename()).toBe('kubesim-bundle-guide.md');
    expect(await readFile((await guide.path())!, 'utf8')).toContain('kind create cluster --name kubesim');
    expect(problems).toEqual([]);
    await page.close();
  });
});
