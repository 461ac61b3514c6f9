import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../sim/model/types';
import { createHarness } from '../../helpers/harness';
import { podGracePeriodSeconds } from '../../../sim/registry/pod';
import { podQOSClass } from '../../../sim/registry/pod-qos';
import { imageTag } from '../../../sim/registry/pod-spec-defaults';
import { POD_UPDATE_FORBIDDEN_MSG } from '../../../sim/registry/pod-update-validation';
import { at, causesOf, messageOf } from './registry-helpers';

function pod(spec: Record<string, unknown>, name = 'web'): K8sObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec };
}

const minimal = (): K8sObject => pod({ containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 80 } } }] });

describe('Pod defaults and admission', () => {
  const h = createHarness();
  const created = h.mustCreate(minimal());

  it.each([
    ['spec.restartPolicy', 'Always'],
    ['spec.dnsPolicy', 'ClusterFirst'],
    ['spec.schedulerName', 'default-scheduler'],
    ['spec.terminationGracePeriodSeconds', 30],
    ['spec.securityContext', {}],
    ['spec.enableServiceLinks', true],
    ['spec.serviceAccountName', 'default'],
    ['spec.serviceAccount', 'default'],
    ['spec.priority', 0],
    ['spec.preemptionPolicy', 'PreemptLowerPriority'],
    ['spec.containers.0.imagePullPolicy', 'IfNotPresent'],
    ['spec.containers.0.terminationMessagePath', '/dev/termination-log'],
    ['spec.containers.0.terminationMessagePolicy', 'File'],
    ['spec.containers.0.ports.0.protocol', 'TCP'],
    ['spec.containers.0.readinessProbe', { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 }],
    ['status', { phase: 'Pending', qosClass: 'BestEffort' }],
  ])('%s defaults to %j', (path, value) => {
    expect(at(created, path)).toEqual(value);
  });

  it('adds the DefaultTolerationSeconds tolerations', () => {
    expect(at(created, 'spec.tolerations')).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
  });

  it('mounts a projected kube-api-access-<5> token volume in every container', () => {
    const volumes = at(created, 'spec.volumes') as { name: string; projected: { defaultMode: number; sources: unknown[] } }[];
    expect(volumes).toHaveLength(1);
    expect(volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volumes[0].projected.defaultMode).toBe(420);
    expect(volumes[0].projected.sources).toContainEqual({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
    expect(at(created, 'spec.containers.0.volumeMounts')).toEqual([
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volumes[0].name, readOnly: true },
    ]);
  });

  it('does not mount a token when automountServiceAccountToken is false', () => {
    const p = h.mustCreate(pod({ automountServiceAccountToken: false, containers: [{ name: 'c', image: 'busybox' }] }, 'noauto'));
    expect(at(p, 'spec.volumes')).toBeUndefined();
    expect(at(p, 'spec.containers.0.imagePullPolicy')).toBe('Always');
  });

  it('defaults requests to limits and canonicalises quantities', () => {
    const p = h.mustCreate(pod({ containers: [{ name: 'c', image: 'app', resources: { limits: { cpu: 0.5, memory: '1024Mi' } } }] }, 'limits'));
    expect(at(p, 'spec.containers.0.resources')).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } });
    expect(at(p, 'status.qosClass')).toBe('Guaranteed');
  });
});

describe('podQOSClass', () => {
  const c = (resources: Record<string, unknown>) => ({ name: 'c', image: 'x', resources });
  it.each([
    ['no resources', [c({})], 'BestEffort'],
    ['requests only', [c({ requests: { cpu: '100m' } })], 'Burstable'],
    ['equal cpu and memory', [c({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } })], 'Guaranteed'],
    ['limits missing memory', [c({ requests: { cpu: '1' }, limits: { cpu: '1' } })], 'Burstable'],
    ['one guaranteed, one empty', [c({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }), c({})], 'Burstable'],
    ['zero requests ignored', [c({ requests: { cpu: '0' } })], 'BestEffort'],
  ])('%s → %s', (_name, containers, qos) => {
    expect(podQOSClass({ containers })).toBe(qos);
  });
});

describe('imageTag', () => {
  it.each([['nginx', 'latest'], ['nginx:1.27', '1.27'], ['localhost:5000/app', 'latest'], ['reg:5000/app:v2', 'v2'], ['app@sha256:abc', undefined]])(
    '%s → %s', (image, tag) => expect(imageTag(image)).toBe(tag));
});

