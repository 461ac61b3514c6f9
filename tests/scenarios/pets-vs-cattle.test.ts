import { describe, expect, it } from 'vitest';
import { podOrigin, startScenario } from '../helpers/scenario';
import { MONGO_DEPLOYMENT, MONGO_SERVICE, dataApiDeployment, writeFile } from './manifests';
import { dataPlaneOf } from '../../sim/net/network';
import type { K8sObject, Service } from '../../sim/model/types';

function logsOf(s: ReturnType<typeof startScenario>, podName: string): string {
  const pod = s.get('Pod', podName)!;
  const sandbox = s.sim.runtime.sandboxByUid(pod.metadata.uid!);
  return [...(sandbox?.containers.values() ?? [])].flatMap((c) => c.logs.all().map((l) => l.text)).join('\n');
}

function apiInfo(s: ReturnType<typeof startScenario>): { status: number; body: Record<string, unknown> } {
  const origin = podOrigin(s, 'mongodb');
  const api = s.pods('app=data-api')[0];
  const r = s.sim.runtime.network.connect(origin, api.status!.podIP!, 4000, { method: 'GET', path: '/api/info' });
  return { status: r.response?.status ?? 0, body: r.response ? JSON.parse(r.response.body) : {} };
}

function setup(connect: 'pod-ip' | 'service') {
  const s = startScenario(connect === 'pod-ip' ? 21 : 22);
  s.sh(writeFile('mongo.deploy.yaml', MONGO_DEPLOYMENT));
  s.sh('kubectl apply -f mongo.deploy.yaml');
  s.sh(writeFile('mongo.svc.yaml', MONGO_SERVICE));
  s.sh('kubectl apply -f mongo.svc.yaml');
  s.wait(30_000);
  const mongo = s.pods('app=mongodb')[0];
  const target = connect === 'pod-ip' ? `mongodb://${mongo.status!.podIP}` : 'mongodb://mongodb-svc.default';
  s.sh(writeFile('data-api.deploy.yaml', dataApiDeployment(target)));
  s.sh('kubectl apply -f data-api.deploy.yaml');
  s.wait(60_000);
  return { s, mongo };
}

describe('pods are cattle, the Service is the stable address', () => {
  it('replaces a deleted pod with a new name and IP while the ClusterIP and DNS answer stay the same', () => {
    const { s, mongo } = setup('service');
    const svc = s.get('Service', 'mongodb-svc') as Service & K8sObject;
    const client = podOrigin(s, 'data-api');
    const plane = dataPlaneOf(s.sim.runtime)!;
    const before = plane.network.lookup(client, 'mongodb-svc');
    const del = s.sh(`kubectl delete pod ${mongo.metadata.name}`);
    expect(del.stdout).toBe(`pod "${mongo.metadata.name}" deleted from default namespace\n`);
    s.wait(30_000);
    const replacement = s.pods('app=mongodb');
    expect(replacement).toHaveLength(1);
    expect(replacement[0].metadata.name).not.toBe(mongo.metadata.name);
    expect(replacement[0].status?.podIP).not.toBe(mongo.status?.podIP);
    expect((s.get('Service', 'mongodb-svc') as Service).spec?.clusterIP).toBe(svc.spec?.clusterIP);
    const after = plane.network.lookup(client, 'mongodb-svc');
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    const conn = s.sim.runtime.network.connect(client, 'mongodb-svc', 27017);
    expect(conn.ok).toBe(true);
    expect(conn.endpoint?.ip).toBe(replacement[0].status?.podIP);
  });

  it('a data-api connected by pod IP loses Mongo for good when the pod is replaced', () => {
    const { s, mongo } = setup('pod-ip');
    expect(logsOf(s, s.pods('app=data-api')[0].metadata.name)).toMatch(/Connected to MongoDB/);
    expect(apiInfo(s).status).toBe(200);
    s.sh(`kubectl delete pod ${mongo.metadata.name}`);
    s.wait(120_000);
    const api = s.pods('app=data-api')[0];
    const logs = logsOf(s, api.metadata.name);
    expect(logs).toMatch(/lost|closed|destroyed|timed out|ETIMEDOUT/i);
    expect(JSON.stringify(apiInfo(s).body)).toMatch(/disconnected|false|destroyed|not connected/i);
    const mongoNow = s.pods('app=mongodb')[0];
    expect(mongoNow.status?.podIP).not.toBe(mongo.status?.podIP);
  });

  it('a data-api connected by mongodb-svc.default reconnects to the new Mongo pod', () => {
    const { s, mongo } = setup('service');
    s.sh(`kubectl delete pod ${mongo.metadata.name}`);
    s.wait(120_000);
    const api = s.pods('app=data-api')[0];
    const logs = logsOf(s, api.metadata.name);
    const connects = logs.match(/onnected to MongoDB server/g) ?? [];
    expect(connects.length).toBeGreaterThanOrEqual(2);
    const info = apiInfo(s);
    expect(info.status).toBe(200);
    expect(info.body.hostname).toBe(api.metadata.name);
  });
});
