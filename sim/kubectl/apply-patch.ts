// Strategic merge patch (apimachinery pkg/util/strategicpatch): the three-way patch `kubectl apply` computes from
// last-applied, the new manifest and the live object, and how the apiserver merges a patch into an object.
// SIMPLIFIED: patch metadata comes from a table of the common lists (containers/initContainers by name, ports by
// containerPort or port, env by name, volumes by name, volumeMounts by mountPath, ownerReferences by uid) and
// the retainKeys fields (Deployment strategy, DaemonSet updateStrategy, volumes); every other list is replaced
// whole. Items the server kept that the patch never named go after the ordered ones.

import type { ApiStatus } from '../core/errors';

/** The annotation where kubectl keeps the manifest it last applied. */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A JSON value as strategic merge sees it. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

/** How strategic merge treats one field: a list merged by key, a map whose keys are retained, a set of scalars. */
export interface PatchMeta { readonly mergeKey?: string; readonly retainKeys?: boolean; readonly scalarSet?: boolean }

const POD_SPEC_LISTS: Readonly<Record<string, PatchMeta>> = {
  containers: { mergeKey: 'name' }, initContainers: { mergeKey: 'name' }, ephemeralContainers: { mergeKey: 'name' },
  volumes: { mergeKey: 'name', retainKeys: true }, imagePullSecrets: { mergeKey: 'name' }, hostAliases: { mergeKey: 'ip' },
  topologySpreadConstraints: { mergeKey: 'topologyKey' }, schedulingGates: { mergeKey: 'name' }, resourceClaims: { mergeKey: 'name' },
};
const CONTAINER_LISTS: Readonly<Record<string, PatchMeta>> = {
  ports: { mergeKey: 'containerPort' }, env: { mergeKey: 'name' }, volumeMounts: { mergeKey: 'mountPath' },
  volumeDevices: { mergeKey: 'devicePath' }, resizePolicy: { mergeKey: 'resourceName' },
};

/** The patch strategy of the field at `path` (field names only, list items add no segment) of a `kind`. Pure. */
export function patchMetaFor(kind: string, path: readonly string[]): PatchMeta | undefined {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (parent === 'metadata') return last === 'ownerReferences' ? { mergeKey: 'uid' } : last === 'finalizers' ? { scalarSet: true } : undefined;
  if (last === 'conditions' && parent === 'status') return { mergeKey: 'type' };
  if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers') return CONTAINER_LISTS[last];
  const podSpec = (kind === 'Pod' && path.length === 2 && parent === 'spec') || (parent === 'spec' && path[path.length - 3] === 'template');
  if (podSpec && POD_SPEC_LISTS[last]) return POD_SPEC_LISTS[last];
  if (kind === 'Service' && path.length === 2 && parent === 'spec' && last === 'ports') return { mergeKey: 'port' };
  if (path.length === 2 && parent === 'spec' && ((kind === 'Deployment' && last === 'strategy') || (kind === 'DaemonSet' && last === 'updateStrategy'))) return { retainKeys: true };
  return undefined;
}

/** Whether `v` is a JSON object (not an array, not null). Pure. */
export function isMap(v: unknown): v is JsonMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep equality of JSON values (key order ignored). Pure. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (!isMap(a) || !isMap(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEqual(a[k], b[k]));
}

const keyOf = (item: Json, mergeKey: string): string => (isMap(item) ? String(item[mergeKey]) : String(item));

interface DiffOptions { readonly ignoreDeletions: boolean; readonly ignoreChanges: boolean; readonly retainKeys: boolean }

function diffMaps(kind: string, path: string[], original: JsonMap, modified: JsonMap, o: DiffOptions): JsonMap {
  const patch: JsonMap = {};
  const retain: string[] = [];
  for (const [k, mod] of Object.entries(modified)) {
    if (o.retainKeys && mod !== null) retain.push(k);
    if (!(k in original)) { if (!o.ignoreChanges) patch[k] = mod; continue; }
    const orig = original[k];
    const meta = patchMetaFor(kind, [...path, k]);
    if (isMap(orig) && isMap(mod)) {
      const sub = diffMaps(kind, [...path, k], orig, mod, { ...o, retainKeys: meta?.retainKeys === true });
      if (Object.keys(sub).length > 0) patch[k] = sub;
    } else if (Array.isArray(orig) && Array.isArray(mod) && meta?.mergeKey) {
      diffKeyedLists(kind, [...path, k], orig, mod, meta, o, patch);
    } else if (!o.ignoreChanges && !jsonEqual(orig, mod)) {
      patch[k] = mod;
    }
  }
  if (!o.ignoreDeletions) for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  if (retain.length > 0 && Object.keys(patch).length > 0) patch.$retainKeys = retain.sort();
  return patch;
}

