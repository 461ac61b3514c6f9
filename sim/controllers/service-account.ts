// kube-controller-manager's serviceaccount controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
// every active namespace has the `default` ServiceAccount; it is created when the namespace appears and again
// whenever it is deleted.
import type { DeepReadonly, K8sObject, Namespace, ObjectKey } from '../model/types';
import { objectKey, parseKey } from '../model/keys';
import type { Controller, ReconcileContext, Watch } from '../core/controller';

/** The accounts the controller keeps in every namespace (ServiceAccountsControllerOptions.ServiceAccounts). */
export const MANAGED_SERVICE_ACCOUNTS: readonly string[] = ['default'];

/** syncNamespace: creates each managed account missing from an active namespace. */
function syncNamespace(key: ObjectKey, ctx: ReconcileContext): void {
  const ns = ctx.store.get(key) as (K8sObject & DeepReadonly<Namespace>) | undefined;
  if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase !== 'Active') return;
  for (const name of MANAGED_SERVICE_ACCOUNTS) {
    if (ctx.store.get(objectKey('ServiceAccount', ns.metadata.name, name))) continue;
    ctx.api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns.metadata.name } });
  }
}

const watches: readonly Watch[] = [
  { kind: 'Namespace', keys: (c) => (c.type === 'DELETED' ? [] : [c.key]) },
  {
    kind: 'ServiceAccount',
    keys: (c) => (c.type === 'DELETED' && MANAGED_SERVICE_ACCOUNTS.includes(c.object.metadata.name)
      ? [objectKey('Namespace', undefined, parseKey(c.key).namespace)] : []),
  },
];

/** The serviceaccount controller: wakes on namespaces and on deleted managed accounts. */
export const serviceAccountController: Controller = {
  name: 'serviceaccount-controller',
  latencyMs: 5,
  watches,
  reconcile: syncNamespace,
};
