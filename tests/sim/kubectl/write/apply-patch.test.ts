import { describe, expect, it } from 'vitest';
import {
  applyStrategicPatch, createThreeWayPatch, createTwoWayPatch, goFloat, goFormat, lastAppliedOf, patchMetaFor,
} from '../../../../sim/kubectl/apply-patch';
import { applyJsonPatch, applyMergePatch } from '../../../../sim/kubectl/patch';
import { parseManifests, splitDocuments } from '../../../../sim/kubectl/manifests';

const container = (env: { name: string; value: string }[], extra: Record<string, unknown> = {}) => ({ name: 'api', image: 'smilr/data-api', env, ...extra });
const deployment = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'data-api' }, spec: { template: { spec: { containers } }, ...extra },
});

describe('strategic merge patch metadata', () => {
  it('knows the merge keys of the common lists', () => {
    expect(patchMetaFor('Deployment', ['spec', 'template', 'spec', 'containers'])).toEqual({ mergeKey: 'name' });
    expect(patchMetaFor('Pod', ['spec', 'containers', 'ports'])).toEqual({ mergeKey: 'containerPort' });
    expect(patchMetaFor('Pod', ['spec', 'containers', 'env'])).toEqual({ mergeKey: 'name' });
    expect(patchMetaFor('Pod', ['spec', 'containers', 'volumeMounts'])).toEqual({ mergeKey: 'mountPath' });
    expect(patchMetaFor('Pod', ['spec', 'volumes'])).toEqual({ mergeKey: 'name', retainKeys: true });
    expect(patchMetaFor('Service', ['spec', 'ports'])).toEqual({ mergeKey: 'port' });
    expect(patchMetaFor('Deployment', ['spec', 'strategy'])).toEqual({ retainKeys: true });
    expect(patchMetaFor('Pod', ['spec', 'containers', 'args'])).toBeUndefined();
  });
});

describe('createThreeWayPatch', () => {
  it('is {} when the manifest is unchanged even though the server defaulted fields', () => {
    const manifest = deployment([container([{ name: 'A', value: '1' }])]);
    const live = deployment([container([{ name: 'A', value: '1' }], { imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log' })], { replicas: 1 });
    expect(createThreeWayPatch('Deployment', manifest, manifest, live)).toEqual({});
  });

  it('patches a changed env value by merge key, with the element order directives kubectl sends', () => {
    const before = deployment([container([{ name: 'MONGO_CONNSTR', value: 'mongodb://10.244.1.5' }])]);
    const after = deployment([container([{ name: 'MONGO_CONNSTR', value: 'mongodb://mongodb-svc.default' }])]);
    expect(createThreeWayPatch('Deployment', before, after, before)).toEqual({
      spec: { template: { spec: {
        '$setElementOrder/containers': [{ name: 'api' }],
        'containers': [{ '$setElementOrder/env': [{ name: 'MONGO_CONNSTR' }], 'env': [{ name: 'MONGO_CONNSTR', value: 'mongodb://mongodb-svc.default' }], 'name': 'api' }],
      } } },
    });
  });

  it('deletes what last-applied had and the manifest dropped, by field and by merge key', () => {
    const before = deployment([container([{ name: 'A', value: '1' }, { name: 'B', value: '2' }])], { replicas: 3 });
    const after = deployment([container([{ name: 'A', value: '1' }])]);
    const patch = createThreeWayPatch('Deployment', before, after, before);
    expect(patch).toEqual({
      spec: {
        replicas: null,
        template: { spec: {
          'containers': [{ 'env': [{ name: 'B', $patch: 'delete' }], '$setElementOrder/env': [{ name: 'A' }], 'name': 'api' }],
          '$setElementOrder/containers': [{ name: 'api' }],
        } },
      },
    });
    const merged = applyStrategicPatch('Deployment', before, patch) as ReturnType<typeof deployment>;
    expect(merged).toEqual(deployment([container([{ name: 'A', value: '1' }])]));
  });

  it('retains only the listed keys of a Deployment strategy when its type changes', () => {
    const live = deployment([], { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    const next = deployment([], { strategy: { type: 'Recreate' } });
    const patch = createThreeWayPatch('Deployment', undefined, next, live);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect((applyStrategicPatch('Deployment', live, patch) as { spec: { strategy: unknown } }).spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('merges Service ports by port, keeping the nodePort the server allocated', () => {
    const live = { kind: 'Service', spec: { ports: [{ port: 80, nodePort: 31000, protocol: 'TCP', targetPort: 80 }], type: 'NodePort' } };
    const merged = applyStrategicPatch('Service', live, { spec: { ports: [{ port: 80, targetPort: 8080 }] } });
    expect(merged).toEqual({ kind: 'Service', spec: { ports: [{ port: 80, nodePort: 31000, protocol: 'TCP', targetPort: 8080 }], type: 'NodePort' } });
  });
});

describe('the other patch kinds', () => {
  it('createTwoWayPatch turns one object into the other', () => {
    const a = { metadata: { labels: { a: '1', b: '2' } }, spec: { replicas: 1 } };
    const b = { metadata: { labels: { a: '1' } }, spec: { replicas: 2 } };
    expect(createTwoWayPatch('Deployment', a, b)).toEqual({ metadata: { labels: { b: null } }, spec: { replicas: 2 } });
  });

  it('applyMergePatch replaces lists and deletes with null (RFC 7386)', () => {
    expect(applyMergePatch({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [3], b: { c: null } })).toEqual({ a: [3], b: { d: 2 } });
  });

  it('applyJsonPatch runs add, replace, remove and test', () => {
    const doc = { spec: { replicas: 1, containers: [{ name: 'a' }] } };
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/spec/replicas', value: 3 }, { op: 'add', path: '/spec/containers/-', value: { name: 'b' } }])).toEqual({
      ok: true, value: { spec: { replicas: 3, containers: [{ name: 'a' }, { name: 'b' }] } },
    });
    expect(applyJsonPatch(doc, [{ op: 'remove', path: '/spec/nope' }])).toEqual({ ok: false, error: 'the server rejected our request due to an error in our request', invalid: true });
  });

  it('lastAppliedOf keeps annotations {} and drops the annotation itself', () => {
    expect(lastAppliedOf({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'old' } } }))
      .toBe('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"x"}}\n');
  });

  it("formats values as Go's %+v does", () => {
    expect(goFormat({ spec: { ports: [{ port: 80 }], b: true, n: null } })).toBe('map[spec:map[b:true n:<nil> ports:[map[port:80]]]]');
    expect([goFloat(27017), goFloat(1e6), goFloat(100000), goFloat(0.5), goFloat(123456789)]).toEqual(['27017', '1e+06', '100000', '0.5', '1.23456789e+08']);
  });
});

describe('manifests', () => {
  it('splits documents on --- lines only', () => {
    expect(splitDocuments('a: 1\n---\nb: 2\n--- # c\nc: 3\n---x: 4\n')).toEqual(['a: 1', 'b: 2', 'c: 3\n---x: 4\n']);
  });

  it('reads YAML 1.1 scalars as go-yaml v2 does', () => {
    const { manifests } = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nbinaryData: {}\nmode: 0644\nflag: yes\n', 'x.yaml');
    expect((manifests[0].object as unknown as { mode: number; flag: boolean }).mode).toBe(420);
    expect((manifests[0].object as unknown as { mode: number; flag: boolean }).flag).toBe(true);
  });

  it('numbers syntax errors per document, as kubectl\'s YAML reader does', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: b\n';
    expect(parseManifests(text, 'two.yaml').errors).toEqual(['error parsing two.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token']);
  });
});
