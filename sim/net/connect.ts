// A connection's path: name lookup through the pod's resolv.conf, the first node's kube-proxy rules (DNAT, REJECT
// or DROP) or the Azure load balancer for traffic from outside, the flat pod network to the pod's node, and the
// process listening in the pod. Every step is recorded as a Hop.
// SIMPLIFIED: latencies are fixed (1 ms on a node, 2 ms across nodes, 3 ms through the load balancer, 20 ms to
// the internet); a timeout costs the client's whole timeout; no NetworkPolicy, no conntrack reuse.
import type { Runtime, Sandbox } from '../core/runtime';
import type { ConnectError, ConnectResult, Hop, HttpRequest, HttpResponse, Protocol } from './types';
import type { ClusterProxier, NodeProxy } from './proxier';
import { localEndpoints, verdictFor, type ServicePortRules } from './proxy-rules';
import { isInternetHost, internetName } from './internet';
import type { StubResolver, ResolverSource } from './resolver';
import type { Rng } from '../core/rng';
import { isIPv4Literal, listeningApp } from './hosts';

/** One attempt's working state. */
interface Attempt {
  readonly hops: Hop[];
  elapsedMs: number;
  readonly timeoutMs: number;
  readonly at: number;
  readonly srcNode: string | null;
  readonly clientIP: string;
  readonly protocol: Protocol;
  readonly request: HttpRequest | undefined;
}

/** Routes connections; `network.ts` wires it to the runtime as the cluster's Network. */
export class PacketPath {
  constructor(private readonly runtime: Runtime, private readonly proxier: ClusterProxier,
    private readonly lbRng: Rng) {}

  /** Resolves (when `host` is a name) and routes one connection from `source`. */
  route(source: ResolverSource, resolver: StubResolver, host: string, port: number, request: HttpRequest | undefined,
    protocol: Protocol, timeoutMs: number): ConnectResult {
    const a: Attempt = { hops: [], elapsedMs: 0, timeoutMs, at: this.runtime.clock.now, srcNode: source.nodeName, clientIP: source.clientIP, protocol, request };
    let ip = host;
    if (!isIPv4Literal(host)) {
      const res = resolver.resolve(source, host);
      for (const hop of res.hops) a.hops.push(hop);
      a.elapsedMs += res.elapsedMs;
      if (!res.ok) return res.error === 'TIMEOUT' ? this.fail(a, 'ETIMEDOUT', a.timeoutMs) : this.fail(a, 'ENOTFOUND', 0);
      if (res.addresses.length === 0) return this.fail(a, 'ENOTFOUND', 0);
      ip = res.addresses[0];
    }
    return this.toAddress(a, ip, port);
  }

  private toAddress(a: Attempt, ip: string, port: number): ConnectResult {
    if (a.srcNode !== null) {
      const node = this.proxier.node(a.srcNode);
      const match = this.proxier.matchVip(node, ip, port, a.protocol);
      if (match) {
        a.hops.push(match.rules.clusterIP === ip && match.rules.clusterVipHop ? match.rules.clusterVipHop : { step: 'vip', ip, port, service: match.rules.service });
        return this.throughService(a, node, match.rules, match.traffic, true);
      }
    } else {
      const lb = this.proxier.matchLoadBalancer(ip, port, a.protocol);
      if (lb) return this.throughLoadBalancer(a, lb, ip, port);
    }
    const nodeName = this.nodeByIP(ip);
    if (nodeName !== undefined) return this.toNode(a, nodeName, ip, port);
    const sandbox = this.runtime.sandboxByIP(ip);
    if (sandbox && a.srcNode !== null) return this.deliver(a, a.srcNode, sandbox, ip, port, undefined);
    if (isInternetHost(ip)) return this.toInternet(a, ip, port);
    a.hops.push({ step: 'timeout', ip, port, reason: sandbox ? 'pod addresses are not reachable from outside the cluster' : 'no host answers at this address' });
    return this.fail(a, 'ETIMEDOUT', a.timeoutMs);
  }

