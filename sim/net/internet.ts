// The world outside the cluster, as far as the simulation needs it: a few public names that resolve (through
// CoreDNS's `forward . /etc/resolv.conf` to Azure DNS at 168.63.129.16) and answer HTTP on 80 and 443.
// SIMPLIFIED: addresses come from the documentation ranges (RFC 5737), not the names' real addresses; any
// `*.azurecr.io` registry resolves, to an address derived from its name.
import { fnv1a32 } from '../core/names';

/** Azure's virtual public DNS server, the upstream of CoreDNS and the resolver of nodes. */
export const AZURE_DNS = '168.63.129.16';

const NAMES: Readonly<Record<string, string>> = {
  'kubernetes.io': '203.0.113.10',
  'www.kubernetes.io': '203.0.113.10',
  'github.com': '203.0.113.20',
  'raw.githubusercontent.com': '203.0.113.21',
  'ghcr.io': '203.0.113.22',
  'registry-1.docker.io': '203.0.113.30',
  'docker.io': '203.0.113.31',
  'index.docker.io': '203.0.113.31',
  'registry.k8s.io': '203.0.113.40',
  'mcr.microsoft.com': '203.0.113.50',
  'quay.io': '203.0.113.60',
  'example.com': '198.51.100.10',
  'www.example.com': '198.51.100.10',
  'www.google.com': '198.51.100.20',
  'google.com': '198.51.100.20',
  'microsoft.com': '198.51.100.30',
  'www.microsoft.com': '198.51.100.30',
  'login.microsoftonline.com': '198.51.100.40',
  'management.azure.com': '198.51.100.50',
};

const ADDRESSES = new Map<string, string>();
for (const [name, ip] of Object.entries(NAMES)) if (!ADDRESSES.has(ip)) ADDRESSES.set(ip, name);

/** The public address of an internet name (lower-case, no trailing dot), if it exists. Pure. */
export function internetAddress(name: string): string | undefined {
  const known = NAMES[name];
  if (known) return known;
  if (name.endsWith('.azurecr.io') && name.length > '.azurecr.io'.length) {
    const h = fnv1a32(name);
    return `20.${40 + (h % 60)}.${(h >>> 8) % 256}.${1 + ((h >>> 16) % 254)}`;
  }
  return undefined;
}

/**
 * Whether an address belongs to an internet host this simulation knows (answers HTTP on 80/443): a listed
 * name's address or a registry's, in 20.40.0.0–20.99.255.255 (load balancers get addresses above that). Pure.
 */
export function isInternetHost(ip: string): boolean {
  if (ADDRESSES.has(ip)) return true;
  if (!ip.startsWith('20.')) return false;
  const second = Number(ip.slice(3, ip.indexOf('.', 3)));
  return second >= 40 && second < 100;
}

/** The name a known internet address answers to, for HTTP responses and PTR lookups. Pure. */
export function internetName(ip: string): string | undefined {
  return ADDRESSES.get(ip);
}
