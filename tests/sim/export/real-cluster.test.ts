import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { createSimulation, replay } from '../../../sim/engine';
import { runLine } from '../../../sim/cli/run-script';
import { loadLabSet } from '../../../sim/labs/lab-set';
import { labTimeline } from '../../../sim/labs/step-start';
import { exportForRealCluster, CLUSTER_TARGETS } from '../../../sim/export/real-cluster';

const LABS = 'src/labs';
const sources = readdirSync(LABS).filter((f) => f.endsWith('.md')).map((f) => ({ id: f.replace(/\.md$/, ''), text: readFileSync(`${LABS}/${f}`, 'utf8') }));

/** The cluster and files a student has after following every lab up to the end of module 6. */
function afterTheLabs() {
  const set = loadLabSet(sources);
  const timeline = labTimeline(set.resolve('module-6-scaling')!, set.resolve);
  if (typeof timeline === 'string') throw new Error(timeline);
  const commands = [...timeline.prelude, ...timeline.steps.flatMap((s) => s.commands)];
  const sim = replay({ format: 'kubesim-run', version: 1, options: timeline.options, commands });
  return sim;
}

describe('taking the lab files to a real cluster', () => {
  const sim = afterTheLabs();
  const files = sim.shell.fs.allFiles();

  it.each(CLUSTER_TARGETS)('bundles every lab manifest for %s so that a fresh cluster accepts it unchanged (server dry run)', (target) => {
    const bundle = exportForRealCluster(files, target, sim.store);
    expect(bundle.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(expect.arrayContaining([
      'Service/mongodb-svc', 'Deployment/data-api', 'Service/data-api-svc', 'Deployment/frontend', 'Service/frontend-svc', 'StatefulSet/mongodb',
    ]));
    // Objects others depend on come first: Services before the workloads that use their names.
    const kinds = bundle.objects.map((o) => o.kind);
    expect(kinds.lastIndexOf('Service')).toBeLessThan(kinds.indexOf('Deployment'));
    for (const doc of parseAllDocuments(bundle.yaml)) {
      const o = doc.toJS() as { metadata: Record<string, unknown>; status?: unknown };
      expect(doc.errors).toEqual([]);
      expect(o.status).toBeUndefined();
      expect(Object.keys(o.metadata)).not.toContain('uid');
    }
    const fresh = createSimulation({ seed: `export-${target}` });
    fresh.dispatch({ type: 'writeFile', path: '/home/student/kubesim-bundle.yaml', content: bundle.yaml });
    const applied = runLine(fresh, 'kubectl apply --dry-run=server -f kubesim-bundle.yaml');
    expect(applied.stderr).toBe('');
    expect(applied.exitCode).toBe(0);
    expect(applied.stdout.trim().split('\n')).toHaveLength(bundle.objects.length);
    expect(applied.stdout).toContain('service/mongodb-svc created (server dry run)');
    expect(bundle.guide).toContain('kubectl apply -f kubesim-bundle.yaml');
    // The lab's registry exists only here: the guide says what to do about it.
    expect(bundle.notes.some((n) => n.level === 'action' && n.message.includes('azurecr.io'))).toBe(true);
  });

  it('changes AKS storage classes for kind and minikube, keeps them for AKS, and says how LoadBalancers get an address', () => {
    const kind = exportForRealCluster(files, 'kind', sim.store);
    const aks = exportForRealCluster(files, 'aks', sim.store);
    expect(kind.yaml).toContain('storageClassName: standard');
    expect(kind.yaml).not.toContain('storageClassName: default');
    expect(aks.yaml).toContain('storageClassName: default');
    expect(kind.notes.some((n) => n.object === 'service/data-api-svc' && n.message.includes('cloud-provider-kind'))).toBe(true);
    expect(exportForRealCluster(files, 'minikube', sim.store).guide).toContain('minikube tunnel');
    expect(aks.notes.some((n) => n.message.includes('cloud-provider-kind') || n.message.includes('standard'))).toBe(false);
  });

  it('drops what only a server sets, leaves out what a real apiserver would refuse, and keeps the first of two same objects', () => {
    const copied = runLine(sim, 'kubectl get service mongodb-svc -o yaml > copied.yaml');
    expect(copied.exitCode).toBe(0);
    const extra = [
      ...sim.shell.fs.allFiles(),
      { path: '/home/student/broken.yaml', content: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  ports:\n  - port: "eighty"\n' },
      { path: '/home/student/notes.yaml', content: 'shopping: [milk]\n' },
      { path: '/home/student/widget.yaml', content: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n' },
      { path: '/home/student/demo.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  nodeName: aks-nodepool1-1-vmss000000\n  containers:\n  - name: web\n    image: nginx:v2\n' },
    ];
    sim.dispatch({ type: 'writeFile', path: '/home/student/demo.yaml', content: extra.at(-1)!.content });
    expect(runLine(sim, 'kubectl apply -f demo.yaml').stdout).toBe('pod/demo created\n');
    const bundle = exportForRealCluster(extra, 'aks', sim.store);
    const svc = parseAllDocuments(bundle.yaml).map((d) => d.toJS()).find((o) => o.kind === 'Service' && o.metadata.name === 'mongodb-svc');
    expect(svc.spec.clusterIP).toBeUndefined();
    expect(svc.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
    expect(svc.metadata.resourceVersion).toBeUndefined();
    const about = (file: string) => bundle.notes.filter((n) => n.file === file).map((n) => `${n.level}: ${n.message}`);
    expect(about('~/broken.yaml')).toEqual([expect.stringMatching(/^left-out: the apiserver would refuse it: json: cannot unmarshal string into Go struct field ServicePort\.spec\.ports\.port of type int32$/)]);
    expect(about('~/notes.yaml')).toEqual(['left-out: a document that is not a Kubernetes object (it needs apiVersion and kind)']);
    expect(about('~/widget.yaml')).toEqual(['left-out: kubesim does not check Widget objects, so it leaves them out']);
    expect(about('~/demo.yaml')).toEqual([
      'changed: spec.nodeName aks-nodepool1-1-vmss000000 was dropped: that node is in the simulated cluster only',
      'action: nginx:v2 is a demo tag kubesim uses for rolling updates; real nginx has no such tag: use a version such as nginx:1.27',
    ]);
    expect(about('~/copied.yaml')).toEqual(['changed: its fixed clusterIP was dropped: the real cluster allocates one from its own Service range']);
    expect(about('~/mongo.svc.yaml')).toEqual(['left-out: service/mongodb-svc is also in ~/copied.yaml; the bundle keeps the first one']);
    // The Deployment the StatefulSet replaced was deleted in the lab: its file stays out of the bundle.
    expect(about('~/mongo.deploy.yaml')).toEqual(['left-out: deployment/mongodb is not in your cluster (never applied, or deleted since), so it is left out']);
  });
});
