// The stub resolver inside a pod or on a node: walks the resolv.conf search list, asking the first nameserver
// for each candidate name and recording every question as a `dns-query` hop. The cluster DNS is reached through
// the source node's kube-proxy rules for the kube-dns Service, so with no CoreDNS pod running it times out.
// SIMPLIFIED: one reachability check per lookup (not per packet, no retries or second nameserver); each
// question costs 1 ms; answers are cached until a Service, EndpointSlice or Namespace changes.
import type { ObjectStore } from '../core/store';
import type { Runtime } from '../core/runtime';
import type { Hop } from './types';
import { CoreDns, upstreamQuery, type DnsRecord, type DnsResponse, type RecordType } from './dns';
import type { ClusterProxier } from './proxier';
import { verdictFor } from './proxy-rules';
import { searchCandidates, type ResolvConf } from './resolv-conf';

/** Who is asking: the node whose rules carry the query, the client address, and its resolv.conf. */
export interface ResolverSource {
  readonly nodeName: string | null;
  readonly clientIP: string;
  readonly conf: ResolvConf;
}

export interface Resolution {
  readonly ok: boolean;
  /** NXDOMAIN: no candidate had an answer; TIMEOUT: no nameserver answered. */
  readonly error?: 'NXDOMAIN' | 'TIMEOUT';
  /** The nameserver asked. */
  readonly server: string;
  /** The candidate name that was answered. */
  readonly name?: string;
  /** The answer records of that question (a CNAME comes before the A records it leads to). */
  readonly answers: readonly DnsRecord[];
  /** Its A addresses, for connecting. */
  readonly addresses: readonly string[];
  readonly hops: readonly Hop[];
  readonly elapsedMs: number;
}

const MAX_CACHE = 20_000;

/** Resolves names for pods, nodes and the outside world. */
export class StubResolver {
  private epoch = 0;
  private readonly cache = new Map<string, { epoch: number; result: Resolution }>();

  constructor(store: ObjectStore, private readonly runtime: Runtime, private readonly proxier: ClusterProxier,
    readonly dns: CoreDns, private readonly clusterDNS: string) {
    store.watch((change) => {
      if (change.kind === 'Service' || change.kind === 'EndpointSlice' || change.kind === 'Namespace') this.epoch++;
    });
  }

  /** Looks `name` up as `source` would (search list applied unless `search` is false). */
  resolve(source: ResolverSource, name: string, qtype: RecordType = 'A', search = true): Resolution {
    const server = source.conf.nameservers[0] ?? '';
    if (server === this.clusterDNS && !this.clusterDnsReachable(source)) {
      return {
        ok: false, error: 'TIMEOUT', server, answers: [], addresses: [], elapsedMs: 0,
        hops: [{ step: 'timeout', ip: server, port: 53, reason: 'connection timed out; no servers could be reached' }],
      };
    }
    const cacheKey = `${source.conf.key}\u0000${qtype}\u0000${search ? 1 : 0}\u0000${name}`;
    const hit = this.cache.get(cacheKey);
    if (hit && hit.epoch === this.epoch) return hit.result;
    const result = this.lookup(server, name, qtype, search ? searchCandidates(name, source.conf) : [name.endsWith('.') ? name.slice(0, -1) : name]);
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(cacheKey, { epoch: this.epoch, result });
    return result;
  }

  private lookup(server: string, name: string, qtype: RecordType, candidates: readonly string[]): Resolution {
    const hops: Hop[] = [];
    for (const candidate of candidates) {
      const response = this.ask(server, candidate, qtype);
      const wanted = response.answers.filter((r) => r.type === qtype);
      hops.push({ step: 'dns-query', name: candidate, server, answer: response.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : wanted.map((r) => r.data) });
      if (wanted.length > 0) {
        const addresses = response.answers.filter((r) => r.type === 'A').map((r) => r.data);
        return { ok: true, server, name: candidate, answers: response.answers, addresses, hops, elapsedMs: hops.length };
      }
    }
    return { ok: false, error: 'NXDOMAIN', server, name, answers: [], addresses: [], hops, elapsedMs: hops.length };
  }

  private ask(server: string, name: string, qtype: RecordType): DnsResponse {
    return server === this.clusterDNS ? this.dns.query(name, qtype) : upstreamQuery(name, qtype);
  }

  /** The query reaches a live CoreDNS pod through the source node's rules for the kube-dns Service. */
  private clusterDnsReachable(source: ResolverSource): boolean {
    if (source.nodeName === null) return false;
    const node = this.proxier.node(source.nodeName);
    const match = this.proxier.matchVip(node, this.clusterDNS, 53, 'UDP');
    if (!match) return false;
    const verdict = verdictFor(match.rules, source.nodeName, match.traffic, false);
    if (verdict.kind !== 'forward') return false;
    const { endpoint } = this.proxier.pick(node, match.rules, verdict.endpoints, source.clientIP);
    const sandbox = this.runtime.sandboxByIP(endpoint.ip);
    return sandbox !== undefined && this.runtime.nodes.get(sandbox.nodeName)?.running === true;
  }
}
