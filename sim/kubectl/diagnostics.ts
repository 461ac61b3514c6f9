// What the editor shows under a manifest as the student types: the errors `kubectl apply -f` would print for it
// (YAML syntax, unknown kind, wrong field types, unknown fields, validation), placed at the line they concern.
// Read-only: nothing is stored and no random stream of the simulation is touched.
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import type { K8sObject } from '../model/types';
import { apiVersionOf, isKind, resourceFor } from '../model/resources';
import type { ObjectStore } from '../core/store';
import { Rng } from '../core/rng';
import { clone } from '../core/clone';
import { strategies } from '../registry';
import { validateObjectMeta } from '../registry/object-meta';
import { decodeErrorOf } from '../registry/schema/decode-types';
import { unknownFieldsOf } from '../registry/schema/unknown-fields';
import { ClusterIPAllocator, NodePortAllocator } from '../registry/service-allocators';
import { parseCidr } from '../net/ipv4';

export interface Diagnostic {
  /** 1-based line and column where the problem is. */
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** `spec.ports[0].port` → ['spec', 'ports', 0, 'port']. Pure. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) { out.push(part); continue; }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].match(/\d+/g) ?? []) out.push(Number(idx));
  }
  return out;
}

/** The source offset of the deepest part of `path` in the document: a map entry's key, or a list item. */
function offsetOf(doc: Document, path: (string | number)[]): number {
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const last = path[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return range[0];
    } else if (isSeq(parent) && typeof last === 'number') {
      const range = (parent.items[last] as { range?: [number, number, number] } | undefined)?.range;
      if (range) return range[0];
    }
  }
  return (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
}

const scratch = {
  rng: Rng.seeded('kubesim-diagnostics'),
};

/** The problems of a manifest file's text, as kubectl apply would report them, by line. */
export function diagnoseManifest(text: string, store: ObjectStore): Diagnostic[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, prettyErrors: false, lineCounter: lines });
  const out: Diagnostic[] = [];
  const at = (offset: number, message: string, severity: Diagnostic['severity'] = 'error'): void => {
    const pos = lines.linePos(offset);
    out.push({ line: pos.line, column: pos.col, severity, message });
  };
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) at(e.pos[0], `yaml: ${e.message.split('\n')[0]}`);
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const obj = value as Record<string, unknown>;
    const kind = typeof obj.kind === 'string' ? obj.kind : '';
    if (!kind) { at(offsetOf(doc, []), "Object 'Kind' is missing"); continue; }
    const version = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
    if (!isKind(kind) || apiVersionOf(resourceFor(kind)) !== version) {
      at(offsetOf(doc, ['kind']), `no matches for kind "${kind}" in version "${version}"`);
      continue;
    }
    const decode = decodeErrorOf(kind, obj);
    if (decode) {
      const path = /Go struct field [^.]+\.(\S+) of type/.exec(decode)?.[1] ?? '';
      at(offsetOf(doc, pathSegments(path)), decode);
      continue;
    }
    const unknown = unknownFieldsOf(kind, obj);
    for (const path of unknown) at(offsetOf(doc, pathSegments(path)), `unknown field "${path}"`);
    if (unknown.length > 0) continue;
    for (const e of validationErrors(obj as unknown as K8sObject, store)) at(offsetOf(doc, pathSegments(e.field)), `${e.field}: ${e.message}`);
  }
  return out;
}

function validationErrors(input: K8sObject, store: ObjectStore): { field: string; message: string }[] {
  const info = resourceFor(input.kind);
  const obj = clone(input);
  obj.metadata = obj.metadata ?? ({} as K8sObject['metadata']);
  if (!obj.metadata.name && !obj.metadata.generateName) return [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }];
  if (!obj.metadata.name) obj.metadata.name = `${obj.metadata.generateName}xxxxx`;
  if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
  const strategy = strategies[obj.kind] ?? {};
  strategy.applyDefaults?.(obj);
  const cidr = parseCidr('10.0.0.0/16')!;
  const ctx = {
    store, now: 0, nowEpochMs: 0, rng: scratch.rng, dryRun: true,
    allocators: { clusterIPs: new ClusterIPAllocator(cidr, scratch.rng), nodePorts: new NodePortAllocator(30000, 2768, scratch.rng) },
  };
  return [...validateObjectMeta(obj, info), ...(strategy.validate?.(obj, ctx) ?? [])];
}
