// `npm run labs:check` as a test: every lab's own solution passes its checks, step by step, and fails them before.
import { describe, expect, it } from 'vitest';
import { readLabSources, runLabsCheck } from '../../../scripts/labs-check';
import { loadLabSet, type LabSource } from '../../../sim/labs/lab-set';
import { buildStepStart } from '../../../sim/labs/step-start';
import { checkContext } from '../../../sim/labs/check-context';
import { evaluateStep } from '../../../sim/labs/checks';
import { replay, type Simulation } from '../../../sim/engine';
import { sh } from './lab-fixtures';
import { writeFile } from '../../scenarios/manifests';

const SOURCES = readLabSources();
const SET = loadLabSet(SOURCES);

describe('the labs in src/labs', () => {
  it('cover the seven modules and all parse', () => {
    expect(Object.fromEntries(SET.errors)).toEqual({});
    expect(SET.labs.map((l) => [l.module, l.id, l.steps.length])).toEqual([
      [1, 'module-1-tour', 6], [2, 'module-2-images', 6], [3, 'module-3-data-layer', 6], [4, 'module-4-services', 6],
      [5, 'module-5-frontend', 4], [6, 'module-6-scaling', 7], [7, 'module-7-extras', 7],
    ]);
  });

  it('pass labs:check: each step fails before its solution and passes after it', () => {
    const result = runLabsCheck(SOURCES);
    const verdicts = result.timings.flatMap((t) => t.report.steps.map((s) => `${t.report.labId}#${s.stepId}: ${s.verdict}`));
    const unexpected = verdicts.filter((v) => !v.endsWith(': ok') && !(v.endsWith(': pending') || v.endsWith(': blocked')));
    expect(unexpected, result.text).toEqual([]);
    // Steps may only wait for an engine feature they declare.
    for (const t of result.timings) {
      for (const s of t.report.steps) {
        if (s.verdict === 'pending') expect(SET.resolve(t.report.labId)!.steps.find((x) => x.id === s.stepId)!.requires.length).toBeGreaterThan(0);
      }
    }
    expect(result.exitCode, result.text).toBe(0);
    for (const t of result.timings) {
      expect(result.text).toContain(`${t.report.labId}  "${t.report.title}"  ${t.report.steps.length} steps  virtual `);
      expect(t.report.virtualMs).toBeGreaterThan(0);
    }
    expect(result.text).toMatch(/7 labs, 42 steps: all solutions pass their checks\n$/);
  }, 180_000);
});

/** The cluster at the start of a step of a built-in lab, as "reset to the start of this step" builds it. */
function atStepStart(labId: string, stepId: string): Simulation {
  const start = buildStepStart(SET.resolve(labId)!, stepId, SET.resolve);
  if (typeof start === 'string') throw new Error(start);
  const sim = replay(start.record);
  sim.runUntil(start.atMs, Number.POSITIVE_INFINITY);
  return sim;
}

const stepOf = (labId: string, stepId: string) => SET.resolve(labId)!.steps.find((s) => s.id === stepId)!;

