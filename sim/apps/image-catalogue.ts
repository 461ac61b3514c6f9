// What the simulated registries hold: which repositories exist, which tags they carry, and how big they are.
// The pull rule that reads this table is documented at the top of registry.ts.

/** One repository in the catalogue. */
export interface CatalogueEntry {
  /** `host/path`; the host may be a wildcard such as `*.azurecr.io` (any Azure Container Registry). */
  readonly name: string;
  /** Compressed size of the default (`latest`) variant, in MB. */
  readonly sizeMB: number;
  /** Tags that exist besides `latest` and version-like tags (`stable`, `alpine`, `jammy`). */
  readonly namedTags?: readonly string[];
  /** The range of major versions that exist (`nginx:2` does not). */
  readonly majors?: readonly [number, number];
  /** Version tags are written `v1.34.0` (Kubernetes images) rather than `1.34.0`. */
  readonly vPrefix?: boolean;
  /** Rolling-update demo tags `v1`, `v2`, … exist. SIMPLIFIED: real Docker Hub nginx has no such tags. */
  readonly demoTags?: boolean;
}

/** Registries that serve anonymous pulls; every other host needs credentials from an imagePullSecret. */
export const PUBLIC_REGISTRIES: readonly string[] = [
  'docker.io', 'ghcr.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'mcr.microsoft.com', 'quay.io',
];

/** Words that may follow a version in a real tag (`3.4-jessie`, `1.25-alpine3.20`, `16-bookworm-slim`). */
const SUFFIX_WORDS = new Set([
  'alpine', 'slim', 'jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'xenial', 'bionic', 'focal',
  'jammy', 'noble', 'trusty', 'perl', 'otel', 'windowsservercore', 'nanoserver', 'ltsc', 'management', 'community',
  'debian', 'ubuntu', 'oracle', 'musl', 'glibc', 'uclibc', 'rc', 'beta', 'alpha', 'fpm', 'apache', 'cli', 'zts',
  'jdk', 'jre', 'temurin', 'unprivileged', 'rootless', 'amd', 'arm', 'linux', 'nonroot', 'debug', 'distroless',
]);

const DEBIAN_NAMES = ['bookworm', 'bullseye', 'buster', 'trixie', 'slim', 'bookworm-slim', 'bullseye-slim'];
const K8S_MAJORS: readonly [number, number] = [0, 2];

