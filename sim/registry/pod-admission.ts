// The mutating admission plugins a new Pod passes through: ServiceAccount (default account and the projected
// `kube-api-access-<5>` token volume), Priority and DefaultTolerationSeconds.
import type { Rng } from '../core/rng';
import { generateName } from '../core/names';
import { arrayOf, isRecord } from './field-checks';

type Obj = Record<string, unknown>;

/** Where the ServiceAccount plugin mounts the token volume in every container. */
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The built-in PriorityClasses (scheduling/v1 SystemPriorityClasses). */
const SYSTEM_PRIORITIES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/** serviceaccount.TokenVolumeSource: token, CA bundle and namespace, projected with mode 0644. Pure. */
export function tokenVolume(name: string): Obj {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

/**
 * ServiceAccount admission: `default` account, and unless automount is off, a token volume mounted read-only in
 * every container that does not already mount something at the token path. Draws the volume name from `rng`.
 * SIMPLIFIED: the account is never looked up: a pod naming a missing account is admitted (the real plugin refuses
 * it), and the account's own automountServiceAccountToken is not consulted.
 */
export function admitServiceAccount(spec: Obj, rng: Rng): void {
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const name = generateName('kube-api-access-', rng);
  let needsVolume = false;
  for (const list of ['initContainers', 'containers']) {
    for (const c of arrayOf(spec[list])) {
      if (!isRecord(c)) continue;
      const mounts = arrayOf(c.volumeMounts);
      if (mounts.some((m) => isRecord(m) && m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) continue;
      c.volumeMounts = [...mounts, { mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name, readOnly: true }];
      needsVolume = true;
    }
  }
  if (needsVolume) spec.volumes = [...arrayOf(spec.volumes), tokenVolume(name)];
}

/**
 * Priority admission: the priority of the pod's PriorityClass (0 without one) and preemptionPolicy
 * PreemptLowerPriority.
 * SIMPLIFIED: only the two system PriorityClasses exist; any other class name gets priority 0.
 */
export function admitPriority(spec: Obj): void {
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  spec.priority = SYSTEM_PRIORITIES[className] ?? 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
}

function tolerates(tolerations: unknown[], key: string): boolean {
  return tolerations.some((t) => isRecord(t) && (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}

/** DefaultTolerationSeconds admission: tolerate not-ready and unreachable nodes for 300 s unless already tolerated. */
export function admitDefaultTolerations(spec: Obj): void {
  const tolerations = arrayOf<unknown>(spec.tolerations);
  const added: Obj[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(tolerations, key)) added.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
  }
  if (added.length > 0) spec.tolerations = [...tolerations, ...added];
}
