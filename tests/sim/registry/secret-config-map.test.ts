import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../sim/model/types';
import { createHarness } from '../../helpers/harness';
import { causesOf } from './registry-helpers';

const secret = (fields: Record<string, unknown>, name = 'creds'): K8sObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...fields });
const configMap = (fields: Record<string, unknown>, name = 'cfg'): K8sObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...fields });

describe('Secret strategy', () => {
  it('folds stringData into base64 data and defaults the type to Opaque', () => {
    const h = createHarness();
    const s = h.mustCreate(secret({ data: { user: 'YWRtaW4=' }, stringData: { password: 's3cr3t', note: 'héllo ✓', user: 'root' } }));
    expect(s.type).toBe('Opaque');
    expect(s.stringData).toBeUndefined();
    expect(s.data).toEqual({ user: 'cm9vdA==', password: 'czNjcjN0', note: 'aMOpbGxvIOKckw==' });
  });

  it.each([
    ['dockerconfigjson without its key', { type: 'kubernetes.io/dockerconfigjson', data: {} }, ['data[.dockerconfigjson]: Required value']],
    ['dockerconfigjson that is not JSON', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': 'auths' } }, [
      'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'a\' looking for beginning of value',
    ]],
    ['tls without keys', { type: 'kubernetes.io/tls', data: {} }, ['data[tls.crt]: Required value', 'data[tls.key]: Required value']],
    ['bad key', { stringData: { 'my key': 'x' } }, [
      "data[my key]: Invalid value: \"my key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]],
    ['bad base64', { data: { token: 'abc$' } }, ['data[token]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3']],
  ])('%s', (_name, fields, expected) => {
    const h = createHarness();
    expect(causesOf(h.api.create(secret(fields)))).toEqual(expected);
  });

  it('keeps the type immutable', () => {
    const h = createHarness();
    h.mustCreate(secret({ stringData: { a: 'b' } }));
    expect(causesOf(h.api.update(secret({ type: 'kubernetes.io/basic-auth', data: { username: 'YQ==' } })))).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
    ]);
  });
});

describe('ConfigMap strategy', () => {
  it('validates keys and keys present in both data and binaryData', () => {
    const h = createHarness();
    expect(causesOf(h.api.create(configMap({ data: { '..conf': 'x', same: 'y' }, binaryData: { same: 'eQ==' } })))).toEqual([
      'data[..conf]: Invalid value: "..conf": must not start with \'..\'',
      'data[same]: Invalid value: "same": duplicate of key present in binaryData',
    ]);
  });

  it('refuses to change an immutable ConfigMap', () => {
    const h = createHarness();
    h.mustCreate(configMap({ immutable: true, data: { a: '1' } }));
    expect(causesOf(h.api.update(configMap({ immutable: true, data: { a: '2' } })))).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});
