// kubectl describe for ConfigMaps and Secrets (describe.go), and the generic describer (genericDescriber,
// printUnstructuredContent) for the kinds kubesim has no dedicated describer for: every field, labelled in words.
import type { K8sObject } from '../../model/types';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';

type Any = Record<string, any>;

/** fatih/camelcase.Split. Pure. */
export function camelSplit(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const r of src) {
    const cls = /\p{Ll}/u.test(r) ? 1 : /\p{Lu}/u.test(r) ? 2 : /\p{Nd}/u.test(r) ? 3 : 4;
    if (cls === last) runs[runs.length - 1].push(r); else runs.push([r]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (/\p{Lu}/u.test(runs[i][0]) && /\p{Ll}/u.test(runs[i + 1][0])) runs[i + 1].unshift(runs[i].pop()!);
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: `creationTimestamp` → `Creation Timestamp`, `uid` → `UID`. Pure. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field).filter((p) => p !== '_').map((p) => (['API', 'URL', 'UID', 'OSB', 'GUID'].includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1))).join(' ');
}

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

function scalarText(v: unknown): string {
  return v === null || v === undefined ? '<nil>' : String(v);
}

function writeContent(w: DescribeWriter, level: number, content: Any, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path) || value === undefined) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) writeContent(w, level + 1, child, path);
        else w.write(level + 1, `${scalarText(child)}\n`);
      }
    } else if (value !== null && typeof value === 'object') {
      w.write(level, `${smartLabel(field)}:\n`);
      writeContent(w, level + 1, value, path);
    } else w.write(level, `${smartLabel(field)}:\t${scalarText(value)}\n`);
  }
}

/** The generic describe text of any object. Pure. */
export function describeGeneric(obj: K8sObject, events: readonly Any[] | null, nowEpochMs: number): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  writeContent(w, 0, obj as Any, '');
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}

function base64Length(b64: string): number {
  const clean = b64.replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}

/** The describe text of a ConfigMap (keys sorted) or a Secret (sizes only). Pure. */
export function describeConfig(obj: K8sObject, events: readonly Any[] | null, nowEpochMs: number): string {
  const o = obj as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  if (obj.kind === 'Secret') {
    w.write(0, `\nType:\t${o.type ?? ''}\n`);
    w.write(0, '\nData\n====\n');
    for (const k of Object.keys(o.data ?? {}).sort()) w.write(0, `${k}:\t${base64Length(o.data[k])} bytes\n`);
    return w.toString();
  }
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(o.data ?? {}).sort()) w.write(0, `${k}:\n----\n${o.data[k]}\n\n`);
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(o.binaryData ?? {}).sort()) w.write(0, `${k}: ${base64Length(o.binaryData[k])} bytes\n`);
  w.write(0, '\n');
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}
