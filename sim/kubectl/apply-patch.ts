// The three-way merge behind `kubectl apply`: start from the live object, set what the new manifest says, and
// remove what the previous manifest (last-applied-configuration) said but the new one no longer does.
// SIMPLIFIED: lists are replaced whole rather than merged by their strategic-merge keys; the apiserver keeps
// server-assigned fields inside them (clusterIP, nodePort) as it does on update.

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isMap(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Merges `desired` into `live`, deleting keys present in `last` but absent from `desired`. Pure. */
export function threeWayMerge(live: unknown, last: unknown, desired: unknown): unknown {
  if (!isMap(desired) || !isMap(live)) return desired;
  const out: Record<string, Json> = { ...live };
  for (const [k, v] of Object.entries(desired)) {
    if (v === null) { delete out[k]; continue; }
    out[k] = (isMap(v) && isMap(live[k]) ? threeWayMerge(live[k], isMap(last) ? last[k] : undefined, v) : v) as Json;
  }
  if (isMap(last)) for (const k of Object.keys(last)) if (!(k in desired)) delete out[k];
  return out;
}

/** The annotation value kubectl stores: the manifest as compact JSON (keys sorted), without the annotation itself. Pure. */
export function lastAppliedOf(manifest: Record<string, unknown>): string {
  const copy = JSON.parse(JSON.stringify(manifest)) as { metadata?: { annotations?: Record<string, string> } };
  if (copy.metadata?.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED];
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  }
  return `${JSON.stringify(sortDeep(copy))}\n`;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (!isMap(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortDeep(v[k]);
  return out;
}
