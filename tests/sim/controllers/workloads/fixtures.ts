// Fixtures for the workload controller tests: manifests, a minimal kubelet stand-in that reports pods Running and
// Ready (and finishes graceful deletions), and functions to read what the controllers wrote.
import type { Controller, ReconcileContext } from '../../../../sim/core/controller';
import type { DaemonSet, DeepReadonly, Deployment, K8sObject, Pod, ReplicaSet } from '../../../../sim/model/types';
import { formatTimestamp } from '../../../../sim/model/time';
import { clone } from '../../../../sim/core/clone';
import { objectKey } from '../../../../sim/model/keys';
import type { Harness } from '../../../helpers/harness';

export type StoredPod = K8sObject & DeepReadonly<Pod>;
export type StoredRS = K8sObject & DeepReadonly<ReplicaSet>;
export type StoredDeployment = K8sObject & DeepReadonly<Deployment>;
export type StoredDaemonSet = K8sObject & DeepReadonly<DaemonSet>;

/** A Deployment with every field the apiserver would default given explicitly. */
export function deploymentManifest(name: string, opts: {
  replicas?: number; image?: string; strategy?: 'RollingUpdate' | 'Recreate'; maxSurge?: number | string;
  maxUnavailable?: number | string; revisionHistoryLimit?: number; progressDeadlineSeconds?: number; paused?: boolean;
  minReadySeconds?: number; namespace?: string; podFinalizers?: string[];
} = {}): K8sObject {
  const strategy = (opts.strategy ?? 'RollingUpdate') === 'RollingUpdate'
    ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: opts.maxSurge ?? '25%', maxUnavailable: opts.maxUnavailable ?? '25%' } }
    : { type: 'Recreate' };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec: {
      replicas: opts.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...(opts.podFinalizers ? { finalizers: opts.podFinalizers } : {}) },
        spec: { containers: [{ name: 'app', image: opts.image ?? 'nginx:1.25' }] },
      },
      strategy,
      revisionHistoryLimit: opts.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: opts.progressDeadlineSeconds ?? 600,
      ...(opts.minReadySeconds ? { minReadySeconds: opts.minReadySeconds } : {}),
      ...(opts.paused ? { paused: true } : {}),
    },
  };
}

/** The stored object for `kind/namespace/name`, failing the test if it is missing. */
export function mustGet<T extends K8sObject>(h: Harness, kind: K8sObject['kind'], name: string, namespace = 'default'): T {
  const obj = h.store.get(objectKey(kind, namespace, name));
  if (!obj) throw new Error(`${kind} ${namespace}/${name} not found`);
  return obj as T;
}

/** Applies `change` to a copy of the stored object and writes it as a user would (kubectl edit). */
export function edit<T extends K8sObject>(h: Harness, kind: K8sObject['kind'], name: string, change: (obj: T) => void, namespace = 'default'): T {
  const copy = clone(mustGet<T>(h, kind, name, namespace));
  change(copy);
  const res = h.api.update(copy);
  if (!res.ok) throw new Error(res.status.message);
  return res.object as T;
}

/** Sets the first container's image of a Deployment or DaemonSet template (kubectl set image). */
export function setImage(h: Harness, kind: 'Deployment' | 'DaemonSet', name: string, image: string, namespace = 'default'): void {
  edit<K8sObject & { spec: Deployment['spec'] }>(h, kind, name, (obj) => { obj.spec!.template.spec!.containers[0].image = image; }, namespace);
}

/** ReplicaSets in a namespace, sorted by name. */
export function replicaSets(h: Harness, namespace = 'default'): StoredRS[] {
  return h.store.list<StoredRS>('ReplicaSet', namespace);
}

/** Pods in a namespace, sorted by name. */
export function pods(h: Harness, namespace = 'default'): StoredPod[] {
  return h.store.list<StoredPod>('Pod', namespace);
}

/** Events recorded so far as `Reason: message` lines, optionally only one reason. */
export function eventLines(h: Harness, reason?: string): string[] {
  return h.trace.entries.flatMap((e) => (e.type === 'event' && (!reason || e.reason === reason) ? [`${e.reason}: ${e.message}`] : []));
}

/** The Ready condition, phase Running and ready container statuses a kubelet reports for a started pod. */
export function runningReadyStatus(pod: StoredPod, nowEpochMs: number, ready = true): Pod['status'] {
  const t = formatTimestamp(nowEpochMs);
  const status = ready ? 'True' : 'False';
  return {
    phase: 'Running',
    conditions: [
      { type: 'Initialized', status: 'True', lastTransitionTime: t },
      { type: 'Ready', status, lastTransitionTime: t },
      { type: 'ContainersReady', status, lastTransitionTime: t },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: t },
    ],
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name, image: c.image ?? '', imageID: '', ready, restartCount: 0, started: true, state: { running: { startedAt: t } },
    })),
    startTime: t,
  };
}

/** Writes a Running status for one pod as the kubelet would. */
export function markRunning(h: Harness, pod: StoredPod, ready = true): void {
  h.apiServer.as('kubelet').updateStatus(pod, runningReadyStatus(pod, h.clock.nowEpochMs, ready));
}

/**
 * A stand-in for the kubelet: `startMs` after it first sees a pod, reports it Running, and Ready unless
 * `ready(pod)` says no; a terminating pod is removed `terminateMs` after its deletion starts.
 */
export function kubeletStub(opts: { startMs?: number; terminateMs?: number; ready?: (pod: StoredPod) => boolean } = {}): Controller {
  const firstSeen = new Map<string, number>();
  const startMs = opts.startMs ?? 1000;
  const terminateMs = opts.terminateMs ?? 500;
  return {
    name: 'kubelet', latencyMs: 1, watches: [{ kind: 'Pod' }],
    reconcile(key: string, ctx: ReconcileContext) {
      const pod = ctx.store.get(key) as StoredPod | undefined;
      if (!pod) return;
      const seen = firstSeen.get(`${pod.metadata.uid}${pod.metadata.deletionTimestamp ?? ''}`) ?? ctx.now;
      firstSeen.set(`${pod.metadata.uid}${pod.metadata.deletionTimestamp ?? ''}`, seen);
      if (pod.metadata.deletionTimestamp) {
        if (ctx.now < seen + terminateMs) return { requeueAfterMs: seen + terminateMs - ctx.now };
        if (pod.metadata.finalizers?.length) return;
        ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
        return;
      }
      if (pod.status?.phase === 'Running') return;
      if (ctx.now < seen + startMs) return { requeueAfterMs: seen + startMs - ctx.now };
      ctx.api.updateStatus(pod, runningReadyStatus(pod, ctx.nowEpochMs, opts.ready ? opts.ready(pod) : true));
    },
  };
}
