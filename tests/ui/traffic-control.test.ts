import { afterEach, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/lib/sim-client.svelte';
import type { AsyncSimApi, SimConnection } from '../../src/lib/sim-connection';
import { createWorkerApi } from '../../sim/worker/api';
import { trafficControlOf } from '../../src/features/traffic/traffic-control.svelte';
import { defaultPresets, trafficPresets } from '../../src/features/traffic/presets';
import { podShares } from '../../src/features/traffic/traffic-stats';
import {
  MAX_POD_OPTIONS, commandFor, deploymentOptions, describeAction, nodeOptions, podOptions, undoOf,
} from '../../src/features/traffic/fault-actions';
import { ManualFrames } from './fake-worker';
import { frame, pod } from './fixtures';
import { applyFrame, emptyView } from '../../src/lib/cluster-view';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The real engine in this process, behind the same async API the worker offers. */
function inProcess(): SimConnection {
  const api = createWorkerApi();
  const wrapped = Object.fromEntries(Object.entries(api).map(([name, fn]) =>
    [name, async (...args: unknown[]) => structuredClone(await (fn as (...a: unknown[]) => unknown)(...args))])) as unknown as AsyncSimApi;
  return { api: wrapped, onFailure() {}, close() {} };
}

let client: SimClient | undefined;
afterEach(() => client?.dispose());

async function boot() {
  const frames = new ManualFrames();
  client = new SimClient({ init: { seed: 31 }, frames, connect: inProcess });
  client.start();
  await settle();
  client.setSpeed(100);
  let wall = 0;
  const c = client;
  /** Runs `seconds` of virtual time (10 s per animation frame at 100×). */
  const run = async (seconds: number) => {
    for (let t = 0; t < seconds; t += 10) {
      wall += 100;
      frames.fire(wall);
      await settle();
    }
  };
  await run(10);
  return { client: c, run };
}

describe('the shared traffic control', () => {
  it('sends the default flows, counts answers per pod, and stops on the switch', async () => {
    const { client, run } = await boot();
    const control = trafficControlOf(client);
    expect(trafficControlOf(client)).toBe(control);
    await client.dispatch('kubectl create deployment web --image=nginx:v1 --replicas=3');
    await client.dispatch('kubectl expose deployment web --port=80 --type=LoadBalancer');
    await run(60);
    const presets = defaultPresets(trafficPresets(client.view));
    expect(presets.map((p) => p.route)).toEqual(['load-balancer']);
    await control.setRate(10);
    await control.setSending(true, presets);
    expect(control.flows.map((f) => [f.id, f.everyMs])).toEqual([[presets[0].id, 100]]);
    await run(30);
    const web = control.stats.flows.get(presets[0].id)!;
    expect(web.sent).toBeGreaterThanOrEqual(250);
    expect(web.failed).toBe(0);
    const shares = podShares(web);
    expect(shares).toHaveLength(3);
    for (const s of shares) expect(s.pod).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(shares.reduce((sum, s) => sum + s.count, 0)).toBe(web.sent);

    control.resetCounters();
    expect(control.stats.flows.size).toBe(0);
    await control.setSending(false);
    expect(control.flows).toEqual([]);
    await run(20);
    expect(control.stats.flows.size).toBe(0);
    expect(control.error).toBeUndefined();
  });

  it('carries out faults, logs them in one line, and undoes them', async () => {
    const { client, run } = await boot();
    const control = trafficControlOf(client);
    await client.dispatch('kubectl create deployment web --image=nginx:v1 --replicas=2');
    await run(30);

    const [pod] = podOptions(client.view);
    expect(pod.failingReadiness).toBe(false);
    await control.act({ kind: 'failReadiness', namespace: pod.namespace, name: pod.name, on: true });
    await run(20);
    expect(podOptions(client.view).find((p) => p.key === pod.key)!.failingReadiness).toBe(true);
    expect(podOptions(client.view).find((p) => p.key === pod.key)!.label).toContain('readiness failing');
    expect(control.faultLog[0].text).toBe(`readiness probe of default/${pod.name} now fails: the pod keeps running but leaves its Services' endpoints`);
    await control.act(control.faultLog[0].undo!);
    await run(20);
    expect(podOptions(client.view).find((p) => p.key === pod.key)!.failingReadiness).toBe(false);
    expect(control.faultLog[1].undo).toBeUndefined();

    const node = nodeOptions(client.view, control.stoppedNodes)[0];
    await control.act({ kind: 'stopNode', node: node.name });
    expect(control.stoppedNodes.has(node.name)).toBe(true);
    expect(nodeOptions(client.view, control.stoppedNodes)[0].stopped).toBe(true);
    expect(control.faultLog[0].undo).toEqual({ kind: 'startNode', node: node.name });
    await control.act({ kind: 'startNode', node: node.name });
    expect(control.stoppedNodes.size).toBe(0);

    await control.act({ kind: 'breakImage', namespace: 'default', deployment: 'web' });
    await run(10);
    expect(deploymentOptions(client.view)[0]).toMatchObject({ name: 'web', image: 'nginx:kubesim-broken', broken: true });
    await control.act(control.faultLog[0].undo!);
    await run(10);
    expect(deploymentOptions(client.view)[0]).toMatchObject({ image: 'nginx:v1', broken: false });

    await control.act({ kind: 'deletePod', namespace: 'default', name: 'no-such-pod' });
    expect(control.faultLog[0]).toMatchObject({ ok: false, text: 'could not delete the pod: pods "no-such-pod" not found' });
    expect(control.faultLog.length).toBeLessThanOrEqual(6);
  });

  it('maps each fault to its command and says what it did', () => {
    expect(commandFor({ kind: 'deletePod', namespace: 'default', name: 'web-1' })).toEqual({ send: { type: 'fault', fault: { kind: 'deletePod', namespace: 'default', name: 'web-1' } } });
    expect(commandFor({ kind: 'undoImage', namespace: 'shop', deployment: 'cart' })).toEqual({ dispatch: 'kubectl rollout undo deployment/cart -n shop' });
    expect(undoOf({ kind: 'deletePod', namespace: 'default', name: 'web-1' })).toBeUndefined();
    expect(undoOf({ kind: 'failReadiness', namespace: 'default', name: 'web-1', on: false })).toBeUndefined();
    expect(describeAction({ kind: 'deletePod', namespace: 'default', name: 'web-1' }, { podIP: '10.244.0.7' }))
      .toBe('deleted pod default/web-1 (10.244.0.7): its ReplicaSet makes a new pod with a new name and IP');
  });

  it('lists the student\'s live pods by namespace and name, at most MAX_POD_OPTIONS of them', () => {
    const upserts = [
      ...Array.from({ length: MAX_POD_OPTIONS + 20 }, (_, i) => pod(`web-${String(i).padStart(4, '0')}`, { ready: true, podIP: `10.244.0.${i % 250}` })),
      pod('coredns-1', { namespace: 'kube-system', ready: true }), pod('cart-1', { namespace: 'apps', ready: false }),
      pod('web-gone', { deleting: true }),
    ];
    const view = applyFrame(emptyView(), frame({ rv: 1, full: true, upserts }));
    const options = podOptions(view);
    expect(options).toHaveLength(MAX_POD_OPTIONS);
    expect(options[0]).toMatchObject({ key: 'apps/cart-1', label: 'apps/cart-1 · no IP · not ready' });
    expect(options[1]).toMatchObject({ key: 'default/web-0000', label: 'web-0000 · 10.244.0.0 · ready' });
    expect(options.some((o) => o.namespace === 'kube-system' || o.name === 'web-gone')).toBe(false);
  });
});
