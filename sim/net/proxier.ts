// kube-proxy's per-node proxiers (pkg/proxy/iptables/proxier.go and its BoundedFrequencyRunner): each node
// programs the latest rules a little after a change, at most `burst` times per minSyncPeriod, so for a moment it
// can still send traffic to an endpoint that is gone. Nodes share rule versions and record only which they have.
import type { SimTime } from '../model/types';
import type { Task } from '../core/clock';
import type { Rng } from '../core/rng';
import type { Runtime } from '../core/runtime';
import type { Protocol } from './types';
import type { EndpointRule, ProxyMode, ServicePortRules, ServiceRules } from './proxy-rules';
import { RuleVersions } from './rule-versions';
import { pickEndpoint, type Pick, type PickerState } from './endpoint-picker';

/** One node's kube-proxy: what it has programmed and its local load-balancing state. */
export interface NodeProxy extends PickerState {
  readonly name: string;
  programmedSeq: number;
  /** Virtual time of the last sync, undefined before the first. */
  syncedAt: SimTime | undefined;
  pending: Task | undefined;
  tokens: number;
  tokenTime: SimTime;
}

/** Where a packet to a service address matched. */
export interface VipMatch {
  readonly rules: ServicePortRules;
  /** `internal` for the ClusterIP, `external` for load-balancer and external IPs. */
  readonly traffic: 'internal' | 'external';
}

export interface ProxierOptions {
  readonly mode?: ProxyMode;
  /** kube-proxy's --iptables-min-sync-period (default 1 s). */
  readonly minSyncPeriodMs?: number;
  /** BoundedFrequencyRunner burst (kube-proxy uses 2). */
  readonly burstSyncs?: number;
}

/** All nodes' proxiers over one shared, versioned set of Service rules. */
export class ClusterProxier {
  readonly mode: ProxyMode;
  readonly minSyncPeriodMs: number;
  private readonly burst: number;
  private readonly versions = new RuleVersions();
  private readonly nodes = new Map<string, NodeProxy>();
  private sortedNodes: string[] = [];
  private sortedNodesSize = -1;

  constructor(private readonly runtime: Runtime, private readonly syncRng: Rng, private readonly pickRng: Rng, opts: ProxierOptions = {}) {
    this.mode = opts.mode ?? 'iptables';
    this.minSyncPeriodMs = opts.minSyncPeriodMs ?? 1000;
    this.burst = opts.burstSyncs ?? 2;
  }

  /** The newest version number published. */
  get latestSeq(): number {
    return this.versions.latest;
  }

  /** The latest rules of a Service (what the cloud load balancer and the next sync see). */
  current(key: string): ServiceRules | undefined {
    return this.versions.at(key, this.versions.latest);
  }

  /** Publishes new rules for a Service (undefined when it is gone); nodes pick them up at their next sync. */
  publish(key: string, rules: ServiceRules | undefined): boolean {
    if (!this.versions.publish(key, rules)) return false;
    this.scheduleSyncs();
    return true;
  }

  /** A node's proxier state, created on first use. */
  node(name: string): NodeProxy {
    let n = this.nodes.get(name);
    if (!n) {
      n = { name, programmedSeq: 0, syncedAt: undefined, pending: undefined, tokens: this.burst, tokenTime: -Infinity, roundRobin: new Map(), affinity: new Map() };
      this.nodes.set(name, n);
    }
    return n;
  }

  /** The rules of a Service as `node` has them programmed. */
  rulesOn(node: NodeProxy, key: string): ServiceRules | undefined {
    return this.versions.at(key, node.programmedSeq);
  }

  /** The programmed rule on `node` for packets to ip:port, if any. */
  matchVip(node: NodeProxy, ip: string, port: number, protocol: Protocol): VipMatch | undefined {
    this.ensureFresh(node);
    for (const key of this.versions.keysForIP(ip)) {
      for (const p of this.rulesOn(node, key)?.ports ?? []) {
        if (p.port !== port || p.protocol !== protocol) continue;
        if (p.clusterIP === ip) return { rules: p, traffic: 'internal' };
        if (p.loadBalancerIPs.includes(ip) || p.externalIPs.includes(ip)) return { rules: p, traffic: 'external' };
      }
    }
    return undefined;
  }

