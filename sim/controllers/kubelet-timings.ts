// How long the kubelet's steps take on a simulated node, as data: base + uniform jitter in virtual ms.

export interface Delay {
  readonly ms: number;
  readonly jitterMs: number;
}

export const KUBELET_TIMINGS = {
  /** RunPodSandbox: the pause container and CNI ADD, which assigns the pod IP. */
  sandbox: { ms: 400, jitterMs: 600 },
  /** A pull whose layers are all cached (imagePullPolicy Always on a present image): a manifest check. */
  manifestCheck: { ms: 300, jitterMs: 500 },
  /** Fixed cost of a registry pull before bytes flow. */
  pullSetup: { ms: 500, jitterMs: 700 },
  /** CreateContainer + StartContainer. */
  createContainer: { ms: 150, jitterMs: 250 },
  /** From a failed pull (ErrImagePull) to the kubelet reporting ImagePullBackOff. */
  errToBackOff: { ms: 1_000, jitterMs: 1_500 },
  /** From a container exit to the kubelet noticing it (PLEG relist). */
  exitNoticed: { ms: 200, jitterMs: 800 },
  /** A process that handles SIGTERM and has no opinion drains for this long before exiting. */
  defaultShutdown: { ms: 1_000, jitterMs: 500 },
} as const satisfies Record<string, Delay>;

/** Image download throughput of a node, bytes per virtual ms (about 40 MB/s). */
export const PULL_BYTES_PER_MS = 40_000;

/** Back-off for image pulls and crash loops: 10 s doubling to 300 s (kubelet MaxContainerBackOff). Pure. */
export function backoffMs(failures: number): number {
  return Math.min(300_000, 10_000 * 2 ** Math.max(0, failures - 1));
}

/** A container that ran this long without failing gets its back-off reset (2 × MaxContainerBackOff). */
export const BACKOFF_RESET_MS = 600_000;
