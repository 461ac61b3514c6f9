import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../sim/model/types';
import { createHarness } from '../../helpers/harness';
import { causesOf, messageOf } from './registry-helpers';

const namespace = (name: string): K8sObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

describe('Namespace strategy', () => {
  it('labels, finalizes and activates a new namespace', () => {
    const h = createHarness();
    const ns = h.mustCreate(namespace('shop'));
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it.each(['default', 'kube-system', 'kube-public'])('refuses to delete %s', (name) => {
    const h = createHarness();
    if (!h.store.get(`Namespace//${name}`)) h.mustCreate(namespace(name));
    const res = h.api.delete('Namespace', undefined, name);
    expect(!res.ok && res.status.code).toBe(403);
    expect(messageOf(res)).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
  });

  it('lets kube-node-lease be deleted', () => {
    const h = createHarness();
    h.mustCreate(namespace('kube-node-lease'));
    expect(h.api.delete('Namespace', undefined, 'kube-node-lease').ok).toBe(true);
  });

  it('waits for the kubernetes finalizer before a namespace is gone', () => {
    const h = createHarness();
    h.mustCreate(namespace('shop'));
    h.api.delete('Namespace', undefined, 'shop');
    const terminating = h.store.get('Namespace//shop')!;
    expect(terminating.metadata.deletionTimestamp).toBe('2026-01-01T09:00:00Z');
    const res = h.api.update({ ...terminating, spec: { finalizers: [] } });
    expect(res.ok).toBe(true);
    expect(h.store.get('Namespace//shop')).toBeUndefined();
  });

  it('keeps spec.finalizers on an ordinary update', () => {
    const h = createHarness();
    const ns = h.mustCreate(namespace('shop'));
    h.api.update({ ...ns, metadata: { ...ns.metadata, labels: { team: 'a' } }, spec: {} });
    const stored = h.store.get('Namespace//shop')!;
    expect(stored.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(stored.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'shop' });
  });

  it('rejects a finalizer that is neither standard nor qualified', () => {
    const h = createHarness();
    expect(causesOf(h.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' }, spec: { finalizers: ['custom'] } }))).toEqual([
      'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});
