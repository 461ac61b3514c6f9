import { describe, expect, it } from 'vitest';
import type { K8sObject, Kind } from '../../../sim/model/types';
import { createHarness } from '../../helpers/harness';
import { at, causesOf, messageOf } from './registry-helpers';

const template = (labels: Record<string, string> = { app: 'web' }, spec: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...spec },
});

function workload(kind: Kind, spec: Record<string, unknown>, name = 'web'): K8sObject {
  return { apiVersion: 'apps/v1', kind, metadata: { name }, spec };
}

const selector = { matchLabels: { app: 'web' } };

describe('workload defaults', () => {
  it('Deployment: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600 s deadline, defaulted template', () => {
    const h = createHarness();
    const d = h.mustCreate(workload('Deployment', { selector, template: template() }));
    expect(d.spec).toMatchObject({
      replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    });
    expect(at(d, 'spec.template.spec')).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', securityContext: {} });
    expect(at(d, 'spec.template.spec.enableServiceLinks')).toBeUndefined();
    expect(at(d, 'spec.template.spec.serviceAccountName')).toBeUndefined();
    expect(d.metadata.generation).toBe(1);
    expect(d.status).toEqual({});
  });

  it('Deployment: Recreate gets no rollingUpdate', () => {
    const h = createHarness();
    const d = h.mustCreate(workload('Deployment', { selector, template: template(), strategy: { type: 'Recreate' } }));
    expect(at(d, 'spec.strategy')).toEqual({ type: 'Recreate' });
  });

  it('ReplicaSet: 1 replica and status replicas 0', () => {
    const h = createHarness();
    const rs = h.mustCreate(workload('ReplicaSet', { selector, template: template() }));
    expect(at(rs, 'spec.replicas')).toBe(1);
    expect(rs.status).toEqual({ replicas: 0 });
  });

  it('DaemonSet: RollingUpdate 1/0, 10 revisions and the template generation annotation', () => {
    const h = createHarness();
    const ds = h.mustCreate(workload('DaemonSet', { selector, template: template() }));
    expect(ds.spec).toMatchObject({ revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } });
    expect(ds.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    const updated = h.api.update({ ...ds, spec: { ...(ds.spec as object), template: template({ app: 'web' }, { hostNetwork: true }) } });
    expect(updated.ok && updated.object.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '2' });
  });

  it('StatefulSet: OrderedReady, partition 0, Retain/Retain, and claim template defaults', () => {
    const h = createHarness();
    const sts = h.mustCreate(workload('StatefulSet', {
      selector, serviceName: 'web', template: template(),
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    }));
    expect(sts.spec).toMatchObject({
      replicas: 1, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(at(sts, 'spec.volumeClaimTemplates.0')).toMatchObject({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' },
    });
    expect(sts.status).toEqual({ availableReplicas: 0, replicas: 0 });
  });
});

describe('Deployment validation', () => {
  it.each([
    ['selector missing', { template: template() }, [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]],
    ['selector mismatch', { selector: { matchLabels: { app: 'x' } }, template: template() }, [
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]],
    ['empty selector', { selector: {}, template: template() }, ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']],
    ['negative replicas', { replicas: -1, selector, template: template() }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['restartPolicy Never', { selector, template: template({ app: 'web' }, { restartPolicy: 'Never' }) }, [
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]],
    ['maxSurge and maxUnavailable both 0', { selector, template: template(), strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }, [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]],
    ['percentage above 100%', { selector, template: template(), strategy: { rollingUpdate: { maxUnavailable: '150%' } } }, [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ]],
    ['malformed percentage', { selector, template: template(), strategy: { rollingUpdate: { maxSurge: '25 %' } } }, [
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"25 %\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]],
    ['progress deadline', { selector, template: template(), minReadySeconds: 30, progressDeadlineSeconds: 20 }, [
      'spec.progressDeadlineSeconds: Invalid value: 20: must be greater than minReadySeconds',
    ]],
    ['bad container in the template', { selector, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web' }] } } }, [
      'spec.template.spec.containers[0].image: Required value',
    ]],
  ])('%s', (_name, spec, expected) => {
    const h = createHarness();
    expect(causesOf(h.api.create(workload('Deployment', spec)))).toEqual(expected);
  });

  it('keeps the selector immutable', () => {
    const h = createHarness();
    h.mustCreate(workload('Deployment', { selector, template: template() }));
    const res = h.api.update(workload('Deployment', { selector: { matchLabels: { app: 'web', v: '2' } }, template: template({ app: 'web', v: '2' }) }));
    expect(messageOf(res)).toBe('Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","v":"2"}}: field is immutable');
  });
});

describe('other workload validation', () => {
  it('ReplicaSet says "deployment" about an empty selector, as upstream does', () => {
    const h = createHarness();
    expect(causesOf(h.api.create(workload('ReplicaSet', { selector: {}, template: template() })))).toEqual([
      'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
    ]);
  });

  it('DaemonSet without selector reports only the mismatch', () => {
    const h = createHarness();
    expect(causesOf(h.api.create(workload('DaemonSet', { template: template() })))).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('DaemonSet may not surge and be unavailable at once', () => {
    const h = createHarness();
    expect(causesOf(h.api.create(workload('DaemonSet', { selector, template: template(), updateStrategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } })))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ]);
  });

  it('StatefulSet forbids changes outside its mutable fields', () => {
    const h = createHarness();
    h.mustCreate(workload('StatefulSet', { selector, serviceName: 'web', template: template() }));
    expect(causesOf(h.api.update(workload('StatefulSet', { selector, serviceName: 'other', template: template() })))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
    expect(h.api.update(workload('StatefulSet', { selector, serviceName: 'web', replicas: 3, template: template() })).ok).toBe(true);
  });

  it('StatefulSet names are DNS labels', () => {
    const h = createHarness();
    expect(causesOf(h.api.create(workload('StatefulSet', { selector, template: template() }, 'db.primary')))[0])
      .toMatch(/^metadata\.name: Invalid value: "db\.primary": a lowercase RFC 1123 label/);
  });
});
