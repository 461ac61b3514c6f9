// --field-selector: `field=value`, `field==value`, `field!=value`, comma-separated, over the fields the
// apiserver supports for the common kinds (metadata.name, metadata.namespace, status.phase, spec.nodeName, …).
import type { K8sObject } from '../model/types';

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

function fieldValue(obj: K8sObject, field: string): string | undefined {
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