/** The catalogue. Sizes are plausible compressed sizes, not measured ones. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  { name: 'docker.io/library/mongo', sizeMB: 260, majors: [2, 8], namedTags: ['jammy', 'noble', 'focal', 'windowsservercore', 'nanoserver'] },
  { name: 'docker.io/library/nginx', sizeMB: 68, majors: [1, 1], demoTags: true,
    namedTags: ['stable', 'mainline', 'alpine', 'alpine-slim', 'alpine-perl', 'perl', 'stable-alpine', 'mainline-alpine', 'bookworm', 'otel'] },
  { name: 'docker.io/library/busybox', sizeMB: 2, majors: [1, 1], namedTags: ['musl', 'glibc', 'uclibc', 'stable', 'unstable'] },
  { name: 'docker.io/library/alpine', sizeMB: 4, majors: [2, 3], namedTags: ['edge'] },
  { name: 'docker.io/library/ubuntu', sizeMB: 29, majors: [10, 25], namedTags: ['jammy', 'noble', 'focal', 'bionic', 'xenial', 'trusty', 'rolling', 'devel'] },
  { name: 'docker.io/library/debian', sizeMB: 49, majors: [6, 13], namedTags: [...DEBIAN_NAMES, 'stretch', 'jessie', 'stable', 'stable-slim', 'testing', 'sid'] },
  { name: 'docker.io/library/centos', sizeMB: 75, majors: [5, 8] },
  { name: 'docker.io/library/redis', sizeMB: 45, majors: [2, 8], namedTags: ['alpine', ...DEBIAN_NAMES] },
  { name: 'docker.io/library/httpd', sizeMB: 58, majors: [2, 2], namedTags: ['alpine', ...DEBIAN_NAMES] },
  { name: 'docker.io/library/node', sizeMB: 380, majors: [0, 25],
    namedTags: ['lts', 'current', 'alpine', 'lts-alpine', 'current-alpine', 'lts-slim', 'iron', 'jod', 'hydrogen', ...DEBIAN_NAMES] },
  { name: 'docker.io/library/python', sizeMB: 360, majors: [2, 3], namedTags: ['alpine', ...DEBIAN_NAMES] },
  { name: 'docker.io/library/golang', sizeMB: 290, majors: [1, 1], namedTags: ['alpine', ...DEBIAN_NAMES] },
  { name: 'docker.io/library/postgres', sizeMB: 150, majors: [9, 18], namedTags: ['alpine', ...DEBIAN_NAMES] },
  { name: 'docker.io/library/mysql', sizeMB: 160, majors: [5, 9], namedTags: ['lts', 'innovation', 'oracle', 'debian'] },
  { name: 'docker.io/library/mariadb', sizeMB: 120, majors: [10, 11], namedTags: ['lts', 'jammy', 'noble'] },
  { name: 'docker.io/library/memcached', sizeMB: 30, majors: [1, 1], namedTags: ['alpine', 'bookworm'] },
  { name: 'docker.io/library/rabbitmq', sizeMB: 100, majors: [3, 4], namedTags: ['management', 'alpine', 'management-alpine'] },
  { name: 'docker.io/library/traefik', sizeMB: 45, majors: [1, 3], namedTags: ['latest'] },
  { name: 'docker.io/library/caddy', sizeMB: 20, majors: [2, 2], namedTags: ['alpine', 'builder'] },
  { name: 'docker.io/library/haproxy', sizeMB: 45, majors: [1, 3], namedTags: ['alpine', 'lts', 'bookworm'] },
  { name: 'docker.io/library/hello-world', sizeMB: 0.02, namedTags: ['linux', 'nanoserver'] },
  { name: 'docker.io/library/registry', sizeMB: 10, majors: [2, 3] },
  { name: 'docker.io/curlimages/curl', sizeMB: 10, majors: [7, 8] },
  { name: 'docker.io/nicolaka/netshoot', sizeMB: 200, majors: [0, 0], vPrefix: true },
  { name: 'docker.io/tutum/dnsutils', sizeMB: 80 },
  { name: 'docker.io/kubesim/hello', sizeMB: 8, demoTags: true, majors: [1, 3] },
  { name: 'docker.io/smilr/data-api', sizeMB: 35, namedTags: ['stable'] },
  { name: 'docker.io/smilr/frontend', sizeMB: 30, namedTags: ['stable'] },
  { name: 'docker.io/stefanprodan/podinfo', sizeMB: 20, majors: [1, 6] },
  { name: 'ghcr.io/stefanprodan/podinfo', sizeMB: 20, majors: [1, 6] },
  { name: 'ghcr.io/benc-uk/smilr/data-api', sizeMB: 35, namedTags: ['stable'] },
  { name: 'ghcr.io/benc-uk/smilr/frontend', sizeMB: 30, namedTags: ['stable'] },
  { name: 'ghcr.io/benc-uk/smilr-data-api', sizeMB: 35, namedTags: ['stable'] },
  { name: 'ghcr.io/benc-uk/smilr-frontend', sizeMB: 30, namedTags: ['stable'] },
  { name: '*.azurecr.io/smilr/data-api', sizeMB: 35, namedTags: ['stable'] },
  { name: '*.azurecr.io/smilr/frontend', sizeMB: 30, namedTags: ['stable'] },
  { name: '*.azurecr.io/kubesim/hello', sizeMB: 8, demoTags: true, majors: [1, 3] },
  { name: 'registry.k8s.io/coredns/coredns', sizeMB: 16, vPrefix: true, majors: [1, 1] },
  { name: 'registry.k8s.io/kube-proxy', sizeMB: 28, vPrefix: true, majors: [1, 1] },
  { name: 'registry.k8s.io/metrics-server/metrics-server', sizeMB: 19, vPrefix: true, majors: K8S_MAJORS },
  { name: 'registry.k8s.io/pause', sizeMB: 0.3, majors: [3, 3] },
  { name: 'registry.k8s.io/e2e-test-images/jessie-dnsutils', sizeMB: 110, majors: [1, 1] },
  { name: 'registry.k8s.io/e2e-test-images/agnhost', sizeMB: 50, majors: [2, 2] },
  { name: 'registry.k8s.io/echoserver', sizeMB: 45, majors: [1, 1] },
  { name: 'registry.k8s.io/ingress-nginx/controller', sizeMB: 105, vPrefix: true, majors: K8S_MAJORS },
  { name: 'gcr.io/google-samples/hello-app', sizeMB: 10, majors: [1, 2] },
  { name: 'gcr.io/google-samples/kubernetes-bootcamp', sizeMB: 75, vPrefix: true, majors: [1, 2] },
  { name: 'mcr.microsoft.com/oss/kubernetes/coredns', sizeMB: 16, vPrefix: true, majors: [1, 1] },
  { name: 'mcr.microsoft.com/oss/kubernetes/kube-proxy', sizeMB: 30, vPrefix: true, majors: [1, 1] },
  { name: 'mcr.microsoft.com/oss/kubernetes/metrics-server', sizeMB: 19, vPrefix: true, majors: K8S_MAJORS },
  { name: 'mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager', sizeMB: 20, vPrefix: true, majors: [1, 1] },
  { name: 'mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi', sizeMB: 60, vPrefix: true, majors: [1, 1] },
  { name: 'mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi', sizeMB: 60, vPrefix: true, majors: [1, 1] },
  { name: 'mcr.microsoft.com/oss/kubernetes/apiserver-network-proxy/agent', sizeMB: 15, vPrefix: true, majors: K8S_MAJORS },
  { name: 'mcr.microsoft.com/oss/kubernetes/pause', sizeMB: 0.3, majors: [3, 3] },
  { name: 'mcr.microsoft.com/oss/kubernetes/ip-masq-agent-v2', sizeMB: 12, vPrefix: true, majors: [0, 0] },
  { name: 'mcr.microsoft.com/oss/kubernetes/autoscaler/cluster-proportional-autoscaler', sizeMB: 14, vPrefix: true, majors: [1, 1] },
  { name: 'mcr.microsoft.com/azuredocs/aks-helloworld', sizeMB: 45, vPrefix: true, majors: [1, 1] },
  { name: 'mcr.microsoft.com/azuredocs/azure-vote-front', sizeMB: 360, vPrefix: true, majors: [1, 2] },
  { name: 'quay.io/prometheus/prometheus', sizeMB: 100, vPrefix: true, majors: [2, 3] },
  { name: 'quay.io/jetstack/cert-manager-controller', sizeMB: 20, vPrefix: true, majors: [1, 1] },
];

const EXACT = new Map(CATALOGUE.filter((e) => !e.name.startsWith('*.')).map((e) => [e.name, e]));
const WILDCARD = CATALOGUE.filter((e) => e.name.startsWith('*.'));

/** The catalogue entry for a registry host and repository path; `k8s.gcr.io` mirrors `registry.k8s.io`. Pure. */
export function catalogueEntryFor(domain: string, path: string): CatalogueEntry | undefined {
  const host = domain === 'k8s.gcr.io' ? 'registry.k8s.io' : domain;
  const exact = EXACT.get(`${host}/${path}`);
  if (exact) return exact;
  return WILDCARD.find((e) => {
    const slash = e.name.indexOf('/');
    const suffix = e.name.slice(1, slash); // `.azurecr.io`
    return host.endsWith(suffix) && host.length > suffix.length && e.name.slice(slash + 1) === path;
  });
}

