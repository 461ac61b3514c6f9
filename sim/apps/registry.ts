// The simulated container images and registries: which AppImage runs a reference, and whether the container
// runtime (containerd, through the kubelet's CRI client) can pull it, with the real error texts when it cannot.
//
// THE PULL RULE (pullOutcome; deterministic, from the reference alone):
// 1. The reference must parse as the container runtime parses it (distribution/reference, `mongo` meaning
//    `docker.io/library/mongo:latest`). Otherwise: InvalidImageName, `Failed to apply default image tag "…":
//    couldn't parse image name "…": invalid reference format` (or the more precise parser error).
// 2. Registries docker.io, ghcr.io, registry.k8s.io (and its old name k8s.gcr.io), gcr.io, mcr.microsoft.com and
//    quay.io serve anonymous pulls. Any other host (`<name>.azurecr.io`, `registry.example.com`,
//    `localhost:5000`) needs credentials: its host must be among the registries of the pod's imagePullSecrets
//    (`pullSecretRegistries`, read from their .dockerconfigjson). Otherwise: ErrImagePull, `… failed to authorize:
//    failed to fetch anonymous token: … 401 Unauthorized`.
// 3. The repository must be in the catalogue (image-catalogue.ts: the Docker Hub official images labs use, such
//    as mongo, nginx, busybox, alpine, redis, httpd, node, python, postgres, mysql, ubuntu, debian, traefik;
//    kubesim/hello; the Smilr images on Docker Hub, ghcr.io/benc-uk and any `*.azurecr.io/smilr/…`; the
//    registry.k8s.io and mcr.microsoft.com system images). An unknown Docker Hub repository (`mongoo`) fails
//    with `pull access denied, repository does not exist or may require authorization`; an unknown repository
//    on any other registry fails with `…: not found`.
// 4. The tag must exist: `latest`; the repository's named tags (`stable`, `alpine`, `jammy`…); or a version tag
//    `^v?\d+(\.\d+){0,3}([-.][a-z0-9]+)*$` whose major version is in the repository's range, whose `v` prefix
//    matches the repository's convention, and whose words are real variant words (`3.4-jessie`, `1.25-alpine`).
//    nginx and kubesim/hello also carry the demo tags `v1`, `v2`, … A misspelt tag (`lastest`, `3.4-jesie`)
//    fails with `rpc error: code = NotFound desc = … not found`. A reference by digest pulls when well-formed.
// 5. A successful pull reports the tag's size and a sha256 digest derived from the normalised reference by a
//    hash, so the same reference always has the same digest.
// The kubelet strips `rpc error: code = Unknown desc = ` from runtime errors but keeps other codes
// (cri-client remote_image.go pullImageV1), which is why only the NotFound text carries the gRPC prefix.
import type { AppImage } from './app';
import { PUBLIC_REGISTRIES, catalogueEntryFor, sizeBytesFor, tagExists } from './image-catalogue';
import { parseImageRef, invalidImageNameMessage, normalizeImageRef } from './image-ref';
import { hashHex } from './log-formats';
import { smilrDataApiImage } from './smilr-data-api';
import { smilrFrontendImage } from './smilr-frontend';
import { mongoImage } from './mongo';
import { nginxImage, helloImage } from './nginx';
import { corednsImage } from './coredns';
import { kubeSystemImage } from './kube-system';
import { busyboxImage } from './busybox';
import { genericImage } from './generic';

export type PullOutcome =
  | { readonly ok: true; readonly digest: string; readonly sizeBytes: number }
  | { readonly ok: false; readonly reason: 'ErrImagePull' | 'InvalidImageName'; readonly message: string };

/** Every simulated image, most specific first; `generic` matches anything and comes last. */
export const APP_IMAGES: readonly AppImage[] = [
  smilrDataApiImage, smilrFrontendImage, mongoImage, helloImage, nginxImage,
  corednsImage, kubeSystemImage, busyboxImage, genericImage,
];

/** The AppImage that runs a reference (generic when no specific image claims it). Pure. */
export function imageFor(ref: string): AppImage {
  return APP_IMAGES.find((image) => image.matches(ref)) ?? genericImage;
}

/** A sha256-looking digest derived from text by hashing (never random). Pure. */
export function digestFor(text: string): string {
  return `sha256:${hashHex(text, 64)}`;
}

/** A registry host as written in a .dockerconfigjson key (`https://index.docker.io/v1/` → `docker.io`). Pure. */
export function normalizeRegistryHost(server: string): string {
  const host = server.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}

const notFound = (n: string): string =>
  `rpc error: code = NotFound desc = failed to pull and unpack image "${n}": failed to resolve reference "${n}": ${n}: not found`;

const accessDenied = (n: string): string =>
  `failed to pull and unpack image "${n}": failed to resolve reference "${n}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;

function unauthorized(n: string, host: string, path: string): string {
  const token = `https://${host}/oauth2/token?scope=repository%3A${encodeURIComponent(path)}%3Apull&service=${host}`;
  return `failed to pull and unpack image "${n}": failed to resolve reference "${n}": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to ${token}: 401 Unauthorized`;
}

/** Whether pulling `ref` succeeds, given the registries the pod has pull credentials for (see THE PULL RULE). Pure. */
export function pullOutcome(ref: string, opts: { readonly pullSecretRegistries: readonly string[] }): PullOutcome {
  const parsed = parseImageRef(ref);
  if (!parsed.ok) return { ok: false, reason: 'InvalidImageName', message: invalidImageNameMessage(ref, parsed.error) };
  const { domain, path, tag, digest, normalized } = parsed.ref;
  const host = domain.toLowerCase();
  const credentialed = opts.pullSecretRegistries.some((r) => normalizeRegistryHost(r) === host);
  if (!PUBLIC_REGISTRIES.includes(host) && !credentialed) {
    return { ok: false, reason: 'ErrImagePull', message: unauthorized(normalized, host, path) };
  }
  const entry = catalogueEntryFor(host, path);
  if (!entry) {
    return { ok: false, reason: 'ErrImagePull', message: host === 'docker.io' ? accessDenied(normalized) : notFound(normalized) };
  }
  if (digest !== undefined) return { ok: true, digest, sizeBytes: sizeBytesFor(entry, tag) };
  if (!tagExists(entry, tag)) return { ok: false, reason: 'ErrImagePull', message: notFound(normalized) };
  return { ok: true, digest: digestFor(normalized), sizeBytes: sizeBytesFor(entry, tag) };
}

/** The CRI image service over this registry, in the shape the kubelet consumes (appFor, pull, normalize). */
export const simulatedImages = {
  appFor: imageFor,
  pull: (ref: string, pullSecretRegistries: readonly string[]): PullOutcome => pullOutcome(ref, { pullSecretRegistries }),
  normalize: (ref: string): string => normalizeImageRef(ref) ?? ref,
} as const;