function diffKeyedLists(kind: string, path: string[], orig: Json[], mod: Json[], meta: PatchMeta, o: DiffOptions, patch: JsonMap): void {
  const field = path[path.length - 1];
  const mk = meta.mergeKey!;
  const byKey = new Map(orig.map((item) => [keyOf(item, mk), item] as const));
  const modKeys = new Set(mod.map((item) => keyOf(item, mk)));
  const out: Json[] = [];
  for (const item of mod) {
    const prev = byKey.get(keyOf(item, mk));
    if (prev === undefined) { if (!o.ignoreChanges) out.push(item); continue; }
    if (!isMap(prev) || !isMap(item)) continue;
    const sub = diffMaps(kind, path, prev, item, { ...o, retainKeys: meta.retainKeys === true });
    if (Object.keys(sub).length > 0) out.push({ ...sub, [mk]: item[mk] });
  }
  if (!o.ignoreDeletions) for (const item of orig) if (!modKeys.has(keyOf(item, mk))) out.push({ [mk]: isMap(item) ? item[mk] : item, $patch: 'delete' });
  if (out.length > 0) patch[field] = out;
  // isOrderSame: same length and the same merge key at every position.
  const sameOrder = orig.length === mod.length && mod.every((item, i) => keyOf(item, mk) === keyOf(orig[i], mk));
  if (out.length > 0 || (!o.ignoreChanges && !sameOrder)) patch[`$setElementOrder/${field}`] = mod.map((item) => ({ [mk]: isMap(item) ? item[mk] : item }));
}

/**
 * CreateThreeWayMergePatch: what changed from `current` to `modified` (additions and changes), plus what was
 * removed from `original` (last-applied) to `modified`. `{}` means unchanged. Pure.
 */
export function createThreeWayPatch(kind: string, original: unknown, modified: unknown, current: unknown): JsonMap {
  const mod = isMap(modified) ? modified : {};
  const delta = diffMaps(kind, [], isMap(current) ? current : {}, mod, { ignoreDeletions: true, ignoreChanges: false, retainKeys: false });
  const deletions = diffMaps(kind, [], isMap(original) ? original : {}, mod, { ignoreDeletions: false, ignoreChanges: true, retainKeys: false });
  return combinePatches(kind, [], deletions, delta);
}

/** CreateTwoWayMergePatch: the patch that turns `original` into `modified` (as `kubectl edit` sends). Pure. */
export function createTwoWayPatch(kind: string, original: unknown, modified: unknown): JsonMap {
  return diffMaps(kind, [], isMap(original) ? original : {}, isMap(modified) ? modified : {}, { ignoreDeletions: false, ignoreChanges: false, retainKeys: false });
}

function combinePatches(kind: string, path: string[], a: JsonMap, b: JsonMap): JsonMap {
  const out: JsonMap = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    const meta = patchMetaFor(kind, [...path, k]);
    if (isMap(prev) && isMap(v)) out[k] = combinePatches(kind, [...path, k], prev, v);
    else if (Array.isArray(prev) && Array.isArray(v) && meta?.mergeKey) {
      const mk = meta.mergeKey;
      const earlier = new Map(prev.map((item) => [keyOf(item, mk), item] as const));
      const merged = v.map((item) => {
        const other = earlier.get(keyOf(item, mk));
        return isMap(other) && isMap(item) && other.$patch !== 'delete' ? combinePatches(kind, [...path, k], other, item) : item;
      });
      const keys = new Set(v.map((item) => keyOf(item, mk)));
      out[k] = [...merged, ...prev.filter((item) => !keys.has(keyOf(item, mk)))];
    } else out[k] = v;
  }
  return out;
}

/** StrategicMergePatch: merges `patch` into `original` honouring the patch directives. Pure (returns a new value). */
export function applyStrategicPatch(kind: string, original: unknown, patch: unknown): Json {
  return mergeMap(kind, [], isMap(original) ? original : {}, isMap(patch) ? patch : {});
}

