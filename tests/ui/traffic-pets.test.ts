import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../sim/engine';
import { runLine } from '../../sim/cli/run-script';
import type { TrafficSample } from '../../sim/protocol';
import type { Pod, Service } from '../../sim/model/types';
import { applyFrame, emptyView, type ClusterView } from '../../src/lib/cluster-view';
import {
  CATTLE_FLOW_ID, PET_FLOW_ID, clientChoices, clientVerdict, currentTarget, ipChanges, observeAddresses, openAddressBook,
  petsFlows, petsLesson, petsServices, preferredService, serviceAddressChanges, startPets, targetPortOf, type PetsSetup,
} from '../../src/features/traffic/pets';
import { emptyStats, foldSamples, recentSuccessRate } from '../../src/features/traffic/traffic-stats';
import { DATA_API_SERVICE, MONGO_DEPLOYMENT, MONGO_SERVICE, dataApiDeployment, writeFile } from '../scenarios/manifests';

function webCluster(seed: number): Simulation {
  const sim = createSimulation({ seed });
  runLine(sim, 'kubectl create deployment web --image=nginx:v1 --replicas=3 --port=80');
  runLine(sim, 'kubectl expose deployment web --port=80');
  runLine(sim, 'kubectl create deployment client --image=nginx:v1');
  sim.advance(30_000);
  return sim;
}

/** Runs the engine and the page side by side: frames into a view, samples into counters. */
function watch(sim: Simulation) {
  let view: ClusterView = applyFrame(emptyView(), sim.frame(0));
  let samples: TrafficSample[] = [];
  return {
    get view() { return view; },
    get samples() { return samples; },
    advance(ms: number) {
      for (let t = 0; t < ms; t += 500) {
        sim.advance(500);
        const frame = sim.frame(view.rv);
        view = applyFrame(view, frame);
        samples = [...samples, ...frame.traffic];
      }
    },
  };
}

