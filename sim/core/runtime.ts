// The node-side world the API does not hold: each node's container runtime (sandboxes, containers, images,
// logs, pod IPs), the data plane, and the simulated images. Plain engine state, never user-visible directly.
import type { SimTime } from '../model/types';
import type { AppImage, AppInstance } from '../apps/app';
import type { ConnectResult, HttpRequest, Origin, Protocol } from '../net/types';
import { intToIp, type Cidr } from '../net/ipv4';
import type { Agenda, Clock, Task } from './clock';

/** One log line as the container runtime stores it. */
export interface LogLine {
  readonly atEpochMs: number;
  readonly text: string;
}

/** A bounded log, like the kubelet's rotated container log: the oldest lines go first. */
export class LogBuffer {
  private lines: LogLine[] = [];
  constructor(private readonly maxLines = 1_000) {}
  append(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines = this.lines.slice(this.lines.length - Math.floor(this.maxLines * 0.9));
  }
  all(): readonly LogLine[] {
    return this.lines;
  }
}

export type ContainerState = 'waiting' | 'running' | 'terminated';

export interface TerminationRecord {
  readonly exitCode: number;
  readonly reason: string;
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
}

/** A container as the runtime knows it (its status is projected into pod.status.containerStatuses). */
export interface ContainerRecord {
  readonly name: string;
  image: string;
  state: ContainerState;
  /** Waiting or terminated reason (`ContainerCreating`, `ErrImagePull`, `CrashLoopBackOff`, `Error`, …). */
  reason?: string;
  message?: string;
  startedAtMs?: number;
  finishedAtMs?: number;
  exitCode?: number;
  restartCount: number;
  lastTermination?: TerminationRecord;
  /** Readiness as the prober last saw it. */
  ready: boolean;
  /** The image has been pulled for this container. */
  pulled: boolean;
  /** The running process, while state is 'running'. */
  app?: AppInstance;
  /** Timers the process scheduled; cancelled when it stops. */
  timers: Task[];
  logs: LogBuffer;
  previousLogs?: LogBuffer;
  /** Image-pull and crash back-off: not before this time (virtual ms). */
  backoffUntil?: SimTime;
  /** Consecutive failures, for back-off doubling. */
  backoffCount: number;
  /** Consecutive liveness/readiness probe results. */
  livenessFailures: number;
  readinessFailures: number;
  readinessSuccesses: number;
}

/** A pod sandbox on a node: the pod's network namespace, its IP, and its containers. */
export interface Sandbox {
  readonly podUid: string;
  readonly namespace: string;
  readonly name: string;
  readonly nodeName: string;
  /** The pod IP: from the node's pod CIDR, or the node's own address for a pod on the host network. */
  readonly ip: string;
  /** spec.hostNetwork: the pod shares the node's network namespace and address. */
  readonly hostNetwork?: boolean;
  readonly createdAt: SimTime;
  readonly containers: Map<string, ContainerRecord>;
  /** Files written inside the pod (e.g. by `kubectl exec … sh -c 'echo > f'`), by absolute path. */
  readonly files: Map<string, string>;
}

/** host-local IPAM: hands out the next free IP of the node's pod CIDR after the last one given, so a new pod
 * gets a new address rather than the one just freed. */
export class HostLocalIpam {
  private readonly used = new Set<number>();
  private last = 1;

  constructor(readonly cidr: Cidr) {}

  /** The next free address (skipping .0, the gateway .1, and broadcast); undefined when the range is full. */
  allocate(): string | undefined {
    const usable = this.cidr.size - 3;
    for (let k = 0; k < usable; k++) {
      const i = 2 + ((this.last - 2 + 1 + k) % usable);
      if (!this.used.has(i)) {
        this.used.add(i);
        this.last = i;
        return intToIp(this.cidr.base + i);
      }
    }
    return undefined;
  }

  release(ip: string, ipToOffset: (ip: string) => number): void {
    this.used.delete(ipToOffset(ip) - this.cidr.base);
  }

  get inUse(): number {
    return this.used.size;
  }
}

/** One node's machine: its power state, image cache, sandboxes and IPAM. */
export interface NodeRuntime {
  readonly name: string;
  readonly internalIP: string;
  readonly podCidr: Cidr;
  /** The VM is powered on; a stopped node's kubelet stops heart-beating and its pods stop answering. */
  running: boolean;
  /** When the VM last stopped (virtual ms), while it is stopped. */
  stoppedAt?: SimTime;
  readonly images: Set<string>;
  readonly sandboxes: Map<string, Sandbox>;
  readonly ipam: HostLocalIpam;
}

/** The data plane, implemented in sim/net. */
export interface Network {
  /** Opens a TCP connection from `origin` to `host:port`, optionally carrying one HTTP request. */
  connect(origin: Origin, host: string, port: number, request?: HttpRequest, opts?: { protocol?: Protocol; timeoutMs?: number }): ConnectResult;
}

/** Everything node-side, shared by the kubelet, kube-proxy, DNS and the simulated apps. */
export interface Runtime {
  readonly clock: Clock;
  readonly agenda: Agenda;
  readonly nodes: Map<string, NodeRuntime>;
  readonly images: readonly AppImage[];
  network: Network;
  /** The sandbox holding a pod IP right now. */
  sandboxByIP(ip: string): Sandbox | undefined;
  /** The sandbox of a pod, wherever it runs. */
  sandboxByUid(podUid: string): Sandbox | undefined;
  /** Keeps the IP and uid indexes current; called by the kubelet when a sandbox appears or goes. */
  registerSandbox(sandbox: Sandbox): void;
  unregisterSandbox(sandbox: Sandbox): void;
}

/** The Runtime's indexes over every node's sandboxes. */
export class ClusterRuntime implements Runtime {
  readonly nodes = new Map<string, NodeRuntime>();
  network: Network = { connect: () => { throw new Error('network not wired'); } };
  private readonly byIP = new Map<string, Sandbox>();
  private readonly byUid = new Map<string, Sandbox>();

  constructor(readonly clock: Clock, readonly agenda: Agenda, readonly images: readonly AppImage[]) {}

  sandboxByIP(ip: string): Sandbox | undefined {
    return this.byIP.get(ip);
  }

  sandboxByUid(podUid: string): Sandbox | undefined {
    return this.byUid.get(podUid);
  }

  registerSandbox(sandbox: Sandbox): void {
    // The node's address belongs to the node: connections to it are the node's, not a host-network pod's.
    // SIMPLIFIED: a host-network pod's listening ports are not reachable on the node's address.
    if (!sandbox.hostNetwork) this.byIP.set(sandbox.ip, sandbox);
    this.byUid.set(sandbox.podUid, sandbox);
    this.nodes.get(sandbox.nodeName)?.sandboxes.set(sandbox.podUid, sandbox);
  }

  unregisterSandbox(sandbox: Sandbox): void {
    if (this.byIP.get(sandbox.ip) === sandbox) this.byIP.delete(sandbox.ip);
    this.byUid.delete(sandbox.podUid);
    this.nodes.get(sandbox.nodeName)?.sandboxes.delete(sandbox.podUid);
  }
}
