// The API resources the simulated apiserver serves, as `kubectl api-resources` lists them (discovery data).
import type { Kind } from './types';

export interface ResourceInfo {
  readonly kind: Kind;
  /** API group; '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  /** Member of the `all` category (what `kubectl get all` lists). */
  readonly inAll: boolean;
  /** Has a status subresource: updates through the main resource keep the stored status. */
  readonly hasStatus: boolean;
  /** metadata.generation is bumped on spec changes. */
  readonly tracksGeneration: boolean;
  readonly verbs: readonly string[];
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

function r(kind: Kind, group: string, version: string, plural: string, shortNames: string[],
  opts: { namespaced?: boolean; inAll?: boolean; hasStatus?: boolean; generation?: boolean } = {}): ResourceInfo {
  return {
    kind, group, version, plural, singular: kind.toLowerCase(), shortNames,
    namespaced: opts.namespaced ?? true, inAll: opts.inAll ?? false, hasStatus: opts.hasStatus ?? false,
    tracksGeneration: opts.generation ?? false, verbs: CRUD,
  };
}

/** Ordered as `kubectl get all` prints them: pods, services, daemonsets, deployments, replicasets, statefulsets. */
export const RESOURCES: readonly ResourceInfo[] = [
  r('Pod', '', 'v1', 'pods', ['po'], { inAll: true, hasStatus: true }),
  r('Service', '', 'v1', 'services', ['svc'], { inAll: true, hasStatus: true }),
  r('DaemonSet', 'apps', 'v1', 'daemonsets', ['ds'], { inAll: true, hasStatus: true, generation: true }),
  r('Deployment', 'apps', 'v1', 'deployments', ['deploy'], { inAll: true, hasStatus: true, generation: true }),
  r('ReplicaSet', 'apps', 'v1', 'replicasets', ['rs'], { inAll: true, hasStatus: true, generation: true }),
  r('StatefulSet', 'apps', 'v1', 'statefulsets', ['sts'], { inAll: true, hasStatus: true, generation: true }),
  r('Namespace', '', 'v1', 'namespaces', ['ns'], { namespaced: false, hasStatus: true }),
  r('Node', '', 'v1', 'nodes', ['no'], { namespaced: false, hasStatus: true }),
  r('Endpoints', '', 'v1', 'endpoints', ['ep']),
  r('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', []),
  r('ConfigMap', '', 'v1', 'configmaps', ['cm']),
  r('Secret', '', 'v1', 'secrets', []),
  r('Event', '', 'v1', 'events', ['ev']),
  r('ServiceAccount', '', 'v1', 'serviceaccounts', ['sa']),
  r('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', ['pvc'], { hasStatus: true }),
  r('PersistentVolume', '', 'v1', 'persistentvolumes', ['pv'], { namespaced: false, hasStatus: true }),
  r('StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', ['sc'], { namespaced: false }),
];

const byKind = new Map<Kind, ResourceInfo>(RESOURCES.map((info) => [info.kind, info]));

/** Discovery data for a kind; throws for a kind the engine does not serve (a bug, not user input). */
export function resourceFor(kind: Kind): ResourceInfo {
  const info = byKind.get(kind);
  if (!info) throw new Error(`no resource registered for kind ${kind}`);
  return info;
}

/** `apps/v1` or `v1`. */
export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Finds a resource by kind, plural, singular or short name, optionally group-qualified (`deployments.apps`). */
export function findResource(name: string): ResourceInfo | undefined {
  const lower = name.toLowerCase();
  const dot = lower.indexOf('.');
  const base = dot >= 0 ? lower.slice(0, dot) : lower;
  const group = dot >= 0 ? lower.slice(dot + 1) : undefined;
  for (const info of RESOURCES) {
    if (group !== undefined && info.group !== group && `${info.version}.${info.group}` !== group) continue;
    if (info.plural === base || info.singular === base || info.kind.toLowerCase() === base ||
        info.shortNames.includes(base)) return info;
  }
  return undefined;
}

/** Whether `kind` is a kind the engine serves. */
export function isKind(kind: string): kind is Kind {
  return byKind.has(kind as Kind);
}

/** `deployment.apps` / `service`: how kubectl names a kind in output (`deployment.apps/web created`). */
export function kindGroupName(info: ResourceInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}

/** `deployments.apps` / `pods`: how the apiserver names a resource in errors (`pods "x" not found`). */
export function resourceGroupName(info: ResourceInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}