const VERSION_TAG = /^(v?)(\d+)((?:\.\d+){0,3})((?:[-.][a-z0-9]+)*)$/;

/** Whether a tag exists in a repository: `latest`, its named tags, or a plausible version tag. Pure. */
export function tagExists(entry: CatalogueEntry, tag: string): boolean {
  if (tag === 'latest' || entry.namedTags?.includes(tag)) return true;
  if (entry.demoTags && /^v\d+$/.test(tag)) return true;
  const m = VERSION_TAG.exec(tag);
  if (!m) return false;
  if ((m[1] === 'v') !== Boolean(entry.vPrefix)) return false;
  const major = Number(m[2]);
  if (entry.majors && (major < entry.majors[0] || major > entry.majors[1])) return false;
  const words = m[4].split(/[-.]/).filter((w) => w !== '');
  return words.every((w) => {
    const stem = w.replace(/\d+$/, '');
    return stem === '' || SUFFIX_WORDS.has(stem) || Boolean(entry.namedTags?.includes(w));
  });
}

/** The pulled size of a tag in bytes: slim and alpine variants are smaller. Pure. */
export function sizeBytesFor(entry: CatalogueEntry, tag: string): number {
  const factor = /alpine/.test(tag) ? 0.3 : /slim/.test(tag) ? 0.55 : 1;
  return Math.round(entry.sizeMB * factor * 1_048_576);
}
