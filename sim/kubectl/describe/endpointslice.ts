// `kubectl describe endpointslice` (kubectl describe.go describeEndpointSliceV1): address type, the ports table,
// one `- Addresses:` block per endpoint with its Ready condition, hostname, target, node and zone, then Events.
import type { K8sObject } from '../../model/types';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';

type Any = Record<string, any>;

function orUnset(v: unknown): string {
  return v === undefined || v === null ? '<unset>' : String(v);
}

/** The describe text of an EndpointSlice. Pure. */
export function describeEndpointSlice(obj: K8sObject, events: readonly Any[] | null, nowEpochMs: number): string {
  const eps = obj as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `AddressType:\t${eps.addressType ?? ''}\n`);
  const ports = (eps.ports ?? []) as Any[];
  if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of ports) w.write(1, `${p.name ? p.name : '<unset>'}\t${orUnset(p.port)}\t${p.protocol ?? 'TCP'}\n`);
  }
  const endpoints = (eps.endpoints ?? []) as Any[];
  if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of endpoints) {
      w.write(1, `- Addresses:\t${((e.addresses ?? []) as string[]).join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${orUnset(e.conditions?.ready)}\n`);
      w.write(2, `Hostname:\t${orUnset(e.hostname)}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${orUnset(e.nodeName)}\n`);
      w.write(2, `Zone:\t${orUnset(e.zone)}\n`);
    }
  }
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}