describe('Pod validation', () => {
  it.each([
    ['container name', { containers: [{ name: 'Web', image: 'x' }] },
      'spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')'],
    ['missing image', { containers: [{ name: 'web' }] }, 'spec.containers[0].image: Required value'],
    ['no containers', { containers: [] }, 'spec.containers: Required value'],
    ['port range', { containers: [{ name: 'web', image: 'x', ports: [{ containerPort: 70000 }] }] },
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['missing containerPort', { containers: [{ name: 'web', image: 'x', ports: [{ name: 'http' }] }] }, 'spec.containers[0].ports[0].containerPort: Required value'],
    ['duplicate port name', { containers: [{ name: 'web', image: 'x', ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] }] },
      'spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ['duplicate container', { containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] }, 'spec.containers[1].name: Duplicate value: "a"'],
    ['env name', { containers: [{ name: 'web', image: 'x', env: [{ name: 'A=B', value: '1' }] }] },
      "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"],
    ['requests above limits', { containers: [{ name: 'web', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] },
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ['volume mount without volume', { containers: [{ name: 'web', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
      'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ['two probe handlers', { containers: [{ name: 'web', image: 'x', livenessProbe: { httpGet: { port: 80 }, tcpSocket: { port: 80 } } }] },
      'spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ['probe port', { containers: [{ name: 'web', image: 'x', readinessProbe: { tcpSocket: { port: 0 } } }] },
      'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ['restartPolicy', { restartPolicy: 'Sometimes', containers: [{ name: 'web', image: 'x' }] },
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ['dnsPolicy', { dnsPolicy: 'Google', containers: [{ name: 'web', image: 'x' }] },
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    ['toleration', { tolerations: [{ operator: 'Equal', value: 'x' }], containers: [{ name: 'web', image: 'x' }] },
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
  ])('%s', (_name, spec, expected) => {
    const h = createHarness();
    expect(causesOf(h.api.create(pod(spec)))).toContain(expected);
  });

  it('prints the apiserver message for a single cause', () => {
    const h = createHarness();
    expect(messageOf(h.api.create(pod({ containers: [{ name: 'web' }] })))).toBe('Pod "web" is invalid: spec.containers[0].image: Required value');
  });
});

describe('Pod updates', () => {
  it('allows an image change and forbids other spec changes with the upstream message', () => {
    const h = createHarness();
    const p = h.mustCreate(minimal());
    const image = h.api.update({ ...p, spec: { ...(p.spec as object), containers: [{ ...(at(p, 'spec.containers.0') as object), image: 'nginx:1.28' }] } });
    expect(image.ok).toBe(true);
    const current = h.store.get('Pod/default/web')!;
    const port = h.api.update({ ...current, spec: { ...(current.spec as object), containers: [{ ...(at(current, 'spec.containers.0') as object), ports: [{ containerPort: 8080, protocol: 'TCP' }] }] } });
    const lines = causesOf(port);
    expect(lines).toHaveLength(1);
    expect(lines[0].split('\n')[0]).toBe(`spec: Forbidden: ${POD_UPDATE_FORBIDDEN_MSG}`);
    expect(POD_UPDATE_FORBIDDEN_MSG).toBe('pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)');
    expect(lines[0]).toContain('- \tcontainers[0].ports[0].containerPort: 80,');
    expect(lines[0]).toContain('+ \tcontainers[0].ports[0].containerPort: 8080,');
  });

  it('forbids removing a toleration and adding a container', () => {
    const h = createHarness();
    const p = h.mustCreate(minimal());
    const spec = p.spec as Record<string, unknown[]>;
    expect(causesOf(h.api.update({ ...p, spec: { ...spec, tolerations: spec.tolerations.slice(1) } })))
      .toContain('spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
    expect(causesOf(h.api.update({ ...p, spec: { ...spec, containers: [...spec.containers, { name: 'b', image: 'x' }] } })))
      .toContain('spec.containers: Forbidden: pod updates may not add or remove containers');
  });
});

describe('Pod graceful deletion', () => {
  it.each([
    ['scheduled, default', { nodeName: 'n1', terminationGracePeriodSeconds: 30 }, {}, undefined, 30],
    ['scheduled, requested 5', { nodeName: 'n1', terminationGracePeriodSeconds: 30 }, {}, 5, 5],
    ['scheduled, requested 0', { nodeName: 'n1', terminationGracePeriodSeconds: 30 }, {}, 0, 0],
    ['unscheduled', { terminationGracePeriodSeconds: 30 }, {}, undefined, 0],
    ['succeeded', { nodeName: 'n1', terminationGracePeriodSeconds: 30 }, { phase: 'Succeeded' }, undefined, 0],
    ['negative period', { nodeName: 'n1', terminationGracePeriodSeconds: -3 }, {}, undefined, 1],
  ])('%s → %i s', (_name, spec, status, requested, expected) => {
    expect(podGracePeriodSeconds({ ...pod(spec), status }, requested)).toBe(expected);
  });

  it('leaves a scheduled pod terminating with deletionGracePeriodSeconds 30', () => {
    const h = createHarness();
    h.mustCreate(pod({ nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx' }] }));
    const res = h.api.delete('Pod', 'default', 'web');
    expect(res.ok).toBe(true);
    const stored = h.store.get('Pod/default/web')!;
    expect(stored.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(stored.metadata.deletionTimestamp).toBe('2026-01-01T09:00:30Z');
  });

  it('removes an unscheduled pod at once', () => {
    const h = createHarness();
    h.mustCreate(minimal());
    h.api.delete('Pod', 'default', 'web');
    expect(h.store.get('Pod/default/web')).toBeUndefined();
  });
});