  private throughService(a: Attempt, node: NodeProxy, rules: ServicePortRules, traffic: 'internal' | 'external',
    shortCircuit: boolean): ConnectResult {
    const verdict = verdictFor(rules, node.name, traffic, shortCircuit);
    if (verdict.kind === 'reject') {
      a.hops.push({ step: 'reject', node: node.name, reason: verdict.comment });
      return this.fail(a, 'ECONNREFUSED', 1);
    }
    if (verdict.kind === 'drop') {
      a.hops.push({ step: 'drop', node: node.name, reason: verdict.comment });
      return this.fail(a, 'ETIMEDOUT', a.timeoutMs);
    }
    const pick = this.proxier.pick(node, rules, verdict.endpoints, a.clientIP);
    const chain = this.proxier.mode === 'ipvs' ? `${rules.protocol} ${rules.clusterIP}:${rules.port} rr` : verdict.chain;
    a.hops.push({ step: 'rule', node: node.name, chain, probability: pick.probability, endpoints: verdict.endpoints.length, mode: pick.mode });
    a.hops.push(pick.endpoint.dnat);
    const sandbox = this.runtime.sandboxByIP(pick.endpoint.ip);
    if (!sandbox) {
      a.hops.push({ step: 'timeout', ip: pick.endpoint.ip, port: pick.endpoint.port, reason: 'no pod has this address any more' });
      return this.fail(a, 'ETIMEDOUT', a.timeoutMs);
    }
    return this.deliver(a, node.name, sandbox, pick.endpoint.ip, pick.endpoint.port, pick.endpoint.target);
  }

  private throughLoadBalancer(a: Attempt, rules: ServicePortRules, ip: string, port: number): ConnectResult {
    const healthy: string[] = [];
    for (const name of this.nodeNames()) {
      if (!this.runtime.nodes.get(name)!.running) continue;
      if (rules.externalPolicyLocal && localEndpoints(this.nodeRule(this.proxier.node(name), rules, ip) ?? rules, name).length === 0) continue;
      healthy.push(name);
    }
    if (healthy.length === 0) {
      a.hops.push({ step: 'timeout', ip, port, reason: 'the load balancer has no healthy backend node' });
      return this.fail(a, 'ETIMEDOUT', a.timeoutMs);
    }
    const nodeName = healthy[this.lbRng.int(healthy.length)];
    a.hops.push({ step: 'load-balancer', ip, port, node: nodeName, nodePort: rules.nodePort ?? 0 });
    a.elapsedMs += 2;
    const node = this.proxier.node(nodeName);
    const onNode = this.nodeRule(node, rules, ip);
    if (!onNode) {
      a.hops.push({ step: 'timeout', ip, port, reason: `${nodeName} has no rule for this load balancer yet` });
      return this.fail(a, 'ETIMEDOUT', a.timeoutMs);
    }
    if (onNode.nodePort) a.hops.push({ step: 'node-port', node: nodeName, nodePort: onNode.nodePort });
    return this.throughService(a, node, onNode, 'external', false);
  }

  private nodeRule(node: NodeProxy, rules: ServicePortRules, ip: string): ServicePortRules | undefined {
    if (rules.nodePort) return this.proxier.matchNodePort(node, rules.nodePort, rules.protocol);
    return this.proxier.matchVip(node, ip, rules.port, rules.protocol)?.rules;
  }

  private toNode(a: Attempt, nodeName: string, ip: string, port: number): ConnectResult {
    if (!this.runtime.nodes.get(nodeName)!.running) {
      a.hops.push({ step: 'timeout', ip, port, reason: `node ${nodeName} is not running` });
      return this.fail(a, 'ETIMEDOUT', a.timeoutMs);
    }
    if (a.srcNode !== nodeName) a.hops.push({ step: 'route', fromNode: a.srcNode, toNode: nodeName, ip });
    const node = this.proxier.node(nodeName);
    const rules = this.proxier.matchNodePort(node, port, a.protocol);
    if (rules) {
      a.hops.push({ step: 'node-port', node: nodeName, nodePort: port });
      return this.throughService(a, node, rules, 'external', a.srcNode === nodeName);
    }
    const hostPod = this.runtime.sandboxByIP(ip);
    if (hostPod && hostPod.nodeName === nodeName) return this.deliver(a, nodeName, hostPod, ip, port, undefined);
    if (a.srcNode === null) {
      a.hops.push({ step: 'timeout', ip, port, reason: 'the network security group drops this port' });
      return this.fail(a, 'ETIMEDOUT', a.timeoutMs);
    }
    a.hops.push({ step: 'refused', ip, port });
    return this.fail(a, 'ECONNREFUSED', 1);
  }