function mergeMap(kind: string, path: string[], original: JsonMap, patch: JsonMap): JsonMap {
  if (patch.$patch === 'replace') { const { $patch: _drop, ...rest } = patch; return stripDirectives(rest) as JsonMap; }
  const out: JsonMap = { ...original };
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const meta = patchMetaFor(kind, [...path, k]);
    if (v === null) { delete out[k]; continue; }
    const cur = out[k];
    if (isMap(v) && isMap(cur)) out[k] = mergeMap(kind, [...path, k], cur, v);
    else if (Array.isArray(v) && meta?.mergeKey) out[k] = mergeKeyedList(kind, [...path, k], Array.isArray(cur) ? cur : [], v, meta.mergeKey, patch[`$setElementOrder/${k}`]);
    else if (Array.isArray(v) && meta?.scalarSet) out[k] = [...(Array.isArray(cur) ? cur : []), ...v.filter((x) => !(Array.isArray(cur) && cur.includes(x)))];
    else out[k] = stripDirectives(v);
  }
  for (const [k, order] of Object.entries(patch)) {
    const field = k.startsWith('$setElementOrder/') ? k.slice('$setElementOrder/'.length) : undefined;
    if (field && !(field in patch) && Array.isArray(out[field]) && Array.isArray(order)) {
      const mk = patchMetaFor(kind, [...path, field])?.mergeKey;
      if (mk) out[field] = reorder(out[field] as Json[], order, mk);
    }
  }
  return out;
}

function mergeKeyedList(kind: string, path: string[], cur: Json[], patch: Json[], mk: string, order: Json | undefined): Json[] {
  let out = [...cur];
  for (const item of patch) {
    const key = keyOf(item, mk);
    const at = out.findIndex((x) => keyOf(x, mk) === key);
    if (isMap(item) && item.$patch === 'delete') { if (at >= 0) out.splice(at, 1); continue; }
    if (at >= 0 && isMap(out[at]) && isMap(item)) out[at] = mergeMap(kind, path, out[at] as JsonMap, item);
    else if (at >= 0) out[at] = stripDirectives(item);
    else out.push(stripDirectives(item));
  }
  if (Array.isArray(order)) out = reorder(out, order, mk);
  return out;
}

function reorder(items: Json[], order: Json[], mk: string): Json[] {
  const rank = new Map(order.map((o, i) => [keyOf(o, mk), i] as const));
  const listed = items.filter((x) => rank.has(keyOf(x, mk))).sort((a, b) => rank.get(keyOf(a, mk))! - rank.get(keyOf(b, mk))!);
  return [...listed, ...items.filter((x) => !rank.has(keyOf(x, mk)))];
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

/** The annotation value kubectl stores: the manifest as compact JSON (keys sorted, `annotations: {}` kept). Pure. */
export function lastAppliedOf(manifest: Record<string, unknown>): string {
  const copy = JSON.parse(JSON.stringify(manifest)) as { metadata?: { annotations?: Record<string, string> } };
  copy.metadata = copy.metadata ?? {};
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  return `${JSON.stringify(sortDeep(copy))}\n`;
}

/** A JSON value with every map's keys sorted, as Go's encoding/json writes maps. Pure. */
export function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (!isMap(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortDeep(v[k]);
  return out;
}

/** Go's `%v` of a number decoded from JSON (float64, shortest `%g`): `27017`, `1e+06`, `0.5`. Pure. */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return '0';
  const [mant, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  const digits = mant.replace('-', '').replace('.', '').length;
  const eprec = 6 > digits && digits >= exp + 1 ? digits : 6;
  if (exp < -4 || exp >= eprec) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** Go's `%+v` of a JSON value decoded into interface{} (maps print `map[k:v …]` with sorted keys). Pure. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  const m = v as Record<string, unknown>;
  return `map[${Object.keys(m).sort().map((k) => `${k}:${goFormat(m[k])}`).join(' ')}]`;
}

/**
 * How the apiserver's patch handler reports an unknown field: an Invalid error on `patch` whose value is the
 * patch printed with Go's %+v (handlers/patch.go applyPatchToObject). Other failures pass through. Pure.
 */
export function patchFailure(status: ApiStatus, patch: unknown): ApiStatus {
  const strict = /strict decoding error: (.*)$/.exec(status.message);
  if (status.reason !== 'BadRequest' || !strict) return status;
  const message = `Invalid value: ${JSON.stringify(goFormat(patch))}: strict decoding error: ${strict[1]}`;
  return { code: 422, reason: 'Invalid', message: `patch: ${message}`, details: { causes: [{ type: 'FieldValueInvalid', field: 'patch', message }] } };
}
