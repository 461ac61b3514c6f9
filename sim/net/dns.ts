// CoreDNS's kubernetes plugin, answering per the Kubernetes DNS specification (kubernetes/dns
// docs/specification.md, schema 1.1.0) with the AKS Corefile (`pods insecure`, `ttl 30`, `forward` to Azure DNS).
// Records are read from the store at query time, so answers are always live.
// SIMPLIFIED: the `loadbalance` plugin's answer shuffling is not modelled (A records come in address order);
// IPv4 only, so AAAA questions get empty answers.
import type { DeepReadonly, ObjectKey, Service, Stored } from '../model/types';
import { objectKey } from '../model/keys';
import type { ObjectStore } from '../core/store';
import type { Slice } from './endpoint-slice-model';
import { SERVICE_NAME_LABEL } from './endpoint-slice-model';
import { isServiceIPSet, serviceType } from './pod-endpoints';
import { internetAddress, internetName } from './internet';
import { isIPv4 } from './ipv4';

export type RecordType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'TXT' | 'CNAME';

export interface DnsRecord {
  readonly name: string;
  readonly type: RecordType;
  readonly ttl: number;
  /** The record data as dig prints it: an address, `prio weight port target.`, a name ending in `.`, `"text"`. */
  readonly data: string;
}

/** NOERROR with no answers is NODATA: the name exists but has no record of that type. */
export interface DnsResponse {
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
  readonly answers: readonly DnsRecord[];
}

type Svc = DeepReadonly<Stored<Service>>;

const TTL = 30;
const NXDOMAIN: DnsResponse = { rcode: 'NXDOMAIN', answers: [] };
const NODATA: DnsResponse = { rcode: 'NOERROR', answers: [] };
const SERVICE_BY_CLUSTER_IP = 'net/service-by-cluster-ip';
const SLICE_BY_ADDRESS = 'net/endpointslice-by-address';
const indexed = new WeakSet<ObjectStore>();

/** The cluster DNS server; `query` answers one question as CoreDNS would. */
export class CoreDns {
  readonly zone: string;

  constructor(private readonly store: ObjectStore, opts: { clusterDomain?: string } = {}) {
    this.zone = opts.clusterDomain ?? 'cluster.local';
    if (!indexed.has(store)) {
      indexed.add(store);
      store.addIndex(SERVICE_BY_CLUSTER_IP, 'Service', (o) => {
        const ip = (o as Svc).spec?.clusterIP;
        return ip && ip !== 'None' ? [ip] : [];
      });
      store.addIndex(SLICE_BY_ADDRESS, 'EndpointSlice', (o) => ((o as Slice).endpoints ?? []).flatMap((e) => e.addresses));
    }
  }

  /** Answers `qname` (any case, with or without the trailing dot) for `qtype`. */
  query(qname: string, qtype: RecordType): DnsResponse {
    const name = normalize(qname);
    if (qtype === 'PTR' && name.endsWith('.in-addr.arpa')) return this.reverse(name);
    if (name === this.zone) return NODATA;
    if (!name.endsWith(`.${this.zone}`)) return upstreamQuery(name, qtype);
    const labels = name.slice(0, name.length - this.zone.length - 1).split('.');
    const n = labels.length;
    if (n === 1 && labels[0] === 'dns-version') {
      return qtype === 'TXT' ? { rcode: 'NOERROR', answers: [{ name, type: 'TXT', ttl: TTL, data: '"1.1.0"' }] } : NODATA;
    }
    if (labels[n - 1] === 'pod' && n === 3) {
      const ip = labels[0].replace(/-/g, '.');
      if (!isIPv4(ip) || labels[0].split('-').length !== 4) return NXDOMAIN;
      return qtype === 'A' ? answer(name, 'A', [ip]) : NODATA;
    }
    if (labels[n - 1] !== 'svc') return NXDOMAIN;
    if (n === 1) return NODATA;
    if (n === 2) return this.store.get(objectKey('Namespace', undefined, labels[0])) ? NODATA : NXDOMAIN;
    if (n === 3) return this.serviceAnswer(name, labels[0], labels[1], qtype);
    if (n === 4) return this.endpointAnswer(name, labels[0], labels[1], labels[2], qtype);
    if (n === 5 && labels[0].startsWith('_') && labels[1].startsWith('_')) {
      return this.srvAnswer(name, labels[0].slice(1), labels[1].slice(1), labels[2], labels[3], qtype);
    }
    return NXDOMAIN;
  }

  private service(name: string, ns: string): Svc | undefined {
    return this.store.get(objectKey('Service', ns, name)) as Svc | undefined;
  }

