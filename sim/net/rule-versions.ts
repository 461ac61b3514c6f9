// The history of every Service's kube-proxy rules, shared by all nodes: each publish is a new immutable
// version with a sequence number, and a node that has programmed up to sequence N reads, per Service, the newest
// version at or before N. History is dropped once no running node can read it any more.
import type { ServicePortRules, ServiceRules } from './proxy-rules';
import { sameServiceRules } from './proxy-rules-equal';

interface Version {
  readonly key: string;
  readonly seq: number;
  readonly rules: ServiceRules | undefined;
  previous: Version | undefined;
}

/** Versioned rules with indexes from addresses and node ports to the Services that use them. */
export class RuleVersions {
  private seq = 0;
  private readonly versions = new Map<string, Version>();
  private readonly byIP = new Map<string, Set<string>>();
  private readonly byNodePort = new Map<number, Set<string>>();
  private readonly prunable: Version[] = [];

  /** The newest sequence number. */
  get latest(): number {
    return this.seq;
  }

  /** Records new rules for a Service (undefined: gone); false when nothing changed. */
  publish(key: string, rules: ServiceRules | undefined): boolean {
    const next = rules && rules.ports.length > 0 ? rules : undefined;
    const cur = this.versions.get(key);
    if (cur ? sameServiceRules(cur.rules, next) : next === undefined) return false;
    const version: Version = { key, seq: ++this.seq, rules: next, previous: cur };
    this.versions.set(key, version);
    if (cur) this.prunable.push(version);
    for (const port of next?.ports ?? []) {
      for (const ip of addressesOf(port)) setOf(this.byIP, ip).add(key);
      if (port.nodePort) setOf(this.byNodePort, port.nodePort).add(key);
    }
    return true;
  }

  /** The rules of a Service as of sequence `seq` (undefined if it had none, or that history is gone). */
  at(key: string, seq: number): ServiceRules | undefined {
    let v = this.versions.get(key);
    while (v && v.seq > seq) v = v.previous;
    return v && v.seq <= seq ? v.rules : undefined;
  }

  /** Services that use, or used, an address. */
  keysForIP(ip: string): Iterable<string> {
    return this.byIP.get(ip) ?? [];
  }

  /** Services that use, or used, a node port. */
  keysForNodePort(port: number): Iterable<string> {
    return this.byNodePort.get(port) ?? [];
  }

  /** Every Service key with rules or history, sorted. */
  keys(): string[] {
    return [...this.versions.keys()].sort();
  }

  /** Forgets history older than what sequence `min` (the oldest programmed by a running node) needs. */
  prune(min: number): void {
    let i = 0;
    for (; i < this.prunable.length && this.prunable[i].seq <= min; i++) {
      const v = this.prunable[i];
      const dropped = v.previous;
      v.previous = undefined;
      if (!v.rules && this.versions.get(v.key) === v) this.versions.delete(v.key);
      if (dropped?.rules) this.unindex(v.key, dropped.rules);
    }
    if (i > 0) this.prunable.splice(0, i);
  }

  private unindex(key: string, old: ServiceRules): void {
    const keepIPs = new Set<string>(), keepPorts = new Set<number>();
    for (let v = this.versions.get(key); v; v = v.previous) {
      for (const p of v.rules?.ports ?? []) { for (const ip of addressesOf(p)) keepIPs.add(ip); if (p.nodePort) keepPorts.add(p.nodePort); }
    }
    for (const p of old.ports) {
      for (const ip of addressesOf(p)) if (!keepIPs.has(ip)) deleteFrom(this.byIP, ip, key);
      if (p.nodePort && !keepPorts.has(p.nodePort)) deleteFrom(this.byNodePort, p.nodePort, key);
    }
  }
}

function addressesOf(p: ServicePortRules): string[] {
  return [...(p.clusterIP ? [p.clusterIP] : []), ...p.loadBalancerIPs, ...p.externalIPs];
}

function setOf<K>(map: Map<K, Set<string>>, key: K): Set<string> {
  let set = map.get(key);
  if (!set) { set = new Set(); map.set(key, set); }
  return set;
}

function deleteFrom<K>(map: Map<K, Set<string>>, key: K, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
