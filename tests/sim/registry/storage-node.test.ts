import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../sim/model/types';
import { createHarness } from '../../helpers/harness';
import { validateLabelSelector } from '../../../sim/registry/label-selector-validation';
import { causesOf } from './registry-helpers';

const pvc = (spec: Record<string, unknown>): K8sObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec });

describe('PersistentVolumeClaim strategy', () => {
  it('defaults volumeMode, canonicalises the request and starts Pending', () => {
    const h = createHarness();
    const claim = h.mustCreate(pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } }));
    expect(claim.spec).toMatchObject({ volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } });
    expect(claim.status).toEqual({ phase: 'Pending' });
  });

  it.each([
    ['no access mode, no request', {}, ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value']],
    ['unknown access mode', { accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '1Gi' } } }, [
      'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ]],
    ['zero request', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } }, [
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ]],
  ])('%s', (_name, spec, expected) => {
    const h = createHarness();
    expect(causesOf(h.api.create(pvc(spec)))).toEqual(expected);
  });

  it('keeps the spec of an unbound claim immutable', () => {
    const h = createHarness();
    h.mustCreate(pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }));
    const lines = causesOf(h.api.update(pvc({ accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } })));
    expect(lines[0].split('\n')[0]).toBe('spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
  });
});

describe('Node strategy', () => {
  it('reports taints under metadata.taints, as upstream does', () => {
    const h = createHarness();
    const taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };
    const res = h.api.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [taint, taint, { key: 'x', effect: 'Sometimes' }] } });
    expect(causesOf(res)).toEqual([
      'metadata.taints[1]: Duplicate value: {"Key":"dedicated","Value":"db","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair',
      'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it('keeps the status a node registers with and defaults allocatable to capacity', () => {
    const h = createHarness();
    const node = h.mustCreate({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: 2, memory: '8192Mi', pods: '110' } } });
    expect(node.status).toEqual({ capacity: { cpu: '2', memory: '8Gi', pods: '110' }, allocatable: { cpu: '2', memory: '8Gi', pods: '110' } });
  });
});

describe('validateLabelSelector', () => {
  it.each([
    [{ matchLabels: { app: 'web' } }, []],
    [{ matchExpressions: [{ key: 'tier', operator: 'In' }] }, ["s.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists', values: ['a'] }] }, ["s.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]],
    [{ matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['a'] }] }, ['s.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator']],
    [{ matchLabels: { app: 'web server' } }, [
      "s.matchLabels: Invalid value: \"web server\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]],
  ])('%j', (selector, expected) => {
    expect(validateLabelSelector(selector, 's').map((e) => `${e.field}: ${e.message}`)).toEqual(expected);
  });
});
