// The contract between the kubelet's container runtime and the simulated container images it runs.
import type { SimTime } from '../model/types';
import type { ConnectResult, HttpRequest, HttpResponse, Protocol } from '../net/types';

/** What a running container can do: everything an image's process needs from the outside world. */
export interface AppContext {
  readonly podName: string;
  readonly namespace: string;
  readonly podUid: string;
  readonly podIP: string;
  readonly nodeName: string;
  readonly containerName: string;
  readonly image: string;
  /** The container's environment, resolved (env + valueFrom literals), in declaration order. */
  readonly env: Readonly<Record<string, string>>;
  /** The container's `command` (overrides the image ENTRYPOINT) and `args` (override CMD); empty when unset. */
  readonly command: readonly string[];
  readonly args: readonly string[];
  /** The declared containerPorts. */
  readonly containerPorts: readonly { readonly port: number; readonly protocol: Protocol; readonly name?: string }[];
  now(): SimTime;
  /** Unix epoch ms of the current virtual time (for timestamps an app writes into its own logs). */
  nowEpochMs(): number;
  /** Writes one line to the container's log (stdout), stamped with the current virtual time. */
  log(line: string): void;
  /** Runs `fn` after `delayMs` of virtual time, unless the container has stopped by then. */
  after(delayMs: number, fn: () => void): void;
  /** Opens a TCP connection (and optionally sends one HTTP request) from this pod, through DNS and kube-proxy. */
  connect(host: string, port: number, request?: HttpRequest): ConnectResult;
  /** Whether an endpoint reached earlier by `connect` is still the same live listener (a kept-open connection). */
  isAlive(endpoint: NonNullable<ConnectResult['endpoint']>): boolean;
  /** The process exits with `code` (the kubelet restarts it per restartPolicy). */
  exit(code: number, reason?: string): void;
  /** A uniform float in [0, 1) from the container's own random stream. */
  random(): number;
  /**
   * Data that outlives the container, when a persistent volume (PVC) is mounted at `mountPath`; undefined when
   * nothing persistent is mounted there (an emptyDir or no volume: data lives only as long as the process).
   */
  persistentData(mountPath: string): Map<string, unknown> | undefined;
}

/** A running process inside a container. */
export interface AppInstance {
  /** Whether the process accepts TCP connections on `port` right now. */
  listening(port: number): boolean;
  /** Answers one HTTP request on `port` (only called when `listening(port)`). */
  http?(port: number, req: HttpRequest): HttpResponse;
  /**
   * SIGTERM arrived (pod deletion, liveness failure): returns how many virtual ms the process keeps serving
   * before it exits, or Infinity if it ignores SIGTERM (then the kubelet kills it when the grace period ends).
   * Absent: the process drains briefly and exits.
   */
  terminate?(): number;
  /** Process-specific state shown by `kubectl exec … env`-style tools and the inspector (plain data). */
  describe?(): Readonly<Record<string, unknown>>;
}

/** A simulated image: matched by reference, started per container. */
export interface AppImage {
  /** A short id (`mongo`, `smilr-data-api`, `nginx`, `busybox`, `generic`). */
  readonly id: string;
  /** Whether this image handles the reference (`mongo:3.4-jessie`, `myreg.azurecr.io/smilr/data-api`). */
  matches(image: string): boolean;
  /** The size the kubelet pulls, for pull timing (bytes). */
  readonly sizeBytes: number;
  /** Starts the process; it may log, schedule work with `ctx.after`, connect, or `ctx.exit`. */
  start(ctx: AppContext): AppInstance;
}
