// kube-controller-manager's root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go):
// every namespace has the `kube-root-ca.crt` ConfigMap with the cluster's CA bundle under `ca.crt` and the
// description annotation; it is created with the namespace, recreated when deleted and put back when edited.
// SIMPLIFIED: the CA is not a real certificate, only PEM armour around bytes drawn from the cluster's seed.
import type { DeepReadonly, ConfigMap, K8sObject, ObjectKey } from '../model/types';
import { objectKey, parseKey } from '../model/keys';
import type { Rng } from '../core/rng';
import { clone } from '../core/clone';
import { deepEqual } from '../core/equal';
import type { Controller, ReconcileContext, Watch } from '../core/controller';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A PEM certificate the size of an AKS cluster CA (a 1260-byte DER, RSA 4096): the DER header of such a
 * certificate, then base64 drawn from `rng`, 64 characters a line. Draws from `rng`.
 */
export function clusterCaPem(rng: Rng): string {
  let body = 'MIIE6DCCAtCgAwIBAgIQ';
  while (body.length < 1680) body += BASE64[rng.int(64)];
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

type Cm = K8sObject & DeepReadonly<ConfigMap>;

/** The root-ca-cert-publisher: wakes on namespaces and on changes to its ConfigMap. */
export class RootCaCertPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher';
  readonly latencyMs = 5;
  readonly watches: readonly Watch[] = [
    { kind: 'Namespace', keys: (c) => (c.type === 'DELETED' ? [] : [c.key]) },
    {
      kind: 'ConfigMap',
      keys: (c) => (c.type !== 'ADDED' && c.object.metadata.name === ROOT_CA_CONFIGMAP
        ? [objectKey('Namespace', undefined, parseKey(c.key).namespace)] : []),
    },
  ];

  constructor(private readonly rootCA: string) {}

  /** syncNamespace: create the ConfigMap, or restore its data and annotation. */
  reconcile(key: ObjectKey, ctx: ReconcileContext): void {
    const ns = ctx.store.get(key);
    // A create in a missing or terminating namespace is refused, and the publisher does not retry it.
    if (!ns || ns.metadata.deletionTimestamp) return;
    const namespace = ns.metadata.name;
    const data = { 'ca.crt': this.rootCA };
    const cm = ctx.store.get(objectKey('ConfigMap', namespace, ROOT_CA_CONFIGMAP)) as Cm | undefined;
    if (!cm) {
      ctx.api.create({
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
        data,
      });
      return;
    }
    if (deepEqual(cm.data ?? {}, data) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
    const next = clone(cm) as K8sObject;
    next.data = data;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION };
    ctx.api.update(next);
  }
}
