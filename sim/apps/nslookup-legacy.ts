// busybox 1.28's nslookup (networking/nslookup.c before the 1.29 rewrite, the image the Kubernetes DNS debugging
// guide pins): the libc resolver answers, so the search list applies, and each address is followed by its
// reverse (PTR) name. `Server:` and `Name:` are padded to ten columns (`%-10s %s`); a failure goes to stderr.
import type { RecordType } from '../net/dns';
import type { Resolution } from '../net/resolver';
import type { ShellRun, ShellState } from './shell-run';

type Resolve = (sh: ShellState, name: string, qtype: RecordType, search: boolean) => Resolution;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The PTR name of an IPv4 address, without the trailing dot, if the resolver has one. */
function reverseName(sh: ShellState, resolve: Resolve, ip: string): string | undefined {
  if (!sh.io.lookup || !IPV4.test(ip)) return undefined;
  const res = resolve(sh, `${ip.split('.').reverse().join('.')}.in-addr.arpa`, 'PTR', false);
  const ptr = res.ok ? res.answers.find((r) => r.type === 'PTR') : undefined;
  return ptr ? ptr.data.replace(/\.$/, '') : undefined;
}

function printAddresses(sh: ShellState, resolve: Resolve, header: string, host: string, addresses: readonly string[]): void {
  sh.io.out(`${header.padEnd(10)} ${host}`);
  addresses.forEach((ip, i) => {
    const rev = reverseName(sh, resolve, ip);
    sh.io.out(`Address ${i + 1}: ${ip}${rev ? ` ${rev}` : ''}`);
  });
}

/** `nslookup HOST`: the server block, a blank line, then the host's addresses or "can't resolve". */
export function* legacyNslookup(sh: ShellState, resolve: Resolve, name: string | undefined): ShellRun {
  if (name === undefined) {
    sh.io.err('BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server');
    return 1;
  }
  const res = IPV4.test(name) ? undefined : resolve(sh, name, 'A', true);
  const server = res?.server || '10.0.0.10';
  printAddresses(sh, resolve, 'Server:', server, [server]);
  sh.io.out('');
  const addresses = res === undefined ? [name] : res.ok ? res.addresses : [];
  if (addresses.length === 0) {
    sh.io.err(`nslookup: can't resolve '${name}'`);
    return 1;
  }
  printAddresses(sh, resolve, 'Name:', name, addresses);
  return 0;
}
