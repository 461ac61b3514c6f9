// `kubectl describe replicaset` and `daemonset` (describe.go describeReplicaSet, describeDaemonSet): selector,
// controller, replica or node counts, the phases of the pods it controls, pod template, conditions and Events.
import type { K8sObject } from '../../model/types';
import type { ObjectStore } from '../../core/store';
import { formatLabels, formatSelector, requirementsOf } from '../../model/labels';
import { writePodTemplate } from './pod-template';
import { controllerOf, DescribeWriter, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';

type Any = Record<string, any>;

/** getPodStatusForController: phases of the selected pods whose controller is `owner`. */
export function podPhases(store: ObjectStore, owner: K8sObject): { running: number; waiting: number; succeeded: number; failed: number } {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  const selector = (owner as Any).spec?.selector;
  for (const p of store.select('Pod', owner.metadata.namespace, requirementsOf(selector)) as Any[]) {
    if (!(p.metadata.ownerReferences ?? []).some((r: Any) => r.controller && r.uid === owner.metadata.uid)) continue;
    const phase = p.status?.phase;
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.waiting++;
    else if (phase === 'Succeeded') counts.succeeded++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}

/** The describe text of a ReplicaSet. Pure. */
export function describeReplicaSet(obj: K8sObject, phases: ReturnType<typeof podPhases>, events: readonly Any[] | null, nowEpochMs: number): string {
  const rs = obj as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatSelector(rs.spec?.selector)}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  const controller = controllerOf(obj.metadata as Any);
  if (controller) w.write(0, `Controlled By:\t${controller}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(0, 'Pods Status:\t');
  w.write(0, `${phases.running} Running / ${phases.waiting} Waiting / ${phases.succeeded} Succeeded / ${phases.failed} Failed\n`);
  writePodTemplate(w, rs.spec?.template);
  if ((rs.status?.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of rs.status.conditions as Any[]) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}

/** The describe text of a DaemonSet (describe.go describeDaemonSet). Pure. */
export function describeDaemonSet(obj: K8sObject, phases: ReturnType<typeof podPhases>, events: readonly Any[] | null, nowEpochMs: number): string {
  const ds = obj as Any;
  const st = ds.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatSelector(ds.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${phases.running} Running / ${phases.waiting} Waiting / ${phases.succeeded} Succeeded / ${phases.failed} Failed\n`);
  writePodTemplate(w, ds.spec?.template);
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}
