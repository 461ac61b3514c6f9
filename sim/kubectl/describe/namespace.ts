// `kubectl describe namespace` (describe.go describeNamespace): labels, annotations, phase, conditions, then the
// resource quotas and limit ranges (none in kubesim). Namespaces show no Events section.
import type { K8sObject } from '../../model/types';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';

type Any = Record<string, any>;

/** The describe text of a Namespace. Pure. */
export function describeNamespace(obj: K8sObject): string {
  const ns = obj as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  if ((ns.status?.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of ns.status.conditions as Any[]) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  // SIMPLIFIED: kubesim serves no ResourceQuota or LimitRange objects, so both lists are always empty.
  w.write(0, '\n');
  w.write(0, 'No resource quota.\n');
  w.write(0, '\n');
  w.write(0, 'No LimitRange resource.\n');
  return w.toString();
}
