// The worker's lab methods as the page reaches them: parsing lab files, a step's starting run, and a step's check
// evaluated against the worker's cluster without changing it (its objects, random streams and later answers).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../../../sim/worker/api';
import { loadLabSet, type LabSource } from '../../../sim/labs/lab-set';
import { buildStepStart } from '../../../sim/labs/step-start';

const LABS: LabSource[] = readdirSync('src/labs').filter((f) => f.endsWith('.md'))
  .map((f) => ({ id: f.replace(/\.md$/, ''), text: readFileSync(`src/labs/${f}`, 'utf8') }));
const LAB = 'module-4-services';

/** A worker with its cluster set up as step `stepId` of a lab (module 4 unless named) starts. */
async function workerAt(stepId: string, lab = LAB) {
  const api = createWorkerApi();
  const start = await await api.labStepStart(LABS, lab, stepId);
  if ('error' in start) throw new Error(start.error);
  await await api.restore(start.record);
  await await api.advance(start.atMs - (await await api.advance(0, 0)).time, 0);
  return { api, start };
}

describe('the worker lab API', async () => {
  it('parses the built-in labs and reports a broken one by id', async () => {
    const api = createWorkerApi();
    const catalogue = await api.labCatalogue(LABS);
    expect(catalogue.labs.map((l) => l.id)).toEqual(LABS.map((l) => l.id).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(catalogue.errors).toEqual({});
    const broken = await api.labCatalogue([...LABS, { id: 'broken', text: '---\ntitle: x\n---\n## No id here\n' }]);
    expect(broken.labs).toHaveLength(LABS.length);
    expect(broken.errors.broken.join('\n')).toMatch(/step heading reads "## Title \{#step-id\}"/);
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue);
  });

  it('gives the run record and time a step starts from, as buildStepStart lays it out', async () => {
    const api = createWorkerApi();
    const set = loadLabSet(LABS);
    expect(await api.labStepStart(LABS, LAB, 'use-dns')).toEqual(buildStepStart(set.resolve(LAB)!, 'use-dns', set.resolve));
    expect(await api.labStepStart(LABS, LAB, 'nope')).toEqual({ error: `${LAB} has no step "nope"` });
    await expect(api.labStepStart(LABS, 'missing-lab', 'x')).rejects.toThrow(/no lab "missing-lab"/);
  });

  it("evaluates a step against the worker's cluster and the step's transcript", async () => {
    const { api } = await workerAt('cattle');
    const before = await api.labStepResult(LABS, LAB, 'cattle', []);
    expect(before.passed).toBe(false);
    const ran = await api.dispatch({ type: 'exec', line: 'kubectl get pods -o wide' });
    if (!ran.ok) throw new Error(ran.error);
    const transcript = [{ line: 'kubectl get pods -o wide', stdout: ran.stdout ?? '', stderr: ran.stderr ?? '', exitCode: ran.exitCode }];
    const after = await api.labStepResult(LABS, LAB, 'cattle', transcript);
    expect(after.passed).toBe(true);
    expect(after.items.map((i) => i.label)).toEqual(["you have seen the new mongodb pod's IP"]);
  });

  it('shows the matching hint for a wrong targetPort', async () => {
    const { api } = await workerAt('mongodb-svc');
    const lab = (await api.labCatalogue(LABS)).labs.find((l) => l.id === LAB)!;
    const file = lab.steps.find((s) => s.id === 'mongodb-svc')!.files[0];
    await api.dispatch({ type: 'writeFile', path: `/home/student/${file.name}`, content: file.content.replace('targetPort: 27017', 'targetPort: 27107') });
    await api.dispatch({ type: 'exec', line: `kubectl apply -f ${file.name}` });
    await api.advance(10_000, 0);
    const result = await api.labStepResult(LABS, LAB, 'mongodb-svc', []);
    expect(result.passed).toBe(false);
    expect(result.hints.map((h) => h.text).join('\n')).toMatch(/targetPort 27107.*27017/);
  });

  it('never changes the cluster it checks: HTTP probes go to a replica', async () => {
    const checked = (await workerAt('api-from-outside')).api;
    const untouched = (await workerAt('api-from-outside')).api;
    for (let i = 0; i < 3; i++) {
      expect((await checked.labStepResult(LABS, LAB, 'api-from-outside', [])).passed).toBe(false);
      await checked.advance(1_000, 0);
      await untouched.advance(1_000, 0);
    }
    const line = "curl -s http://$(kubectl get service data-api-svc -o jsonpath='{.status.loadBalancer.ingress[0].ip}')/api/info";
    const answers = [];
    for (const api of [checked, untouched]) {
      const curl = await api.dispatch({ type: 'exec', line });
      const printed = (await api.advance(5_000, 0)).output.map((o) => o.text).join('');
      answers.push({ curl, printed, pods: await api.dispatch({ type: 'exec', line: 'kubectl get pods -o wide' }) });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0].printed).toContain('"hostname":"data-api-');
    expect(await checked.exportRun()).toEqual(await untouched.exportRun());
    expect(await checked.advance(30_000, 0)).toEqual(await untouched.advance(30_000, 0));
  });

  it('says which engine features exist', async () => {
    expect(await createWorkerApi().labCapabilities(['statefulset', 'no-such-feature'])).toEqual(['statefulset']);
  });

  it("passes module 6's who-answers step with the counting loop alone", async () => {
    const { api } = await workerAt('load-balancing', 'module-6-scaling');
    const lines = [
      "API_IP=$(kubectl get service data-api-svc -o jsonpath='{.status.loadBalancer.ingress[0].ip}')",
      'for i in $(seq 30); do curl -s http://$API_IP/api/info | jq -r .hostname; done | sort | uniq -c',
    ];
    const transcript = [];
    for (const line of lines) {
      const r = await api.dispatch({ type: 'exec', line });
      if (!r.ok) throw new Error(`${line}: ${r.error}`);
      // Requests take network time: the loop's output arrives in the frames while the clock runs.
      const later = r.done ? '' : (await api.advance(30_000, 0)).output.filter((o) => o.jobId === r.jobId && o.stream === 'stdout').map((o) => o.text).join('');
      transcript.push({ line, stdout: (r.stdout ?? '') + later, stderr: r.stderr ?? '' });
    }
    expect(transcript[1].stdout).toMatch(/^( +\d+ data-api-[a-z0-9]+-[a-z0-9]{5}\n){2,}$/);
    expect((await api.labStepResult(LABS, 'module-6-scaling', 'load-balancing', transcript)).passed).toBe(true);
  });
});
