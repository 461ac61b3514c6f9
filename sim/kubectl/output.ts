// kubectl's structured printers: -o yaml (keys sorted, sequences not indented, as sigs.k8s.io/yaml writes),
// -o json (2-space indent), -o name, and the List wrapper for several objects.
import { stringify } from 'yaml';
import type { K8sObject } from '../model/types';
import { kindGroupName, resourceFor } from '../model/resources';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value as object).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sortKeys(v);
  }
  return out;
}

/** YAML as kubectl prints it. Pure. */
export function toYaml(value: unknown): string {
  return stringify(sortKeys(value), { indentSeq: false, lineWidth: 0, minContentWidth: 0, singleQuote: false, aliasDuplicateObjects: false });
}

/** JSON as kubectl prints it (keys in API order, 4-space indent). Pure. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

/** `pod/web-abc` or `deployment.apps/web`. Pure. */
export function objectName(obj: K8sObject): string {
  return `${kindGroupName(resourceFor(obj.kind))}/${obj.metadata.name}`;
}

/** The object kubectl prints for one or many results (`kind: List` for many). Pure. */
export function listOrObject(objects: readonly K8sObject[], single: boolean): unknown {
  if (single && objects.length === 1) return objects[0];
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}
