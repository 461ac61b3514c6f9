// Who owns a pod, as the garbage collector's ownerReferences chain says: Pod → ReplicaSet → Deployment (with the
// ReplicaSet's `deployment.kubernetes.io/revision`), or a DaemonSet, StatefulSet or bare ReplicaSet.
import type { K8sObject, Pod, ReplicaSet, Stored } from '../../../sim/model/types';
import { controllerOf } from '../../../sim/model/pod';
import { objectKey } from '../../../sim/model/keys';
import type { ObjectsByKey } from '../../lib/cluster-view';
import { revisionColour, UNOWNED_COLOUR } from './palette';

export interface OwnerInfo {
  /** The pod's direct controller (`ReplicaSet/default/web-5f7d8c9b4`), or the pod itself when unowned. */
  readonly key: string;
  /** The workload a replacement pod belongs to: the Deployment when there is one, else the direct controller. */
  readonly groupKey: string | undefined;
  /** Display name of the workload (`web`, `kube-proxy`), empty for bare pods. */
  readonly workload: string;
  readonly workloadKind: string | undefined;
  /** Deployment revision of the pod's ReplicaSet, when it belongs to a Deployment. */
  readonly revision: number | undefined;
  /** The pod-template-hash of its ReplicaSet. */
  readonly hash: string | undefined;
  /** The short tag printed on the token so colour is never the only signal: `r2 5f7d8c9b4`, `ds`, `—`. */
  readonly tag: string;
  readonly colour: string;
}

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

const UNOWNED: Omit<OwnerInfo, 'key'> = {
  groupKey: undefined, workload: '', workloadKind: undefined, revision: undefined, hash: undefined, tag: '—', colour: UNOWNED_COLOUR,
};

/** The Deployment revision a ReplicaSet carries (undefined when absent or malformed). Pure. */
export function revisionOf(rs: { readonly metadata: { readonly annotations?: Readonly<Record<string, string>> } }): number | undefined {
  const text = rs.metadata.annotations?.[REVISION_ANNOTATION];
  const n = text === undefined ? Number.NaN : Number(text);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Owner, revision, tag and colour of a pod, looking its ReplicaSet up in `replicaSets` (the view's map). Pure. */
export function ownerOf(pod: Stored<Pod>, replicaSets: ObjectsByKey): OwnerInfo {
  const ns = pod.metadata.namespace ?? '';
  const ref = controllerOf(pod);
  if (!ref) return { key: objectKey('Pod', ns, pod.metadata.name), ...UNOWNED };
  const key = objectKey(ref.kind as K8sObject['kind'], ns, ref.name);
  if (ref.kind !== 'ReplicaSet') {
    const tag = ref.kind === 'DaemonSet' ? 'ds' : ref.kind === 'StatefulSet' ? 'sts' : ref.kind.toLowerCase();
    return {
      key, groupKey: key, workload: ref.name, workloadKind: ref.kind, revision: undefined, hash: undefined, tag,
      colour: revisionColour(`${ns}/${ref.name}`, 1),
    };
  }
  const rs = replicaSets.get(key) as Stored<ReplicaSet> | undefined;
  const hash = pod.metadata.labels?.['pod-template-hash'] ?? rs?.metadata.labels?.['pod-template-hash'];
  const deployment = rs ? controllerOf(rs) : undefined;
  if (!rs || deployment?.kind !== 'Deployment') {
    return {
      key, groupKey: key, workload: ref.name, workloadKind: 'ReplicaSet', revision: undefined, hash, tag: hash ? `rs ${hash}` : 'rs',
      colour: revisionColour(`${ns}/${ref.name}`, 1),
    };
  }
  const revision = revisionOf(rs);
  return {
    key, groupKey: objectKey('Deployment', ns, deployment.name), workload: deployment.name, workloadKind: 'Deployment',
    revision, hash, tag: `r${revision ?? '?'}${hash ? ` ${hash}` : ''}`,
    colour: revisionColour(`${ns}/${deployment.name}`, revision ?? 1),
  };
}
