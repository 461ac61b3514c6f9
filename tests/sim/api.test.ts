import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../sim/model/types';
import { createHarness } from '../helpers/harness';

describe('apiserver write path', () => {
  it('stamps identity and bumps resourceVersion on every write', () => {
    const h = createHarness();
    const cm = h.mustCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } as K8sObject['metadata'], data: { a: '1' } });
    expect(cm.metadata.namespace).toBe('default');
    expect(cm.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cm.metadata.creationTimestamp).toBe('2026-01-01T09:00:00Z');
    const res = h.api.update({ ...cm, data: { a: '2' } });
    expect(res.ok).toBe(true);
    if (res.ok) expect(Number(res.object.metadata.resourceVersion)).toBeGreaterThan(Number(cm.metadata.resourceVersion));
  });

  it('rejects a duplicate name with AlreadyExists and a missing object with NotFound', () => {
    const h = createHarness();
    h.mustCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    const dup = h.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.status.message).toBe('configmaps "cfg" already exists');
    const missing = h.api.delete('ConfigMap', 'default', 'nope');
    expect(!missing.ok && missing.status.message).toBe('configmaps "nope" not found');
  });

  it('skips a no-op update without a new resourceVersion', () => {
    const h = createHarness();
    const cm = h.mustCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } as K8sObject['metadata'], data: { a: '1' } });
    const before = h.store.resourceVersion;
    h.api.update({ ...cm });
    expect(h.store.resourceVersion).toBe(before);
  });

  it('refuses content in a namespace that does not exist', () => {
    const h = createHarness();
    const res = h.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'nope' } });
    expect(!res.ok && res.status.message).toBe('namespaces "nope" not found');
  });

  it('validates names with apimachinery wording', () => {
    const h = createHarness();
    const res = h.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1bad' }, spec: {} });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.status.details?.causes?.[0].field).toBe('metadata.name');
  });
});
