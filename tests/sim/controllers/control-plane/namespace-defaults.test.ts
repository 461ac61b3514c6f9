import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../helpers/harness';
import type { K8sObject } from '../../../../sim/model/types';
import { Rng } from '../../../../sim/core/rng';
import { serviceAccountController } from '../../../../sim/controllers/service-account';
import {
  clusterCaPem, DESCRIPTION, DESCRIPTION_ANNOTATION, ROOT_CA_CONFIGMAP, RootCaCertPublisher,
} from '../../../../sim/controllers/root-ca-cert-publisher';

type Any = Record<string, any>;
const CA = clusterCaPem(Rng.seeded(7));

function cluster(): Harness {
  const h = createHarness();
  h.manager.add(serviceAccountController);
  h.manager.add(new RootCaCertPublisher(CA));
  h.manager.resyncAll();
  return h;
}

const get = (h: Harness, kind: string, ns: string, name: string): Any | undefined => h.store.get(`${kind}/${ns}/${name}`) as Any | undefined;

describe('the cluster CA bundle', () => {
  it('is one PEM certificate of 64-character base64 lines, the same for the same seed', () => {
    expect(CA).toMatch(/^-----BEGIN CERTIFICATE-----\nMIIE6DCCAtCgAwIBAgIQ[A-Za-z0-9+/]{44}\n([A-Za-z0-9+/]{64}\n){25}[A-Za-z0-9+/]{16}\n-----END CERTIFICATE-----\n$/);
    expect(clusterCaPem(Rng.seeded(7))).toBe(CA);
    expect(clusterCaPem(Rng.seeded(8))).not.toBe(CA);
  });
});

describe('serviceaccount controller', () => {
  it('creates the default ServiceAccount in every existing and every new namespace', () => {
    const h = cluster();
    h.runUntil(100);
    expect(get(h, 'ServiceAccount', 'default', 'default')).toMatchObject({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
    expect(get(h, 'ServiceAccount', 'kube-system', 'default')).toBeDefined();
    h.mustCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    h.runUntil(200);
    expect(get(h, 'ServiceAccount', 'shop', 'default')?.secrets).toBeUndefined();
  });

  it('recreates the default ServiceAccount when it is deleted, with a new uid', () => {
    const h = cluster();
    h.runUntil(100);
    const uid = get(h, 'ServiceAccount', 'default', 'default')!.metadata.uid;
    expect(h.api.delete('ServiceAccount', 'default', 'default').ok).toBe(true);
    expect(get(h, 'ServiceAccount', 'default', 'default')).toBeUndefined();
    h.runUntil(200);
    expect(get(h, 'ServiceAccount', 'default', 'default')?.metadata.uid).not.toBe(uid);
  });

  it('leaves other accounts alone and creates nothing in a namespace being deleted', () => {
    const h = cluster();
    h.mustCreate({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot', namespace: 'default' } } as K8sObject);
    h.runUntil(100);
    h.api.delete('ServiceAccount', 'default', 'bot');
    h.mustCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone', finalizers: ['example.com/hold'] } });
    h.api.delete('Namespace', undefined, 'gone');
    h.runUntil(200);
    expect(get(h, 'ServiceAccount', 'default', 'bot')).toBeUndefined();
    expect(get(h, 'ServiceAccount', 'gone', 'default')).toBeUndefined();
  });
});

describe('root-ca-cert-publisher', () => {
  it('publishes kube-root-ca.crt with the CA under ca.crt and the description annotation in every namespace', () => {
    const h = cluster();
    h.mustCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    h.runUntil(100);
    for (const ns of ['default', 'kube-system', 'shop']) {
      const cm = get(h, 'ConfigMap', ns, ROOT_CA_CONFIGMAP)!;
      expect(cm.data).toEqual({ 'ca.crt': CA });
      expect(cm.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: DESCRIPTION });
    }
    expect(DESCRIPTION).toBe('Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.');
  });

  it('recreates the ConfigMap when deleted and puts back edited data and a removed annotation', () => {
    const h = cluster();
    h.runUntil(100);
    h.api.delete('ConfigMap', 'default', ROOT_CA_CONFIGMAP);
    h.runUntil(200);
    const cm = get(h, 'ConfigMap', 'default', ROOT_CA_CONFIGMAP)!;
    expect(cm.data['ca.crt']).toBe(CA);
    const edited = structuredClone(cm);
    edited.data = { 'ca.crt': 'tampered', extra: 'x' };
    edited.metadata.annotations = { team: 'a' };
    expect(h.api.update(edited as K8sObject).ok).toBe(true);
    h.runUntil(300);
    const restored = get(h, 'ConfigMap', 'default', ROOT_CA_CONFIGMAP)!;
    expect(restored.data).toEqual({ 'ca.crt': CA });
    expect(restored.metadata.annotations).toEqual({ team: 'a', [DESCRIPTION_ANNOTATION]: DESCRIPTION });
    expect(restored.metadata.uid).toBe(cm.metadata.uid);
  });
});
