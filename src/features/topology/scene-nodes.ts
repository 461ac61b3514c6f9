// The node pass of the picture: each node a region (name, STATUS as kubectl prints it, pod CIDR, InternalIP) with
// its pods in sticky cells, or in the dense drawing one counted chip per owner. Unchanged regions keep identity.
import type { Node, Stored } from '../../../sim/model/types';
import { keyOf } from '../../../sim/model/keys';
import { CELL, cellGrid, cellRect, nodeColumns, nodeHeight, placeNodes, type Rect } from './layout';
import type { PodLook } from './pod-state';
import type { PodData, PodPass } from './scene-pods';
import type { NodeRegion, OwnerChip, PodToken } from './scene-types';
import { nextSlots, slotExtent } from './slots';

export interface NodePass {
  readonly regions: readonly NodeRegion[];
  readonly byName: ReadonlyMap<string, NodeRegion>;
  /** Positioned tokens by pod uid (empty in the dense drawing). */
  readonly tokenByUid: ReadonlyMap<string, PodToken>;
  /** Chips by `node|ownerKey` (empty in the plain drawing). */
  readonly chipByKey: ReadonlyMap<string, OwnerChip>;
  readonly bottom: number;
}

/** The pseudo-region for pods no node has taken yet. */
export const UNSCHEDULED = 'unscheduled';

const EMPTY_SLOTS: ReadonlyMap<string, number> = new Map();
const LOOKS: readonly PodLook[] = ['pending', 'creating', 'running', 'not-ready', 'terminating', 'warning', 'done'];

/**
 * Node STATUS as kubectl's printNode prints it: Ready when the Ready condition is True, NotReady when it is anything
 * else (False or Unknown), Unknown only without one; plus `,SchedulingDisabled` when cordoned. Pure.
 */
export function nodeStatus(node: Stored<Node>): { status: string; ready: boolean } {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  const parts = [ready === 'True' ? 'Ready' : ready !== undefined ? 'NotReady' : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return { status: parts.join(','), ready: ready === 'True' };
}

const sameRect = (a: Rect, b: Rect): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

function chipsOf(list: readonly PodData[]): Map<string, { data: PodData; counts: Record<PodLook, number>; total: number }> {
  const byOwner = new Map<string, { data: PodData; counts: Record<PodLook, number>; total: number }>();
  for (const d of list) {
    let entry = byOwner.get(d.owner.key);
    if (!entry) {
      const counts = Object.fromEntries(LOOKS.map((l) => [l, 0])) as Record<PodLook, number>;
      byOwner.set(d.owner.key, (entry = { data: d, counts, total: 0 }));
    }
    entry.counts[d.state.look]++;
    entry.total++;
  }
  return byOwner;
}

/** Lays out node regions and what is inside them, keeping each pod's (or owner's) cell for as long as it exists. */
export class NodeLayout {
  private slots = new Map<string, ReadonlyMap<string, number>>();
  private regions = new Map<string, NodeRegion>();
  private tokens = new Map<string, PodToken>();

  /** Regions for `nodes` (sorted by name) and the pods of `pass`, across `width`, starting at `top`. */
  layout(nodes: readonly Stored<Node>[], pass: PodPass, width: number, top: number, dense: boolean): NodePass {
    const names = nodes.map((n) => n.metadata.name);
    if ((pass.byNode.get('')?.length ?? 0) > 0) names.push('');
    const { perRow, nodeWidth } = nodeColumns(names.length, width);
    const { columns, cellWidth } = cellGrid(nodeWidth);
    const cellHeight = dense ? CELL.denseHeight : CELL.height;
    const slots = new Map<string, ReadonlyMap<string, number>>();
    const groups = names.map((name) => {
      const list = pass.byNode.get(name) ?? [];
      const chips = dense ? chipsOf(list) : undefined;
      const keys = chips ? [...chips.keys()].map((k) => `owner:${k}`) : list.map((d) => d.uid);
      const s = nextSlots(this.slots.get(name) ?? EMPTY_SLOTS, keys);
      slots.set(name, s);
      return { name, list, chips, slots: s, height: nodeHeight(slotExtent(s), columns, cellHeight) };
    });
    this.slots = slots;
    const rects = placeNodes(groups.map((g) => g.height), perRow, nodeWidth, top);
    const regions: NodeRegion[] = [];
    const byName = new Map<string, NodeRegion>();
    const tokenByUid = new Map<string, PodToken>();
    const chipByKey = new Map<string, OwnerChip>();
    const nextRegions = new Map<string, NodeRegion>();
    groups.forEach((g, i) => {
      const rect = rects[i];
      const node = nodes[i] as Stored<Node> | undefined;
      const tokens: PodToken[] = [];
      const chips: OwnerChip[] = [];
      if (g.chips) {
        for (const [ownerKey, c] of g.chips) {
          const cell = cellRect(g.slots.get(`owner:${ownerKey}`)!, columns, cellWidth, cellHeight);
          const chip: OwnerChip = { key: `${g.name}|${ownerKey}`, owner: c.data.owner, counts: c.counts, total: c.total, rect: { ...cell, x: cell.x + rect.x, y: cell.y + rect.y } };
          chips.push(chip);
          chipByKey.set(chip.key, chip);
        }
      } else {
        for (const d of g.list) {
          const cell = cellRect(g.slots.get(d.uid)!, columns, cellWidth, cellHeight);
          const x = cell.x + rect.x, y = cell.y + rect.y;
          const old = this.tokens.get(d.uid);
          const token = old && old.owner === d.owner && old.state === d.state && old.replaces === d.replaces && old.ip === d.ip
            && old.node === d.node && old.rect.x === x && old.rect.y === y && old.rect.width === cellWidth
            ? old : tokenOf(d, { x, y, width: cellWidth, height: cellHeight });
          tokens.push(token);
          tokenByUid.set(d.uid, token);
        }
      }
      const uid = node?.metadata.uid ?? (g.name === '' ? UNSCHEDULED : g.name);
      const old = this.regions.get(uid);
      const facts = node ? nodeStatus(node) : { status: 'Pending', ready: false };
      const region: NodeRegion = old && sameRect(old.rect, rect) && old.status === facts.status && sameList(old.tokens, tokens)
        && sameChips(old.chips, chips) && old.cidr === (node?.spec?.podCIDR ?? '') ? old : {
        uid, key: node ? keyOf(node) : undefined, name: g.name || 'not scheduled yet', ...facts,
        cidr: node?.spec?.podCIDR ?? '', internalIP: node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
        rect, tokens, chips, podCount: g.list.length,
      };
      regions.push(region);
      byName.set(g.name, region);
      nextRegions.set(uid, region);
    });
    this.regions = nextRegions;
    this.tokens = tokenByUid;
    const bottom = rects.length > 0 ? Math.max(...rects.map((r) => r.y + r.height)) : top;
    return { regions, byName, tokenByUid, chipByKey, bottom };
  }
}

function tokenOf(d: PodData, rect: Rect): PodToken {
  return {
    uid: d.uid, key: d.key, name: d.name, namespace: d.namespace, ip: d.ip, node: d.node, state: d.state, owner: d.owner,
    replaces: d.replaces, rect,
  };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameChips(a: readonly OwnerChip[], b: readonly OwnerChip[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x.key !== y.key || x.owner !== y.owner || x.total !== y.total || !sameRect(x.rect, y.rect)) return false;
    for (const look of LOOKS) if (x.counts[look] !== y.counts[look]) return false;
  }
  return true;
}
