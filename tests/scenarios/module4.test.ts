import { describe, expect, it } from 'vitest';
import { startScenario } from '../helpers/scenario';
import { DATA_API_SERVICE, MONGO_DEPLOYMENT, MONGO_SERVICE, dataApiDeployment, writeFile } from './manifests';

function runModule4(seed: number) {
  const s = startScenario(seed);
  s.sh(writeFile('mongo.deploy.yaml', MONGO_DEPLOYMENT));
  expect(s.sh('kubectl apply -f mongo.deploy.yaml').stdout).toBe('deployment.apps/mongodb created\n');
  s.wait(30_000);
  const mongoIP = s.sh("kubectl get pod -l app=mongodb -o jsonpath='{.items[0].status.podIP}'").stdout.trim() ||
    s.pods('app=mongodb')[0].status!.podIP!;
  s.sh(writeFile('data-api.deploy.yaml', dataApiDeployment(`mongodb://${mongoIP}`)));
  s.sh('kubectl apply -f data-api.deploy.yaml');
  s.wait(60_000);
  s.sh(writeFile('mongo.svc.yaml', MONGO_SERVICE));
  const svc = s.sh('kubectl apply -f mongo.svc.yaml');
  s.wait(5_000);
  const firstApiPods = s.pods('app=data-api').map((p) => p.metadata.name);
  s.sh(writeFile('data-api.deploy.yaml', dataApiDeployment('mongodb://mongodb-svc.default')));
  const reapply = s.sh('kubectl apply -f data-api.deploy.yaml');
  s.wait(60_000);
  s.sh(writeFile('data-api.svc.yaml', DATA_API_SERVICE));
  s.sh('kubectl apply -f data-api.svc.yaml');
  const pending = s.sh('kubectl get svc data-api-svc');
  s.wait(40_000);
  const assigned = s.sh('kubectl get svc data-api-svc');
  return { s, mongoIP, svc, reapply, firstApiPods, pending, assigned };
}

describe('module 4: services and networking', () => {
  it('follows the lab: ClusterIP for mongo, data-api re-pointed by name, a LoadBalancer that gets its IP', () => {
    const { s, svc, reapply, firstApiPods, pending, assigned } = runModule4(4);
    expect(svc.stdout).toBe('service/mongodb-svc created\n');
    expect(reapply.stdout).toBe('deployment.apps/data-api configured\n');
    const rs = s.sim.store.list('ReplicaSet', 'default').filter((r) => r.metadata.name.startsWith('data-api-'));
    expect(rs).toHaveLength(2);
    const nowPods = s.pods('app=data-api').map((p) => p.metadata.name);
    expect(nowPods).toHaveLength(1);
    expect(firstApiPods).not.toContain(nowPods[0]);
    expect(pending.stdout).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\ndata-api-svc\s+LoadBalancer\s+10\.0\.\d+\.\d+\s+<pending>\s+80:3\d{4}\/TCP\s+0s\n$/);
    const ip = /LoadBalancer\s+\S+\s+(\d+\.\d+\.\d+\.\d+)\s/.exec(assigned.stdout)?.[1];
    expect(ip).toBeDefined();
    const info = s.sim.runtime.network.connect({ kind: 'external' }, ip!, 80, { method: 'GET', path: '/api/info' });
    expect(info.ok).toBe(true);
    expect(info.response?.status).toBe(200);
    expect(JSON.parse(info.response!.body).hostname).toBe(nowPods[0]);
    expect(s.invariants.checks).toBeGreaterThan(100);
  });

  it('is deterministic: the same seed gives the same trace, and replaying the run reproduces it', async () => {
    const a = runModule4(11);
    const b = runModule4(11);
    expect(b.s.trace.lines()).toEqual(a.s.trace.lines());
    const { replay } = await import('../../sim/engine');
    const { ArrayTrace } = await import('../../sim/core/trace');
    const t = new ArrayTrace();
    const again = replay(a.s.sim.record(), t);
    again.runUntil(a.s.sim.now, Number.POSITIVE_INFINITY);
    const writes = (lines: string[]) => lines.filter((l) => !l.includes(' $ '));
    expect(writes(t.lines())).toEqual(writes(a.s.trace.lines()));
    await expect(a.s.trace.lines().join('\n')).toMatchFileSnapshot('__traces__/module4.txt');
  });
});
