// `kubectl describe statefulset` (kubectl describe.go describeStatefulSet, describeVolumeClaimTemplates): selector,
// replica counts, update strategy, the phases of its pods, the pod template, the volume claim templates, Events.
import type { K8sObject } from '../../model/types';
import { formatSelector } from '../../model/labels';
import { writePodTemplate } from './pod-template';
import type { podPhases } from './replicaset';
import { claimClass } from './storage';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';

type Any = Record<string, any>;

/** describeVolumeClaimTemplates: name, class, labels, annotations, requested size and Go's `[Mode …]` list. */
function writeClaimTemplates(w: DescribeWriter, templates: readonly Any[]): void {
  if (templates.length === 0) { w.write(0, 'Volume Claims:\t<none>\n'); return; }
  w.write(0, 'Volume Claims:\n');
  for (const t of templates) {
    w.write(1, `Name:\t${t.metadata?.name ?? ''}\n`);
    w.write(1, `StorageClass:\t${claimClass(t)}\n`);
    writeLabels(w, 'Labels', t.metadata?.labels, '  ');
    writeLabels(w, 'Annotations', t.metadata?.annotations, '  ');
    const storage = t.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${storage === undefined ? '<default>' : String(storage)}\n`);
    w.write(1, `Access Modes:\t[${((t.spec?.accessModes ?? []) as string[]).join(' ')}]\n`);
  }
}

/** The describe text of a StatefulSet. Pure. */
export function describeStatefulSet(obj: K8sObject, phases: ReturnType<typeof podPhases>, events: readonly Any[] | null, nowEpochMs: number): string {
  const sts = obj as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${formatSelector(sts.spec?.selector)}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Replicas:\t${sts.spec?.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
  const strategy = sts.spec?.updateStrategy ?? {};
  w.write(0, `Update Strategy:\t${strategy.type ?? 'RollingUpdate'}\n`);
  const partition = strategy.rollingUpdate?.partition;
  if (partition !== undefined && partition !== null) {
    w.write(1, `Partition:\t${partition}\n`);
    if (strategy.rollingUpdate.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${strategy.rollingUpdate.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${phases.running} Running / ${phases.waiting} Waiting / ${phases.succeeded} Succeeded / ${phases.failed} Failed\n`);
  writePodTemplate(w, sts.spec?.template);
  writeClaimTemplates(w, sts.spec?.volumeClaimTemplates ?? []);
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}