  /** The programmed NodePort rule on `node`, if any. */
  matchNodePort(node: NodeProxy, nodePort: number, protocol: Protocol): ServicePortRules | undefined {
    this.ensureFresh(node);
    for (const key of this.versions.keysForNodePort(nodePort)) {
      for (const p of this.rulesOn(node, key)?.ports ?? []) if (p.nodePort === nodePort && p.protocol === protocol) return p;
    }
    return undefined;
  }

  /** The latest rule for a load-balancer IP and port (the cloud load balancer's own view). */
  matchLoadBalancer(ip: string, port: number, protocol: Protocol): ServicePortRules | undefined {
    for (const key of this.versions.keysForIP(ip)) {
      for (const p of this.current(key)?.ports ?? []) {
        if (p.port === port && p.protocol === protocol && p.loadBalancerIPs.includes(ip)) return p;
      }
    }
    return undefined;
  }

  /** Chooses an endpoint on `node` for a connection from `clientIP`. */
  pick(node: NodeProxy, rules: ServicePortRules, endpoints: readonly EndpointRule[], clientIP: string): Pick {
    return pickEndpoint(node, this.mode, rules, endpoints, clientIP, this.runtime.clock.now, () => this.pickRng.next());
  }

  /** Every Service's rules as `node` has them programmed, sorted by Service key. */
  programmedOn(nodeName: string): ServiceRules[] {
    const node = this.node(nodeName);
    const out: ServiceRules[] = [];
    for (const key of this.versions.keys()) {
      const rules = this.rulesOn(node, key);
      if (rules) out.push(rules);
    }
    return out;
  }

  /** A running node that is behind with nothing scheduled (it was stopped during a change) syncs now. */
  private ensureFresh(node: NodeProxy): void {
    if (node.programmedSeq < this.versions.latest && !node.pending && this.runtime.nodes.get(node.name)?.running) this.scheduleSync(node);
  }

  private scheduleSyncs(): void {
    if (this.sortedNodesSize !== this.runtime.nodes.size) {
      this.sortedNodes = [...this.runtime.nodes.keys()].sort();
      this.sortedNodesSize = this.runtime.nodes.size;
    }
    for (const name of this.sortedNodes) {
      if (!this.runtime.nodes.get(name)?.running) continue;
      const node = this.node(name);
      if (!node.pending && node.programmedSeq < this.versions.latest) this.scheduleSync(node);
    }
  }

  /** The runner fires 10–100 ms after a change (informer delivery), once a token is free. */
  private scheduleSync(node: NodeProxy): void {
    const ready = this.runtime.clock.now + 10 + this.syncRng.int(91);
    const tokens = Math.min(this.burst, node.tokens + (ready - node.tokenTime) / this.minSyncPeriodMs);
    const at = tokens >= 1 ? ready : ready + Math.ceil((1 - tokens) * this.minSyncPeriodMs);
    node.pending = this.runtime.agenda.schedule(at, `kube-proxy:sync ${node.name}`, () => this.sync(node));
  }

  private sync(node: NodeProxy): void {
    node.pending = undefined;
    if (!this.runtime.nodes.get(node.name)?.running) return;
    const now = this.runtime.clock.now;
    node.tokens = Math.min(this.burst, node.tokens + (now - node.tokenTime) / this.minSyncPeriodMs) - 1;
    node.tokenTime = now;
    node.programmedSeq = this.versions.latest;
    node.syncedAt = now;
    let min = this.versions.latest;
    for (const [name, rt] of this.runtime.nodes) if (rt.running) min = Math.min(min, this.node(name).programmedSeq);
    this.versions.prune(min);
  }
}
