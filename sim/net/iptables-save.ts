// `iptables-save` on a node, limited to kube-proxy's service rules (pkg/proxy/iptables/proxier.go
// syncProxyRules and writeServiceToEndpointRules), printed as iptables-save normalises them.
// SIMPLIFIED: only the KUBE-SERVICES, KUBE-NODEPORTS, KUBE-EXT, KUBE-SVC/SVL and KUBE-SEP chains (and the
// REJECT/DROP filter rules) are shown; masquerade-mark details of KUBE-POSTROUTING are left out.
import type { ProxyTableView, ServicePortView } from './proxy-view';

/** The filter and nat tables of a node's programmed rules, one rule a line. Pure. */
export function formatIptablesSave(view: ProxyTableView): string {
  const filter: string[] = [], nat: string[] = [], chains = new Set<string>();
  for (const s of view.services) serviceRules(s, filter, nat, chains);
  const natChains = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-MARK-MASQ', ...[...chains].sort()];
  return [
    '*filter', ':KUBE-SERVICES - [0:0]', ':KUBE-EXTERNAL-SERVICES - [0:0]', ':KUBE-NODEPORTS - [0:0]', ...filter, 'COMMIT',
    '*nat', ...natChains.map((c) => `:${c} - [0:0]`), ...nat,
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    'COMMIT', '',
  ].join('\n');
}

function serviceRules(s: ServicePortView, filter: string[], nat: string[], chains: Set<string>): void {
  const proto = s.protocol.toLowerCase();
  const match = `-p ${proto}`;
  const dport = (port: number) => `-m ${proto} --dport ${port}`;
  const internalChain = s.internalPolicyLocal ? s.chains.local : s.chains.cluster;
  if (s.clusterIP) {
    if (s.clusterIPTarget === 'DNAT') nat.push(`-A KUBE-SERVICES -d ${s.clusterIP}/32 ${match} -m comment --comment ${q(`${s.portName} cluster IP`)} ${dport(s.port)} -j ${internalChain}`);
    else filter.push(`-A KUBE-SERVICES -d ${s.clusterIP}/32 ${match} -m comment --comment ${q(s.comment ?? '')} ${dport(s.port)} ${reject(s.clusterIPTarget)}`);
  }
  const hasEndpoints = s.clusterIPTarget !== 'REJECT';
  const external = [...s.loadBalancerIPs.map((ip) => [ip, 'loadbalancer IP']), ...s.externalIPs.map((ip) => [ip, 'external IP'])];
  for (const [ip, what] of external) {
    if (hasEndpoints) nat.push(`-A KUBE-SERVICES -d ${ip}/32 ${match} -m comment --comment ${q(`${s.portName} ${what}`)} ${dport(s.port)} -j ${s.chains.external}`);
    if (s.externalTarget !== 'DNAT') filter.push(`-A KUBE-EXTERNAL-SERVICES -d ${ip}/32 ${match} -m comment --comment ${q(s.comment ?? '')} ${dport(s.port)} ${reject(s.externalTarget)}`);
  }
  if (s.nodePort) {
    if (hasEndpoints) nat.push(`-A KUBE-NODEPORTS ${match} -m comment --comment ${q(s.portName)} ${dport(s.nodePort)} -j ${s.chains.external}`);
    if (s.externalTarget !== 'DNAT') filter.push(`-A KUBE-EXTERNAL-SERVICES ${match} -m comment --comment ${q(s.comment ?? '')} -m addrtype --dst-type LOCAL ${dport(s.nodePort)} ${reject(s.externalTarget)}`);
  }
  if (!hasEndpoints) return;
  if (s.nodePort || external.length > 0) {
    chains.add(s.chains.external);
    if (!s.externalPolicyLocal) {
      nat.push(`-A ${s.chains.external} -m comment --comment ${q(`masquerade traffic for ${s.portName} external destinations`)} -j KUBE-MARK-MASQ`);
    }
    if (s.externalTarget === 'DNAT') nat.push(`-A ${s.chains.external} -j ${s.externalPolicyLocal ? s.chains.local : s.chains.cluster}`);
  }
  const balancing = s.endpoints.filter((e) => e.inChain);
  if (balancing.length === 0) return;
  chains.add(internalChain);
  for (const e of balancing) {
    const comment = q(`${s.portName} -> ${e.address}`);
    if (s.affinitySeconds !== undefined) nat.push(`-A ${internalChain} -m comment --comment ${comment} -m recent --rcheck --seconds ${s.affinitySeconds} --reap --name ${e.chain} --mask 255.255.255.255 --rsource -j ${e.chain}`);
  }
  for (const e of balancing) {
    const statistic = e.probability ? ` -m statistic --mode random --probability ${e.probability}` : '';
    nat.push(`-A ${internalChain} -m comment --comment ${q(`${s.portName} -> ${e.address}`)}${statistic} -j ${e.chain}`);
  }
  for (const e of balancing) {
    chains.add(e.chain);
    const ip = e.address.slice(0, e.address.lastIndexOf(':'));
    const recent = s.affinitySeconds !== undefined ? ` -m recent --set --name ${e.chain} --mask 255.255.255.255 --rsource` : '';
    nat.push(`-A ${e.chain} -s ${ip}/32 -m comment --comment ${q(s.portName)} -j KUBE-MARK-MASQ`);
    nat.push(`-A ${e.chain} ${match} -m comment --comment ${q(s.portName)}${recent} -m ${proto} -j DNAT --to-destination ${e.address}`);
  }
}

function reject(target: 'DNAT' | 'REJECT' | 'DROP'): string {
  return target === 'REJECT' ? '-j REJECT --reject-with icmp-port-unreachable' : '-j DROP';
}

/** iptables-save quotes a comment only when it contains a space. */
function q(text: string): string {
  return /\s/.test(text) ? `"${text}"` : text;
}
