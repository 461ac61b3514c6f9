import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../sim/engine';
import { runLine } from '../../sim/cli/run-script';
import { applyFrame, emptyView, type ClusterView } from '../../src/lib/cluster-view';
import { defaultPresets, mentionsService, pathFor, trafficPresets } from '../../src/features/traffic/presets';
import { combinedFlows, everyMsFor, flowOf, withPreset, withoutPreset } from '../../src/features/traffic/flows';
import { userDeployments, userServices } from '../../src/features/traffic/workloads';
import { DATA_API_SERVICE, MONGO_DEPLOYMENT, MONGO_SERVICE, dataApiDeployment, writeFile } from '../scenarios/manifests';

/** The Smilr lab after module 4: mongodb behind mongodb-svc, data-api behind a LoadBalancer data-api-svc. */
function smilr(seed = 3): Simulation {
  const sim = createSimulation({ seed });
  for (const line of [
    writeFile('mongo.deploy.yaml', MONGO_DEPLOYMENT), 'kubectl apply -f mongo.deploy.yaml',
    writeFile('mongo.svc.yaml', MONGO_SERVICE), 'kubectl apply -f mongo.svc.yaml',
    writeFile('data-api.deploy.yaml', dataApiDeployment('mongodb://mongodb-svc.default')), 'kubectl apply -f data-api.deploy.yaml',
    writeFile('data-api.svc.yaml', DATA_API_SERVICE), 'kubectl apply -f data-api.svc.yaml',
  ]) runLine(sim, line);
  sim.advance(60_000);
  return sim;
}

function viewOf(sim: Simulation): ClusterView {
  return applyFrame(emptyView(), sim.frame(0));
}

describe('traffic presets read off the cluster', () => {
  it('offers the Smilr lab its two flows: outside → data-api-svc /api/info and data-api → mongodb-svc', () => {
    const view = viewOf(smilr());
    const presets = trafficPresets(view);
    const lbIP = (userServices(view).find((s) => s.metadata.name === 'data-api-svc')!.status!.loadBalancer!.ingress![0]).ip;
    expect(lbIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const byLabel = presets.map((p) => p.label);
    expect(byLabel).toContain(`outside → data-api-svc via LoadBalancer ${lbIP}:80/api/info`);
    expect(byLabel.some((l) => /^outside → data-api-svc via NodePort 10\.224\.0\.\d+:3\d{4}\/api\/info$/.test(l))).toBe(true);
    expect(byLabel).toContain('data-api pods → mongodb-svc:27017');
    expect(byLabel).toContain('mongodb pods → data-api-svc:80/api/info');
    // No preset sends an app to its own Service, and the apiserver's Service is left out.
    expect(presets.some((p) => p.service === 'default/kubernetes')).toBe(false);
    expect(presets.some((p) => p.label.startsWith('mongodb pods → mongodb-svc'))).toBe(false);

    const chosen = defaultPresets(presets);
    expect(chosen.map((p) => [p.service, p.route, p.host, p.port, p.path])).toEqual([
      ['default/data-api-svc', 'load-balancer', lbIP, 80, '/api/info'],
      ['default/mongodb-svc', 'service-name', 'mongodb-svc', 27017, '/'],
    ]);
    expect(chosen[1].from).toEqual({ kind: 'pods', namespace: 'default', selector: 'app=data-api' });
  });

  it('ranks a client whose configuration names the Service first', () => {
    const view = viewOf(smilr(4));
    const [mongo, dataApi] = [userDeployments(view).find((d) => d.metadata.name === 'mongodb')!, userDeployments(view).find((d) => d.metadata.name === 'data-api')!];
    const mongoSvc = userServices(view).find((s) => s.metadata.name === 'mongodb-svc')!;
    expect(mentionsService(dataApi, mongoSvc)).toBe(true);
    expect(mentionsService(mongo, mongoSvc)).toBe(false);
    expect(pathFor(view, mongoSvc)).toBe('/');
  });

  it('offers nothing external before the LoadBalancer has its IP, and names Services across namespaces', () => {
    const sim = createSimulation({ seed: 9 });
    runLine(sim, 'kubectl create deployment web --image=nginx:v1 --replicas=2');
    runLine(sim, 'kubectl expose deployment web --port=80 --type=LoadBalancer');
    runLine(sim, 'kubectl create namespace shop');
    runLine(sim, 'kubectl create deployment cart --image=nginx:v1 -n shop');
    sim.advance(5_000);
    const early = trafficPresets(viewOf(sim)).filter((p) => p.service === 'default/web');
    expect(early.map((p) => p.route).sort()).toEqual(['node-port', 'service-name']);
    expect(early.find((p) => p.route === 'service-name')!.host).toBe('web.default');
    expect(early.find((p) => p.route === 'service-name')!.label).toBe('cart pods → web.default:80');
    sim.advance(40_000);
    const late = trafficPresets(viewOf(sim)).filter((p) => p.service === 'default/web');
    expect(late[0].route).toBe('load-balancer');
    expect(defaultPresets(late)[0].route).toBe('load-balancer');
  });
});

describe('flows', () => {
  const preset = {
    id: 'outside→default/web:lb', label: 'outside → web', route: 'load-balancer' as const, service: 'default/web',
    from: { kind: 'external' as const }, host: '20.1.2.3', port: 80, path: '/', rank: 20,
  };

  it('turns a rate in requests per second into the interval the engine takes', () => {
    expect(everyMsFor(1)).toBe(1000);
    expect(everyMsFor(0.5)).toBe(2000);
    expect(everyMsFor(3)).toBe(333);
    expect(everyMsFor(1000)).toBe(10);
    expect(flowOf(preset, 5)).toEqual({ id: preset.id, from: { kind: 'external' }, host: '20.1.2.3', port: 80, path: '/', everyMs: 200 });
  });

  it('sends the chosen flows only while the switch is on, always with the other views\' flows, without duplicates', () => {
    const other = { id: 'pets: by pod IP', from: { kind: 'external' as const }, host: '10.244.0.5', port: 80, path: '/', everyMs: 500 };
    expect(combinedFlows(false, [preset], 1, [other]).map((f) => f.id)).toEqual(['pets: by pod IP']);
    expect(combinedFlows(true, [preset, preset], 2, [other]).map((f) => [f.id, f.everyMs])).toEqual([[preset.id, 500], ['pets: by pod IP', 500]]);
    expect(withPreset([preset], preset)).toHaveLength(1);
    expect(withoutPreset([preset], preset.id)).toEqual([]);
  });
});
