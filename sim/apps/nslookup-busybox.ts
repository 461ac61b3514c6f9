// busybox 1.29+'s nslookup (networking/nslookup.c, FEATURE_NSLOOKUP_BIG, the applet in busybox:1.36 and Alpine): it
// builds its own DNS queries instead of asking libc, so ndots does not apply. A name without a dot is asked under
// each `search` domain of /etc/resolv.conf, and never as given; a name with a dot is asked only as given. That is
// why `nslookup web.default` fails in a pod while `wget web.default` works. With no -type it sends an A and an AAAA
// query for every candidate, and an IP address becomes one PTR query. It prints each reply as it arrives: the
// `Server:`/`Address:` block before the first one, `** server can't find NAME: NXDOMAIN` for a failed query, the
// records of an answer (after `Non-authoritative answer:` unless the server is authoritative, as CoreDNS is for
// the cluster zone), and a blank line after every reply, so an empty AAAA answer shows as a lone blank line.
// Any failed query makes the exit status 1, even when another candidate was answered.
// SIMPLIFIED: replies are printed in the order the queries were sent (real replies arrive in any order); asking
// another server on the command line still asks the pod's resolver.
import type { DnsRecord, RecordType } from '../net/dns';
import type { Hop } from '../net/types';
import type { ShellRun, ShellState } from './shell-run';

/** busybox's query types, in the order it sends them when several -type options are given. */
const QTYPES: readonly string[] = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'];
const SIMULATED = new Set<string>(['A', 'AAAA', 'SRV', 'PTR', 'TXT', 'CNAME']);
const OPTIONS = new Set(['type', 'querytype', 'port', 'retry', 'debug', 't', 'timeout']);
const DEFAULT_TIMEOUT_MS = 5000;

export const BUSYBOX_NSLOOKUP_USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n' +
  'Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\n' +
  'QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any';

