// Placeholders in check values for what only the running cluster knows: `{{externalIP data-api-svc}}`,
// `{{clusterIP mongodb-svc}}`, `{{podIP app=mongodb}}` and `{{node 1}}` (node names in name order).
import type { DeepReadonly, K8sObject, Pod, Service } from '../model/types';
import type { ObjectStore } from '../core/store';
import { objectKey } from '../model/keys';
import { parseSelector } from '../model/labels';
import { isPodActive } from '../model/pod';

const PLACEHOLDER = /\{\{\s*(externalIP|clusterIP|podIP|node)\s+([^}]+?)\s*\}\}/g;

export type Resolved = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly missing: string };

type Svc = DeepReadonly<Service> & K8sObject;

function serviceOf(store: ObjectStore, name: string, namespace: string): Svc | undefined {
  return store.get(objectKey('Service', namespace, name)) as Svc | undefined;
}

function resolveOne(store: ObjectStore, what: string, arg: string, namespace: string): string | { missing: string } {
  switch (what) {
    case 'externalIP': {
      const svc = serviceOf(store, arg, namespace);
      if (!svc) return { missing: `Service ${arg} does not exist yet` };
      const ingress = svc.status?.loadBalancer?.ingress?.[0];
      return ingress?.ip ?? ingress?.hostname ?? { missing: `Service ${arg} has no external IP yet` };
    }
    case 'clusterIP': {
      const svc = serviceOf(store, arg, namespace);
      return svc?.spec?.clusterIP ?? { missing: `Service ${arg} does not exist yet` };
    }
    case 'podIP': {
      const parsed = parseSelector(arg);
      if (!parsed.ok) return { missing: `bad selector ${arg}` };
      const pods = store.select<Pod & K8sObject>('Pod', namespace, parsed.requirements).filter((p) => isPodActive(p) && p.status?.podIP);
      return pods[0]?.status?.podIP ?? { missing: `no running pod matches ${arg}` };
    }
    case 'node': {
      const nodes = store.list('Node').map((n) => n.metadata.name).sort();
      return nodes[Number(arg)] ?? { missing: `there is no node ${arg}` };
    }
  }
  return { missing: `unknown placeholder ${what}` };
}

/**
 * Fills every placeholder in `text` from the store (escaped as literal text when `text` is a regular expression);
 * the first one that cannot be filled is reported. Pure read.
 */
export function resolveRefs(store: ObjectStore, text: string, opts: { readonly regex?: boolean; readonly namespace?: string } = {}): Resolved {
  let missing: string | undefined;
  const out = text.replace(PLACEHOLDER, (_all, what: string, arg: string) => {
    const value = resolveOne(store, what, arg, opts.namespace ?? 'default');
    if (typeof value === 'string') return opts.regex ? escapeRegex(value) : value;
    missing ??= value.missing;
    return '';
  });
  return missing === undefined ? { ok: true, text: out } : { ok: false, missing };
}

/** A literal text as a regular expression source (for a placeholder's value inside `matches`). Pure. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
