// ping (busybox's applet, or iputils in GNU images): one echo request a second; a pod or node address answers,
// a Service's ClusterIP never does (it is a rule in kube-proxy, bound to no interface), so every packet is lost.
// SIMPLIFIED: round-trip times are small fixed values; a lost packet costs one second, not the reply timeout.
import type { Builtin, ShellRun, ShellState } from './shell-run';
import { isIPv4Literal } from '../net/hosts';

/** The first address a connection attempt's DNS hops found for `host`, or '' (no lookup service). */
function firstAnswer(sh: ShellState, host: string): string {
  for (const hop of sh.io.connect(host, 7).hops) if (hop.step === 'dns-query' && hop.answer !== 'NXDOMAIN' && hop.answer.length > 0) return hop.answer[0];
  return '';
}

function rtt(seq: number): string {
  return `0.${String(40 + ((seq * 37) % 60)).padStart(3, '0')}`;
}

function* ping(argv: readonly string[], sh: ShellState): ShellRun {
  let count = Infinity;
  let host: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-c') count = Number(argv[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === '-W' || a === '-w' || a === '-i' || a === '-s') i++;
    else if (!a.startsWith('-')) host = a;
  }
  const gnu = sh.io.flavour === 'gnu';
  if (host === undefined) { sh.io.err(gnu ? 'ping: usage error: Destination address required' : 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST'); return gnu ? 2 : 1; }
  if (!(count >= 1)) { sh.io.err(gnu ? `ping: invalid argument: '${argv[argv.indexOf('-c') + 1]}'` : `ping: invalid number '${argv[argv.indexOf('-c') + 1]}'`); return 1; }
  let ip = host;
  if (!isIPv4Literal(host)) {
    const res = sh.io.lookup ? sh.io.lookup(host, 'A', true) : undefined;
    ip = res ? (res.ok ? res.addresses[0] ?? '' : '') : firstAnswer(sh, host);
    if (ip === '' || ip === host) {
      sh.io.err(gnu ? `ping: ${host}: ${res?.error === 'TIMEOUT' ? 'Temporary failure in name resolution' : 'Name or service not known'}` : `ping: bad address '${host}'`);
      return gnu ? 2 : 1;
    }
  }
  const answers = sh.io.pingable?.(ip) ?? false;
  sh.io.out(gnu ? `PING ${host} (${ip}) 56(84) bytes of data.` : `PING ${host} (${ip}): 56 data bytes`);
  let sent = 0;
  try {
    while (sent < count) {
      if (answers) sh.io.out(gnu ? `64 bytes from ${ip}: icmp_seq=${sent + 1} ttl=64 time=${rtt(sent)} ms` : `64 bytes from ${ip}: seq=${sent} ttl=64 time=${rtt(sent)} ms`);
      sent++;
      sh.commandsSinceWait = 0;
      if (sent < count || !answers) yield 1000;
    }
  } finally {
    const received = answers ? sent : 0;
    const loss = sent === 0 ? 0 : Math.round(((sent - received) / sent) * 100);
    sh.io.out('');
    sh.io.out(`--- ${host} ping statistics ---`);
    sh.io.out(gnu ? `${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${Math.max(0, sent - 1) * 1000}ms`
      : `${sent} packets transmitted, ${received} packets received, ${loss}% packet loss`);
    if (received > 0) {
      const times = Array.from({ length: received }, (_, k) => Number(rtt(k)));
      const min = Math.min(...times), max = Math.max(...times), avg = times.reduce((a, b) => a + b, 0) / times.length;
      sh.io.out(gnu ? `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${((max - min) / 2).toFixed(3)} ms` : `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms`);
    }
  }
  return answers ? 0 : 1;
}

/** ping, by program name. */
export const PING_TOOLS: Readonly<Record<string, Builtin>> = { ping };
