// The kubelet's per-container lifecycle (kuberuntime_manager SyncPod): pull with back-off, create and start,
// probe, and restart with CrashLoopBackOff. One call advances a container as far as `now` allows and returns
// when it next needs attention.
import type { Container, DeepReadonly, Pod, Probe } from '../model/types';
import type { ContainerRecord, NodeRuntime, Sandbox, TerminationRecord } from '../core/runtime';
import type { Rng } from '../core/rng';
import type { EventType } from '../core/events';
import type { ImageService } from './kubelet-images';
import { KUBELET_TIMINGS, PULL_BYTES_PER_MS, BACKOFF_RESET_MS, backoffMs, type Delay } from './kubelet-timings';
import { runProbe } from './kubelet-probes';

/** Per-container timers the runtime keeps beside the record. */
export interface ContainerTimers {
  pullDoneAt?: number;
  pullStartedAt?: number;
  backOffShownAt?: number;
  createAt?: number;
  exitNoticedAt?: number;
  /** The kubelet has decided to restart the exited container at once (no back-off): it still reports it terminated. */
  restartPending?: boolean;
  nextReadinessAt?: number;
  nextLivenessAt?: number;
  nextStartupAt?: number;
  startupDone?: boolean;
  startupFailures?: number;
}

export interface ContainerSyncContext {
  readonly now: number;
  readonly nowEpochMs: number;
  readonly rng: Rng;
  readonly node: NodeRuntime;
  readonly images: ImageService;
  readonly pod: DeepReadonly<Pod>;
  readonly sandbox: Sandbox;
  readonly pullSecretRegistries: readonly string[];
  /** Records a kubelet Event on the pod for this container. */
  event(type: EventType, reason: string, message: string): void;
  /** Resolves env and starts the process; returns an error message for CreateContainerConfigError. */
  start(record: ContainerRecord, spec: DeepReadonly<Container>): string | undefined;
  /** Stops the process now (timers cancelled) with the given exit. */
  stop(record: ContainerRecord, exitCode: number, reason: string): void;
  /** Faults injected on the pod (`readiness`, `liveness`). */
  readonly faults: ReadonlySet<string>;
}

function after(ctx: ContainerSyncContext, d: Delay): number {
  return ctx.now + ctx.rng.jitter(d.ms, d.jitterMs);
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return s >= 1 ? `${Number(s.toFixed(3))}s` : `${Math.round(ms)}ms`;
}

function podRef(pod: DeepReadonly<Pod>): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
}