interface Reply {
  readonly rcode: 'NOERROR' | 'NXDOMAIN' | 'TIMEOUT';
  readonly server: string;
  readonly answers: readonly DnsRecord[];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The in-addr.arpa name busybox's make_ptr builds for an IPv4 literal, or undefined. Pure. */
export function ptrName(text: string): string | undefined {
  const m = IPV4.exec(text);
  if (!m || m.slice(1).some((o) => Number(o) > 255)) return undefined;
  return `${Number(m[4])}.${Number(m[3])}.${Number(m[2])}.${Number(m[1])}.in-addr.arpa`;
}

/** The names busybox asks for `name` (add_query_with_search): one per search domain for a dotless name. Pure. */
export function busyboxCandidates(name: string, qtype: string, search: readonly string[]): string[] {
  if (qtype === 'PTR' || search.length === 0 || name.includes('.')) return [name];
  return search.map((d) => `${name}.${d}`);
}

/** The search domains of a resolv.conf text (the last `search` line, else `domain`), as busybox parses it. Pure. */
export function searchDomainsOf(resolvConf: string): string[] {
  let search: string[] | undefined;
  let domain: string[] | undefined;
  for (const line of resolvConf.split('\n')) {
    const words = line.trim().split(/[ \t]+/);
    if (words[0] === 'search' && words.length > 1) search = words.slice(1);
    else if (words[0] === 'domain' && words.length > 1) domain = words.slice(1);
  }
  const list = search ?? domain ?? [];
  return list.length === 1 && list[0] === '.' ? [] : list;
}

/** One query, asked exactly as given: through the lookup service, or through a connection attempt's DNS hop. */
function ask(sh: ShellState, qname: string, qtype: RecordType): Reply {
  if (sh.io.lookup) {
    const res = sh.io.lookup(qname, qtype, false);
    if (res.error === 'TIMEOUT') return { rcode: 'TIMEOUT', server: res.server, answers: [] };
    const hop = res.hops.find((h): h is Extract<Hop, { step: 'dns-query' }> => h.step === 'dns-query');
    return { rcode: hop?.answer === 'NXDOMAIN' ? 'NXDOMAIN' : 'NOERROR', server: res.server, answers: res.ok ? res.answers : [] };
  }
  const result = sh.io.connect(`${qname}.`, 53);
  const hop = result.hops.find((h): h is Extract<Hop, { step: 'dns-query' }> => h.step === 'dns-query');
  if (!hop) return { rcode: 'TIMEOUT', server: '10.0.0.10', answers: [] };
  if (hop.answer === 'NXDOMAIN') return { rcode: 'NXDOMAIN', server: hop.server, answers: [] };
  // Only A questions ride on a connection; the cluster is IPv4-only, so an existing name has no other records.
  const answers = qtype === 'A' ? hop.answer.map((data) => ({ name: hop.name, type: 'A' as const, ttl: 30, data })) : [];
  return { rcode: 'NOERROR', server: hop.server, answers };
}

/** Whether CoreDNS answers `name` from its own zones (the kubernetes plugin sets AA). Pure. */
function authoritative(name: string, answers: readonly DnsRecord[]): boolean {
  if (name.endsWith('.in-addr.arpa')) return answers.some((r) => /\.cluster\.local\.?$/.test(r.data));
  return name === 'cluster.local' || name.endsWith('.cluster.local');
}

function recordLine(r: DnsRecord): string {
  const owner = r.name.replace(/\.$/, '');
  const data = r.data.replace(/\.$/, '');
  switch (r.type) {
    case 'A': case 'AAAA': return `Name:\t${owner}\nAddress: ${data}`;
    case 'CNAME': return `${owner}\tcanonical name = ${data}`;
    case 'PTR': return `${owner}\tname = ${data}`;
    case 'SRV': return `${owner}\tservice = ${data}`;
    default: return `${owner}\ttext = ${r.data}`;
  }
}

/** `nslookup [-type=T]... HOST [SERVER]` as busybox 1.36 runs it. */
export function* busyboxNslookup(argv: readonly string[], sh: ShellState): ShellRun {
  const types = new Set<string>();
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const eq = argv[i].indexOf('=');
    const key = argv[i].slice(1, eq < 0 ? undefined : eq);
    const val = eq < 0 ? '' : argv[i].slice(eq + 1);
    if (!OPTIONS.has(key)) { sh.io.err(BUSYBOX_NSLOOKUP_USAGE); return 1; }
    if (key === 'type' || key === 'querytype') {
      const t = val.toUpperCase();
      if (!QTYPES.includes(t)) { sh.io.err(`nslookup: invalid query type "${val}"`); return 1; }
      types.add(t);
    } else if (key === 't' || key === 'timeout') {
      const n = Number(val);
      if (!/^\d+$/.test(val) || n < 1) { sh.io.err(`nslookup: invalid number '${val}'`); return 1; }
      timeoutMs = n * 1000;
    }
  }
  const name = argv[i];
  const serverArg = argv[i + 1];
  if (name === undefined || argv[i + 2] !== undefined) { sh.io.err(BUSYBOX_NSLOOKUP_USAGE); return 1; }
  // A server on the command line means /etc/resolv.conf is not read, so there is no search list either.
  const search = serverArg !== undefined ? [] : searchDomainsOf(sh.io.readFile?.('/etc/resolv.conf') ?? '');
  const queries: { name: string; type: string }[] = [];
  if (types.size === 0) {
    const ptr = ptrName(name);
    if (ptr) queries.push({ name: ptr, type: 'PTR' });
    else for (const type of ['A', 'AAAA']) for (const n of busyboxCandidates(name, type, search)) queries.push({ name: n, type });
  } else {
    for (const type of QTYPES) if (types.has(type)) for (const n of busyboxCandidates(name, type, search)) queries.push({ name: n, type });
  }
  const replies = queries.map((q) => (SIMULATED.has(q.type) ? ask(sh, q.name, q.type as RecordType) : ask(sh, q.name, 'TXT')))
    .map((r, k) => (SIMULATED.has(queries[k].type) || r.rcode !== 'NOERROR' ? r : { ...r, answers: [] }));
  if (replies.length === 0 || replies[0].rcode === 'TIMEOUT') {
    sh.commandsSinceWait = 0;
    yield timeoutMs;
    sh.io.out(';; connection timed out; no servers could be reached');
    sh.io.out('');
    return 1;
  }
  sh.io.out(`Server:\t\t${serverArg ?? replies[0].server}`);
  sh.io.out(`Address:\t${serverArg ?? replies[0].server}:53`);
  sh.io.out('');
  let status = 0;
  replies.forEach((reply, k) => {
    const q = queries[k];
    if (reply.rcode !== 'NOERROR') {
      sh.io.out(`** server can't find ${q.name}: ${reply.rcode === 'TIMEOUT' ? 'SERVFAIL' : reply.rcode}`);
      status = 1;
    } else {
      if (!authoritative(q.name, reply.answers)) sh.io.out('Non-authoritative answer:');
      for (const r of reply.answers) sh.io.out(recordLine(r));
    }
    sh.io.out('');
  });
  return status;
}

