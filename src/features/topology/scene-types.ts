// The cluster picture as data: what each Service anchor, node region, pod token, owner chip and endpoint line shows
// and where it sits. Built by SceneBuilder from the view; rendered as SVG by the topology components.
import type { ObjectKey, SimTime } from '../../../sim/model/types';
import type { Point, Rect } from './layout';
import type { OwnerInfo } from './owners';
import type { PodLook, PodState } from './pod-state';
import type { ServiceFacts } from './service-facts';
import type { Departure } from './replacements';
import type { PodPass } from './scene-pods';
import type { NodePass } from './scene-nodes';

export interface PodToken {
  readonly uid: string;
  readonly key: ObjectKey;
  readonly name: string;
  readonly namespace: string;
  readonly ip: string | undefined;
  readonly node: string | undefined;
  readonly state: PodState;
  readonly owner: OwnerInfo;
  /** The deleted pod this one replaced, while the replacement is recent. */
  readonly replaces: Departure | undefined;
  readonly rect: Rect;
}

/** The dense drawing: one chip per owner on a node, with its pods counted by look. */
export interface OwnerChip {
  readonly key: string;
  readonly owner: OwnerInfo;
  readonly counts: Readonly<Record<PodLook, number>>;
  readonly total: number;
  readonly rect: Rect;
}

export interface NodeRegion {
  /** The Node's uid, or `unscheduled` for the region of pods no node has taken yet. */
  readonly uid: string;
  readonly key: ObjectKey | undefined;
  readonly name: string;
  /** `Ready`, `NotReady`, `Unknown`, with `,SchedulingDisabled` when cordoned (kubectl's STATUS). */
  readonly status: string;
  readonly ready: boolean;
  readonly cidr: string;
  readonly internalIP: string;
  readonly rect: Rect;
  readonly tokens: readonly PodToken[];
  readonly chips: readonly OwnerChip[];
  readonly podCount: number;
}

export interface ServiceAnchor {
  readonly uid: string;
  /** `namespace/name`. */
  readonly ref: string;
  readonly key: ObjectKey;
  readonly facts: ServiceFacts;
  readonly rect: Rect;
  /** Virtual time the page first saw it waiting for a load balancer address. */
  readonly pendingSinceMs: SimTime | undefined;
  /** Virtual time its load balancer address arrived while the page watched. */
  readonly assignedMs: SimTime | undefined;
  readonly endpointCount: number;
  readonly readyCount: number;
}

export interface EndpointLine {
  readonly id: string;
  readonly serviceUid: string;
  readonly ready: boolean;
  /** Endpoints the line stands for (1, or a count in the dense drawing). */
  readonly count: number;
  readonly from: Point;
  readonly to: Point;
  readonly path: string;
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly bandHeight: number;
  readonly services: readonly ServiceAnchor[];
  readonly nodes: readonly NodeRegion[];
  readonly lines: readonly EndpointLine[];
  /** Drawing owners as counted chips instead of one token per pod. */
  readonly dense: boolean;
  readonly podCount: number;
  /** Where requests from outside the cluster enter the picture. */
  readonly outside: Point;
  /** The passes the scene came from, for lookups (traffic routes). */
  readonly index: { readonly pods: PodPass; readonly nodes: NodePass };
}
