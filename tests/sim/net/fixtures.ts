// Fixtures for data-plane tests: a bare control plane plus hand-built nodes, pods with running sandboxes and a
// tiny HTTP app, and Services with explicit fields (no kubelet, scheduler or Service defaulting involved).
import type { K8sObject } from '../../../sim/model/types';
import { HostLocalIpam, LogBuffer, type ContainerRecord, type Sandbox } from '../../../sim/core/runtime';
import type { AppInstance } from '../../../sim/apps/app';
import type { HttpRequest, HttpResponse } from '../../../sim/net/types';
import { parseCidr } from '../../../sim/net/ipv4';
import { createDataPlane, type DataPlaneOptions } from '../../../sim/net/network';
import { EndpointsController } from '../../../sim/controllers/endpoints';
import { EndpointSliceController } from '../../../sim/controllers/endpoint-slice';
import { KubeProxyController } from '../../../sim/controllers/kube-proxy';
import { ServiceLoadBalancerController } from '../../../sim/controllers/service-load-balancer';
import { createHarness } from '../../helpers/harness';
import { formatTimestamp } from '../../../sim/model/time';

/** A process that listens on the given ports and answers every HTTP request with its pod's name. */
export class EchoApp implements AppInstance {
  requests = 0;
  constructor(readonly podName: string, readonly ports: readonly number[]) {}
  listening(port: number): boolean {
    return this.ports.includes(port);
  }
  http(_port: number, req: HttpRequest): HttpResponse {
    this.requests++;
    return { status: 200, body: `${this.podName} ${req.path}` };
  }
}

export interface PodFixture {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly node: string;
  readonly ip: string;
  readonly ready?: boolean;
  /** Container ports (number, or [name, number]). */
  readonly ports?: readonly (number | readonly [string, number])[];
  /** Ports the app listens on (default: the container ports). */
  readonly listen?: readonly number[];
  readonly phase?: string;
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly dnsPolicy?: string;
}

export interface ServiceFixture {
  readonly name: string;
  readonly namespace?: string;
  readonly selector?: Record<string, string>;
  readonly clusterIP?: string;
  readonly type?: string;
  readonly ports?: readonly { name?: string; port: number; targetPort?: number | string; protocol?: string; nodePort?: number }[];
  readonly extra?: Record<string, unknown>;
  readonly labels?: Record<string, string>;
}

