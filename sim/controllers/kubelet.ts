// The kubelet of every node: runs the pods bound to its node through the container runtime (sandbox and IP,
// pulls, containers, probes, restarts), reports pod status, and carries out graceful termination.
// SIMPLIFIED: one controller object serves every node; each node's state lives in its NodeRuntime.
import type { Container, DeepReadonly, K8sObject, ObjectKey, Pod } from '../model/types';
import { parseTimestamp } from '../model/time';
import { isPodTerminal } from '../model/pod';
import { podFaults } from '../model/faults';
import type { Controller, ReconcileContext, ReconcileResult, Watch } from '../core/controller';
import { LogBuffer, type ContainerRecord, type NodeRuntime, type Runtime, type Sandbox } from '../core/runtime';
import type { Rng } from '../core/rng';
import { ipToInt } from '../net/ipv4';
import { containerEnv, ServiceLinks } from './kubelet-env';
import { makeAppContext } from './kubelet-app-context';
import { syncContainer, terminationOf, type ContainerSyncContext, type ContainerTimers } from './kubelet-containers';
import { podStatusFor } from './kubelet-pod-status';
import { pullSecretRegistries, type ImageService } from './kubelet-images';
import { KUBELET_TIMINGS } from './kubelet-timings';
import type { VolumeData } from './kubelet-volumes';


interface PodState {
  readonly uid: string;
  sandboxAt?: number;
  readonly timers: Map<string, ContainerTimers>;
  /** While terminating: when each container gets SIGTERM (after its preStop hook) and when it exits. */
  sigtermAt?: Map<string, number>;
  stopAt?: Map<string, number>;
}

/** How long a container's preStop hook runs: `sleep N` (exec or the sleep action) counts N s; others are instant. Pure. */
export function preStopMs(spec: DeepReadonly<Container>): number {
  const hook = spec.lifecycle?.preStop;
  if (!hook) return 0;
  if (hook.sleep) return Math.max(0, hook.sleep.seconds) * 1000;
  const command = (hook.exec?.command ?? []).join(' ');
  const m = /(?:^|\s|;|&&)sleep\s+(\d+(?:\.\d+)?)/.exec(command);
  return m ? Math.round(Number(m[1]) * 1000) : 0;
}

function newRecord(spec: DeepReadonly<Container>): ContainerRecord {
  return {
    name: spec.name, image: spec.image ?? '', state: 'waiting', restartCount: 0, ready: false, pulled: false,
    timers: [], logs: new LogBuffer(), backoffCount: 0, livenessFailures: 0, readinessFailures: 0, readinessSuccesses: 0,
  };
}

export class Kubelet implements Controller {
  readonly name = 'kubelet';
  readonly latencyMs = 10;
  readonly watches: readonly Watch[] = [{
    kind: 'Pod',
    keys: (change) => {
      const pod = change.object as DeepReadonly<Pod>;
      const before = change.previous as DeepReadonly<Pod> | undefined;
      // Status-only writes (its own, the node controller's) give the kubelet nothing new to do.
      if (change.type === 'MODIFIED' && before && before.spec === pod.spec && before.metadata?.deletionTimestamp === pod.metadata?.deletionTimestamp
        && before.metadata?.annotations === pod.metadata?.annotations) return [];
      return pod.spec?.nodeName || this.byKey.has(change.key) ? [change.key] : [];
    },
  }];
  private readonly pods = new Map<string, PodState>();
  private readonly byKey = new Map<ObjectKey, string>();
  private links: ServiceLinks | undefined;

  constructor(
    private readonly runtime: Runtime,
    private readonly images: ImageService,
    private readonly volumes: VolumeData,
    /** Asks for a sync of `key` (used when a process exits on its own). */
    private readonly requestSync: (key: ObjectKey) => void,
    private readonly rng: Rng,
  ) {}

