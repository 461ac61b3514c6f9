// Image references as the container runtime reads them: distribution/reference's grammar and
// ParseNormalizedNamed (`mongo` → `docker.io/library/mongo:latest`), and the kubelet's applyDefaultImageTag.

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_AND_PORT = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN_AND_PORT}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;

const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)$`);
const ANCHORED_IDENTIFIER = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** A parsed, normalised image reference. */
export interface ImageRef {
  /** The registry host (`docker.io`, `registry.k8s.io`, `myacr.azurecr.io`, `localhost:5000`). */
  readonly domain: string;
  /** The repository path inside the registry (`library/mongo`, `smilr/data-api`). */
  readonly path: string;
  /** The tag: as written, or `latest` when neither a tag nor a digest was given. Empty with a bare digest. */
  readonly tag: string;
  readonly digest?: string;
  /** `domain/path`, the repository name. */
  readonly repository: string;
  /** The fully-qualified reference: `docker.io/library/mongo:latest`. */
  readonly normalized: string;
  /** The short form Docker prints: `mongo:latest`, `smilr/data-api:latest`. */
  readonly familiar: string;
}

export type ParseImageResult = { ok: true; ref: ImageRef } | { ok: false; error: string };

/** distribution/reference splitDockerDomain: the first component is a registry only if it looks like a host. */
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i === -1 ? '' : name.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = 'docker.io';
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  return [domain, remainder];
}

function validateDigest(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const want = DIGEST_HEX_LENGTH[algorithm];
  if (want === undefined) return 'unsupported digest algorithm';
  if (hex.length !== want) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest format';
  return undefined;
}

/** reference.Parse over an already domain-qualified name: the error texts are distribution's. */
function parseQualified(s: string): ParseImageResult {
  const m = REFERENCE.exec(s);
  if (!m) {
    if (s === '') return { ok: false, error: 'repository name must have at least one component' };
    if (REFERENCE.test(s.toLowerCase())) return { ok: false, error: 'repository name must be lowercase' };
    return { ok: false, error: 'invalid reference format' };
  }
  if (m[1].length > NAME_TOTAL_LENGTH_MAX) return { ok: false, error: `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters` };
  const name = ANCHORED_NAME.exec(m[1]);
  const domain = name?.[1] ?? '';
  const path = name?.[2] ?? m[1];
  const digest = m[3];
  if (digest !== undefined) {
    const bad = validateDigest(digest);
    if (bad) return { ok: false, error: bad };
  }
  const tag = m[2] ?? (digest === undefined ? 'latest' : '');
  const repository = `${domain}/${path}`;
  const suffix = `${tag === '' ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`;
  const familiarName = domain !== 'docker.io' ? repository : path.startsWith('library/') ? path.slice(8) : path;
  return { ok: true, ref: { domain, path, tag, digest, repository, normalized: repository + suffix, familiar: familiarName + suffix } };
}

/** ParseNormalizedNamed plus the kubelet's default `latest` tag: `mongo` → `docker.io/library/mongo:latest`. Pure. */
export function parseImageRef(image: string): ParseImageResult {
  if (ANCHORED_IDENTIFIER.test(image)) {
    return { ok: false, error: `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings` };
  }
  const [domain, remainder] = splitDockerDomain(image);
  const tagSep = remainder.indexOf(':');
  const remoteName = tagSep === -1 ? remainder : remainder.slice(0, tagSep);
  if (remoteName.toLowerCase() !== remoteName) {
    return { ok: false, error: `invalid reference format: repository name (${remoteName}) must be lowercase` };
  }
  return parseQualified(`${domain}/${remainder}`);
}

/** The fully-qualified form of a reference, or undefined when it cannot be parsed. Pure. */
export function normalizeImageRef(image: string): string | undefined {
  const parsed = parseImageRef(image);
  return parsed.ok ? parsed.ref.normalized : undefined;
}

/**
 * The kubelet's applyDefaultImageTag: `nginx` → `nginx:latest`, other references unchanged (not normalised).
 * Returns the kubelet's InvalidImageName message when the reference cannot be parsed. Pure.
 */
export function withDefaultTag(image: string): { ok: true; image: string } | { ok: false; message: string } {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return { ok: false, message: invalidImageNameMessage(image, parsed.error) };
  const { tag, digest } = parsed.ref;
  const tagged = digest === undefined && tag !== '' && !image.endsWith(`:${tag}`) ? `${image}:${tag}` : image;
  return { ok: true, image: tagged };
}

/** The kubelet's InvalidImageName text (pkg/kubelet/images: applyDefaultImageTag over parsers.ParseImageName). Pure. */
export function invalidImageNameMessage(image: string, parseError: string): string {
  return `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${parseError}`;
}
