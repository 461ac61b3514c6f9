// What `kubectl exec` finds inside each simulated image: which programs are on its PATH, whether they are busybox
// applets or GNU/bind/iputils builds, and the environment its Dockerfile sets. An image built FROM scratch or
// distroless has no shell at all, so exec fails with the container runtime's "executable file not found".
// SIMPLIFIED: only the programs kubesim implements are listed, so a real applet kubesim lacks (vi, ps, nc) is
// reported as not found.
import { parseImageRef } from './image-ref';
import { nginxVersionFor } from './nginx';

export interface ImageToolbox {
  /** Programs on the image's PATH. */
  readonly programs: ReadonlySet<string>;
  readonly flavour: 'busybox' | 'gnu';
  /** ENV lines of the image, in order (after PATH and HOSTNAME, before the pod's own variables). */
  readonly env: readonly (readonly [string, string])[];
  /** PRETTY_NAME of /etc/os-release, or undefined for an image with no OS files. */
  readonly os?: string;
  /** busybox 1.28 and older, whose nslookup applet predates the 1.29 rewrite. */
  readonly legacyNslookup?: boolean;
}

/** Whether a busybox tag is 1.28 or older (`1.28`, `1.27.2-uclibc`). Pure. */
function legacyBusybox(tag: string): boolean {
  const m = /^1\.(\d+)(?:[.-]|$)/.exec(tag);
  return m !== null && Number(m[1]) <= 28;
}

const CORE = ['echo', 'printf', 'sleep', 'env', 'printenv', 'cat', 'ls', 'tail', 'head', 'grep', 'wc', 'sort', 'uniq', 'cut', 'tr',
  'base64', 'test', '[', 'true', 'false', 'hostname', 'date'];
const BUSYBOX = ['sh', 'ash', ...CORE, 'nslookup', 'wget', 'ping'];
const DEBIAN = ['sh', 'bash', ...CORE];
const NODE_ENV: readonly [string, string][] = [['NODE_VERSION', '18.20.4'], ['YARN_VERSION', '1.22.19']];

function box(programs: readonly string[], flavour: 'busybox' | 'gnu', os: string | undefined, env: readonly (readonly [string, string])[] = []): ImageToolbox {
  return { programs: new Set(programs), flavour, os, env };
}

const ALPINE = 'Alpine Linux v3.20';
const NO_SHELL = box([], 'gnu', undefined);

/** The toolbox of an image, chosen by repository (and an `-alpine` tag). Pure. */
export function toolboxFor(image: string): ImageToolbox {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return NO_SHELL;
  const { path, tag } = parsed.ref;
  const name = path.split('/').pop() ?? path;
  const alpine = /alpine/.test(tag);
  if (path === 'library/busybox') return { ...box(BUSYBOX, 'busybox', undefined), legacyNslookup: legacyBusybox(tag) };
  if (path === 'library/alpine') return box(BUSYBOX, 'busybox', ALPINE);
  if (path === 'curlimages/curl') return box([...BUSYBOX, 'curl'], 'busybox', ALPINE, [['CURL_VERSION', '8.12.1']]);
  if (path === 'nicolaka/netshoot') return box([...DEBIAN, 'zsh', 'curl', 'wget', 'nslookup', 'dig', 'ping'], 'gnu', ALPINE);
  if (path === 'tutum/dnsutils' || name === 'jessie-dnsutils') return box([...DEBIAN, 'nslookup', 'dig', 'ping'], 'gnu', 'Debian GNU/Linux 8 (jessie)');
  if (name === 'data-api' || name === 'frontend' || name === 'smilr-data-api' || name === 'smilr-frontend') {
    return box([...BUSYBOX, 'node'], 'busybox', ALPINE, [...NODE_ENV, ['NODE_ENV', 'production']]);
  }
  if (name === 'mongo') return box(DEBIAN, 'gnu', /jessie/.test(tag) ? 'Debian GNU/Linux 8 (jessie)' : 'Ubuntu 22.04.5 LTS', [['GOSU_VERSION', '1.17'], ['MONGO_MAJOR', tag.split('.')[0] || '8']]);
  if (name === 'nginx' || name === 'nginx-unprivileged' || name === 'hello') {
    // The same version the server logs at start-up (nginx.ts), so `env` and `logs` agree.
    const version = nginxVersionFor(tag);
    return alpine || name === 'hello' ? box([...BUSYBOX, 'curl'], 'busybox', ALPINE, [['NGINX_VERSION', version]])
      : box([...DEBIAN, 'curl'], 'gnu', 'Debian GNU/Linux 12 (bookworm)', [['NGINX_VERSION', version], ['NJS_VERSION', '0.8.9']]);
  }
  if (parsed.ref.domain === 'registry.k8s.io' || parsed.ref.domain === 'mcr.microsoft.com' || name === 'pause') return NO_SHELL;
  if (alpine) return box(BUSYBOX, 'busybox', ALPINE);
  if (name === 'node') return box(DEBIAN, 'gnu', 'Debian GNU/Linux 12 (bookworm)', NODE_ENV);
  return box(DEBIAN, 'gnu', name === 'ubuntu' ? 'Ubuntu 24.04.1 LTS' : 'Debian GNU/Linux 12 (bookworm)');
}
