// Which addresses answer ping (ICMP echo): pod IPs and node IPs do, when their machine is running; Service
// ClusterIPs never do, because a ClusterIP is only a match in kube-proxy's rules, bound to no interface.
// SIMPLIFIED: load-balancer frontends and internet hosts are treated as not answering ICMP.
import type { Runtime } from '../core/runtime';

/** Whether `ip` answers ICMP echo requests right now. */
export function answersPing(runtime: Runtime, ip: string): boolean {
  const sandbox = runtime.sandboxByIP(ip);
  if (sandbox) return runtime.nodes.get(sandbox.nodeName)?.running === true;
  for (const node of runtime.nodes.values()) if (node.internalIP === ip) return node.running;
  return false;
}