  private deliver(a: Attempt, fromNode: string, sandbox: Sandbox, ip: string, port: number,
    target: ConnectResult['endpoint'] | undefined): ConnectResult {
    if (!this.runtime.nodes.get(sandbox.nodeName)?.running) {
      a.hops.push({ step: 'timeout', ip, port, reason: `node ${sandbox.nodeName} is not running` });
      return this.fail(a, 'ETIMEDOUT', a.timeoutMs);
    }
    a.hops.push({ step: 'route', fromNode, toNode: sandbox.nodeName, ip });
    const app = listeningApp(sandbox, port);
    if (!app) {
      a.hops.push({ step: 'refused', ip, port });
      return this.fail(a, 'ECONNREFUSED', 1);
    }
    a.hops.push({ step: 'pod', pod: sandbox.name, namespace: sandbox.namespace, node: sandbox.nodeName, port });
    let response: HttpResponse | undefined;
    if (a.request && app.http) {
      response = app.http(port, { ...a.request, remoteAddress: a.clientIP });
      a.hops.push({ step: 'response', status: response.status });
    }
    const endpoint = target && target.podUid === sandbox.podUid ? target : { ip, port, podUid: sandbox.podUid };
    const elapsedMs = a.elapsedMs + (fromNode === sandbox.nodeName ? 1 : 2);
    return { ok: true, endpoint, response, hops: a.hops, elapsedMs, at: a.at };
  }

  private toInternet(a: Attempt, ip: string, port: number): ConnectResult {
    a.hops.push({ step: 'route', fromNode: a.srcNode, toNode: 'internet', ip });
    if (port !== 80 && port !== 443) {
      a.hops.push({ step: 'timeout', ip, port, reason: 'nothing answers on this port' });
      return this.fail(a, 'ETIMEDOUT', a.timeoutMs);
    }
    let response: HttpResponse | undefined;
    if (a.request) {
      const name = internetName(ip) ?? ip;
      response = { status: 200, headers: { 'content-type': 'text/html' }, body: `<!doctype html><title>${name}</title><p>${name}</p>\n` };
      a.hops.push({ step: 'response', status: 200 });
    }
    return { ok: true, response, hops: a.hops, elapsedMs: a.elapsedMs + 20, at: a.at };
  }

  private nodeByIPCache = new Map<string, string>();
  private sortedNodeNames: string[] = [];
  private nodesSeen = -1;

  private refreshNodes(): void {
    if (this.nodesSeen === this.runtime.nodes.size) return;
    this.nodeByIPCache = new Map([...this.runtime.nodes.values()].map((n) => [n.internalIP, n.name]));
    this.sortedNodeNames = [...this.runtime.nodes.keys()].sort();
    this.nodesSeen = this.runtime.nodes.size;
  }

  private nodeNames(): readonly string[] {
    this.refreshNodes();
    return this.sortedNodeNames;
  }

  private nodeByIP(ip: string): string | undefined {
    this.refreshNodes();
    const name = this.nodeByIPCache.get(ip);
    return name !== undefined && this.runtime.nodes.get(name)?.internalIP === ip ? name : undefined;
  }

  private fail(a: Attempt, error: ConnectError, costMs: number): ConnectResult {
    return { ok: false, error, hops: a.hops, elapsedMs: error === 'ETIMEDOUT' ? Math.max(a.timeoutMs, a.elapsedMs) : a.elapsedMs + costMs, at: a.at };
  }
}
