// kube-proxy's iptables chain names (pkg/proxy/iptables/proxier.go portProtoHash and friends): the first 16
// base32 characters of SHA-256 over the service port name, the lower-case protocol and, for endpoints, `ip:port`.
import { base32, sha256, utf8Bytes } from './sha256';

const cache = new Map<string, string>();
const MAX_CACHED = 200_000;

function hash16(text: string): string {
  let hit = cache.get(text);
  if (hit === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    hit = base32(sha256(utf8Bytes(text))).slice(0, 16);
    cache.set(text, hit);
  }
  return hit;
}

/** `ns/name` plus `:portName` when the port is named: ServicePortName.String(). Pure. */
export function servicePortNameString(namespace: string, name: string, portName: string | undefined): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
}

/** portProtoHash(servicePortName, protocol): 16 base32 characters. `protocol` is lower-cased as kube-proxy does. Pure. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol.toLowerCase());
}

/** The chains kube-proxy creates for one service port. Pure. */
export interface ServicePortChains {
  /** KUBE-SVC-…: endpoints for Cluster traffic policy. */
  readonly cluster: string;
  /** KUBE-SVL-…: node-local endpoints for Local traffic policy. */
  readonly local: string;
  /** KUBE-EXT-…: NodePort, LoadBalancer and external-IP traffic. */
  readonly external: string;
}

/** The KUBE-SVC, KUBE-SVL and KUBE-EXT chain names of a service port. Pure. */
export function servicePortChains(servicePortName: string, protocol: string): ServicePortChains {
  const hash = portProtoHash(servicePortName, protocol);
  return { cluster: `KUBE-SVC-${hash}`, local: `KUBE-SVL-${hash}`, external: `KUBE-EXT-${hash}` };
}

/** servicePortEndpointChainName: KUBE-SEP-… for one endpoint (`ip:port`) of a service port. Pure. */
export function endpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(servicePortName + protocol.toLowerCase() + endpoint)}`;
}