/** A harness with the data plane installed and, unless `controllers` is false, the four networking controllers. */
export function netHarness(opts: { seed?: number; controllers?: boolean; plane?: DataPlaneOptions; lbDelaySeconds?: number } = {}) {
  const h = createHarness({ seed: opts.seed ?? 7 });
  const plane = createDataPlane(h.runtime, h.store, h.rng.fork('network'), opts.plane);
  const lb = new ServiceLoadBalancerController({ delaySeconds: opts.lbDelaySeconds ?? 20 });
  if (opts.controllers !== false) {
    h.manager.add(new EndpointsController());
    h.manager.add(new EndpointSliceController());
    h.manager.add(new KubeProxyController(plane.proxier));
    h.manager.add(lb);
  }
  let podCount = 0;

  function addNode(name: string, ip: string, podCidr: string, labels: Record<string, string> = {}): void {
    const cidr = parseCidr(podCidr)!;
    h.runtime.nodes.set(name, { name, internalIP: ip, podCidr: cidr, running: true, images: new Set(), sandboxes: new Map(), ipam: new HostLocalIpam(cidr) });
    h.mustCreate({
      apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
      spec: { podCIDR: podCidr },
      status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: ip }] },
    } as K8sObject);
  }

  /** Creates the Pod (bound, with IP and Ready) and its running sandbox. */
  function addPod(p: PodFixture): { pod: K8sObject; sandbox: Sandbox; app: EchoApp } {
    const ports = (p.ports ?? [80]).map((x) => (typeof x === 'number' ? { containerPort: x, protocol: 'TCP' } : { name: x[0], containerPort: x[1], protocol: 'TCP' }));
    const created = h.mustCreate({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace ?? 'default', labels: p.labels ?? {} },
      spec: {
        nodeName: p.node, containers: [{ name: 'app', image: 'echo', ports }],
        ...(p.hostname ? { hostname: p.hostname } : {}), ...(p.subdomain ? { subdomain: p.subdomain } : {}),
        ...(p.dnsPolicy ? { dnsPolicy: p.dnsPolicy } : {}),
      },
    } as K8sObject);
    const res = h.api.updateStatus(created, podStatus(h.clock.nowEpochMs, p.ip, p.ready ?? true, p.phase ?? 'Running'));
    if (!res.ok) throw new Error(res.status.message);
    const app = new EchoApp(p.name, p.listen ?? ports.map((x) => x.containerPort));
    const sandbox: Sandbox = {
      podUid: created.metadata.uid!, namespace: p.namespace ?? 'default', name: p.name, nodeName: p.node, ip: p.ip,
      createdAt: h.clock.now, containers: new Map([['app', container(app)]]), files: new Map(),
    };
    h.runtime.registerSandbox(sandbox);
    podCount++;
    return { pod: res.object, sandbox, app };
  }

  function setReady(namespace: string, name: string, ready: boolean): void {
    const pod = h.store.get(`Pod/${namespace}/${name}`)!;
    const ip = (pod.status as { podIP: string }).podIP;
    const res = h.api.updateStatus(pod, podStatus(h.clock.nowEpochMs, ip, ready, 'Running'));
    if (!res.ok) throw new Error(res.status.message);
  }

  function addService(s: ServiceFixture): K8sObject {
    return h.mustCreate({
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: s.name, namespace: s.namespace ?? 'default', ...(s.labels ? { labels: s.labels } : {}) },
      spec: {
        type: s.type ?? 'ClusterIP', clusterIP: s.clusterIP ?? '10.0.100.1', clusterIPs: [s.clusterIP ?? '10.0.100.1'],
        ...(s.selector ? { selector: s.selector } : {}),
        ports: (s.ports ?? [{ port: 80 }]).map((p) => ({ protocol: 'TCP', targetPort: p.port, ...p })),
        ...(s.extra ?? {}),
      },
      status: { loadBalancer: {} },
    } as K8sObject);
  }

  function addNamespaceObj(name: string): void {
    h.mustCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }

  /** kube-dns in kube-system at 10.0.0.10 with one running CoreDNS pod. */
  function addClusterDns(node: string, ip: string): void {
    addPod({ name: 'coredns-7b9c8d6f5-abcde', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, node, ip, ports: [['dns', 53], ['dns-tcp', 53]] });
    addService({
      name: 'kube-dns', namespace: 'kube-system', clusterIP: '10.0.0.10', selector: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }],
    });
  }

  /** Runs the agenda for `ms` of virtual time. */
  function settle(ms = 3000): void {
    h.runUntil(h.clock.now + ms);
  }

  return { ...h, plane, lb, addNode, addPod, setReady, addService, addClusterDns, addNamespaceObj, settle, podCount: () => podCount };
}

export type NetHarness = ReturnType<typeof netHarness>;

function podStatus(epochMs: number, ip: string, ready: boolean, phase: string): unknown {
  const t = formatTimestamp(epochMs);
  return {
    phase, podIP: ip, podIPs: [{ ip }],
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: t }],
  };
}

function container(app: AppInstance): ContainerRecord {
  return {
    name: 'app', image: 'echo', state: 'running', restartCount: 0, ready: true, pulled: true, app, timers: [],
    logs: new LogBuffer(), backoffCount: 0, livenessFailures: 0, readinessFailures: 0, readinessSuccesses: 0,
  };
}

/** Three nodes aks-nodepool1-…-vmss00000{0,1,2} with IPs 10.224.0.4-6 and pod CIDRs 10.244.{0,1,2}.0/24. */
export function threeNodes(h: NetHarness): string[] {
  const names = [0, 1, 2].map((i) => `aks-nodepool1-12345678-vmss00000${i}`);
  names.forEach((n, i) => h.addNode(n, `10.224.0.${4 + i}`, `10.244.${i}.0/24`, { 'topology.kubernetes.io/zone': `eastus-${i + 1}` }));
  return names;
}