  reconcile(key: ObjectKey, ctx: ReconcileContext): ReconcileResult {
    const pod = ctx.store.get(key) as (DeepReadonly<Pod> & K8sObject) | undefined;
    const knownUid = this.byKey.get(key);
    if (knownUid && (!pod || pod.metadata.uid !== knownUid)) this.teardown(key, knownUid);
    if (!pod?.spec?.nodeName) return;
    const node = this.runtime.nodes.get(pod.spec.nodeName);
    if (!node || !node.running) return;
    const uid = pod.metadata.uid!;
    let state = this.pods.get(uid);
    if (!state) {
      if (isPodTerminal(pod)) return;
      state = { uid, timers: new Map() };
      this.pods.set(uid, state);
      this.byKey.set(key, uid);
    }
    if (pod.metadata.deletionTimestamp) return this.terminate(key, pod, node, state, ctx);
    if (isPodTerminal(pod)) return;

    let sandbox = this.runtime.sandboxByUid(uid);
    const wakes: number[] = [];
    if (!sandbox) {
      // WaitForAttachAndMount comes before the sandbox: the pod stays ContainerCreating until its volumes are mounted.
      const volumes = this.volumes.waitForMount(ctx.store, pod, node.name, ctx.now);
      if (!volumes.mounted) {
        if (volumes.failedMount) ctx.recordEvent(pod, 'Warning', 'FailedMount', volumes.failedMount, { host: node.name });
        wakes.push(volumes.wakeAt);
      } else {
        if (state.sandboxAt === undefined) state.sandboxAt = ctx.now + ctx.rng.jitter(KUBELET_TIMINGS.sandbox.ms, KUBELET_TIMINGS.sandbox.jitterMs);
        if (ctx.now >= state.sandboxAt) sandbox = this.createSandbox(pod, node);
        else wakes.push(state.sandboxAt);
      }
    }
    const inits = (pod.spec.initContainers ?? []).map((c) => sandbox?.containers.get(c.name) ?? newRecord(c));
    const mains = pod.spec.containers.map((c) => sandbox?.containers.get(c.name) ?? newRecord(c));
    if (sandbox) {
      const sync = (spec: DeepReadonly<Container>): ContainerSyncContext => this.syncContext(key, pod, node, sandbox!, spec, ctx);
      const policy = pod.spec.restartPolicy ?? 'Always';
      let initsDone = true;
      for (const [i, spec] of (pod.spec.initContainers ?? []).entries()) {
        const rec = inits[i];
        if (rec.state === 'terminated' && (rec.exitCode ?? 0) === 0) continue;
        const wake = syncContainer(sync(spec), spec, rec, this.timersFor(state, spec.name), policy === 'Always' ? 'OnFailure' : policy);
        if (wake !== undefined) wakes.push(wake);
        initsDone = false;
        break;
      }
      if (initsDone) {
        for (const [i, spec] of pod.spec.containers.entries()) {
          const wake = syncContainer(sync(spec), spec, mains[i], this.timersFor(state, spec.name), policy);
          if (wake !== undefined) wakes.push(wake);
        }
      }
    }
    this.writeStatus(pod, node, sandbox, inits, mains, ctx);
    if (wakes.length === 0) return;
    return { requeueAfterMs: Math.max(0, Math.min(...wakes) - ctx.now) };
  }

  /** The node's VM stopped: every process on it dies with it; the API hears nothing until the node controller notices. */
  nodeStopped(node: NodeRuntime): void {
    for (const sandbox of [...node.sandboxes.values()]) {
      for (const rec of sandbox.containers.values()) if (rec.state === 'running') this.stopProcess(rec, 255, 'Unknown');
    }
  }

  /** The node's VM is back: sandboxes are recreated (new pod IPs), containers restart, and every pod is synced. */
  nodeStarted(node: NodeRuntime, podKeys: readonly ObjectKey[]): void {
    for (const old of [...node.sandboxes.values()]) {
      this.runtime.unregisterSandbox(old);
      if (!old.hostNetwork) node.ipam.release(old.ip, ipToInt);
      const ip = old.hostNetwork ? old.ip : node.ipam.allocate();
      if (ip === undefined) continue;
      const fresh: Sandbox = { ...old, ip, createdAt: this.runtime.clock.now, containers: old.containers, files: new Map() };
      this.runtime.registerSandbox(fresh);
    }
    for (const key of podKeys) this.requestSync(key);
  }

  private timersFor(state: PodState, name: string): ContainerTimers {
    let t = state.timers.get(name);
    if (!t) { t = {}; state.timers.set(name, t); }
    return t;
  }

