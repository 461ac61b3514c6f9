// The types shared by the engine, its worker adapter and the UI: options, commands, frames and run records.
import type { K8sObject, ObjectKey, SimTime } from './model/types';

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
}

/** A user action. The seed plus the timed command log is a complete replay. */
export type Command =
  | { readonly type: 'exec'; readonly line: string; readonly session?: string }
  | { readonly type: 'writeFile'; readonly path: string; readonly content: string; readonly session?: string }
  | { readonly type: 'deleteFile'; readonly path: string; readonly session?: string }
  | { readonly type: 'stopNode'; readonly node: string }
  | { readonly type: 'startNode'; readonly node: string }
  | { readonly type: 'interrupt'; readonly jobId: number; readonly session?: string };

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
}

export type CommandResult =
  | { readonly ok: true; readonly jobId?: number; readonly done?: boolean; readonly exitCode?: number;
      readonly stdout?: string; readonly stderr?: string }
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
  readonly status: RunStatus;
}
