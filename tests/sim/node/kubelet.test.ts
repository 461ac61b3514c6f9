import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../helpers/harness';
import { fakeImageService, webImage } from '../../helpers/fake-images';
import { Kubelet } from '../../../sim/controllers/kubelet';
import { VolumeData } from '../../../sim/controllers/kubelet-volumes';
import { HostLocalIpam } from '../../../sim/core/runtime';
import { parseCidr } from '../../../sim/net/ipv4';
import { podRow } from '../../../sim/kubectl/printers/pod-status';
import type { K8sObject, Pod } from '../../../sim/model/types';

const NODE = 'aks-nodepool1-12345678-vmss000000';

function setup(): { h: Harness; kubelet: Kubelet } {
  const h = createHarness();
  const images = fakeImageService([webImage('web'), webImage('crasher', { exitAfterMs: 2_000 }), webImage('slow', { readyAfterMs: 15_000 })]);
  const cidr = parseCidr('10.244.0.0/24')!;
  h.runtime.nodes.set(NODE, { name: NODE, internalIP: '10.224.0.4', podCidr: cidr, running: true, images: new Set(), sandboxes: new Map(), ipam: new HostLocalIpam(cidr) });
  const kubelet = new Kubelet(h.runtime, images, new VolumeData(), (key) => h.manager.enqueue('kubelet', key), h.rng.fork('kubelet-apps'));
  h.manager.add(kubelet);
  return { h, kubelet };
}

function boundPod(h: Harness, name: string, image: string, extra: Record<string, unknown> = {}): void {
  h.mustCreate({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { nodeName: NODE, containers: [{ name: 'app', image, ports: [{ containerPort: 80 }], ...extra }] },
  } as K8sObject);
}

function pod(h: Harness, name: string): Pod {
  return h.store.get(`Pod/default/${name}`) as Pod;
}

function reasons(h: Harness): string[] {
  return h.trace.entries.filter((e) => e.type === 'event').map((e) => (e.type === 'event' ? e.reason : ''));
}

