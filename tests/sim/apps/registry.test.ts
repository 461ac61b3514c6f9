import { describe, expect, it } from 'vitest';
import type { ImageService } from '../../../sim/controllers/kubelet-images';
import { digestFor, imageFor, normalizeRegistryHost, pullOutcome, simulatedImages } from '../../../sim/apps/registry';

const none = { pullSecretRegistries: [] as string[] };
const acr = { pullSecretRegistries: ['https://myacr.azurecr.io'] };

describe('pullOutcome: references that pull', () => {
  it.each([
    ['mongo:3.4-jessie', none],
    ['mongo', none],
    ['nginx:1.25-alpine', none],
    ['nginx:stable', none],
    ['nginx:v2', none],
    ['busybox:1.36', none],
    ['alpine:3.20', none],
    ['redis:7', none],
    ['postgres:16-bookworm', none],
    ['ubuntu:22.04', none],
    ['curlimages/curl:8.12.1', none],
    ['kubesim/hello:v1', none],
    ['smilr/data-api', none],
    ['ghcr.io/benc-uk/smilr-frontend:stable', none],
    ['registry.k8s.io/coredns/coredns:v1.11.1', none],
    ['k8s.gcr.io/echoserver:1.4', none],
    ['mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.34.0', none],
    ['myacr.azurecr.io/smilr/data-api', acr],
    ['myacr.azurecr.io/smilr/frontend:latest', acr],
    [`nginx@sha256:${'d'.repeat(64)}`, none],
  ])('%s', (ref, opts) => {
    const out = pullOutcome(ref, opts);
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(out.sizeBytes).toBeGreaterThan(0);
    }
  });

  it('gives the same digest for the same image however it is written, and different ones for different tags', () => {
    const a = pullOutcome('mongo', none);
    const b = pullOutcome('docker.io/library/mongo:latest', none);
    const c = pullOutcome('mongo:3.4-jessie', none);
    expect(a.ok && b.ok && a.digest === b.digest).toBe(true);
    expect(a.ok && c.ok && a.digest !== c.digest).toBe(true);
    expect(digestFor('x')).toBe(digestFor('x'));
  });

  it('reports a smaller size for alpine variants', () => {
    const full = pullOutcome('nginx:1.25', none);
    const alpine = pullOutcome('nginx:1.25-alpine', none);
    expect(full.ok && alpine.ok && alpine.sizeBytes < full.sizeBytes).toBe(true);
  });
});

describe('pullOutcome: failures with the runtime\'s wording', () => {
  it('a misspelt repository on Docker Hub is "pull access denied"', () => {
    expect(pullOutcome('mongoo', none)).toEqual({
      ok: false, reason: 'ErrImagePull',
      message: 'failed to pull and unpack image "docker.io/library/mongoo:latest": failed to resolve reference "docker.io/library/mongoo:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    });
  });

  it.each(['nginx:lastest', 'mongo:3.4-jesie', 'nginx:2.0', 'busybox:latests', 'registry.k8s.io/kube-proxy:1.34.0'])('a missing tag is NotFound: %s', (ref) => {
    const out = pullOutcome(ref, none);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.reason).toBe('ErrImagePull');
      expect(out.message).toMatch(/^rpc error: code = NotFound desc = failed to pull and unpack image ".*": failed to resolve reference ".*": .*: not found$/);
    }
  });

  it('nginx:lastest names the normalised reference', () => {
    const out = pullOutcome('nginx:lastest', none);
    expect(!out.ok && out.message).toBe('rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:lastest": failed to resolve reference "docker.io/library/nginx:lastest": docker.io/library/nginx:lastest: not found');
  });

  it('a private registry without a pull secret is 401 Unauthorized', () => {
    expect(pullOutcome('myacr.azurecr.io/smilr/data-api', none)).toEqual({
      ok: false, reason: 'ErrImagePull',
      message: 'failed to pull and unpack image "myacr.azurecr.io/smilr/data-api:latest": failed to resolve reference "myacr.azurecr.io/smilr/data-api:latest": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://myacr.azurecr.io/oauth2/token?scope=repository%3Asmilr%2Fdata-api%3Apull&service=myacr.azurecr.io: 401 Unauthorized',
    });
  });

  it('a secret for another registry does not help', () => {
    const out = pullOutcome('otheracr.azurecr.io/smilr/data-api', acr);
    expect(!out.ok && out.message.endsWith('401 Unauthorized')).toBe(true);
  });

  it('with credentials, an unknown repository or tag is NotFound', () => {
    const out = pullOutcome('myacr.azurecr.io/smilr/dataapi', acr);
    expect(!out.ok && out.message).toBe('rpc error: code = NotFound desc = failed to pull and unpack image "myacr.azurecr.io/smilr/dataapi:latest": failed to resolve reference "myacr.azurecr.io/smilr/dataapi:latest": myacr.azurecr.io/smilr/dataapi:latest: not found');
    expect(pullOutcome('myacr.azurecr.io/smilr/data-api:lastest', acr).ok).toBe(false);
  });

  it.each([
    ['mongo:3.4 jessie', 'invalid reference format'],
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginx:', 'invalid reference format'],
  ])('an unparsable reference is InvalidImageName: %j', (ref, why) => {
    expect(pullOutcome(ref, none)).toEqual({
      ok: false, reason: 'InvalidImageName',
      message: `Failed to apply default image tag "${ref}": couldn't parse image name "${ref}": ${why}`,
    });
  });
});

describe('registry hosts in .dockerconfigjson', () => {
  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['myacr.azurecr.io', 'myacr.azurecr.io'],
    ['https://MyAcr.azurecr.io/', 'myacr.azurecr.io'],
    ['http://localhost:5000', 'localhost:5000'],
  ])('%s → %s', (server, host) => expect(normalizeRegistryHost(server)).toBe(host));
});

describe('imageFor', () => {
  it.each([
    ['mongo:3.4-jessie', 'mongo'],
    ['myacr.azurecr.io/smilr/data-api', 'smilr-data-api'],
    ['smilr/data-api:stable', 'smilr-data-api'],
    ['ghcr.io/benc-uk/smilr-data-api:latest', 'smilr-data-api'],
    ['myacr.azurecr.io/smilr/frontend', 'smilr-frontend'],
    ['nginx:1.25', 'nginx'],
    ['kubesim/hello:v2', 'hello'],
    ['busybox', 'busybox'],
    ['alpine:3.20', 'busybox'],
    ['curlimages/curl', 'busybox'],
    ['registry.k8s.io/coredns/coredns:v1.11.1', 'coredns'],
    ['mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.34.0', 'kube-system'],
    ['redis:7', 'generic'],
    ['example.com/team/app:1.0', 'generic'],
  ])('%s runs %s', (ref, id) => expect(imageFor(ref).id).toBe(id));
});

describe('simulatedImages (the kubelet\'s ImageService)', () => {
  it('adapts imageFor, pullOutcome and normalisation', () => {
    const service: ImageService = simulatedImages;
    expect(service.appFor('mongo:3.4-jessie').id).toBe('mongo');
    expect(service.pull('myacr.azurecr.io/smilr/data-api', ['myacr.azurecr.io']).ok).toBe(true);
    expect(service.normalize('mongo:3.4-jessie')).toBe('docker.io/library/mongo:3.4-jessie');
    expect(service.normalize('Bad Name')).toBe('Bad Name');
  });
});
