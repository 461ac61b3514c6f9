// Whether a Service's recomputed kube-proxy rules differ from the published ones, so an unrelated change
// (a pod annotation, a status heartbeat) never bumps the rules version or wakes the node proxiers.
import type { EndpointRule, ServicePortRules, ServiceRules } from './proxy-rules';

/** Structural equality of two rule sets (undefined = no rules). Pure. */
export function sameServiceRules(a: ServiceRules | undefined, b: ServiceRules | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.ports.length !== b.ports.length) return false;
  for (let i = 0; i < a.ports.length; i++) if (!samePort(a.ports[i], b.ports[i])) return false;
  return true;
}

function samePort(a: ServicePortRules, b: ServicePortRules): boolean {
  return a.portName === b.portName && a.protocol === b.protocol && a.clusterIP === b.clusterIP && a.port === b.port
    && a.nodePort === b.nodePort && a.externalPolicyLocal === b.externalPolicyLocal
    && a.internalPolicyLocal === b.internalPolicyLocal && a.affinitySeconds === b.affinitySeconds
    && sameStrings(a.externalIPs, b.externalIPs) && sameStrings(a.loadBalancerIPs, b.loadBalancerIPs)
    && sameEndpoints(a.endpoints, b.endpoints);
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameEndpoints(a: readonly EndpointRule[], b: readonly EndpointRule[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x.address !== y.address || x.nodeName !== y.nodeName || x.podUid !== y.podUid || x.ready !== y.ready
      || x.serving !== y.serving || x.terminating !== y.terminating) return false;
  }
  return true;
}
