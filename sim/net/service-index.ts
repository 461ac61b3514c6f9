// Reverse lookups the Service controllers need without scanning: which Services select a pod (the job
// endpointsliceutil.GetPodServiceMemberships does by listing), and the pod changes that matter to endpoints.
import type { DeepReadonly, K8sObject, ObjectKey, Pod, Service, Stored } from '../model/types';
import { objectKey } from '../model/keys';
import { isPodReady } from '../model/pod';
import { requirementsOfMap, type Requirement } from '../model/labels';
import type { Change, ObjectStore } from '../core/store';
import { sortInPlace } from '../core/sort';
import { compareStrings } from './pod-endpoints';

/** Index of Services by each `namespace/key=value` pair of their selector. */
export const SERVICE_BY_SELECTOR_PAIR = 'net/service-by-selector-pair';

const indexed = new WeakSet<ObjectStore>();

/** Registers the selector-pair index on `store` once. */
export function ensureServiceSelectorIndex(store: ObjectStore): void {
  if (indexed.has(store)) return;
  indexed.add(store);
  store.addIndex(SERVICE_BY_SELECTOR_PAIR, 'Service', (obj) => {
    const selector = (obj as DeepReadonly<Stored<Service>>).spec?.selector;
    if (!selector) return [];
    const ns = obj.metadata.namespace ?? '';
    return Object.keys(selector).map((k) => `${ns}/${k}=${selector[k]}`);
  });
}

/**
 * Keys of the Services in `namespace` whose selector matches `labels`, sorted. Only Services sharing at least
 * one label pair with the pod are looked at, so the cost follows the pod's labels, not the number of Services.
 */
export function servicesSelecting(store: ObjectStore, namespace: string, labels: Readonly<Record<string, string>> | undefined): readonly ObjectKey[] {
  ensureServiceSelectorIndex(store);
  if (!labels) return [];
  // Stored labels never change and pods share them across status writes: the answer holds until a Service changes.
  const version = store.writesOf('Service');
  const known = selectingByLabels.get(labels);
  if (known && known.store === store && known.version === version && known.namespace === namespace) return known.keys;
  const keys = computeServicesSelecting(store, namespace, labels);
  selectingByLabels.set(labels, { store, version, namespace, keys });
  return keys;
}

const selectingByLabels = new WeakMap<object, { store: ObjectStore; version: number; namespace: string; keys: readonly ObjectKey[] }>();

function computeServicesSelecting(store: ObjectStore, namespace: string, labels: Readonly<Record<string, string>>): ObjectKey[] {
  const out = new Set<ObjectKey>();
  for (const k in labels) {
    for (const key of store.indexKeys(SERVICE_BY_SELECTOR_PAIR, `${namespace}/${k}=${labels[k]}`)) {
      if (out.has(key)) continue;
      const svc = store.get(key) as DeepReadonly<Stored<Service>> | undefined;
      const selector = svc?.spec?.selector;
      if (!selector) continue;
      let all = true;
      for (const sk in selector) if (labels[sk] !== selector[sk]) { all = false; break; }
      if (all) out.add(key);
    }
  }
  return sortInPlace([...out], compareStrings);
}

/**
 * The Service keys a pod change should wake (GetServicesToUpdateOnPodChange): none when nothing that endpoints
 * depend on changed; the services of both the old and the new labels when labels changed.
 */
export function servicesForPodChange(change: Change, store: ObjectStore): readonly ObjectKey[] {
  // The Endpoints and EndpointSlice controllers both ask about every pod change: answer once per change.
  let keys = answered.get(change);
  if (!keys) { keys = computeServicesForPodChange(change, store); answered.set(change, keys); }
  return keys;
}

const answered = new WeakMap<Change, readonly ObjectKey[]>();

function computeServicesForPodChange(change: Change, store: ObjectStore): readonly ObjectKey[] {
  const cur = change.type === 'DELETED' ? undefined : (change.object as DeepReadonly<Stored<Pod>>);
  const old = change.previous as DeepReadonly<Stored<Pod>> | undefined;
  const ns = change.object.metadata.namespace ?? '';
  if (cur && old && !podEndpointsChanged(old, cur) && sameLabels(old.metadata.labels, cur.metadata.labels)) return [];
  const keys = servicesSelecting(store, ns, (cur ?? old)!.metadata.labels);
  if (cur && old && !sameLabels(old.metadata.labels, cur.metadata.labels)) {
    const extra = servicesSelecting(store, ns, old.metadata.labels);
    return sortInPlace([...new Set([...keys, ...extra])], compareStrings);
  }
  return keys;
}

const requirementsBySelector = new WeakMap<object, readonly Requirement[]>();

/** The requirements of a stored Service's selector (requirementsOfMap), remembered per selector object. */
export function serviceSelectorRequirements(service: DeepReadonly<Stored<Service>>): readonly Requirement[] {
  const selector = service.spec?.selector;
  if (!selector) return requirementsOfMap(selector);
  let reqs = requirementsBySelector.get(selector);
  if (!reqs) { reqs = requirementsOfMap(selector); requirementsBySelector.set(selector, reqs); }
  return reqs;
}

/** The owning Service's key for an EndpointSlice (its kubernetes.io/service-name label). Pure. */
export function serviceKeyOfSlice(slice: K8sObject): ObjectKey | undefined {
  const name = slice.metadata.labels?.['kubernetes.io/service-name'];
  return name ? objectKey('Service', slice.metadata.namespace, name) : undefined;
}

function podEndpointsChanged(old: DeepReadonly<Stored<Pod>>, cur: DeepReadonly<Stored<Pod>>): boolean {
  return old.metadata.deletionTimestamp !== cur.metadata.deletionTimestamp
    || isPodReady(old) !== isPodReady(cur)
    || old.status?.podIP !== cur.status?.podIP
    || old.status?.phase !== cur.status?.phase
    || old.spec?.nodeName !== cur.spec?.nodeName
    || old.spec?.hostname !== cur.spec?.hostname
    || old.spec?.subdomain !== cur.spec?.subdomain;
}

function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {}), kb = Object.keys(b ?? {});
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}
