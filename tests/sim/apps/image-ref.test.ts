import { describe, expect, it } from 'vitest';
import { normalizeImageRef, parseImageRef, withDefaultTag } from '../../../sim/apps/image-ref';

describe('image reference normalisation', () => {
  it.each([
    ['mongo', 'docker.io/library/mongo:latest', 'mongo:latest'],
    ['mongo:3.4-jessie', 'docker.io/library/mongo:3.4-jessie', 'mongo:3.4-jessie'],
    ['library/nginx:1.25', 'docker.io/library/nginx:1.25', 'nginx:1.25'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest', 'nginx:latest'],
    ['index.docker.io/library/busybox:1.36', 'docker.io/library/busybox:1.36', 'busybox:1.36'],
    ['smilr/data-api', 'docker.io/smilr/data-api:latest', 'smilr/data-api:latest'],
    ['myacr.azurecr.io/smilr/data-api', 'myacr.azurecr.io/smilr/data-api:latest', 'myacr.azurecr.io/smilr/data-api:latest'],
    ['localhost:5000/app:v2', 'localhost:5000/app:v2', 'localhost:5000/app:v2'],
    ['localhost/app', 'localhost/app:latest', 'localhost/app:latest'],
    ['registry.k8s.io/coredns/coredns:v1.11.1', 'registry.k8s.io/coredns/coredns:v1.11.1', 'registry.k8s.io/coredns/coredns:v1.11.1'],
    [`nginx@sha256:${'a'.repeat(64)}`, `docker.io/library/nginx@sha256:${'a'.repeat(64)}`, `nginx@sha256:${'a'.repeat(64)}`],
    [`nginx:1.25@sha256:${'b'.repeat(64)}`, `docker.io/library/nginx:1.25@sha256:${'b'.repeat(64)}`, `nginx:1.25@sha256:${'b'.repeat(64)}`],
  ])('%s → %s', (input, normalized, familiar) => {
    const parsed = parseImageRef(input);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.ref.normalized).toBe(normalized);
      expect(parsed.ref.familiar).toBe(familiar);
    }
  });

  it('splits registry, repository path, tag and digest', () => {
    const parsed = parseImageRef('myacr.azurecr.io:443/smilr/frontend:stable');
    expect(parsed).toEqual({ ok: true, ref: expect.objectContaining({ domain: 'myacr.azurecr.io:443', path: 'smilr/frontend', tag: 'stable', digest: undefined, repository: 'myacr.azurecr.io:443/smilr/frontend' }) });
  });

  it.each([
    ['Mongo', 'invalid reference format: repository name (library/Mongo) must be lowercase'],
    ['mongo:3.4 jessie', 'invalid reference format'],
    ['mongo::latest', 'invalid reference format'],
    ['http://nginx', 'invalid reference format'],
    ['nginx:', 'invalid reference format'],
    ['nginx@sha256:abc', 'invalid reference format'],
    [`nginx@sha256:${'a'.repeat(40)}`, 'invalid checksum digest length'],
    [`nginx@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    ['', 'invalid reference format'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
  ])('rejects %j: %s', (input, error) => {
    expect(parseImageRef(input)).toEqual({ ok: false, error });
  });

  it('normalizeImageRef returns undefined for a bad reference', () => {
    expect(normalizeImageRef('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImageRef('NGINX')).toBeUndefined();
  });
});

describe("the kubelet's applyDefaultImageTag", () => {
  it.each([
    ['nginx', 'nginx:latest'],
    ['nginx:1.25', 'nginx:1.25'],
    ['myacr.azurecr.io/smilr/data-api', 'myacr.azurecr.io/smilr/data-api:latest'],
    [`nginx@sha256:${'c'.repeat(64)}`, `nginx@sha256:${'c'.repeat(64)}`],
  ])('%s → %s', (input, tagged) => {
    expect(withDefaultTag(input)).toEqual({ ok: true, image: tagged });
  });

  it('gives the InvalidImageName message for a bad reference', () => {
    expect(withDefaultTag('mongo:3.4 jessie')).toEqual({
      ok: false,
      message: 'Failed to apply default image tag "mongo:3.4 jessie": couldn\'t parse image name "mongo:3.4 jessie": invalid reference format',
    });
  });
});
