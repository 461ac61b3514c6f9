import { describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../helpers/harness';
import type { K8sObject } from '../../../../sim/model/types';
import type { ApiResult } from '../../../../sim/core/api';
import { ApiClient } from '../../../../sim/core/api-client';
import { forbiddenStatus } from '../../../../sim/core/errors';
import { Retryable } from '../../../../sim/core/controller';
import { replicaSetController, slowStartBatchSizes } from '../../../../sim/controllers/replica-set';
import { edit, eventLines, kubeletStub, markRunning, mustGet, pods, type StoredPod, type StoredRS } from './fixtures';

function replicaSet(name: string, replicas: number, opts: { minReadySeconds?: number } = {}): K8sObject {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name, tier: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } },
      ...(opts.minReadySeconds ? { minReadySeconds: opts.minReadySeconds } : {}),
    },
  };
}

/** A client whose pod creates fail once `limit` pods exist, as a ResourceQuota would. */
class QuotaLimited extends ApiClient {
  constructor(private readonly h: Harness, private readonly limit: number) { super(h.apiServer, 'replicaset-controller'); }
  override create<T extends K8sObject>(obj: T): ApiResult<T> {
    const used = this.h.store.count('Pod', 'default');
    if (obj.kind === 'Pod' && used >= this.limit) {
      return { ok: false, status: forbiddenStatus(`pods "${obj.metadata.generateName}zzzzz" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=${used}, limited: pods=${this.limit}`) };
    }
    return super.create(obj);
  }
}

describe('slow start', () => {
  it('creates in batches of 1, 2, 4, … capped by what remains', () => {
    expect(slowStartBatchSizes(10)).toEqual([1, 2, 4, 3]);
    expect(slowStartBatchSizes(1)).toEqual([1]);
    expect(slowStartBatchSizes(0)).toEqual([]);
  });

  it('stops after the batch with a failed create, reporting FailedCreate and ReplicaFailure', () => {
    const h = createHarness();
    h.mustCreate(replicaSet('web', 5));
    const ctx = { ...h.ctxFor('replicaset-controller'), api: new QuotaLimited(h, 2) };
    expect(() => replicaSetController.reconcile('ReplicaSet/default/web', ctx)).toThrow(Retryable);
    expect(pods(h)).toHaveLength(2);
    expect(eventLines(h).map((l) => l.replace(/Created pod: web-[a-z0-9]{5}/, 'Created pod: web-*'))).toEqual([
      'SuccessfulCreate: Created pod: web-*',
      'SuccessfulCreate: Created pod: web-*',
      'FailedCreate: Error creating: pods "web-zzzzz" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2',
    ]);
    const status = mustGet<StoredRS>(h, 'ReplicaSet', 'web').status;
    expect(status?.conditions).toEqual([{
      type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-01-01T09:00:00Z', reason: 'FailedCreate',
      message: 'pods "web-zzzzz" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2',
    }]);
  });
});

describe('ReplicaSet controller', () => {
  it('creates pods from the template with a controllerRef and reports status', () => {
    const h = createHarness();
    h.manager.add(replicaSetController);
    h.manager.add(kubeletStub());
    const rs = h.mustCreate(replicaSet('web', 3));
    h.runUntil(5_000);
    const list = pods(h);
    expect(list).toHaveLength(3);
    for (const p of list) {
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web', tier: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(mustGet<StoredRS>(h, 'ReplicaSet', 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('adopts a matching orphan, and releases a pod relabelled out of its selector', () => {
    const h = createHarness();
    h.manager.add(replicaSetController);
    h.mustCreate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    h.mustCreate(replicaSet('web', 2));
    h.runUntil(1_000);
    expect(pods(h)).toHaveLength(2);
    expect(mustGet<StoredPod>(h, 'Pod', 'stray').metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', controller: true });
    expect(mustGet<StoredRS>(h, 'ReplicaSet', 'web').status).toMatchObject({ replicas: 2, fullyLabeledReplicas: 1 });

    edit<StoredPod>(h, 'Pod', 'stray', (p) => { p.metadata.labels = { app: 'debug' }; });
    h.runUntil(2_000);
    expect(mustGet<StoredPod>(h, 'Pod', 'stray').metadata.ownerReferences).toEqual([]);
    expect(pods(h).filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(2);
  });

  it('recounts availability minReadySeconds after pods become ready', () => {
    const h = createHarness();
    h.manager.add(replicaSetController);
    h.manager.add(kubeletStub({ startMs: 1_000 }));
    h.mustCreate(replicaSet('web', 3, { minReadySeconds: 10 }));
    h.runUntil(10_900);
    expect(mustGet<StoredRS>(h, 'ReplicaSet', 'web').status).toMatchObject({ readyReplicas: 3 });
    expect(mustGet<StoredRS>(h, 'ReplicaSet', 'web').status?.availableReplicas).toBeUndefined();
    h.runUntil(11_500);
    expect(mustGet<StoredRS>(h, 'ReplicaSet', 'web').status?.availableReplicas).toBe(3);
  });

  it('scales down the not-ready pod first, then the one ready for the shortest time', () => {
    const h = createHarness();
    h.manager.add(replicaSetController);
    h.mustCreate(replicaSet('web', 3));
    h.runUntil(1_000);
    const [a, b, c] = pods(h);
    markRunning(h, a);
    h.runUntil(200_000);
    markRunning(h, b);
    markRunning(h, c, false);
    h.runUntil(300_000);
    edit<StoredRS>(h, 'ReplicaSet', 'web', (rs) => { (rs.spec as { replicas: number }).replicas = 1; });
    h.runUntil(301_000);
    expect(pods(h).map((p) => p.metadata.name)).toEqual([a.metadata.name]);
    expect(eventLines(h, 'SuccessfulDelete')).toEqual([`SuccessfulDelete: Deleted pod: ${c.metadata.name}`, `SuccessfulDelete: Deleted pod: ${b.metadata.name}`]);
  });
});
