// Service validation (core validation ValidateService, validateServicePort, ValidateServiceClusterIPsRelatedFields)
// in the apiserver's order and wording.
// SIMPLIFIED: loadBalancerSourceRanges, loadBalancerClass and topology annotations are not validated.
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../core/errors';
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors, validateLabels } from './object-meta';
import { arrayOf, isRecord, portNumErrors, portNumOrNameErrors } from './field-checks';
import { externallyAccessible, isHeadless } from './service-defaults';

type Obj = Record<string, unknown>;

/** IsValidIP's message for an address that does not parse. */
export const VALID_IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** netutils.ParseIPSloppy for the addresses this simulator knows: dotted-quad IPv4, or IPv6 text. Pure. */
export function isValidIP(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  if (text.includes(':')) return /^[0-9a-fA-F:.]+$/.test(text) && text.split('::').length <= 2;
  return IPV4.test(text);
}

/** Dotted quad with each part 0–255 (leading zeros allowed, as net.ParseIP in older Go did). */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|\d\d?|0\d\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|\d\d?|0\d\d)$/;

function validatePort(p: Obj, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = typeof p.name === 'string' ? p.name : '';
  if (requireName && !name) errs.push(required(`${path}.name`));
  else if (name) {
    errs.push(...dns1123LabelErrors(name).map((m) => invalid(`${path}.name`, name, m)));
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
    else names.add(name);
  }
  const port = typeof p.port === 'number' ? p.port : 0;
  errs.push(...portNumErrors(port).map((m) => invalid(`${path}.port`, port, m)));
  if (!p.protocol) errs.push(required(`${path}.protocol`));
  else if (!['SCTP', 'TCP', 'UDP'].includes(String(p.protocol))) errs.push(notSupported(`${path}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  errs.push(...portNumOrNameErrors(p.targetPort, `${path}.targetPort`));
  if (typeof p.appProtocol === 'string') errs.push(...qualifiedNameErrors(p.appProtocol).map((m) => invalid(`${path}.appProtocol`, p.appProtocol, m)));
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields. Pure. */
function clusterIPsErrors(spec: Obj): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = arrayOf<string>(spec.clusterIPs);
  const path = 'spec.clusterIPs';
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required(path));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid(path, ips, 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errs.push(invalid(path, ips, 'must be empty when `clusterIP` is not specified'));
  }
  const families = arrayOf<string>(spec.ipFamilies);
  families.forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
    if (families.indexOf(f) < i) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
  });
  const policy = spec.ipFamilyPolicy;
  if (policy !== undefined && policy !== null && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(String(policy))) {
    errs.push(notSupported('spec.ipFamilyPolicy', policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) { badIPs = true; errs.push(invalid(path, ips, "'None' must be the first and only value")); }
      return;
    }
    if (!isValidIP(ip)) { badIPs = true; errs.push(invalid(`${path}[${i}]`, ip, VALID_IP_MSG)); }
  });
  if (ips.length > 2) errs.push(invalid(path, ips, 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1 && ips[0].includes(':') === ips[1].includes(':')) errs.push(invalid(path, ips, 'may specify no more than one IP for each IP family'));
  if (!isHeadless(spec)) {
    ips.slice(0, families.length).forEach((ip, i) => {
      const v6 = ip.includes(':');
      if (families[i] === 'IPv4' && v6) errs.push(invalid(`${path}[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !v6) errs.push(invalid(`${path}[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** The (protocol, port) key ValidateService reports for a duplicate port: an internal ServicePort as JSON. */
function portKey(p: Obj): Obj {
  return { Name: '', Protocol: p.protocol ?? '', AppProtocol: null, Port: p.port ?? 0, TargetPort: 0, NodePort: 0 };
}

/** The kubelet's port (pkg/cluster/ports): a LoadBalancer may not expose it. */
const KUBELET_PORT = 10250;

/** ValidateService for a defaulted Service spec. Pure. */
export function validateServiceSpec(specValue: unknown): FieldError[] {
  const spec: Obj = isRecord(specValue) ? specValue : {};
  const errs: FieldError[] = [];
  const type = spec.type;
  const headless = isHeadless(spec);
  const ports = arrayOf(spec.ports).map((p) => (isRecord(p) ? p : {}));
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  const firstIP = arrayOf(spec.clusterIPs)[0] ?? spec.clusterIP;
  if (type === 'LoadBalancer') {
    ports.forEach((p, i) => {
      if (p.port === KUBELET_PORT) errs.push(invalid(`spec.ports[${i}]`, p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
    });
  }
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    errs.push(invalid('spec.clusterIPs[0]', firstIP, `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (arrayOf(spec.clusterIPs).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (arrayOf(spec.ipFamilies).length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...dns1123SubdomainErrors(cname).map((m) => invalid('spec.externalName', cname, m)));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validatePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = spec.sessionAffinity;
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (affinity === 'ClientIP') {
    const cfg = isRecord(spec.sessionAffinityConfig) ? spec.sessionAffinityConfig : {};
    const timeout = isRecord(cfg.clientIP) ? cfg.clientIP.timeoutSeconds : undefined;
    if (typeof timeout === 'number' && (timeout <= 0 || timeout > 86400)) {
      errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, 'must be greater than 0 and less than 86400'));
    }
  } else if (affinity === 'None' && spec.sessionAffinityConfig !== undefined && spec.sessionAffinityConfig !== null) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...clusterIPsErrors(spec));
  arrayOf(spec.externalIPs).forEach((ip, i) => { if (!isValidIP(ip)) errs.push(invalid(`spec.externalIPs[${i}]`, ip, VALID_IP_MSG)); });
  if (!type) errs.push(required('spec.type'));
  else if (!['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'].includes(String(type))) {
    errs.push(notSupported('spec.type', type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  }
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => { if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'")); });
  }
  const seenNodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (seenNodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    seenNodePorts.add(key);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seenPorts.has(key)) errs.push(duplicate(`spec.ports[${i}]`, portKey(p)));
    seenPorts.add(key);
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  errs.push(...trafficPolicyErrors(spec));
  return errs;
}

/** validateServiceExternalTrafficPolicy, internal traffic policy and trafficDistribution values. Pure. */
function trafficPolicyErrors(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const etp = spec.externalTrafficPolicy;
  if (!externallyAccessible(spec)) {
    if (etp) errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const needsHealthCheck = spec.type === 'LoadBalancer' && etp === 'Local';
  if (!needsHealthCheck && spec.healthCheckNodePort) {
    errs.push(invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  const itp = spec.internalTrafficPolicy;
  if ((itp === undefined || itp === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(String(spec.type))) errs.push(required('spec.internalTrafficPolicy'));
  if (itp !== undefined && itp !== null && itp !== 'Cluster' && itp !== 'Local') errs.push(notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  const td = spec.trafficDistribution;
  if (td !== undefined && td !== null && !['PreferClose', 'PreferSameNode', 'PreferSameZone'].includes(String(td))) {
    errs.push(notSupported('spec.trafficDistribution', td, ['PreferClose', 'PreferSameZone', 'PreferSameNode']));
  }
  return errs;
}
