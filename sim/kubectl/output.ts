// kubectl's structured printers for the write verbs: -o yaml and -o json (the Go printers), -o name, and the
// List wrapper for several objects.
import { toGoYaml } from './printers/go-yaml';
import { toGoJson } from './printers/go-json';
import type { K8sObject } from '../model/types';
import { kindGroupName, resourceFor } from '../model/resources';

/** YAML as kubectl prints it (go-yaml v2 through sigs.k8s.io/yaml: sorted keys, Go's quoting). Pure. */
export function toYaml(value: unknown): string {
  return toGoYaml(value);
}

/** JSON as kubectl prints it (encoding/json: sorted keys, 4-space indent, HTML-safe escapes). Pure. */
export function toJson(value: unknown): string {
  return toGoJson(value);
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
