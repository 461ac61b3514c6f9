// The cluster's data plane, assembled: kube-proxy's per-node proxiers, CoreDNS, the stub resolvers and the
// packet path, exposed to the rest of the engine as the runtime's `Network`.
import type { DeepReadonly, Pod, Stored } from '../model/types';
import { objectKey } from '../model/keys';
import type { ObjectStore } from '../core/store';
import type { Rng } from '../core/rng';
import type { Network, Runtime, Sandbox } from '../core/runtime';
import type { ConnectResult, HttpRequest, Origin, Protocol } from './types';
import { ClusterProxier } from './proxier';
import type { ProxyMode } from './proxy-rules';
import { CoreDns, type RecordType } from './dns';
import { StubResolver, type Resolution, type ResolverSource } from './resolver';
import { nodeResolvConf, podResolvConf, type ResolvConf, type ResolvOptions } from './resolv-conf';
import { AZURE_DNS } from './internet';
import { PacketPath } from './connect';
import { EXTERNAL_CLIENT_IP, listeningApp } from './hosts';

export interface DataPlaneOptions {
  /** kube-proxy mode (default iptables). */
  readonly proxyMode?: ProxyMode;
  /** kube-proxy minSyncPeriod in ms (default 1000). */
  readonly minSyncPeriodMs?: number;
  readonly clusterDomain?: string;
  /** The kube-dns Service IP pods are told to use (default 10.0.0.10). */
  readonly clusterDNS?: string;
  /** Search domains of the nodes' own resolv.conf, appended to pods' search lists. */
  readonly nodeSearchDomains?: readonly string[];
  /** The client timeout when a caller gives none, in ms (default 10 s). */
  readonly defaultTimeoutMs?: number;
}

/** The parts of the data plane other modules need. */
export interface DataPlane {
  readonly network: SimNetwork;
  readonly proxier: ClusterProxier;
  readonly dns: CoreDns;
  readonly resolver: StubResolver;
}

const planes = new WeakMap<Runtime, DataPlane>();

/**
 * Builds the data plane for a runtime and installs it as `runtime.network`. Takes its own random streams from
 * `rng` (sync jitter, endpoint choice, load-balancer node choice).
 */
export function createDataPlane(runtime: Runtime, store: ObjectStore, rng: Rng, opts: DataPlaneOptions = {}): DataPlane {
  const proxier = new ClusterProxier(runtime, rng.fork('kube-proxy-sync'), rng.fork('kube-proxy-pick'), {
    mode: opts.proxyMode, minSyncPeriodMs: opts.minSyncPeriodMs,
  });
  const dns = new CoreDns(store, { clusterDomain: opts.clusterDomain });
  const clusterDNS = opts.clusterDNS ?? '10.0.0.10';
  const resolver = new StubResolver(store, runtime, proxier, dns, clusterDNS);
  const resolvOpts: ResolvOptions = { clusterDomain: opts.clusterDomain, clusterDNS, nodeSearch: opts.nodeSearchDomains };
  const path = new PacketPath(runtime, proxier, rng.fork('azure-lb'));
  const network = new SimNetwork(runtime, store, path, resolver, resolvOpts, opts.defaultTimeoutMs ?? 10_000);
  const plane: DataPlane = { network, proxier, dns, resolver };
  planes.set(runtime, plane);
  runtime.network = network;
  return plane;
}

/** The data plane installed on a runtime, if any. */
export function dataPlaneOf(runtime: Runtime): DataPlane | undefined {
  return planes.get(runtime);
}

/** The cluster network: connections, name lookups and each origin's resolv.conf. */
export class SimNetwork implements Network {
  private readonly confs = new WeakMap<Sandbox, ResolvConf>();
  private readonly nodeConf: ResolvConf;
  private readonly externalConf: ResolvConf;