  private createSandbox(pod: DeepReadonly<Pod>, node: NodeRuntime): Sandbox | undefined {
    // A host-network pod takes the node's address; every other pod gets the next one from the node's pod CIDR.
    const hostNetwork = pod.spec?.hostNetwork === true;
    const ip = hostNetwork ? node.internalIP : node.ipam.allocate();
    if (ip === undefined) return undefined;
    const containers = new Map<string, ContainerRecord>();
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) containers.set(c.name, newRecord(c));
    const sandbox: Sandbox = {
      podUid: pod.metadata!.uid!, namespace: pod.metadata!.namespace!, name: pod.metadata!.name!, nodeName: node.name,
      ip, ...(hostNetwork ? { hostNetwork } : {}), createdAt: this.runtime.clock.now, containers, files: new Map(),
    };
    this.runtime.registerSandbox(sandbox);
    return sandbox;
  }

  private syncContext(key: ObjectKey, pod: DeepReadonly<Pod> & K8sObject, node: NodeRuntime, sandbox: Sandbox,
    spec: DeepReadonly<Container>, ctx: ReconcileContext): ContainerSyncContext {
    const faults = podFaults(pod.metadata.annotations);
    const fieldPath = `spec.containers{${spec.name}}`;
    return {
      now: ctx.now, nowEpochMs: ctx.nowEpochMs, rng: ctx.rng, node, images: this.images, pod, sandbox, faults,
      pullSecretRegistries: pullSecretRegistries(ctx.store, pod),
      event: (type, reason, message) => ctx.recordEvent(pod, type, reason, message, { host: node.name, fieldPath }),
      start: (rec) => this.startProcess(key, pod, spec, rec, sandbox, node, ctx),
      stop: (rec, code, reason) => this.stopProcess(rec, code, reason, ctx.nowEpochMs),
    };
  }

  private startProcess(key: ObjectKey, pod: DeepReadonly<Pod> & K8sObject, spec: DeepReadonly<Container>, rec: ContainerRecord,
    sandbox: Sandbox, node: NodeRuntime, ctx: ReconcileContext): string | undefined {
    this.links ??= new ServiceLinks(ctx.store);
    const env = containerEnv(ctx.store, pod, spec, sandbox.ip, node.internalIP, this.links);
    if (!env.ok) return env.message;
    const fieldPath = `spec.containers{${spec.name}}`;
    ctx.recordEvent(pod, 'Normal', 'Created', `Created container: ${spec.name}`, { host: node.name, fieldPath });
    ctx.recordEvent(pod, 'Normal', 'Started', `Started container ${spec.name}`, { host: node.name, fieldPath });
    // A new container replaces one that ran before: its restart count is one more, and the old run's exit is lastState.
    if (rec.startedAtMs !== undefined) {
      if (rec.state === 'terminated') rec.lastTermination = terminationOf(rec);
      rec.restartCount += 1;
      rec.previousLogs = rec.logs;
      rec.logs = new LogBuffer();
    }
    rec.state = 'running';
    rec.reason = undefined;
    rec.message = undefined;
    rec.exitCode = undefined;
    rec.finishedAtMs = undefined;
    rec.startedAtMs = ctx.nowEpochMs;
    rec.image = spec.image ?? '';
    rec.timers = [];
    const appRng = this.rng.fork(`${sandbox.podUid}/${spec.name}/${rec.restartCount}`);
    const appCtx = makeAppContext(this.runtime, pod, spec, rec, sandbox, env.env, appRng, {
      onExit: (r, code, reason) => { this.stopProcess(r, code, reason ?? (code === 0 ? 'Completed' : 'Error')); this.requestSync(key); },
      persistentData: (mountPath) => this.volumes.dataFor(ctx.store, pod, spec, mountPath),
    });
    const app = this.images.appFor(spec.image ?? '').start(appCtx);
    if (rec.state === 'running') rec.app = app;
    return undefined;
  }

  private stopProcess(rec: ContainerRecord, exitCode: number, reason: string, atEpochMs = this.runtime.clock.nowEpochMs): void {
    for (const task of rec.timers) task.cancelled = true;
    rec.timers = [];
    rec.app = undefined;
    rec.state = 'terminated';
    rec.exitCode = exitCode;
    rec.reason = reason;
    rec.finishedAtMs = atEpochMs;
    rec.ready = false;
  }

  private terminate(key: ObjectKey, pod: DeepReadonly<Pod> & K8sObject, node: NodeRuntime, state: PodState, ctx: ReconcileContext): ReconcileResult {
    const sandbox = this.runtime.sandboxByUid(state.uid);
    const deadline = parseTimestamp(pod.metadata.deletionTimestamp!) - (ctx.nowEpochMs - ctx.now);
    if (sandbox) {
      // killContainer: the preStop hook runs first, then SIGTERM, then SIGKILL when the grace period ends.
      if (!state.sigtermAt) {
        state.sigtermAt = new Map();
        state.stopAt = new Map();
        for (const rec of sandbox.containers.values()) {
          if (rec.state !== 'running') continue;
          ctx.recordEvent(pod, 'Normal', 'Killing', `Stopping container ${rec.name}`, { host: node.name, fieldPath: `spec.containers{${rec.name}}` });
          const spec = pod.spec?.containers.find((c) => c.name === rec.name);
          state.sigtermAt.set(rec.name, Math.min(ctx.now + (spec ? preStopMs(spec) : 0), deadline));
        }
      }
      let next = Infinity;
      for (const rec of sandbox.containers.values()) {
        if (rec.state !== 'running') continue;
        const sigterm = state.sigtermAt.get(rec.name) ?? ctx.now;
        if (!state.stopAt!.has(rec.name)) {
          if (sigterm > ctx.now) { next = Math.min(next, sigterm); continue; }
          const drain = rec.app?.terminate?.() ?? ctx.rng.jitter(KUBELET_TIMINGS.defaultShutdown.ms, KUBELET_TIMINGS.defaultShutdown.jitterMs);
          state.stopAt!.set(rec.name, Math.min(ctx.now + drain, deadline));
        }
        const at = state.stopAt!.get(rec.name)!;
        if (at <= ctx.now) this.stopProcess(rec, at < deadline ? 0 : 137, at < deadline ? 'Completed' : 'Error', ctx.nowEpochMs);
        else next = Math.min(next, at);
      }
      if (next !== Infinity) return { requeueAfterMs: next - ctx.now };
      const inits = (pod.spec?.initContainers ?? []).map((c) => sandbox.containers.get(c.name) ?? newRecord(c));
      const mains = (pod.spec?.containers ?? []).map((c) => sandbox.containers.get(c.name) ?? newRecord(c));
      this.writeStatus(pod, node, sandbox, inits, mains, ctx);
    }
    ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, uid: state.uid });
    this.teardown(key, state.uid);
  }

  private teardown(key: ObjectKey, uid: string): void {
    const sandbox = this.runtime.sandboxByUid(uid);
    if (sandbox) {
      for (const rec of sandbox.containers.values()) if (rec.state === 'running') this.stopProcess(rec, 137, 'Error');
      this.runtime.unregisterSandbox(sandbox);
      if (!sandbox.hostNetwork) this.runtime.nodes.get(sandbox.nodeName)?.ipam.release(sandbox.ip, ipToInt);
    }
    this.pods.delete(uid);
    this.volumes.forget(uid);
    if (this.byKey.get(key) === uid) this.byKey.delete(key);
  }

  private writeStatus(pod: DeepReadonly<Pod> & K8sObject, node: NodeRuntime, sandbox: Sandbox | undefined,
    inits: readonly ContainerRecord[], mains: readonly ContainerRecord[], ctx: ReconcileContext): void {
    const status = podStatusFor({
      pod, sandbox, initContainers: inits, containers: mains, hostIP: node.internalIP, nowEpochMs: ctx.nowEpochMs,
      imageInfo: (image) => {
        const normalized = this.images.normalize(image);
        const pulled = this.images.pull(image, []);
        const repo = normalized.replace(/[:@][^/:]*$/, '');
        return { image: normalized, imageID: pulled.ok ? `${repo}@${pulled.digest}` : '' };
      },
      containerID: (c) => this.containerId(pod.metadata.uid!, c),
    });
    ctx.api.updateStatus(pod, status, pod.metadata.uid);
  }

  private containerId(podUid: string, c: ContainerRecord): string {
    let h = 0x811c9dc5;
    const seed = `${podUid}/${c.name}/${c.restartCount}`;
    let hex = '';
    for (let round = 0; hex.length < 64; round++) {
      for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
      h = Math.imul(h ^ round, 0x01000193) >>> 0;
      hex += h.toString(16).padStart(8, '0');
    }
    return `containerd://${hex.slice(0, 64)}`;
  }
}
