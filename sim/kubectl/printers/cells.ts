// Cell helpers from printers.go: service EXTERNAL-IP and PORT(S), endpoints lists, node STATUS and ROLES.
type Any = Record<string, any>;

const LOAD_BALANCER_WIDTH = 16;

/** getServiceExternalIP, including the 16-byte cut of long LB lists without -o wide. Pure. */
export function serviceExternalIP(svc: Any, wide: boolean): string {
  const type = svc.spec?.type ?? 'ClusterIP';
  const external: string[] = svc.spec?.externalIPs ?? [];
  switch (type) {
    case 'ClusterIP': case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = ((svc.status?.loadBalancer?.ingress ?? []) as Any[]).map((i) => i.ip || i.hostname).filter(Boolean) as string[];
      const all = [...[...new Set(ingress)].sort(), ...external];
      if (all.length === 0) return '<pending>';
      const text = all.join(',');
      return !wide && text.length > LOAD_BALANCER_WIDTH ? `${text.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : text;
    }
    case 'ExternalName': return svc.spec?.externalName ?? '';
    default: return '<unknown>';
  }
}

/** makePortString: `80:31437/TCP,443/TCP`, or `<none>`. Pure. */
export function servicePorts(svc: Any): string {
  const ports = (svc.spec?.ports ?? []) as Any[];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

/** formatEndpoints: ready addresses as ip:port, at most 3 then ` + N more...`; `<none>` without subsets. Pure. */
export function endpointsCell(ep: Any): string {
  const subsets = (ep.subsets ?? []) as Any[];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const ports = (ss.ports ?? []) as Any[];
    const addresses = (ss.addresses ?? []) as Any[];
    if (ports.length === 0) {
      for (const addr of addresses) if (list.length < 3) list.push(addr.ip);
      count += addresses.length;
      continue;
    }
    // Each port in turn lists every address (ports outer, addresses inner).
    for (const port of ports) {
      for (const addr of addresses) if (list.length < 3) list.push(joinHostPort(addr.ip, port.port));
      count += addresses.length;
    }
  }
  const more = count - list.length;
  return more > 0 ? `${list.join(',')} + ${more} more...` : list.join(',');
}

/** net.JoinHostPort: an IPv6 host goes in brackets. Pure. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function listWithMore(items: string[]): string {
  if (items.length === 0) return '<unset>';
  if (items.length > 3) return `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`;
  return items.join(',');
}

/** EndpointSlice PORTS: port numbers (or `*` when unset). Pure. */
export function slicePortsCell(slice: Any): string {
  const ports = (slice.ports ?? []) as Any[];
  if (ports.length === 0) return '<unset>';
  return listWithMore(ports.map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : '*')));
}

/** EndpointSlice ENDPOINTS: every address, ready or not. Pure. */
export function sliceEndpointsCell(slice: Any): string {
  return listWithMore(((slice.endpoints ?? []) as Any[]).flatMap((e) => e.addresses ?? []));
}

/** Node STATUS: Ready/NotReady/Unknown plus `,SchedulingDisabled` when cordoned. Pure. */
export function nodeStatus(node: Any): string {
  const ready = ((node.status?.conditions ?? []) as Any[]).find((c) => c.type === 'Ready');
  // printNode: a Ready condition that is not True (False or Unknown) prints as NotReady; no condition is Unknown.
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Node ROLES from node-role.kubernetes.io/<role> and kubernetes.io/role labels. Pure. */
export function nodeRoles(node: Any): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries((node.metadata?.labels ?? {}) as Record<string, string>)) {
    if (k.startsWith('node-role.kubernetes.io/')) { const r = k.slice('node-role.kubernetes.io/'.length); if (r) roles.add(r); }
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}
