// The page benchmark's settings, read from the page's URL (`?seed=1&bench=1000&speed=5`): how many pods to run, the
// cluster profile big enough to hold them through a rolling update, and the clock speed to measure at.
import type { ClusterProfile } from '../../../sim/protocol';
import { SPEEDS, type Speed } from '../../lib/sim-client.svelte';

export interface BenchSettings {
  /** Pods of the churning Deployment. */
  readonly pods: number;
  /** Clock speed while measuring. */
  readonly speed: Speed;
  /** Wall ms between churn steps (scale, roll, delete a pod). */
  readonly churnMs: number;
  readonly profile: ClusterProfile;
}

/** Pods a benchmark node holds. */
export const BENCH_PODS_PER_NODE = 250;

/** A profile with room for `pods` plus a rollout's surge (25%) and headroom: ≥ 3 nodes of 250 pods each. Pure. */
export function benchProfile(pods: number): ClusterProfile {
  const nodeCount = Math.max(3, Math.ceil((pods * 1.4) / BENCH_PODS_PER_NODE));
  return { nodeCount, maxPodsPerNode: BENCH_PODS_PER_NODE, nodeCpuMillis: 64_000, nodeMemoryBytes: 256 * 2 ** 30 };
}

/** The benchmark settings a query string asks for, or undefined when it is not a benchmark page. Pure. */
export function benchFromQuery(search: string): BenchSettings | undefined {
  const params = new URLSearchParams(search);
  const pods = Number(params.get('bench'));
  if (!Number.isInteger(pods) || pods < 1 || pods > 20_000) return undefined;
  const asked = Number(params.get('speed') ?? '1');
  const speed = (SPEEDS as readonly number[]).includes(asked) ? (asked as Speed) : 1;
  const churn = Number(params.get('churn') ?? '3000');
  return { pods, speed, churnMs: Number.isFinite(churn) && churn >= 500 ? churn : 3000, profile: benchProfile(pods) };
}

/** The cluster profile a page URL asks for (a benchmark's), for the page's SimClient init options. Pure. */
export function profileFromQuery(search: string): ClusterProfile | undefined {
  return benchFromQuery(search)?.profile;
}
