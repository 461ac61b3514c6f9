import { describe, expect, it } from 'vitest';
import { describeExpectation, meetsExpectation, parseFieldPath, readPath } from '../../../sim/labs/field-path';
import { hostOf } from '../../../sim/labs/predicates-pods';
import { splitUrl } from '../../../sim/labs/predicates-http';
import { countMet, countText } from '../../../sim/labs/check-context';

const DEPLOY = {
  metadata: { name: 'data-api', annotations: { 'kubernetes.io/change-cause': 'use the service name' } },
  spec: {
    replicas: 3,
    template: { spec: { containers: [
      { name: 'sidecar', image: 'busybox' },
      { name: 'data-api-pod', image: 'smilr/data-api', env: [{ name: 'PORT', value: '4000' }, { name: 'MONGO_CONNSTR', value: 'mongodb://mongodb-svc.default' }] },
    ] } },
    ports: [{ port: 27017, targetPort: '27017' }],
  },
};

describe('field paths', () => {
  it.each([
    ['spec.replicas', 3],
    ['spec.ports[0].port', 27017],
    ['spec.ports[0].targetPort', '27017'],
    ['spec.ports[1].port', undefined],
    ['metadata.annotations["kubernetes.io/change-cause"]', 'use the service name'],
    ["metadata.annotations['kubernetes.io/change-cause']", 'use the service name'],
    ['spec.template.spec.containers[name=data-api-pod].env[name=MONGO_CONNSTR].value', 'mongodb://mongodb-svc.default'],
    ['spec.template.spec.containers[name="data-api-pod"].image', 'smilr/data-api'],
    ['spec.template.spec.containers[name=web].image', undefined],
    ['spec.replicas.nothing', undefined],
    ['spec', DEPLOY.spec],
  ])('reads %s', (path, value) => {
    const segments = parseFieldPath(path);
    if (typeof segments === 'string') throw new Error(segments);
    expect(readPath(DEPLOY, segments)).toEqual(value);
  });

  it.each([
    ['', 'empty field path'],
    ['.spec', 'unexpected "." at 1 in ".spec"'],
    ['spec.', 'unexpected "." at 5 in "spec."'],
    ['spec[0', 'unclosed "[" in "spec[0"'],
    ['spec[a b]', 'cannot read "[a b]" in "spec[a b]": use [0], ["key"] or [name=value]'],
  ])('rejects %j', (path, error) => {
    expect(parseFieldPath(path)).toBe(error);
  });
});

describe('expectations', () => {
  it.each([
    [27017, 27017, true], ['27017', 27017, true], [27107, 27017, false], [undefined, 27017, false],
    ['ClusterIP', 'ClusterIP', true], [true, true, true], [false, 'false', true],
    [undefined, null, true], ['x', null, false],
    ['10.0.0.1', { exists: true }, true], [undefined, { exists: true }, false], [undefined, { exists: false }, true],
    ['mongodb://mongodb-svc', { matches: '^mongodb://' }, true], [undefined, { matches: '.*' }, false],
    ['Opaque', { not: 'kubernetes.io/dockerconfigjson' }, true], ['kubernetes.io/dockerconfigjson', { not: 'kubernetes.io/dockerconfigjson' }, false],
    [3, { min: 2, max: 3 }, true], [4, { min: 2, max: 3 }, false], ['2', { min: 2 }, true],
    ['Recreate', { oneOf: ['Recreate', 'RollingUpdate'] }, true], ['Other', { oneOf: ['Recreate'] }, false],
    [['a', 'b'], { contains: 'b' }, true], [['a'], { contains: 'b' }, false], ['hello world', { contains: 'world' }, true],
    [{ a: 1 }, '{"a":1}', true],
  ])('%j against %j is %s', (actual, expected, result) => {
    expect(meetsExpectation(actual, expected as never)).toBe(result);
  });

  it('reads as a check list says it', () => {
    expect(describeExpectation(27017)).toBe('= 27017');
    expect(describeExpectation(null)).toBe('is not set');
    expect(describeExpectation({ exists: true, matches: '^10\\.' })).toBe('is set and matches /^10\\./');
    expect(describeExpectation({ min: 1, max: 3 })).toBe('≥ 1 and ≤ 3');
  });
});

describe('small helpers', () => {
  it.each([
    ['mongodb://mongodb-svc.default', 'mongodb-svc.default'],
    ['mongodb://user:pw@10.244.1.9:27017/smilr?x=1', '10.244.1.9'],
    ['mongodb://a.svc:27017,b.svc:27017/db', 'a.svc'],
    ['http://20.1.2.3/api', '20.1.2.3'],
    ['mongodb-svc', 'mongodb-svc'],
  ])('finds the host of %s', (value, host) => {
    expect(hostOf(value)).toBe(host);
  });

  it('splits URLs', () => {
    expect(splitUrl('http://20.1.2.3/api/info')).toEqual({ host: '20.1.2.3', port: 80, path: '/api/info' });
    expect(splitUrl('http://web.default:8080')).toEqual({ host: 'web.default', port: 8080, path: '/' });
    expect(splitUrl('https://x/')).toBeUndefined();
  });

  it('counts', () => {
    expect([countMet(3, 3), countMet(2, 3), countMet(2, { min: 2 }), countMet(5, { max: 4 }), countMet(3, { min: 1, max: 3 })]).toEqual([true, false, true, false, true]);
    expect([countText(1), countText({ min: 2 }), countText({ max: 0 }), countText({ min: 1, max: 3 }), countText({ min: 2, max: 2 })])
      .toEqual(['1', 'at least 2', 'at most 0', '1 to 3', '2']);
  });
});
