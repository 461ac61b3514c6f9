// The data plane's vocabulary: where a connection starts, where it is going, and the hops it took.
import type { SimTime } from '../model/types';

/** Where a connection starts: inside a pod, on a node (hostNetwork, kubelet probes), or outside the cluster. */
export type Origin =
  | { readonly kind: 'pod'; readonly podUid: string }
  | { readonly kind: 'node'; readonly nodeName: string }
  | { readonly kind: 'external' };

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The client address as the server sees it (after any SNAT), filled in on delivery. */
  readonly remoteAddress?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Why a connection failed, as a socket reports it. */
export type ConnectError =
  | 'ENOTFOUND'      // the name did not resolve (NXDOMAIN on every search suffix)
  | 'ECONNREFUSED'   // REJECT by kube-proxy (no endpoints) or RST from a pod not listening
  | 'ETIMEDOUT'      // nobody answers: a stale pod IP, a DROP rule, a stopped node
  | 'EHOSTUNREACH';  // no route at all

/** One step of a request's path, kept as data; the UI and `--trace` output render it. */
export type Hop =
  | { readonly step: 'dns-query'; readonly name: string; readonly server: string; readonly answer: 'NXDOMAIN' | readonly string[] }
  | { readonly step: 'vip'; readonly ip: string; readonly port: number; readonly service: string }
  | { readonly step: 'rule'; readonly node: string; readonly chain: string; readonly probability: number; readonly endpoints: number; readonly mode: 'iptables' | 'ipvs' | 'affinity' }
  | { readonly step: 'reject'; readonly node: string; readonly reason: string }
  | { readonly step: 'drop'; readonly node: string; readonly reason: string }
  | { readonly step: 'dnat'; readonly ip: string; readonly port: number }
  | { readonly step: 'load-balancer'; readonly ip: string; readonly port: number; readonly node: string; readonly nodePort: number }
  | { readonly step: 'node-port'; readonly node: string; readonly nodePort: number }
  | { readonly step: 'route'; readonly fromNode: string | null; readonly toNode: string; readonly ip: string }
  | { readonly step: 'pod'; readonly pod: string; readonly namespace: string; readonly node: string; readonly port: number }
  | { readonly step: 'refused'; readonly ip: string; readonly port: number }
  | { readonly step: 'timeout'; readonly ip: string; readonly port: number; readonly reason: string }
  | { readonly step: 'response'; readonly status: number };

/** A connection's result: the pod it reached (if any), the response (for HTTP), and every hop on the way. */
export interface ConnectResult {
  readonly ok: boolean;
  readonly error?: ConnectError;
  /** The address actually connected to after DNAT (pod IP and port). */
  readonly endpoint?: { readonly ip: string; readonly port: number; readonly podUid: string };
  readonly response?: HttpResponse;
  readonly hops: readonly Hop[];
  /** Virtual ms the attempt took (a timeout costs the client's timeout). */
  readonly elapsedMs: number;
  readonly at: SimTime;
}