describe('kubelet', () => {
  it('creates the sandbox with the first free IP, pulls, starts and reports Running and Ready', () => {
    const { h } = setup();
    boundPod(h, 'web-1', 'web:1.0');
    h.runUntil(300);
    expect(podRow(pod(h, 'web-1'), h.clock.nowEpochMs).status).toBe('ContainerCreating');
    h.runUntil(10_000);
    const p = pod(h, 'web-1');
    expect(p.status?.podIP).toBe('10.244.0.2');
    expect(p.status?.phase).toBe('Running');
    expect(podRow(p, h.clock.nowEpochMs)).toMatchObject({ ready: '1/1', status: 'Running', restarts: '0' });
    expect(reasons(h)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(p.status?.containerStatuses?.[0].image).toBe('docker.io/library/web:1.0');
  });

  it('uses the image cache the second time and gives the next pod the next address', () => {
    const { h } = setup();
    boundPod(h, 'web-1', 'web:1.0');
    h.runUntil(10_000);
    boundPod(h, 'web-2', 'web:1.0');
    h.runUntil(20_000);
    expect(pod(h, 'web-2').status?.podIP).toBe('10.244.0.3');
    const pulled = h.trace.entries.filter((e) => e.type === 'event' && e.reason === 'Pulled').map((e) => (e.type === 'event' ? e.message : ''));
    expect(pulled[1]).toBe('Container image "web:1.0" already present on machine');
  });

  it('gives a host-network pod the node\'s address and keeps the pod CIDR for the others', () => {
    const { h } = setup();
    h.mustCreate({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'agent' },
      spec: { nodeName: NODE, hostNetwork: true, containers: [{ name: 'app', image: 'web:1.0' }] },
    } as K8sObject);
    boundPod(h, 'web-1', 'web:1.0');
    h.runUntil(10_000);
    expect(pod(h, 'agent').status).toMatchObject({ podIP: '10.224.0.4', podIPs: [{ ip: '10.224.0.4' }], hostIP: '10.224.0.4', phase: 'Running' });
    expect(pod(h, 'web-1').status?.podIP).toBe('10.244.0.2');
    expect(h.runtime.sandboxByIP('10.224.0.4')).toBeUndefined();
    h.api.delete('Pod', 'default', 'agent', { gracePeriodSeconds: 0 });
    h.runUntil(60_000);
    boundPod(h, 'web-2', 'web:1.0');
    h.runUntil(70_000);
    expect(pod(h, 'web-2').status?.podIP).toBe('10.244.0.3');
  });

  it('restarts a crashing container with a doubling back-off (CrashLoopBackOff)', () => {
    const { h } = setup();
    boundPod(h, 'crash', 'crasher:1');
    h.runUntil(60_000);
    const p = pod(h, 'crash');
    const cs = p.status!.containerStatuses![0];
    expect(cs.restartCount).toBeGreaterThanOrEqual(2);
    expect(cs.lastState?.terminated?.exitCode).toBe(1);
    expect(reasons(h)).toContain('BackOff');
    const restartsAt60 = cs.restartCount;
    h.runUntil(120_000);
    // Back-off grows (10 s, 20 s, 40 s…), so the second minute holds fewer restarts than the first.
    expect(pod(h, 'crash').status!.containerStatuses![0].restartCount - restartsAt60).toBeLessThan(restartsAt60);
  });

  it('restarts the first crash at once and then waits 10 s, 20 s, 40 s… after each exit, counting a restart only when the next container starts', () => {
    const { h } = setup();
    boundPod(h, 'crash', 'crasher:1');
    const seen: string[] = [];
    let last = '';
    for (let t = 0; t <= 400_000; t += 100) {
      h.runUntil(t);
      const p = pod(h, 'crash');
      const cs = p.status?.containerStatuses?.[0];
      const row = `${podRow(p, h.clock.nowEpochMs).status} ${cs?.restartCount ?? 0}`;
      if (row !== last) { seen.push(row); last = row; }
    }
    expect(seen.slice(0, 10)).toEqual([
      'Pending 0', 'ContainerCreating 0', 'Running 0', 'Error 0', 'Running 1', 'Error 1', 'CrashLoopBackOff 1', 'Running 2', 'Error 2', 'CrashLoopBackOff 2',
    ]);
    const starts = h.trace.entries.filter((e) => e.type === 'event' && e.reason === 'Started').map((e) => e.at);
    const exits = (pod(h, 'crash').status!.containerStatuses![0].restartCount);
    expect(exits).toBe(starts.length - 1);
    // Each container runs 2 s; the wait before start n+1 (from the previous exit) is 0, 10, 20, 40, 80, 160 s.
    const waits = starts.slice(1).map((at, i) => Math.round((at - (starts[i] + 2_000)) / 1000));
    expect(waits.slice(1)).toEqual([10, 20, 40, 80, 160]);
    expect(waits[0]).toBeLessThan(2);
    const cs = pod(h, 'crash').status!.containerStatuses![0];
    expect(cs.state?.waiting?.message).toMatch(/^back-off 5m0s restarting failed container=app pod=crash_default\(/);
    expect(cs.lastState?.terminated?.exitCode).toBe(1);
  });

  it('reports ErrImagePull, then ImagePullBackOff, and retries', () => {
    const { h } = setup();
    boundPod(h, 'bad', 'missing/web:1');
    const seen: string[] = [];
    for (let t = 100; t <= 8_000; t += 100) {
      h.runUntil(t);
      const status = podRow(pod(h, 'bad'), h.clock.nowEpochMs).status;
      if (seen[seen.length - 1] !== status) seen.push(status);
    }
    expect(seen).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    expect(reasons(h).filter((r) => r === 'Pulling').length).toBe(1);
    h.runUntil(30_000);
    expect(reasons(h).filter((r) => r === 'Pulling').length).toBeGreaterThan(1);
  });

  it('keeps a pod unready until its readiness probe passes', () => {
    const { h } = setup();
    boundPod(h, 'slow', 'slow:1', { readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } });
    h.runUntil(8_000);
    expect(podRow(pod(h, 'slow'), h.clock.nowEpochMs)).toMatchObject({ ready: '0/1', status: 'Running' });
    expect(reasons(h)).toContain('Unhealthy');
    h.runUntil(30_000);
    expect(podRow(pod(h, 'slow'), h.clock.nowEpochMs).ready).toBe('1/1');
  });

  it('terminates gracefully on delete and removes the pod and its IP', () => {
    const { h } = setup();
    boundPod(h, 'web-1', 'web:1.0');
    h.runUntil(10_000);
    const res = h.api.delete('Pod', 'default', 'web-1');
    expect(res.ok).toBe(true);
    h.runUntil(10_100);
    expect(podRow(pod(h, 'web-1'), h.clock.nowEpochMs).status).toBe('Terminating');
    h.runUntil(15_000);
    expect(h.store.get('Pod/default/web-1')).toBeUndefined();
    expect(h.runtime.sandboxByIP('10.244.0.2')).toBeUndefined();
    expect(reasons(h)).toContain('Killing');
  });
});
