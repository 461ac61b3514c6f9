// `kubectl describe deployment` (describe.go describeDeployment): replicas summary, strategy, pod template,
// conditions, the old and new ReplicaSets, and Events.
import type { K8sObject } from '../../model/types';
import type { ObjectStore } from '../../core/store';
import { formatSelector } from '../../model/labels';
import { writePodTemplate } from './pod-template';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';

type Any = Record<string, any>;

const REVISION = 'deployment.kubernetes.io/revision';

function rsList(list: readonly Any[]): string {
  const text = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return text === '' ? '<none>' : text;
}

/** The Deployment's ReplicaSets split into old ones and the new one (matching the current revision). */
export function replicaSetsOf(store: ObjectStore, deploy: K8sObject): { oldRSs: Any[]; newRSs: Any[] } {
  const owned = store.ownedBy(deploy.metadata.uid ?? '', 'ReplicaSet').filter((rs) =>
    (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === deploy.metadata.uid)) as Any[];
  const revision = deploy.metadata.annotations?.[REVISION];
  const newRS = owned.find((rs) => rs.metadata.annotations?.[REVISION] === revision);
  return { oldRSs: owned.filter((rs) => rs !== newRS), newRSs: newRS ? [newRS] : [] };
}

/** The describe text of a Deployment. Pure. */
export function describeDeployment(obj: K8sObject, rss: { oldRSs: Any[]; newRSs: Any[] }, events: readonly Any[] | null, nowEpochMs: number): string {
  const d = obj as Any;
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? 0} max unavailable, ${ru.maxSurge ?? 0} max surge\n`);
  writePodTemplate(w, spec.template);
  if ((st.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions as Any[]) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  if (rss.oldRSs.length > 0 || rss.newRSs.length > 0) {
    w.write(0, `OldReplicaSets:\t${rsList(rss.oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${rsList(rss.newRSs)}\n`);
  }
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}