describe('wrong turns show their hints', () => {
  const svc = (selector: string, targetPort: number) => writeFile('mongo.svc.yaml', `kind: Service
apiVersion: v1
metadata:
  name: mongodb-svc
spec:
  type: ClusterIP
  ports:
  - protocol: TCP
    port: 27017
    targetPort: ${targetPort}
  selector:
    app: ${selector}
`);

  it('module 4: targetPort 27107 instead of 27017', () => {
    const sim = atStepStart('module-4-services', 'mongodb-svc');
    const typed = sh(sim, svc('mongodb', 27107), 'kubectl apply -f mongo.svc.yaml', 'sleep 5');
    const result = evaluateStep(stepOf('module-4-services', 'mongodb-svc'), checkContext(sim, typed));
    expect(result.passed).toBe(false);
    expect(result.hints).toEqual([{ id: '1', text: 'Service mongodb-svc sends port 27017 to targetPort 27107, but its pods listen on 27017. Connections to the Service will be refused: set targetPort to 27017.' }]);
  });

  it('module 4: a selector that matches no pod', () => {
    const sim = atStepStart('module-4-services', 'mongodb-svc');
    const typed = sh(sim, svc('mongo', 27017), 'kubectl apply -f mongo.svc.yaml', 'sleep 5');
    const result = evaluateStep(stepOf('module-4-services', 'mongodb-svc'), checkContext(sim, typed));
    expect(result.passed).toBe(false);
    expect(result.items.map((i) => i.passed)).toEqual([false, false]);
    expect(result.hints).toEqual([{ id: '2', text: 'Service mongodb-svc selects app=mongo, but no pod has those labels, so it has no endpoints. Pods here have app=data-api, app=mongodb.' }]);
  });

  it('module 4: MONGO_CONNSTR still pointing at a pod IP after the re-apply', () => {
    const sim = atStepStart('module-4-services', 'use-dns');
    const typed = sh(sim, 'kubectl apply -f data-api.deploy.yaml');
    expect(typed[0].stdout).toBe('deployment.apps/data-api unchanged\n');
    const result = evaluateStep(stepOf('module-4-services', 'use-dns'), checkContext(sim, typed));
    expect(result.passed).toBe(false);
    expect(result.hints.map((h) => h.id)).toEqual(['1', '3']);
    expect(result.hints[0].text).toMatch(/^MONGO_CONNSTR in data-api still points at 10\.244\.\d+\.\d+, the address of one pod\./);
  });

  it('module 3: the placeholder left in MONGO_CONNSTR', () => {
    const sim = atStepStart('module-3-data-layer', 'data-api');
    const file = stepOf('module-3-data-layer', 'data-api').files[0];
    const typed = sh(sim, writeFile(file.name, file.content), 'kubectl apply -f data-api.deploy.yaml', 'sleep 10');
    const result = evaluateStep(stepOf('module-3-data-layer', 'data-api'), checkContext(sim, typed));
    expect(result.passed).toBe(false);
    expect(result.hints[0]).toEqual({ id: '1', text: expect.stringMatching(/^MONGO_CONNSTR still says `MONGO_POD_IP`/) });
  });

  it('module 2: a private image without imagePullSecrets', () => {
    const sim = atStepStart('module-2-images', 'pull-secret');
    const file = stepOf('module-2-images', 'pull-secret').files[0];
    const typed = sh(sim, writeFile(file.name, file.content.replace(/ {2}imagePullSecrets:\n {2}- name: acr-auth\n/, '')), 'kubectl apply -f frontend-test.pod.yaml', 'sleep 15');
    const result = evaluateStep(stepOf('module-2-images', 'pull-secret'), checkContext(sim, typed));
    expect(result.passed).toBe(false);
    expect(result.hints.map((h) => h.text)).toEqual([
      'Pod frontend-test pulls from kubesimlab.azurecr.io, a private registry, but has no imagePullSecrets.',
      expect.stringMatching(/^Pod frontend-test cannot pull "kubesimlab\.azurecr\.io\/smilr\/frontend" \((ErrImagePull|ImagePullBackOff)\): the registry wants credentials/),
    ]);
  });
});

describe('labs:check on broken labs', () => {
  const lab = (id: string, body: string[]): LabSource => ({
    id, text: ['---', `title: ${id}`, 'summary: s', 'module: 9', 'seed: 9', 'estimatedMinutes: 1', '---', ...body].join('\n'),
  });

  it('fails a step whose check already passes, or never passes, and says so', () => {
    const result = runLabsCheck([lab('broken', [
      '## Already true {#already}', '```check', 'nodes: 3', 'ready: true', '```', '```solution', 'kubectl get nodes', '```',
      '## Never true {#never}', '```check', 'endpoints: web', '```', '```solution', 'kubectl create service clusterip web --tcp=80:80', '```',
    ])]);
    expect(result.exitCode).toBe(1);
    expect(result.text).toContain('✗ broken  "broken"  2 steps  virtual 4s  wall ');
    expect(result.text).toContain('    ✗ already                Already true  [FAILED]\n        the check already passes before the solution runs\n');
    expect(result.text).toContain('    ✗ never                  Never true  [FAILED]\n        the check does not pass after the solution\n          - Service web has at least 1 ready endpoint: it has 0\n');
    expect(result.text).toMatch(/FAILED\n$/);
  });

  it('reports steps that need a missing engine feature as waiting, not failed', () => {
    const result = runLabsCheck([lab('future', [
      '## Time travel {#travel requires=time-machine}', '```check', 'history: rewind', '```', '```solution', 'kubectl get pods', '```',
      '## After it {#after}', '```check', 'object: Service later', '```', '```solution', 'kubectl get nodes', '```',
    ])]);
    expect(result.exitCode).toBe(0);
    expect(result.text).toContain('…   travel                 Time travel  [PENDING]\n        the check does not pass after the solution\n        the engine lacks: time-machine\n'.replace('…   ', '    … '));
    expect(result.text).toContain('    … after                  After it  [BLOCKED]\n');
    expect(result.text).toContain('    time-machine: unknown feature\n');
  });

  it('reports a lab file with errors', () => {
    const result = runLabsCheck([lab('bad', ['## No id'])]);
    expect(result.exitCode).toBe(1);
    expect(result.text).toContain('✗ bad: the lab file has errors\n    line 8: a step heading reads "## Title {#step-id}" (lower-case id with dashes); got "## No id"\n');
  });
});
