// The StatefulSet controller's pure helpers (pkg/controller/statefulset/stateful_set_utils.go): stable pod and claim
// names from ordinals, a pod's identity (hostname, subdomain, pod-name and pod-index labels) and storage, revisions.
// SIMPLIFIED: no ControllerRevision objects; a revision's name is `<set>-<hash of the pod template>`.
import type { DeepReadonly, K8sObject, PersistentVolumeClaim, Pod, PodTemplateSpec, StatefulSet } from '../model/types';
import { isPodReady } from '../model/pod';
import { clone } from '../core/clone';
import { podTemplateHash } from '../core/names';
import { podFromTemplate } from './replica-set';
import { isPodAvailable } from './replica-set-ranking';

export type STS = K8sObject & DeepReadonly<StatefulSet>;
export type P = K8sObject & DeepReadonly<Pod>;

/** apps.StatefulSetPodNameLabel. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel (the PodIndexLabel feature, GA and on in 1.34). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** apps.StatefulSetRevisionLabel (the same key as ControllerRevisionHashLabelKey). */
export const REVISION_LABEL = 'controller-revision-hash';

const STATEFUL_POD_REGEX = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → { parent: 'web', ordinal: 2 }; ordinal -1 when the name has none. Pure. */
export function parentAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const m = STATEFUL_POD_REGEX.exec(podName);
  if (!m) return { parent: '', ordinal: -1 };
  const ordinal = Number(m[2]);
  return { parent: m[1], ordinal: ordinal <= 2147483647 ? ordinal : -1 };
}

/** getOrdinal of a pod. Pure. */
export function ordinalOf(pod: { readonly metadata: { readonly name: string } }): number {
  return parentAndOrdinal(pod.metadata.name).ordinal;
}

/** isMemberOf: the pod's name says it belongs to this set. Pure. */
export function isMemberOf(set: STS, pod: { readonly metadata: { readonly name: string } }): boolean {
  return parentAndOrdinal(pod.metadata.name).parent === set.metadata.name;
}

/** getStartOrdinal: spec.ordinals.start, else 0. Pure. */
export function startOrdinal(set: STS): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** The number of replicas the set asks for (spec.replicas, default 1). Pure. */
export function replicasOf(set: STS): number {
  return set.spec?.replicas ?? 1;
}

/** getPodName: `<set>-<ordinal>`. Pure. */
export function statefulPodName(setName: string, ordinal: number): string {
  return `${setName}-${ordinal}`;
}

/** getPersistentVolumeClaimName: `<claim template>-<set>-<ordinal>`. Pure. */
export function claimNameFor(templateName: string, setName: string, ordinal: number): string {
  return `${templateName}-${setName}-${ordinal}`;
}

/** The name of the revision a pod template belongs to: `<set>-<hash>`, as pods carry it in controller-revision-hash. Pure. */
export function revisionNameOf(set: STS, template: DeepReadonly<PodTemplateSpec> | undefined): string {
  return `${set.metadata.name}-${podTemplateHash(template, set.status?.collisionCount ?? undefined)}`;
}

/** getPodRevision. Pure. */
export function podRevision(pod: DeepReadonly<Pod>): string {
  return pod.metadata?.labels?.[REVISION_LABEL] ?? '';
}

/** isCreated: the apiserver has given the pod a phase. Pure. */
export function isCreated(pod: DeepReadonly<Pod>): boolean {
  return !!pod.status?.phase;
}

/** isRunningAndReady: phase Running and the Ready condition True. Pure. */
export function isRunningAndReady(pod: DeepReadonly<Pod>): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** isRunningAndAvailable: available for minReadySeconds at `nowEpochMs`. Pure. */
export function isRunningAndAvailable(pod: DeepReadonly<Pod>, minReadySeconds: number, nowEpochMs: number): boolean {
  return isPodAvailable(pod, minReadySeconds, nowEpochMs);
}

/** isTerminating. Pure. */
export function isTerminatingPod(pod: DeepReadonly<Pod>): boolean {
  return !!pod.metadata?.deletionTimestamp;
}

/**
 * getPersistentVolumeClaims: one claim per volumeClaimTemplate, named for the ordinal, labelled with the template's
 * labels plus the set's selector matchLabels, in template order. Pure.
 */
export function claimsFor(set: STS, ordinal: number): (K8sObject & PersistentVolumeClaim)[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((template) => {
    const meta = template.metadata ?? {};
    const labels = { ...(meta.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) };
    return {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimNameFor(meta.name ?? '', set.metadata.name, ordinal), namespace: set.metadata.namespace,
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        ...(meta.annotations ? { annotations: clone({ ...meta.annotations }) } : {}),
      },
      spec: clone(template.spec ?? {}),
    } as K8sObject & PersistentVolumeClaim;
  });
}

/**
 * newStatefulSetPod + setPodRevision: the template's pod named `<set>-<ordinal>`, its identity (pod-name and
 * pod-index labels, hostname, subdomain = serviceName), a volume per claim template ahead of the template's
 * other volumes, and the revision label. Pure.
 */
export function newStatefulPod(set: STS, template: DeepReadonly<PodTemplateSpec> | undefined, ordinal: number, revision: string): K8sObject & Pod {
  const pod = podFromTemplate(template, set, set.metadata.namespace!) as K8sObject & Pod;
  const name = statefulPodName(set.metadata.name, ordinal);
  pod.metadata.name = name;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_LABEL]: revision };
  const spec = pod.spec!;
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const claimTemplates = (set.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? '');
  if (claimTemplates.length > 0) {
    const claimVolumes = claimTemplates.map((volumeName) => ({
      name: volumeName,
      persistentVolumeClaim: { claimName: claimNameFor(volumeName, set.metadata.name, ordinal) },
    }));
    spec.volumes = [...claimVolumes, ...(spec.volumes ?? []).filter((v) => !claimTemplates.includes(v.name))];
  }
  return pod;
}
