// --field-selector: `field=value`, `field==value`, `field!=value`, comma-separated, over the fields the
// apiserver supports for the common kinds (metadata.name, metadata.namespace, status.phase, spec.nodeName, …).
import type { K8sObject, Kind } from '../model/types';

export interface FieldRequirement {
  readonly field: string;
  readonly negate: boolean;
  readonly value: string;
}

/** Parses a field selector. Pure. */
export function parseFieldSelector(text: string): { ok: true; requirements: FieldRequirement[] } | { ok: false; error: string } {
  const requirements: FieldRequirement[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_.]+)\s*(!=|==|=)\s*(.*)$/.exec(part);
    if (!m) return { ok: false, error: `invalid selector: '${text}'; can't understand '${part}'` };
    requirements.push({ field: m[1], negate: m[2] === '!=', value: m[3] });
  }
  return { ok: true, requirements };
}

/** The field labels a kind's conversion function accepts (kubernetes pkg/apis/core/v1/conversion.go). */
const FIELD_LABELS: Partial<Record<Kind, readonly string[]>> = {
  Pod: ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName',
    'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  Node: ['metadata.name', 'spec.unschedulable'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion',
    'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type',
    'metadata.namespace', 'metadata.name'],
  Namespace: ['status.phase', 'metadata.name'],
  Secret: ['type', 'metadata.namespace', 'metadata.name'],
  Service: ['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'],
};

/** Kinds with no conversion function of their own: runtime.DefaultMetaV1FieldSelectorConversion applies. */
const METADATA_ONLY: ReadonlySet<Kind> = new Set<Kind>(['ConfigMap', 'Endpoints', 'PersistentVolumeClaim', 'PersistentVolume', 'EndpointSlice', 'StorageClass', 'Deployment', 'DaemonSet', 'ServiceAccount']);

/**
 * The apiserver's refusal of a field label `kind` does not support (ConvertFieldLabel), or undefined.
 * SIMPLIFIED: ReplicaSet and StatefulSet selectors are not checked. Pure.
 */
export function unsupportedFieldLabel(kind: Kind, reqs: readonly FieldRequirement[]): string | undefined {
  const allowed = FIELD_LABELS[kind];
  for (const r of reqs) {
    if (allowed) {
      if (!allowed.includes(r.field)) return `field label not supported: ${r.field}`;
    } else if (METADATA_ONLY.has(kind) && r.field !== 'metadata.name' && r.field !== 'metadata.namespace') {
      return `"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
    }
  }
  return undefined;
}

function fieldValue(obj: K8sObject, field: string): string | undefined {
  const o = obj as unknown as Record<string, any>;
  // The selectable fields the registries compute rather than read verbatim (GetAttrs / ToSelectableFields).
  if (obj.kind === 'Event' && field === 'source') return o.source?.component ?? '';
  if (obj.kind === 'Node' && field === 'spec.unschedulable') return String(o.spec?.unschedulable === true);
  if (obj.kind === 'Pod' && field === 'spec.hostNetwork') return String(o.spec?.hostNetwork === true);
  let cur: unknown = obj;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/** Whether `obj` satisfies every requirement. Pure. */
export function matchesFieldSelector(obj: K8sObject, reqs: readonly FieldRequirement[]): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) !== r.negate);
}
