// The types shared by the engine, its worker adapter and the UI: options, commands, frames and run records.
import type { K8sObject, ObjectKey, SimTime } from './model/types';
import type { Hop } from './net/types';

export interface ClusterProfile {
  /** Number of worker nodes (default 3). */
  readonly nodeCount?: number;
  /** Node pool name used in node names (`aks-<pool>-<8 digits>-vmss00000N`). */
  readonly poolName?: string;
  /** Cluster pod CIDR; each node gets a /24 from it (default 10.244.0.0/16). */
  readonly podCidr?: string;
  /** Service CIDR (default 10.0.0.0/16); `kubernetes` gets its first address, kube-dns its tenth. */
  readonly serviceCidr?: string;
  /** Allocatable CPU per node in millicores (default 1900, a 2-vCPU VM). */
  readonly nodeCpuMillis?: number;
  /** Allocatable memory per node in bytes (default 5.2 GiB, a 7-GiB VM). */
  readonly nodeMemoryBytes?: number;
  /** Max pods per node (default 110). */
  readonly maxPodsPerNode?: number;
  /** How long the cluster has existed when the session starts, in ms (default 12 minutes). */
  readonly clusterAgeMs?: number;
  /** kube-proxy mode (default iptables). */
  readonly proxyMode?: 'iptables' | 'ipvs';
  /** Seconds a cloud load balancer takes to get its IP (default 20). */
  readonly loadBalancerDelaySeconds?: number;
  /** Skip the system workloads (coredns, kube-proxy, …) for very large benchmark clusters. */
  readonly systemWorkloads?: boolean;
}

export interface InitOptions {
  readonly seed: number | string;
  readonly profile?: ClusterProfile;
  /** Unix epoch ms of virtual time 0 (default 2026-01-01T09:00:00Z). */
  readonly epochMs?: number;
  /** Deep-freeze stored objects (tests) so any mutation throws. */
  readonly freezeObjects?: boolean;
  /** `page`: `kubectl edit` opens the object in the page's editor (the headless runner has none). */
  readonly editor?: 'page';
}

/** A user action. The seed plus the timed command log is a complete replay. */
export type Command =
  | { readonly type: 'exec'; readonly line: string; readonly session?: string }
  | { readonly type: 'writeFile'; readonly path: string; readonly content: string; readonly session?: string }
  | { readonly type: 'deleteFile'; readonly path: string; readonly session?: string }
  | { readonly type: 'stopNode'; readonly node: string }
  | { readonly type: 'startNode'; readonly node: string }
  | { readonly type: 'interrupt'; readonly jobId: number; readonly session?: string }
  /** The page's editor closed a file `kubectl edit` opened (its content was written with writeFile first). */
  | { readonly type: 'editorClosed'; readonly requestId: number; readonly saved: boolean }
  /** Replaces the set of steady traffic flows (an empty list stops all traffic). */
  | { readonly type: 'traffic'; readonly flows: readonly TrafficFlow[] }
  /** A fault from the page's fault buttons. */
  | { readonly type: 'fault'; readonly fault: Fault };

/** Where a flow's requests start: outside the cluster, or inside pods chosen by a label selector. */
export type TrafficOrigin =
  | { readonly kind: 'external' }
  | { readonly kind: 'pods'; readonly namespace: string; readonly selector: string };

/** Steady requests: one HTTP GET every `everyMs` of virtual time from the origin to `host:port/path`. */
export interface TrafficFlow {
  readonly id: string;
  readonly from: TrafficOrigin;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly everyMs: number;
}

/** One request a flow sent, with every hop it took (for particles, counters and the hop-trace view). */
export interface TrafficSample {
  readonly seq: number;
  readonly flowId: string;
  readonly at: SimTime;
  /** The pod the request left from (for `pods` origins). */
  readonly fromPod?: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly status?: number;
  /** The pod that answered, if the connection reached one. */
  readonly toPod?: string;
  readonly toNamespace?: string;
  readonly elapsedMs: number;
  readonly hops: readonly Hop[];
}

export type Fault =
  | { readonly kind: 'deletePod'; readonly namespace: string; readonly name: string }
  /** Makes a pod's readiness (or liveness) probe fail until cleared. */
  | { readonly kind: 'failProbe'; readonly namespace: string; readonly name: string; readonly probe: 'readiness' | 'liveness'; readonly on: boolean }
  /** Points a Deployment's first container at an image that cannot be pulled. */
  | { readonly kind: 'breakImage'; readonly namespace: string; readonly deployment: string };

/** A request from the engine for the page's editor to open a file (`kubectl edit`). */
export interface EditorRequest {
  readonly requestId: number;
  readonly path: string;
  readonly title: string;
}

export interface TimedCommand {
  readonly at: SimTime;
  readonly command: Command;
}

export interface RunRecord {
  readonly format: 'kubesim-run';
  readonly version: 1;
  readonly options: InitOptions;
  readonly commands: readonly TimedCommand[];
}

/** A piece of a job's output, in the order it was written. */
export interface OutputChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** Output of a shell job so far. */
export interface JobOutput {
  readonly jobId: number;
  readonly session: string;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

export interface JobExit {
  readonly jobId: number;
  readonly session: string;
  readonly exitCode: number;
  readonly at: SimTime;
  /** The session's working directory once the job has ended (`cd` changes it), for the prompt. */
  readonly cwd?: string;
}

export type CommandResult =
  | { readonly ok: true; readonly jobId?: number; readonly done?: boolean; readonly exitCode?: number;
      readonly stdout?: string; readonly stderr?: string;
      /** The session's working directory after a command that finished at once (`cd`), for the prompt. */
      readonly cwd?: string;
      /** stdout and stderr as written, in order, when the command wrote to both (a warning before a table). */
      readonly chunks?: readonly OutputChunk[] }
  | { readonly ok: false; readonly error: string };

export type RunStatus = 'caught-up' | 'behind';

/** What changed since the UI's last version. Built in O(changes). */
export interface Frame {
  readonly time: SimTime;
  /** Unix epoch ms of `time`, for AGE columns in the UI. */
  readonly epochMs: number;
  readonly rv: number;
  /** Replace the whole view (first frame, or the change log no longer reaches back to `sinceRv`). */
  readonly full: boolean;
  readonly upserts: readonly K8sObject[];
  readonly deletes: readonly ObjectKey[];
  readonly output: readonly JobOutput[];
  readonly exits: readonly JobExit[];
  /** Requests sent by traffic flows since the last frame. */
  readonly traffic: readonly TrafficSample[];
  /** Files `kubectl edit` wants opened in the page's editor. */
  readonly editorRequests: readonly EditorRequest[];
  /** Bumped whenever a file of the student's machine changes. */
  readonly filesVersion: number;
  readonly status: RunStatus;
}
