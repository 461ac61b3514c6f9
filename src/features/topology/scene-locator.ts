// Finds pods, nodes and Services in a built scene for traffic particles; indexes are built once per scene and only
// when traffic asks, so a picture without traffic never pays for them.
import type { Rect } from './layout';
import type { PodData } from './scene-pods';
import type { Scene, ServiceAnchor } from './scene-types';
import type { Locator } from './traffic-routes';

function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 0 || v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** Whether IPv4 `ip` lies in `cidr` (`10.244.1.0/24`). Pure. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = ipToInt(ip), b = ipToInt(base ?? ''), prefix = Number(bits);
  if (a === undefined || b === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(a / size) === Math.floor(b / size);
}

const cache = new WeakMap<Scene, Locator>();

/** The locator of a scene (memoised per scene). */
export function locatorOf(scene: Scene): Locator {
  let locator = cache.get(scene);
  if (!locator) cache.set(scene, (locator = buildLocator(scene)));
  return locator;
}

function buildLocator(scene: Scene): Locator {
  const { pods, nodes } = scene.index;
  let byRef: Map<string, PodData> | undefined;
  let byName: Map<string, PodData> | undefined;
  let byIp: Map<string, PodData> | undefined;
  const index = (): void => {
    byRef = new Map();
    byName = new Map();
    byIp = new Map();
    for (const d of pods.byUid.values()) {
      byRef.set(`${d.namespace}/${d.name}`, d);
      if (!byName.has(d.name)) byName.set(d.name, d);
      if (d.ip && (!byIp.has(d.ip) || d.state.look !== 'terminating')) byIp.set(d.ip, d);
    }
  };
  const rectOf = (d: PodData | undefined): Rect | undefined => {
    if (!d) return undefined;
    if (!scene.dense) return nodes.tokenByUid.get(d.uid)?.rect;
    return nodes.chipByKey.get(`${d.node ?? ''}|${d.owner.key}`)?.rect;
  };
  const anchor = (find: (a: ServiceAnchor) => boolean): Rect | undefined => scene.services.find(find)?.rect;
  return {
    outside: scene.outside,
    pod(name, namespace) {
      if (!byRef) index();
      return rectOf((namespace ? byRef!.get(`${namespace}/${name}`) : undefined) ?? byName!.get(name));
    },
    podByIp(ip) {
      if (!byIp) index();
      return rectOf(byIp!.get(ip));
    },
    nodeByIp: (ip) => scene.nodes.find((r) => r.cidr !== '' && inCidr(ip, r.cidr))?.rect,
    service: (ref) => anchor((a) => a.ref === ref),
    serviceByAddress: (ip) => anchor((a) => a.facts.ingress.includes(ip) || a.facts.external.split(',').includes(ip)),
    serviceByNodePort: (port) => anchor((a) => a.facts.ports.includes(`:${port}→`)),
  };
}
