// Builds the cluster picture from the page's view: Services band, node regions with pods, endpoint lines. Each pass
// is memoised on the view's per-kind maps (which keep identity when their kind did not change), so a frame that
// changed one pod re-lays out one node, and above DENSE_ABOVE pods the picture counts pods per owner instead.
import type { Node, Stored } from '../../../sim/model/types';
import { listOf, objectsOf, type ClusterView } from '../../lib/cluster-view';
import { endpointsByService } from './endpoints';
import type { HistoryTracker } from './history';
import { BAND, CELL, nodesWidth, SERVICE, serviceBandHeight } from './layout';
import { Memo } from './memo';
import { NodeLayout, type NodePass } from './scene-nodes';
import { OwnerInterner, podPass, type PodPass } from './scene-pods';
import { endpointLines, ServiceLayout, servicesInSlotOrder } from './scene-services';
import type { Scene } from './scene-types';
import type { NamespaceFilter } from './visibility';

/** Above this many visible pods the picture draws one counted chip per owner and node instead of a token per pod. */
export const DENSE_ABOVE = 300;

export interface SceneInput {
  readonly view: ClusterView;
  readonly filter: NamespaceFilter;
  /** Picture width in picture px. */
  readonly width: number;
  /** The pane's height in picture px: with it, crowded nodes widen so the fitted picture stays legible. */
  readonly height?: number;
  /** A tracker that has already observed `view`. */
  readonly history: HistoryTracker;
  readonly historyVersion: number;
  readonly denseAbove?: number;
}

/** The picture's builder: keep one per pane, call `build` for every view. */
export class SceneBuilder {
  private readonly owners = new OwnerInterner();
  private readonly nodeLayout = new NodeLayout();
  private readonly serviceLayout = new ServiceLayout();
  private readonly endpointsMemo = new Memo<ReturnType<typeof endpointsByService>>();
  private readonly podsMemo = new Memo<PodPass>();
  private readonly nodesListMemo = new Memo<Stored<Node>[]>();
  private readonly servicesListMemo = new Memo<ReturnType<typeof servicesInSlotOrder>>();
  private readonly anchorsMemo = new Memo<ReturnType<ServiceLayout['layout']>>();
  private readonly nodesMemo = new Memo<NodePass>();
  private readonly mostCellsMemo = new Memo<number>();
  private readonly linesMemo = new Memo<Scene['lines']>();
  private readonly sceneMemo = new Memo<Scene>();
  private podPassValue: PodPass | undefined;

  /** The scene for one view; unchanged parts keep their identity from the last call. */
  build(input: SceneInput): Scene {
    const { view, filter, width, history, historyVersion } = input;
    const filterKey = `${filter.namespace}|${filter.showSystem}`;
    const endpoints = this.endpointsMemo.get([objectsOf(view, 'EndpointSlice'), objectsOf(view, 'Endpoints')],
      () => endpointsByService(objectsOf(view, 'EndpointSlice'), objectsOf(view, 'Endpoints')));
    const expired = this.podPassValue !== undefined && view.time >= this.podPassValue.nextExpiryMs;
    const pods = this.podsMemo.get([objectsOf(view, 'Pod'), objectsOf(view, 'ReplicaSet'), filterKey, historyVersion, expired ? view.time : 0],
      () => podPass(objectsOf(view, 'Pod'), objectsOf(view, 'ReplicaSet'), filter, history, view.time, this.podPassValue, this.owners));
    this.podPassValue = pods;
    const dense = pods.count > (input.denseAbove ?? DENSE_ABOVE);
    const services = this.servicesListMemo.get([objectsOf(view, 'Service'), filterKey], () => servicesInSlotOrder(objectsOf(view, 'Service'), filter));
    const band = this.anchorsMemo.get([services, width, endpoints, historyVersion], () => this.serviceLayout.layout(services, width, history, endpoints));
    const bandHeight = serviceBandHeight(band.extent, band.columns);
    const nodeList = this.nodesListMemo.get([objectsOf(view, 'Node')], () => listOf<Node>(objectsOf(view, 'Node')));
    const most = this.mostCellsMemo.get([pods, dense], () => mostCells(pods, dense));
    const layoutWidth = input.height === undefined ? width
      : nodesWidth({ width, height: input.height }, nodeList.length, most, bandHeight, dense ? CELL.denseHeight : CELL.height);
    const nodes = this.nodesMemo.get([pods, nodeList, layoutWidth, bandHeight, dense], () => this.nodeLayout.layout(nodeList, pods, layoutWidth, bandHeight, dense));
    const lines = this.linesMemo.get([band, endpoints, nodes], () => endpointLines(band.anchors, endpoints, pods, nodes, dense));
    return this.sceneMemo.get([band, nodes, lines, layoutWidth], () => ({
      width: layoutWidth, height: nodes.bottom, bandHeight, services: band.anchors, nodes: nodes.regions, lines, dense, podCount: pods.count,
      outside: { x: BAND.outsideWidth / 2 - 8, y: BAND.title + SERVICE.height / 2 }, index: { pods, nodes },
    }));
  }
}

/** The most cells any node needs: its pods, or in the dense drawing its owners. Pure. */
function mostCells(pods: PodPass, dense: boolean): number {
  let most = 0;
  for (const list of pods.byNode.values()) most = Math.max(most, dense ? new Set(list.map((d) => d.owner.key)).size : list.length);
  return most;
}
