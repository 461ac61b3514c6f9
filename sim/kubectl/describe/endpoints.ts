// `kubectl describe endpoints` (describe.go describeEndpoints): each subset's ready and not-ready addresses and
// its ports table, a blank line after each subset, then Events.
import type { K8sObject } from '../../model/types';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';

type Any = Record<string, any>;

/** The describe text of an Endpoints object. Pure. */
export function describeEndpoints(obj: K8sObject, events: readonly Any[] | null, nowEpochMs: number): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const s of ((obj as Any).subsets ?? []) as Any[]) {
    const ready = ((s.addresses ?? []) as Any[]).map((a) => a.ip).join(',');
    const notReady = ((s.notReadyAddresses ?? []) as Any[]).map((a) => a.ip).join(',');
    w.write(1, `Addresses:\t${ready || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
    if ((s.ports ?? []).length > 0) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of s.ports as Any[]) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}
