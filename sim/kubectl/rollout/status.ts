// `kubectl rollout status` (cmd/rollout/rollout_status.go, polymorphichelpers/rollout_status.go): one status line
// per Added/Modified watch event of the object, until the rollout is done, it is deleted, or --timeout passes.
import type { K8sObject } from '../../model/types';
import type { ProgramContext, Wait } from '../../shell/program';
import { flag, type ParsedFlags } from '../flags';
import { parseGoDuration } from '../wait';
import type { Target } from '../patch';

/** A status viewer's answer: the line to print and whether the rollout is done, or an error. */
export type StatusResult = { readonly message: string; readonly done: boolean } | { readonly error: string };

interface Workload {
  metadata: { name: string; generation?: number; annotations?: Record<string, string> };
  spec?: { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  status?: {
    observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number; readyReplicas?: number;
    currentReplicas?: number; updateRevision?: string; currentRevision?: string; conditions?: { type: string; reason?: string }[];
    desiredNumberScheduled?: number; updatedNumberScheduled?: number; numberAvailable?: number;
  };
}

/** DeploymentStatusViewer.Status: the waiting line, done, or an error (progress deadline, revision mismatch). Pure. */
export function deploymentStatus(obj: K8sObject, revision = 0): StatusResult {
  const d = obj as unknown as Workload;
  const name = d.metadata.name;
  if (revision > 0) {
    const text = d.metadata.annotations?.['deployment.kubernetes.io/revision'];
    const current = text === undefined ? 0 : Number(text);
    if (current !== revision) return { error: `desired revision (${revision}) is different from the running revision (${current})` };
  }
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  if ((st.conditions ?? []).some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return { error: `deployment "${name}" exceeded its progress deadline` };
  const replicas = d.spec?.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  if (updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
  if ((st.replicas ?? 0) > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
  if ((st.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}

/** DaemonSetStatusViewer.Status. Pure. */
export function daemonSetStatus(obj: K8sObject): StatusResult {
  const d = obj as unknown as Workload;
  if ((d.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' };
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const desired = st.desiredNumberScheduled ?? 0;
  if ((st.updatedNumberScheduled ?? 0) < desired) return { message: `Waiting for daemon set "${d.metadata.name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
  if ((st.numberAvailable ?? 0) < desired) return { message: `Waiting for daemon set "${d.metadata.name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
  return { message: `daemon set "${d.metadata.name}" successfully rolled out\n`, done: true };
}

/** StatefulSetStatusViewer.Status. Pure. */
export function statefulSetStatus(obj: K8sObject): StatusResult {
  const s = obj as unknown as Workload;
  const strategy = s.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' };
  const st = s.status ?? {};
  if (!st.observedGeneration || (s.metadata.generation ?? 0) > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = s.spec?.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < replicas) return { message: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  const partition = strategy?.rollingUpdate?.partition;
  if (strategy?.rollingUpdate) {
    if (partition !== undefined && (st.updatedReplicas ?? 0) < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision ?? ''}...\n`, done: false };
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...\n`, done: true };
}

/** StatusViewerFor: the viewer of a kind, or the "no status viewer" error text. Pure. */
export function statusViewerFor(kind: string): ((obj: K8sObject, revision: number) => StatusResult) | string {
  if (kind === 'Deployment') return deploymentStatus;
  if (kind === 'DaemonSet') return daemonSetStatus;
  if (kind === 'StatefulSet') return statefulSetStatus;
  return `no status viewer has been implemented for ${kind}${kind === 'ReplicaSet' ? '.apps' : ''}`;
}

/** Watches one object (UntilWithSync on metadata.name) and prints its status on every event. */
export function* rolloutStatus(ctx: ProgramContext, f: ParsedFlags, target: Target): Generator<Wait, number, void> {
  const viewer = statusViewerFor(target.info.kind);
  if (typeof viewer === 'string') { ctx.err(`error: ${viewer}\n`); return 1; }
  const revision = Number(flag(f, 'revision') ?? '0');
  if (!Number.isInteger(revision) || revision < 0) { ctx.err(`error: revision must be a positive integer: ${flag(f, 'revision')}\n`); return 1; }
  const timeout = parseGoDuration(flag(f, 'timeout') ?? '0s');
  if (timeout === undefined) { ctx.err(`error: invalid argument "${flag(f, 'timeout')}" for "--timeout" flag: time: invalid duration "${flag(f, 'timeout')}"\n`); return 1; }
  const watch = flag(f, 'watch') !== 'false';
  const deadline = timeout > 0 ? ctx.host.now() + timeout : undefined;
  const store = ctx.host.store;
  const key = `${target.info.kind}/${target.namespace ?? ''}/${target.name}`;
  const show = (obj: K8sObject): number | undefined => {
    const r = viewer(obj, revision);
    if ('error' in r) { ctx.err(`error: ${r.error}\n`); return 1; }
    ctx.out(r.message);
    return r.done || !watch ? 0 : undefined;
  };
  const first = show(target.object);
  if (first !== undefined) return first;
  let since = store.resourceVersion;
  for (;;) {
    yield { kind: 'change', timeoutAt: deadline };
    // The change log is the watch; if it no longer reaches back (a very busy cluster), relist as the informer would.
    const current = store.get(key);
    const changes = store.changesSince(since) ?? [current ? { key, type: 'MODIFIED' as const, object: current } : { key, type: 'DELETED' as const, object: target.object }];
    since = store.resourceVersion;
    for (const c of changes) {
      if (c.key !== key) continue;
      if (c.type === 'DELETED') { ctx.err('error: object has been deleted\n'); return 1; }
      const code = show(c.object);
      if (code !== undefined) return code;
    }
    if (deadline !== undefined && ctx.host.now() >= deadline) { ctx.err('error: timed out waiting for the condition\n'); return 1; }
  }
}
