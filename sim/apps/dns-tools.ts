// nslookup (bind's in GNU images; busybox's applets are in nslookup-busybox.ts and nslookup-legacy.ts) and dig
// (bind), asking the origin's resolver: a pod asks CoreDNS through its resolv.conf search list, the student's
// machine asks its public resolver.
// SIMPLIFIED: dig shows no AUTHORITY SOA
// record for NXDOMAIN and no EDNS cookie; without an interactive lookup service the answer rides on a connection
// attempt's DNS hops (a container's own process).
import type { RecordType } from '../net/dns';
import type { Resolution } from '../net/resolver';
import type { Hop } from '../net/types';
import { hashHex, unixDate } from './log-formats';
import type { Builtin, ShellRun, ShellState } from './shell-run';
import { legacyNslookup } from './nslookup-legacy';
import { busyboxNslookup, ptrName } from './nslookup-busybox';

const QTYPES = new Set<RecordType>(['A', 'AAAA', 'SRV', 'PTR', 'TXT', 'CNAME']);

function* done(status: number): ShellRun {
  return status;
}

/** The resolution of `name`, from the lookup service or from a connection attempt's DNS hops. */
function resolve(sh: ShellState, name: string, qtype: RecordType, search: boolean): Resolution {
  if (sh.io.lookup) return sh.io.lookup(name, qtype, search);
  const result = sh.io.connect(name, 53);
  const queries = result.hops.filter((h): h is Extract<Hop, { step: 'dns-query' }> => h.step === 'dns-query');
  const server = queries[0]?.server ?? '10.0.0.10';
  const found = queries.find((q) => q.answer !== 'NXDOMAIN' && q.answer.length > 0);
  if (found && found.answer !== 'NXDOMAIN') {
    return { ok: true, server, name: found.name, answers: found.answer.map((data) => ({ name: found.name, type: 'A', ttl: 30, data })), addresses: [...found.answer], hops: result.hops, elapsedMs: 0 };
  }
  const timedOut = queries.length === 0 && result.hops.some((h) => h.step === 'timeout');
  return { ok: false, error: timedOut ? 'TIMEOUT' : 'NXDOMAIN', server, name, answers: [], addresses: [], hops: result.hops, elapsedMs: 0 };
}

function authoritative(name: string): boolean {
  return name.endsWith('.cluster.local') || name === 'cluster.local' || name.endsWith('.in-addr.arpa');
}

function nslookup(argv: readonly string[], sh: ShellState): ShellRun {
  let qtype: RecordType = 'A';
  const operands: string[] = [];
  for (const a of argv.slice(1)) {
    const m = /^-(?:type|query|q|t)=(\w+)$/i.exec(a);
    if (m && QTYPES.has(m[1].toUpperCase() as RecordType)) qtype = m[1].toUpperCase() as RecordType;
    else if (!a.startsWith('-')) operands.push(a);
  }
  const name = operands[0];
  if (sh.io.legacyNslookup) return legacyNslookup(sh, resolve, name);
  if (sh.io.flavour !== 'gnu') return busyboxNslookup(argv, sh);
  if (name === undefined) {
    sh.io.err('nslookup: a host name is required (kubesim runs no interactive nslookup)');
    return done(1);
  }
  // bind's nslookup turns an address into a reverse (PTR) query.
  const ptr = qtype === 'A' ? ptrName(name) : undefined;
  const res = ptr ? resolve(sh, ptr, 'PTR', false) : resolve(sh, name, qtype, true);
  if (res.error === 'TIMEOUT') {
    sh.io.out(';; connection timed out; no servers could be reached');
    sh.io.out('');
    return done(1);
  }
  sh.io.out(`Server:\t\t${res.server}`);
  sh.io.out(`Address:\t${res.server}#53`);
  sh.io.out('');
  if (res.ok && res.name !== undefined) {
    if (!authoritative(res.name)) sh.io.out('Non-authoritative answer:');
    for (const r of res.answers) {
      if (r.type === 'CNAME') sh.io.out(`${r.name}\tcanonical name = ${r.data}`);
      else if (r.type === 'A') { sh.io.out(`Name:\t${r.name.replace(/\.$/, '')}`); sh.io.out(`Address: ${r.data}`); }
      else sh.io.out(`${r.name}\t${r.type === 'SRV' ? 'service' : r.type === 'PTR' ? 'name' : 'text'} = ${r.data}`);
    }
    sh.io.out('');
    return done(0);
  }
  sh.io.out(`** server can't find ${ptr ?? name}: NXDOMAIN`);
  sh.io.out('');
  return done(1);
}