  constructor(private readonly runtime: Runtime, private readonly store: ObjectStore, private readonly path: PacketPath,
    private readonly resolver: StubResolver, private readonly resolvOpts: ResolvOptions, private readonly defaultTimeoutMs: number) {
    this.nodeConf = nodeResolvConf(resolvOpts);
    this.externalConf = nodeResolvConf({ nodeNameservers: [AZURE_DNS] });
  }

  /** Opens a connection from `origin` to host:port, optionally carrying one HTTP request. */
  connect(origin: Origin, host: string, port: number, request?: HttpRequest, opts?: { protocol?: Protocol; timeoutMs?: number }): ConnectResult {
    const timeoutMs = opts?.timeoutMs ?? this.defaultTimeoutMs;
    const source = this.sourceOf(origin);
    if (typeof source === 'string') {
      const hops = source === 'ETIMEDOUT' ? [{ step: 'timeout' as const, ip: host, port, reason: 'the source node is not running' }] : [];
      return { ok: false, error: source, hops, elapsedMs: source === 'ETIMEDOUT' ? timeoutMs : 0, at: this.runtime.clock.now };
    }
    return this.path.route(source, this.resolver, host, port, request, opts?.protocol ?? 'TCP', timeoutMs);
  }

  /** A name lookup as nslookup or dig would make it from `origin` (`search` false asks for the name as given). */
  lookup(origin: Origin, name: string, qtype: RecordType = 'A', search = true): Resolution {
    const source = this.sourceOf(origin);
    if (typeof source === 'string') {
      return { ok: false, error: 'TIMEOUT', server: '', answers: [], addresses: [], hops: [], elapsedMs: 0 };
    }
    return this.resolver.resolve(source, name, qtype, search);
  }

  /** The resolv.conf `origin` uses (a pod's per its dnsPolicy, a node's, or a public resolver's). */
  resolvConfOf(origin: Origin): ResolvConf | undefined {
    const source = this.sourceOf(origin);
    return typeof source === 'string' ? undefined : source.conf;
  }

  private sourceOf(origin: Origin): ResolverSource | 'EHOSTUNREACH' | 'ETIMEDOUT' {
    if (origin.kind === 'external') return { nodeName: null, clientIP: EXTERNAL_CLIENT_IP, conf: this.externalConf };
    if (origin.kind === 'node') {
      const node = this.runtime.nodes.get(origin.nodeName);
      if (!node) return 'EHOSTUNREACH';
      if (!node.running) return 'ETIMEDOUT';
      return { nodeName: node.name, clientIP: node.internalIP, conf: this.nodeConf };
    }
    const sandbox = this.runtime.sandboxByUid(origin.podUid);
    if (!sandbox) return 'EHOSTUNREACH';
    if (!this.runtime.nodes.get(sandbox.nodeName)?.running) return 'ETIMEDOUT';
    let conf = this.confs.get(sandbox);
    if (!conf) {
      const pod = this.store.get(objectKey('Pod', sandbox.namespace, sandbox.name)) as DeepReadonly<Stored<Pod>> | undefined;
      const fallback = { apiVersion: 'v1', kind: 'Pod', metadata: { name: sandbox.name, namespace: sandbox.namespace } } as DeepReadonly<Stored<Pod>>;
      conf = podResolvConf(pod && pod.metadata.uid === sandbox.podUid ? pod : fallback, this.resolvOpts);
      this.confs.set(sandbox, conf);
    }
    return { nodeName: sandbox.nodeName, clientIP: sandbox.ip, conf };
  }
}

/** Whether an endpoint reached earlier is still the same live listener (a kept-open connection survives). */
export function isEndpointAlive(runtime: Runtime, endpoint: NonNullable<ConnectResult['endpoint']>): boolean {
  const sandbox = runtime.sandboxByIP(endpoint.ip);
  if (!sandbox || sandbox.podUid !== endpoint.podUid) return false;
  if (!runtime.nodes.get(sandbox.nodeName)?.running) return false;
  return listeningApp(sandbox, endpoint.port) !== undefined;
}
