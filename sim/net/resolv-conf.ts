// A pod's /etc/resolv.conf as the kubelet builds it (pkg/kubelet/network/dns/dns.go GetPodDNS) and the
// container runtime writes it, and the stub resolver's search-list rule (resolv.conf(5)): a name with fewer
// than `ndots` dots is tried with each search domain first, then as given; a trailing dot means "as given only".
import type { DeepReadonly, Pod, Stored } from '../model/types';
import { AZURE_DNS } from './internet';

export interface ResolvConf {
  readonly search: readonly string[];
  readonly nameservers: readonly string[];
  readonly options: readonly string[];
  readonly ndots: number;
  /** Identifies equal configurations (for answer caches). */
  readonly key: string;
}

export interface ResolvOptions {
  readonly clusterDomain?: string;
  /** The cluster DNS Service IP (kubelet --cluster-dns). */
  readonly clusterDNS?: string;
  /** The node's own search domains (from the node's resolv.conf). */
  readonly nodeSearch?: readonly string[];
  /** The node's own nameservers. */
  readonly nodeNameservers?: readonly string[];
}

const MAX_SEARCH = 32;

/** The node's resolv.conf (what dnsPolicy Default and hostNetwork pods get). Pure. */
export function nodeResolvConf(opts: ResolvOptions = {}): ResolvConf {
  return make([...(opts.nodeSearch ?? [])], [...(opts.nodeNameservers ?? [AZURE_DNS])], []);
}

/**
 * The resolv.conf a pod gets for its dnsPolicy: ClusterFirst (the default) searches `<ns>.svc.<zone>`,
 * `svc.<zone>`, `<zone>` then the node's domains, asks the cluster DNS and sets ndots:5; Default copies the node;
 * None uses only dnsConfig; dnsConfig's entries are merged in after the policy's, without duplicates. Pure.
 */
export function podResolvConf(pod: DeepReadonly<Stored<Pod>>, opts: ResolvOptions = {}): ResolvConf {
  const zone = opts.clusterDomain ?? 'cluster.local';
  const ns = pod.metadata.namespace ?? 'default';
  let policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'ClusterFirst' && pod.spec?.hostNetwork) policy = 'Default';
  let search: string[] = [];
  let servers: string[] = [];
  let options: string[] = [];
  if (policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') {
    search = [`${ns}.svc.${zone}`, `svc.${zone}`, zone, ...(opts.nodeSearch ?? [])];
    servers = [opts.clusterDNS ?? '10.0.0.10'];
    options = ['ndots:5'];
  } else if (policy === 'Default') {
    const node = nodeResolvConf(opts);
    search = [...node.search];
    servers = [...node.nameservers];
  }
  const config = pod.spec?.dnsConfig;
  if (config) {
    servers = unique([...servers, ...(config.nameservers ?? [])]);
    search = unique([...search, ...(config.searches ?? [])]);
    options = mergeOptions(options, (config.options ?? []).map((o) => (o.value !== undefined ? `${o.name}:${o.value}` : o.name ?? '')));
  }
  return make(search.slice(0, MAX_SEARCH), servers.slice(0, 3), options);
}

/** The file as the container runtime writes it: search, nameserver lines, options. Pure. */
export function formatResolvConf(conf: ResolvConf): string {
  let out = '';
  if (conf.search.length > 0) out += `search ${conf.search.join(' ')}\n`;
  for (const ns of conf.nameservers) out += `nameserver ${ns}\n`;
  if (conf.options.length > 0) out += `options ${conf.options.join(' ')}\n`;
  return out;
}

/** The fully-qualified names the resolver asks for, in order, for `name`. Pure. */
export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  let dots = 0;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 46) dots++;
  const suffixed = conf.search.map((s) => `${name}.${s}`);
  return dots >= conf.ndots ? [name, ...suffixed] : [...suffixed, name];
}

function make(search: string[], nameservers: string[], options: string[]): ResolvConf {
  const ndotsOpt = options.find((o) => o.startsWith('ndots:'));
  const ndots = ndotsOpt ? Math.min(15, Number(ndotsOpt.slice(6)) || 0) : 1;
  return { search, nameservers, options, ndots, key: `${search.join(' ')}|${nameservers.join(' ')}|${ndots}` };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function mergeOptions(base: string[], extra: string[]): string[] {
  const byName = new Map<string, string>();
  for (const o of [...base, ...extra]) byName.set(o.split(':')[0], o);
  return [...byName.values()];
}