function dig(argv: readonly string[], sh: ShellState): ShellRun {
  let short = false, search = false, qtype: RecordType = 'A';
  let name: string | undefined;
  let server: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a === '+nosearch') search = false;
    else if (a.startsWith('+')) continue;
    else if (a.startsWith('@')) server = a.slice(1);
    else if (a === '-t') qtype = (argv[++i] ?? 'A').toUpperCase() as RecordType;
    else if (a === '-x') { const ip = argv[++i] ?? ''; name = `${ip.split('.').reverse().join('.')}.in-addr.arpa`; qtype = 'PTR'; }
    else if (QTYPES.has(a.toUpperCase() as RecordType) && name !== undefined) qtype = a.toUpperCase() as RecordType;
    else if (name === undefined) name = a;
  }
  const asked = name ?? '.';
  const res = resolve(sh, asked, QTYPES.has(qtype) ? qtype : 'A', search);
  const epochMs = sh.io.nowEpochMs();
  if (res.error === 'TIMEOUT') {
    if (!short) sh.io.out('');
    if (!short) sh.io.out(`; <<>> DiG 9.18.33 <<>> ${argv.slice(1).join(' ')}`);
    if (!short) sh.io.out(';; global options: +cmd');
    sh.io.out(`;; communications error to ${server ?? res.server}#53: timed out`);
    sh.io.out(`;; communications error to ${server ?? res.server}#53: timed out`);
    sh.io.out(`;; communications error to ${server ?? res.server}#53: timed out`);
    sh.io.out('');
    sh.io.out(`; <<>> DiG 9.18.33 <<>> ${argv.slice(1).join(' ')}`);
    sh.io.out(';; global options: +cmd');
    sh.io.out(';; no servers could be reached');
    return done(9);
  }
  const answers = res.ok ? res.answers : [];
  if (short) { for (const r of answers) sh.io.out(r.data); return done(0); }
  const fqdn = (n: string): string => (n.endsWith('.') ? n : `${n}.`);
  const question = fqdn(res.ok && res.name ? res.name : asked);
  const aa = authoritative(question.slice(0, -1));
  const id = parseInt(hashHex(`${question}${epochMs}`, 4), 16);
  sh.io.out('');
  sh.io.out(`; <<>> DiG 9.18.33 <<>> ${argv.slice(1).join(' ')}`);
  sh.io.out(';; global options: +cmd');
  sh.io.out(';; Got answer:');
  // An empty answer for a name that exists (an AAAA question for a Service) is NOERROR, not NXDOMAIN.
  const lastQuery = [...res.hops].reverse().find((h) => h.step === 'dns-query');
  const nxdomain = !res.ok && (lastQuery === undefined || (lastQuery as { answer: unknown }).answer === 'NXDOMAIN');
  sh.io.out(`;; ->>HEADER<<- opcode: QUERY, status: ${nxdomain ? 'NXDOMAIN' : 'NOERROR'}, id: ${id}`);
  sh.io.out(`;; flags: qr${aa ? ' aa' : ''} rd${aa ? '' : ' ra'}; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: 0, ADDITIONAL: 1`);
  if (aa) sh.io.out(';; WARNING: recursion requested but not available');
  sh.io.out('');
  sh.io.out(';; OPT PSEUDOSECTION:');
  sh.io.out('; EDNS: version: 0, flags:; udp: 1232');
  sh.io.out(';; QUESTION SECTION:');
  sh.io.out(`;${question}\t\tIN\t${qtype}`);
  sh.io.out('');
  if (answers.length > 0) {
    sh.io.out(';; ANSWER SECTION:');
    for (const r of answers) sh.io.out(`${fqdn(r.name)}\t${r.ttl}\tIN\t${r.type}\t${r.data}`);
    sh.io.out('');
  }
  sh.io.out(`;; Query time: 0 msec`);
  sh.io.out(`;; SERVER: ${server ?? res.server}#53(${server ?? res.server}) (UDP)`);
  sh.io.out(`;; WHEN: ${unixDate(epochMs).replace(/ {2}(\d) /, ' 0$1 ')}`);
  sh.io.out(`;; MSG SIZE  rcvd: ${40 + question.length + answers.length * 16}`);
  sh.io.out('');
  return done(0);
}

/** nslookup and dig, by program name. */
export const DNS_TOOLS: Readonly<Record<string, Builtin>> = { nslookup, dig };
