// Where a request's particle travels: from its client (a pod, or outside the cluster) to the Service it addressed,
// then down the endpoint line to the pod kube-proxy's DNAT picked — or, for a failed request, to the point where it
// failed, with the reason a socket would report (refused, timeout, no such host), read from the request's hops.
import type { TrafficSample } from '../../../sim/protocol';
import type { SimTime } from '../../../sim/model/types';
import { linkCurvePoints, type Point, type Rect } from './layout';

/** Finds where things are in the picture. */
export interface Locator {
  readonly outside: Point;
  /** A pod's token by name (namespace when known), or the owner chip holding it in the dense drawing. */
  pod(name: string, namespace: string | undefined): Rect | undefined;
  podByIp(ip: string): Rect | undefined;
  /** The node region whose pod CIDR holds `ip` (where a dead pod's address still routes). */
  nodeByIp(ip: string): Rect | undefined;
  /** A Service anchor by `namespace/name`. */
  service(ref: string): Rect | undefined;
  /** A Service anchor by load balancer or external address. */
  serviceByAddress(ip: string): Rect | undefined;
  serviceByNodePort(nodePort: number): Rect | undefined;
}

export interface ParticleRoute {
  readonly seq: number;
  readonly flowId: string;
  readonly points: readonly Point[];
  readonly ok: boolean;
  /** Short reason shown where a failed request stopped. */
  readonly reason: string | undefined;
  /** What the route ends at: a pod token (or where one was), a Service anchor, or still at its start. */
  readonly endsAt: 'pod' | 'service' | 'start';
}

/** Socket errors as the picture labels them. */
export const FAILURE_LABELS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused', ETIMEDOUT: 'timeout', ENOTFOUND: 'no such host', EHOSTUNREACH: 'unreachable',
};

/** Where endpoint lines meet a token or chip: the middle of its top edge. Pure. */
export const topOf = (r: Rect): Point => ({ x: r.x + r.width / 2, y: r.y });
/** Where endpoint lines leave an anchor: the middle of its bottom edge. Pure. */
export const bottomOf = (r: Rect): Point => ({ x: r.x + r.width / 2, y: r.y + r.height });

/** The samples to draw: the newest `max` sent within `windowMs` of virtual time before `nowMs`. Pure. */
export function recentSamples(traffic: readonly TrafficSample[], nowMs: SimTime, windowMs: number, max: number): TrafficSample[] {
  const out: TrafficSample[] = [];
  for (let i = traffic.length - 1; i >= 0 && out.length < max; i--) {
    const s = traffic[i];
    if (nowMs - s.at > windowMs) break;
    out.push(s);
  }
  return out.reverse();
}

/** The route of one request through the picture, or undefined when its start cannot be drawn. Pure. */
export function routeOf(sample: TrafficSample, at: Locator): ParticleRoute | undefined {
  const client = sample.fromPod ? at.pod(sample.fromPod, sample.toNamespace) : undefined;
  if (sample.fromPod && !client) return undefined;
  const points: Point[] = [client ? topOf(client) : at.outside];
  const last = (): Point => points[points.length - 1];
  let endsAt: ParticleRoute['endsAt'] = 'start';
  const toService = (r: Rect | undefined): void => {
    if (!r) return;
    endsAt = 'service';
    // From outside the particle enters the anchor from the left; from a pod it climbs the endpoint line.
    if (last().x < r.x && last().y < r.y + r.height) points.push({ x: r.x, y: r.y + r.height / 2 }, bottomOf(r));
    else points.push(...linkCurvePoints(last(), bottomOf(r)));
  };
  const toPod = (r: Rect | undefined, fraction = 1): void => {
    if (!r) return;
    endsAt = 'pod';
    const curve = linkCurvePoints(last(), topOf(r));
    points.push(...curve.slice(0, Math.max(1, Math.round(curve.length * fraction))));
  };
  let reason: string | undefined;
  let viaService = false;
  for (const hop of sample.hops) {
    if (hop.step === 'vip') {
      toService(at.service(hop.service));
      viaService = true;
    } else if (hop.step === 'load-balancer') {
      toService(at.serviceByAddress(hop.ip));
      viaService = true;
    } else if (hop.step === 'node-port' && !viaService) {
      toService(at.serviceByNodePort(hop.nodePort));
      viaService = true;
    } else if (hop.step === 'pod') toPod(at.pod(hop.pod, hop.namespace));
    else if (hop.step === 'reject') reason = 'refused';
    else if (hop.step === 'drop') reason = 'timeout';
    else if (hop.step === 'refused') {
      toPod(at.podByIp(hop.ip) ?? at.nodeByIp(hop.ip));
      reason = 'refused';
    } else if (hop.step === 'timeout') {
      // The packet heads for an address nobody answers at: it stops short of where that pod used to be.
      toPod(at.podByIp(hop.ip) ?? at.nodeByIp(hop.ip), 0.75);
      reason = 'timeout';
    }
  }
  if (sample.ok && sample.toPod && points.length < 2) toPod(at.pod(sample.toPod, sample.toNamespace));
  if (!sample.ok && !reason) reason = FAILURE_LABELS[sample.error ?? ''] ?? sample.error ?? 'failed';
  if (sample.ok && sample.status !== undefined && sample.status >= 500) reason = `HTTP ${sample.status}`;
  return { seq: sample.seq, flowId: sample.flowId, points, ok: sample.ok && reason === undefined, reason, endsAt };
}