describe('pets vs cattle', () => {
  it('a client with a pod IP breaks when the pod is deleted; the one with the Service name keeps working', () => {
    const sim = webCluster(21);
    const page = watch(sim);
    const [svc] = petsServices(page.view);
    expect(svc.metadata.name).toBe('web');
    const clients = clientChoices(page.view, svc);
    expect(clients.map((c) => [c.name, c.own])).toEqual([['client', false], ['web', true]]);
    const setup = startPets(page.view, 'default/web', clients[0]) as PetsSetup;
    expect(typeof setup).toBe('object');
    expect(setup.dnsName).toBe('web');
    expect(setup.podPort).toBe(80);
    expect(setup.deployment).toBe('web');
    expect(setup.pet.ip).toMatch(/^10\.244\.\d+\.\d+$/);
    const flows = petsFlows(setup, 500);
    expect(flows.map((f) => [f.id, f.host, f.port])).toEqual([[PET_FLOW_ID, setup.pet.ip, 80], [CATTLE_FLOW_ID, 'web', 80]]);
    expect(sim.dispatch({ type: 'traffic', flows }).ok).toBe(true);

    let book = openAddressBook(page.view, setup);
    page.advance(5_000);
    let stats = foldSamples(emptyStats(), page.samples);
    expect(recentSuccessRate(stats.flows.get(PET_FLOW_ID))).toBe(1);
    expect(recentSuccessRate(stats.flows.get(CATTLE_FLOW_ID))).toBe(1);

    expect(currentTarget(page.view, setup)?.metadata.name).toBe(setup.pet.name);
    expect(sim.dispatch({ type: 'fault', fault: { kind: 'deletePod', namespace: 'default', name: setup.pet.name } }).ok).toBe(true);
    page.advance(60_000);
    book = observeAddresses(book, page.view, setup);
    stats = foldSamples(stats, page.samples);
    const pet = stats.flows.get(PET_FLOW_ID)!;
    const cattle = stats.flows.get(CATTLE_FLOW_ID)!;
    expect(recentSuccessRate(pet)).toBe(0);
    expect(clientVerdict(recentSuccessRate(pet), pet.recent.length)).toBe('failing');
    expect([...pet.byReason.keys()]).toEqual(['ETIMEDOUT']);
    expect(recentSuccessRate(cattle)).toBe(1);
    expect(clientVerdict(recentSuccessRate(cattle), cattle.recent.length)).toBe('working');
    expect(ipChanges(book)).toBe(1);
    expect(serviceAddressChanges(book)).toBe(0);
    // The pet is gone: the next target is a pod that exists now.
    const next = currentTarget(page.view, setup)!;
    expect(next.metadata.name).not.toBe(setup.pet.name);

    // Rolling the Deployment gives every pod a new IP; the Service's address still does not change.
    runLine(sim, 'kubectl rollout restart deployment/web');
    page.advance(90_000);
    book = observeAddresses(book, page.view, setup);
    expect(ipChanges(book)).toBe(4);
    expect(serviceAddressChanges(book)).toBe(0);
    expect(recentSuccessRate(foldSamples(stats, page.samples).flows.get(CATTLE_FLOW_ID))).toBe(1);
  });

  it('counts a Service made again as an address change', () => {
    const sim = webCluster(22);
    const page = watch(sim);
    const setup = startPets(page.view, 'default/web', clientChoices(page.view, petsServices(page.view)[0])[0]) as PetsSetup;
    const book = openAddressBook(page.view, setup);
    expect(observeAddresses(book, page.view, setup).podIPs).toBe(book.podIPs);
    runLine(sim, 'kubectl delete service web');
    runLine(sim, 'kubectl expose deployment web --port=80');
    page.advance(1_000);
    const after = observeAddresses(book, page.view, setup);
    expect(serviceAddressChanges(after)).toBe(1);
    expect(ipChanges(after)).toBe(0);
  });

  it('picks mongodb-svc and the data-api pods for the Smilr lab, and resolves a named or numbered targetPort', () => {
    const sim = createSimulation({ seed: 23 });
    for (const line of [
      writeFile('m.yaml', MONGO_DEPLOYMENT), 'kubectl apply -f m.yaml', writeFile('s.yaml', MONGO_SERVICE), 'kubectl apply -f s.yaml',
      writeFile('d.yaml', dataApiDeployment('mongodb://mongodb-svc.default')), 'kubectl apply -f d.yaml',
      writeFile('a.yaml', DATA_API_SERVICE), 'kubectl apply -f a.yaml',
    ]) runLine(sim, line);
    sim.advance(60_000);
    const view = applyFrame(emptyView(), sim.frame(0));
    const services = petsServices(view);
    expect(services.map((s) => s.metadata.name).sort()).toEqual(['data-api-svc', 'mongodb-svc']);
    const svc = preferredService(view, services)!;
    expect(svc.metadata.name).toBe('mongodb-svc');
    const client = clientChoices(view, svc)[0];
    expect(client.name).toBe('data-api');
    const setup = startPets(view, 'default/mongodb-svc', client) as PetsSetup;
    expect([setup.dnsName, setup.servicePort, setup.podPort, setup.deployment]).toEqual(['mongodb-svc', 27017, 27017, 'mongodb']);
    const api = startPets(view, 'default/data-api-svc', clientChoices(view, services.find((s) => s.metadata.name === 'data-api-svc')!)[0]) as PetsSetup;
    expect([api.servicePort, api.podPort, api.path]).toEqual([80, 4000, '/api/info']);
    const named: Service = { spec: { ports: [{ port: 80, targetPort: 'http' }] } };
    const pod: Pod = { spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] } };
    expect(targetPortOf(named, pod)).toBe(8080);
    expect(targetPortOf({ spec: { ports: [{ port: 80 }] } }, pod)).toBe(80);
    expect(targetPortOf({ spec: { ports: [{ port: 80, targetPort: 'nope' }] } }, pod)).toBeUndefined();
    expect(startPets(view, 'default/nothing', client)).toMatch(/^no Service default\/nothing/);
  });
});

describe('the pets-vs-cattle verdicts', () => {
  it('waits for a few requests, then calls each client working, failing or mixed', () => {
    expect(clientVerdict(undefined, 0)).toBe('waiting');
    expect(clientVerdict(1, 2)).toBe('waiting');
    expect(clientVerdict(0.95, 20)).toBe('working');
    expect(clientVerdict(0.05, 20)).toBe('failing');
    expect(clientVerdict(0.5, 20)).toBe('mixed');
  });

  it('spells out the lesson once the pet broke and the Service name did not', () => {
    expect(petsLesson('failing', 'working', 1)).toBe('The pod IP died with its pod. The Service name still reaches whichever pods are ready now.');
    expect(petsLesson('working', 'working', 0)).toMatch(/^Both clients work while the pet lives/);
    expect(petsLesson('failing', 'failing', 1)).toMatch(/^No pod behind the Service answers right now/);
    expect(petsLesson('waiting', 'waiting', 0)).toBeUndefined();
  });
});