function pullPolicy(spec: DeepReadonly<Container>): string {
  if (spec.imagePullPolicy) return spec.imagePullPolicy;
  const image = spec.image ?? '';
  const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? 'latest');
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Pull step: returns the next wake time, or undefined once the image is present. */
function syncPull(ctx: ContainerSyncContext, spec: DeepReadonly<Container>, rec: ContainerRecord, t: ContainerTimers): number | undefined {
  const image = spec.image ?? '';
  const present = ctx.node.images.has(ctx.images.normalize(image));
  const policy = pullPolicy(spec);
  if (t.pullDoneAt === undefined) {
    if (rec.backoffUntil !== undefined && ctx.now < rec.backoffUntil) {
      if (rec.reason === 'ErrImagePull' && t.backOffShownAt !== undefined && ctx.now >= t.backOffShownAt) {
        rec.reason = 'ImagePullBackOff';
        rec.message = `Back-off pulling image "${image}"`;
        ctx.event('Normal', 'BackOff', `Back-off pulling image "${image}"`);
        ctx.event('Warning', 'Failed', 'Error: ImagePullBackOff');
        t.backOffShownAt = undefined;
      }
      return t.backOffShownAt ?? rec.backoffUntil;
    }
    if (present && policy !== 'Always') {
      ctx.event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
      rec.pulled = true;
      return undefined;
    }
    if (policy === 'Never') {
      rec.reason = 'ErrImageNeverPull';
      rec.message = `Container image "${image}" is not present with pull policy of Never`;
      ctx.event('Warning', 'ErrImageNeverPull', rec.message);
      return undefined;
    }
    ctx.event('Normal', 'Pulling', `Pulling image "${image}"`);
    const outcome = ctx.images.pull(image, ctx.pullSecretRegistries);
    const bytes = outcome.ok ? outcome.sizeBytes : 0;
    t.pullStartedAt = ctx.now;
    t.pullDoneAt = present ? after(ctx, KUBELET_TIMINGS.manifestCheck) : after(ctx, KUBELET_TIMINGS.pullSetup) + Math.round(bytes / PULL_BYTES_PER_MS);
    return t.pullDoneAt;
  }
  if (ctx.now < t.pullDoneAt) return t.pullDoneAt;
  const took = ctx.now - (t.pullStartedAt ?? ctx.now);
  t.pullDoneAt = undefined;
  const outcome = ctx.images.pull(image, ctx.pullSecretRegistries);
  if (outcome.ok) {
    ctx.event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${seconds(took)} (${seconds(took)} including waiting). Image size: ${outcome.sizeBytes} bytes.`);
    ctx.node.images.add(ctx.images.normalize(image));
    rec.pulled = true;
    rec.backoffCount = 0;
    rec.backoffUntil = undefined;
    rec.reason = undefined;
    rec.message = undefined;
    return undefined;
  }
  ctx.event('Warning', 'Failed', `Failed to pull image "${image}": ${outcome.message}`);
  ctx.event('Warning', 'Failed', `Error: ${outcome.reason}`);
  rec.reason = outcome.reason;
  rec.message = outcome.message;
  if (outcome.reason === 'InvalidImageName') return undefined;
  rec.backoffCount += 1;
  rec.backoffUntil = ctx.now + backoffMs(rec.backoffCount);
  t.backOffShownAt = after(ctx, KUBELET_TIMINGS.errToBackOff);
  return t.backOffShownAt;
}

function probeDue(probe: DeepReadonly<Probe> | undefined, next: number | undefined, startedAt: number): number | undefined {
  if (!probe) return undefined;
  return next ?? startedAt + (probe.initialDelaySeconds ?? 0) * 1000;
}

/** Probes a running container; returns the next probe time. */
function syncProbes(ctx: ContainerSyncContext, spec: DeepReadonly<Container>, rec: ContainerRecord, t: ContainerTimers): number | undefined {
  const started = rec.startedAtMs! - (ctx.nowEpochMs - ctx.now);
  const wakes: number[] = [];
  if (spec.startupProbe && !t.startupDone) {
    const due = probeDue(spec.startupProbe, t.nextStartupAt, started)!;
    if (ctx.now >= due) {
      const r = runProbe(spec.startupProbe, spec, ctx.sandbox);
      t.nextStartupAt = ctx.now + (spec.startupProbe.periodSeconds ?? 10) * 1000;
      if (r.ok) t.startupDone = true;
      else {
        t.startupFailures = (t.startupFailures ?? 0) + 1;
        ctx.event('Warning', 'Unhealthy', `Startup probe failed: ${r.message}`);
        if (t.startupFailures >= (spec.startupProbe.failureThreshold ?? 3)) {
          ctx.event('Normal', 'Killing', `Container ${spec.name} failed startup probe, will be restarted`);
          ctx.stop(rec, 137, 'Error');
          return ctx.now;
        }
      }
    }
    if (!t.startupDone) return t.nextStartupAt ?? due;
  }
  if (!spec.readinessProbe) rec.ready = !ctx.faults.has('readiness');
  else {
    const due = probeDue(spec.readinessProbe, t.nextReadinessAt, started)!;
    if (ctx.now >= due) {
      const r = runProbe(spec.readinessProbe, spec, ctx.sandbox, ctx.faults.has('readiness'));
      t.nextReadinessAt = ctx.now + (spec.readinessProbe.periodSeconds ?? 10) * 1000;
      if (r.ok) {
        rec.readinessFailures = 0;
        rec.readinessSuccesses += 1;
        if (rec.readinessSuccesses >= (spec.readinessProbe.successThreshold ?? 1)) rec.ready = true;
      } else {
        rec.readinessSuccesses = 0;
        rec.readinessFailures += 1;
        ctx.event('Warning', 'Unhealthy', `Readiness probe failed: ${r.message}`);
        if (rec.readinessFailures >= (spec.readinessProbe.failureThreshold ?? 3) || !rec.ready) rec.ready = false;
      }
    }
    wakes.push(t.nextReadinessAt ?? due);
  }
  if (spec.livenessProbe) {
    const due = probeDue(spec.livenessProbe, t.nextLivenessAt, started)!;
    if (ctx.now >= due) {
      const r = runProbe(spec.livenessProbe, spec, ctx.sandbox, ctx.faults.has('liveness'));
      t.nextLivenessAt = ctx.now + (spec.livenessProbe.periodSeconds ?? 10) * 1000;
      if (r.ok) rec.livenessFailures = 0;
      else {
        rec.livenessFailures += 1;
        ctx.event('Warning', 'Unhealthy', `Liveness probe failed: ${r.message}`);
        if (rec.livenessFailures >= (spec.livenessProbe.failureThreshold ?? 3)) {
          ctx.event('Normal', 'Killing', `Container ${spec.name} failed liveness probe, will be restarted`);
          ctx.stop(rec, 137, 'Error');
          return ctx.now;
        }
      }
    }
    wakes.push(t.nextLivenessAt ?? due);
  }
  return wakes.length ? Math.min(...wakes) : undefined;
}

/** The record of a container's last run, as lastState.terminated reports it. Pure. */
export function terminationOf(rec: ContainerRecord): TerminationRecord {
  const failed = (rec.exitCode ?? 0) !== 0;
  return { exitCode: rec.exitCode ?? 0, reason: rec.reason ?? (failed ? 'Error' : 'Completed'), startedAtMs: rec.startedAtMs ?? 0, finishedAtMs: rec.finishedAtMs ?? 0 };
}

function backOffText(ms: number): string {
  return ms / 1000 >= 60 ? `${Math.floor(ms / 60000)}m${(ms / 1000) % 60}s` : `${ms / 1000}s`;
}

/**
 * An exited container the restart policy restarts (doBackOff): the first failure restarts at once, and while the
 * container waits for that the status still shows it terminated (the kubelet prefers the original state when no
 * failure reason is cached); later failures wait out the back-off as CrashLoopBackOff, the exited run moving to
 * lastState. The restart count grows only when the next container is created. Returns the next wake time, or
 * undefined to go on to the restart now.
 */
function noticeExit(ctx: ContainerSyncContext, spec: DeepReadonly<Container>, rec: ContainerRecord, t: ContainerTimers): number | undefined {
  if (t.exitNoticedAt === undefined) { t.exitNoticedAt = after(ctx, KUBELET_TIMINGS.exitNoticed); return t.exitNoticedAt; }
  if (ctx.now < t.exitNoticedAt) return t.exitNoticedAt;
  t.exitNoticedAt = undefined;
  const ranFor = (rec.finishedAtMs ?? 0) - (rec.startedAtMs ?? 0);
  if (ranFor >= BACKOFF_RESET_MS) rec.backoffCount = 0;
  rec.ready = false;
  rec.readinessSuccesses = 0;
  rec.readinessFailures = 0;
  rec.livenessFailures = 0;
  t.nextReadinessAt = t.nextLivenessAt = t.nextStartupAt = undefined;
  t.startupDone = false;
  t.startupFailures = 0;
  if (rec.backoffCount > 0) {
    const wait = backoffMs(rec.backoffCount);
    rec.lastTermination = terminationOf(rec);
    rec.state = 'waiting';
    rec.backoffUntil = (rec.finishedAtMs! - (ctx.nowEpochMs - ctx.now)) + wait;
    rec.reason = 'CrashLoopBackOff';
    rec.message = `back-off ${backOffText(wait)} restarting failed container=${spec.name} pod=${podRef(ctx.pod)}`;
    ctx.event('Warning', 'BackOff', `Back-off restarting failed container ${spec.name} in pod ${podRef(ctx.pod)}`);
  } else {
    t.restartPending = true;
  }
  rec.backoffCount += 1;
  return undefined;
}

/** Advances one container as far as `ctx.now` allows; returns when it next needs a sync (absolute ms). */
export function syncContainer(ctx: ContainerSyncContext, spec: DeepReadonly<Container>, rec: ContainerRecord, t: ContainerTimers, restartPolicy: string): number | undefined {
  if (rec.state === 'running') return syncProbes(ctx, spec, rec, t);
  if (rec.state === 'terminated' && !t.restartPending) {
    const failed = (rec.exitCode ?? 0) !== 0;
    const restart = restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && failed);
    if (!restart) return undefined;
    const wake = noticeExit(ctx, spec, rec, t);
    if (wake !== undefined) return wake;
  }
  if (!rec.pulled) {
    const wake = syncPull(ctx, spec, rec, t);
    if (!rec.pulled) return wake;
  }
  if (rec.backoffUntil !== undefined && ctx.now < rec.backoffUntil && rec.reason === 'CrashLoopBackOff') return rec.backoffUntil;
  if (t.createAt === undefined) { t.createAt = after(ctx, KUBELET_TIMINGS.createContainer); return t.createAt; }
  if (ctx.now < t.createAt) return t.createAt;
  t.createAt = undefined;
  rec.backoffUntil = undefined;
  t.restartPending = undefined;
  const error = ctx.start(rec, spec);
  if (error) {
    if (rec.state === 'terminated') { rec.lastTermination = terminationOf(rec); rec.state = 'waiting'; }
    rec.reason = 'CreateContainerConfigError';
    rec.message = error;
    ctx.event('Warning', 'Failed', `Error: ${error}`);
    return ctx.now + 10_000;
  }
  // start() may have seen the process exit at once.
  if ((rec.state as string) !== 'running') return ctx.now;
  return syncProbes(ctx, spec, rec, t) ?? undefined;
}
