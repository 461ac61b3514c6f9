// Which namespaces the picture shows: one namespace or all of them, with the system namespaces (kube-system and the
// other kube-* namespaces the cluster creates) hidden unless asked for, as a first look at a cluster should be.

/** The filter value for "all namespaces" (never a valid namespace name). */
export const ALL = '*';

/** Namespaces Kubernetes and AKS keep for themselves. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export interface NamespaceFilter {
  /** A namespace name, or ALL. */
  readonly namespace: string;
  /** Also show the system namespaces' pods and Services. */
  readonly showSystem: boolean;
}

/** Whether objects of namespace `ns` are drawn under `filter`. Pure. */
export function isVisibleNamespace(ns: string, filter: NamespaceFilter): boolean {
  if (SYSTEM_NAMESPACES.has(ns)) return filter.showSystem || filter.namespace === ns;
  return filter.namespace === ALL || filter.namespace === ns;
}

/** The choices of the namespace select: default first, then the others, system ones last. Pure. */
export function namespaceChoices(names: readonly string[]): string[] {
  const user = names.filter((n) => !SYSTEM_NAMESPACES.has(n) && n !== 'default').sort();
  const system = names.filter((n) => SYSTEM_NAMESPACES.has(n)).sort();
  return ['default', ...user, ...system];
}
