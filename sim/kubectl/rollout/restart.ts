// `kubectl rollout restart|pause|resume` (cmd/rollout, polymorphichelpers objectrestarter/objectpauser/objectresumer):
// restart stamps kubectl.kubernetes.io/restartedAt on the pod template; pause and resume flip spec.paused.
// SIMPLIFIED: restartedAt is written in UTC (`…Z`), as if the student's machine ran in UTC.
import type { K8sObject } from '../../model/types';
import { formatTimestamp } from '../../model/time';
import { clone } from '../../core/clone';
import { resourceGroupName } from '../../model/resources';
import type { ProgramContext } from '../../shell/program';
import { jsonEqual } from '../apply-patch';
import { nameLine, writeModified, type KubectlError, type Target } from '../patch';

/** The pod-template annotation `rollout restart` sets. */
export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** objectRestarter: the restartedAt annotation at `epochMs` (second precision), or the refusal text. Pure. */
export function restarted(obj: K8sObject, epochMs: number): K8sObject | string {
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) return 'restarting is not supported';
  const next = clone(obj) as K8sObject & { spec?: { paused?: boolean; template?: { metadata?: { annotations?: Record<string, string> } } } };
  if (obj.kind === 'Deployment' && next.spec?.paused) return "can't restart paused deployment (run rollout resume first)";
  const template = (next.spec!.template ??= {});
  template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [RESTARTED_AT]: formatTimestamp(epochMs) } };
  return next;
}

/** objectPauser / objectResumer: spec.paused set to `paused`, or the refusal text. Pure. */
export function pausedAs(obj: K8sObject, paused: boolean): K8sObject | string {
  if (obj.kind !== 'Deployment') return paused ? 'pausing is not supported' : 'resuming is not supported';
  const spec = (obj.spec ?? {}) as { paused?: boolean };
  if (paused && spec.paused) return 'is already paused';
  if (!paused && !spec.paused) return 'is not paused';
  const next = clone(obj) as K8sObject & { spec: { paused?: boolean } };
  if (paused) next.spec.paused = true; else delete next.spec.paused;
  return next;
}

/** Runs restart, pause or resume over the targets, collecting errors as the command's aggregate does. */
export function runSetter(ctx: ProgramContext, targets: readonly Target[], which: 'restart' | 'pause' | 'resume', dryRun: string | undefined, errors: KubectlError[]): void {
  const words = { restart: 'restarted', pause: 'paused', resume: 'resumed' } as const;
  for (const t of targets) {
    const next = which === 'restart' ? restarted(t.object, ctx.host.nowEpochMs()) : pausedAs(t.object, which === 'pause');
    if (typeof next === 'string') { errors.push({ message: `error: ${resourceGroupName(t.info)} "${t.name}" ${next}` }); continue; }
    if (which === 'restart' && jsonEqual(next, t.object)) {
      errors.push({ message: `failed to create patch for ${t.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another` });
      continue;
    }
    const res = writeModified(ctx, t, next, dryRun);
    if (!res.ok) { errors.push({ message: `failed to patch: ${res.status.message}` }); continue; }
    ctx.out(nameLine(t.info, t.name, words[which], dryRun));
  }
}
