// The Services band: each visible Service an anchor in a slot it keeps for its lifetime, and the lines from each
// anchor to its current endpoints (ready solid, not ready dashed), to pod tokens or, in the dense drawing, to chips.
import type { Service, Stored } from '../../../sim/model/types';
import { keyOf } from '../../../sim/model/keys';
import type { ObjectsByKey } from '../../lib/cluster-view';
import type { EndpointRef } from './endpoints';
import type { HistoryTracker } from './history';
import { linkPath, serviceColumns, serviceRect, type Point } from './layout';
import type { NodePass } from './scene-nodes';
import type { PodPass } from './scene-pods';
import type { EndpointLine, ServiceAnchor } from './scene-types';
import { serviceFacts, type ServiceFacts } from './service-facts';
import { nextSlots, slotExtent } from './slots';
import { isVisibleNamespace, type NamespaceFilter } from './visibility';

/** Services in the order they get slots: oldest first, then by namespace and name. Pure. */
export function servicesInSlotOrder(services: ObjectsByKey, filter: NamespaceFilter): Stored<Service>[] {
  const list: Stored<Service>[] = [];
  for (const obj of services.values()) if (isVisibleNamespace(obj.metadata.namespace ?? '', filter)) list.push(obj as unknown as Stored<Service>);
  return list.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '')
    || (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
}

/** Service anchors in sticky slots; an anchor object is reused while nothing it shows changed. */
export class ServiceLayout {
  private slots: ReadonlyMap<string, number> = new Map();
  private anchors = new Map<string, ServiceAnchor>();
  private factsMemo = new Map<string, { svc: Stored<Service>; facts: ServiceFacts }>();

  /** Anchors for the visible Services across `width`; `extent` is the number of slots in use. */
  layout(services: readonly Stored<Service>[], width: number, history: HistoryTracker, endpoints: ReadonlyMap<string, readonly EndpointRef[]>):
    { anchors: ServiceAnchor[]; extent: number; columns: number } {
    this.slots = nextSlots(this.slots, services.map((s) => s.metadata.uid ?? s.metadata.name));
    const columns = serviceColumns(width);
    const next = new Map<string, ServiceAnchor>();
    const anchors = services.map((svc) => {
      const uid = svc.metadata.uid ?? svc.metadata.name;
      const rect = serviceRect(this.slots.get(uid)!, columns);
      const ref = `${svc.metadata.namespace ?? ''}/${svc.metadata.name}`;
      const h = history.service(ref);
      const eps = endpoints.get(ref) ?? [];
      const readyCount = eps.filter((e) => e.ready).length;
      const facts = this.factsOf(uid, svc);
      const old = this.anchors.get(uid);
      const anchor: ServiceAnchor = old && old.facts === facts && old.rect.x === rect.x && old.rect.y === rect.y
        && old.pendingSinceMs === h?.pendingSinceMs && old.assignedMs === h?.assignedMs && old.endpointCount === eps.length
        && old.readyCount === readyCount ? old : {
        uid, ref, key: keyOf(svc), facts, rect, pendingSinceMs: h?.pendingSinceMs, assignedMs: h?.assignedMs,
        endpointCount: eps.length, readyCount,
      };
      next.set(uid, anchor);
      return anchor;
    });
    this.anchors = next;
    return { anchors, extent: slotExtent(this.slots), columns };
  }

  private factsOf(uid: string, svc: Stored<Service>): ServiceFacts {
    const memo = this.factsMemo.get(uid);
    if (memo?.svc === svc) return memo.facts;
    const facts = serviceFacts(svc);
    if (this.factsMemo.size > 4 * this.anchors.size + 64) this.factsMemo.clear();
    this.factsMemo.set(uid, { svc, facts });
    return facts;
  }
}

const bottomOf = (a: ServiceAnchor): Point => ({ x: a.rect.x + a.rect.width / 2, y: a.rect.y + a.rect.height });

/** Lines from each anchor to its endpoints' tokens (or chips, aggregated, in the dense drawing). O(endpoints). */
export function endpointLines(anchors: readonly ServiceAnchor[], endpoints: ReadonlyMap<string, readonly EndpointRef[]>, pods: PodPass, nodes: NodePass, dense: boolean): EndpointLine[] {
  const lines: EndpointLine[] = [];
  for (const anchor of anchors) {
    const from = bottomOf(anchor);
    const eps = endpoints.get(anchor.ref) ?? [];
    if (!dense) {
      for (const ep of eps) {
        const token = ep.podUid ? nodes.tokenByUid.get(ep.podUid) : undefined;
        if (!token) continue;
        const to = { x: token.rect.x + token.rect.width / 2, y: token.rect.y };
        lines.push({ id: `${anchor.uid}|${token.uid}`, serviceUid: anchor.uid, ready: ep.ready, count: 1, from, to, path: linkPath(from, to) });
      }
      continue;
    }
    const counts = new Map<string, { ready: number; notReady: number }>();
    for (const ep of eps) {
      const data = ep.podUid ? pods.byUid.get(ep.podUid) : undefined;
      if (!data) continue;
      const chipKey = `${data.node ?? ''}|${data.owner.key}`;
      let c = counts.get(chipKey);
      if (!c) counts.set(chipKey, (c = { ready: 0, notReady: 0 }));
      if (ep.ready) c.ready++;
      else c.notReady++;
    }
    for (const [chipKey, c] of counts) {
      const chip = nodes.chipByKey.get(chipKey);
      if (!chip) continue;
      const to = { x: chip.rect.x + chip.rect.width / 2, y: chip.rect.y };
      if (c.ready > 0) lines.push({ id: `${anchor.uid}|${chipKey}|ready`, serviceUid: anchor.uid, ready: true, count: c.ready, from, to, path: linkPath(from, to) });
      if (c.notReady > 0) {
        const shifted = { x: to.x + 8, y: to.y };
        lines.push({ id: `${anchor.uid}|${chipKey}|not-ready`, serviceUid: anchor.uid, ready: false, count: c.notReady, from, to: shifted, path: linkPath(from, shifted) });
      }
    }
  }
  return lines;
}