  private readyEndpoints(svc: Svc): { ip: string; host: string; slice: Slice }[] {
    const slices = this.store.select<Slice>('EndpointSlice', svc.metadata.namespace, [{ key: SERVICE_NAME_LABEL, operator: '=', values: [svc.metadata.name] }]);
    const seen = new Set<string>();
    const out: { ip: string; host: string; slice: Slice }[] = [];
    for (const slice of slices) {
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses[0];
        if (!ip || ep.conditions?.ready === false || seen.has(ip)) continue;
        seen.add(ip);
        out.push({ ip, host: ep.hostname ?? ip.replace(/\./g, '-'), slice });
      }
    }
    return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
  }

  private serviceAnswer(name: string, svcName: string, ns: string, qtype: RecordType): DnsResponse {
    const svc = this.service(svcName, ns);
    if (!svc) return NXDOMAIN;
    if (serviceType(svc) === 'ExternalName') {
      const target = normalize(svc.spec?.externalName ?? '');
      const cname: DnsRecord = { name, type: 'CNAME', ttl: TTL, data: `${target}.` };
      if (qtype !== 'A' && qtype !== 'CNAME') return { rcode: 'NOERROR', answers: [cname] };
      const ip = qtype === 'A' ? internetAddress(target) : undefined;
      return { rcode: 'NOERROR', answers: ip ? [cname, { name: `${target}.`, type: 'A', ttl: TTL, data: ip }] : [cname] };
    }
    if (isServiceIPSet(svc)) return qtype === 'A' ? answer(name, 'A', [svc.spec!.clusterIP!]) : NODATA;
    const eps = this.readyEndpoints(svc);
    if (eps.length === 0) return NXDOMAIN;
    return qtype === 'A' ? answer(name, 'A', eps.map((e) => e.ip)) : NODATA;
  }

  private endpointAnswer(name: string, host: string, svcName: string, ns: string, qtype: RecordType): DnsResponse {
    const svc = this.service(svcName, ns);
    if (!svc) return NXDOMAIN;
    const ips = this.readyEndpoints(svc).filter((e) => e.host === host).map((e) => e.ip);
    if (ips.length === 0) return NXDOMAIN;
    return qtype === 'A' ? answer(name, 'A', ips) : NODATA;
  }

  private srvAnswer(name: string, portName: string, proto: string, svcName: string, ns: string, qtype: RecordType): DnsResponse {
    const svc = this.service(svcName, ns);
    if (!svc || portName === '') return NXDOMAIN;
    const fqdn = `${svcName}.${ns}.svc.${this.zone}.`;
    if (isServiceIPSet(svc)) {
      const port = (svc.spec?.ports ?? []).find((p) => p.name === portName && (p.protocol ?? 'TCP').toLowerCase() === proto);
      if (!port) return NXDOMAIN;
      return qtype === 'SRV' ? answer(name, 'SRV', [`0 100 ${port.port} ${fqdn}`]) : NODATA;
    }
    const data: string[] = [];
    const eps = this.readyEndpoints(svc);
    for (const ep of eps) {
      const port = (ep.slice.ports ?? []).find((p) => p.name === portName && (p.protocol ?? 'TCP').toLowerCase() === proto);
      if (port?.port !== undefined) data.push(`${port.port} ${ep.host}.${fqdn}`);
    }
    if (data.length === 0) return NXDOMAIN;
    const weight = Math.floor(100 / data.length);
    return qtype === 'SRV' ? answer(name, 'SRV', data.map((d) => `0 ${weight} ${d}`)) : NODATA;
  }

  private reverse(name: string): DnsResponse {
    const parts = name.slice(0, -'.in-addr.arpa'.length).split('.');
    if (parts.length !== 4) return NXDOMAIN;
    const ip = parts.reverse().join('.');
    for (const key of this.store.indexKeys(SERVICE_BY_CLUSTER_IP, ip)) {
      const svc = this.store.get(key) as Svc;
      return answer(name, 'PTR', [`${svc.metadata.name}.${svc.metadata.namespace}.svc.${this.zone}.`]);
    }
    const slices = [...this.store.indexKeys(SLICE_BY_ADDRESS, ip)].sort().map((k: ObjectKey) => this.store.get(k) as Slice);
    for (const slice of slices) {
      const ep = (slice.endpoints ?? []).find((e) => e.addresses[0] === ip && e.conditions?.ready !== false);
      const svcName = slice.metadata.labels?.[SERVICE_NAME_LABEL];
      if (ep && svcName) {
        return answer(name, 'PTR', [`${ep.hostname ?? ip.replace(/\./g, '-')}.${svcName}.${slice.metadata.namespace}.svc.${this.zone}.`]);
      }
    }
    return upstreamQuery(name, 'PTR');
  }
}

/** Azure DNS (168.63.129.16) as nodes and CoreDNS's `forward` see it: only the internet's names. Pure. */
export function upstreamQuery(qname: string, qtype: RecordType): DnsResponse {
  const name = normalize(qname);
  if (name.endsWith('.in-addr.arpa')) {
    const host = internetName(name.slice(0, -'.in-addr.arpa'.length).split('.').reverse().join('.'));
    return host && qtype === 'PTR' ? answer(name, 'PTR', [`${host}.`]) : NXDOMAIN;
  }
  const ip = internetAddress(name);
  if (!ip) return NXDOMAIN;
  return qtype === 'A' ? answer(name, 'A', [ip]) : NODATA;
}


function answer(name: string, type: RecordType, data: readonly string[]): DnsResponse {
  return { rcode: 'NOERROR', answers: data.map((d) => ({ name, type, ttl: TTL, data: d })) };
}

function normalize(qname: string): string {
  const lower = qname.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}
