// Geometry of the cluster picture (d3 computes, Svelte renders): the Services band on top, node regions below in a
// grid, pods in cells of their node, and the zoom that fits it all. All functions are pure; units are picture px.
import { linkVertical } from 'd3-shape';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect extends Point {
  readonly width: number;
  readonly height: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A pod token (or, in the dense drawing, an owner chip) inside a node. */
export const CELL = { width: 196, height: 64, denseHeight: 44, gap: 8 } as const;
/** A node region: inner padding, header height (name, STATUS, CIDR), gap between regions, narrowest width. */
export const NODE = { pad: 10, header: 56, gap: 16, minWidth: 220, emptyHeight: 28 } as const;
/** A Service anchor's size and the gap between anchors. */
export const SERVICE = { width: 272, height: 96, gap: 12 } as const;
/** The Services band: a title row, the anchors, then room for the endpoint lines to fan out. */
export const BAND = { title: 24, outsideWidth: 72, linesGap: 46 } as const;

/** How many service anchors fit side by side. Pure. */
export function serviceColumns(width: number): number {
  return Math.max(1, Math.floor((width - BAND.outsideWidth + SERVICE.gap) / (SERVICE.width + SERVICE.gap)));
}

/** Where the anchor in `slot` sits (slots fill rows left to right). Pure. */
export function serviceRect(slot: number, columns: number): Rect {
  const col = slot % columns;
  const row = Math.floor(slot / columns);
  return {
    x: BAND.outsideWidth + col * (SERVICE.width + SERVICE.gap), y: BAND.title + row * (SERVICE.height + SERVICE.gap),
    width: SERVICE.width, height: SERVICE.height,
  };
}

/** Height of the Services band for `extent` slots (at least one row, so the band never collapses). Pure. */
export function serviceBandHeight(extent: number, columns: number): number {
  const rows = Math.max(1, Math.ceil(extent / columns));
  return BAND.title + rows * (SERVICE.height + SERVICE.gap) - SERVICE.gap + BAND.linesGap;
}

/** Nodes per row and each node's width for `count` nodes across `width`. Pure. */
export function nodeColumns(count: number, width: number): { perRow: number; nodeWidth: number } {
  const fit = Math.max(1, Math.floor((width + NODE.gap) / (NODE.minWidth + NODE.gap)));
  const perRow = Math.max(1, Math.min(Math.max(1, count), fit));
  return { perRow, nodeWidth: Math.max(NODE.minWidth, Math.floor((width - (perRow - 1) * NODE.gap) / perRow)) };
}

/** Cell width and columns of cells inside a node of `nodeWidth` (cells shrink to fit a narrow node). Pure. */
export function cellGrid(nodeWidth: number): { columns: number; cellWidth: number } {
  const inner = nodeWidth - 2 * NODE.pad;
  const cellWidth = Math.min(CELL.width, inner);
  return { columns: Math.max(1, Math.floor((inner + CELL.gap) / (cellWidth + CELL.gap))), cellWidth };
}

/** The cell for `slot`, relative to its node's top-left corner. Pure. */
export function cellRect(slot: number, columns: number, cellWidth: number, cellHeight: number): Rect {
  const col = slot % columns;
  const row = Math.floor(slot / columns);
  return { x: NODE.pad + col * (cellWidth + CELL.gap), y: NODE.header + row * (cellHeight + CELL.gap), width: cellWidth, height: cellHeight };
}

/**
 * How wide to lay out the node regions so the picture, fitted to a `viewport` (picture px), draws its pods largest:
 * the viewport's width, or wider nodes with more columns of cells when one tall, narrow column per node would
 * have to shrink further. `mostCells` is the fullest node's cell count, `top` where the regions start. Pure.
 */
export function nodesWidth(viewport: Size, nodeCount: number, mostCells: number, top: number, cellHeight: number): number {
  if (nodeCount === 0 || mostCells === 0 || viewport.height <= 0) return viewport.width;
  const scaleAt = (width: number): number => {
    const { perRow, nodeWidth } = nodeColumns(nodeCount, width);
    const rows = Math.ceil(nodeCount / perRow);
    const height = top + rows * (nodeHeight(mostCells, cellGrid(nodeWidth).columns, cellHeight) + NODE.gap);
    return Math.min(viewport.width / Math.max(width, perRow * (nodeWidth + NODE.gap) - NODE.gap), viewport.height / height);
  };
  let best = { width: viewport.width, k: scaleAt(viewport.width) };
  for (let columns = 2; columns <= 16; columns++) {
    const nodeWidth = columns * (CELL.width + CELL.gap) - CELL.gap + 2 * NODE.pad;
    const width = nodeCount * (nodeWidth + NODE.gap) - NODE.gap;
    if (width <= viewport.width) continue;
    const k = scaleAt(width);
    // A wider picture only when it draws pods clearly larger: small gains are not worth a reflow.
    if (k > best.k * 1.1) best = { width, k };
  }
  return best.width;
}

/** A node's height for `extent` cells in `columns` columns. Pure. */
export function nodeHeight(extent: number, columns: number, cellHeight: number): number {
  if (extent === 0) return NODE.header + NODE.emptyHeight + NODE.pad;
  const rows = Math.ceil(extent / columns);
  return NODE.header + rows * (cellHeight + CELL.gap) - CELL.gap + NODE.pad;
}

/** Node regions in rows of `perRow`, each row as tall as its tallest node, starting at `top`. Pure. */
export function placeNodes(heights: readonly number[], perRow: number, nodeWidth: number, top: number): Rect[] {
  const rects: Rect[] = [];
  let y = top;
  for (let start = 0; start < heights.length; start += perRow) {
    const row = heights.slice(start, start + perRow);
    row.forEach((height, i) => rects.push({ x: i * (nodeWidth + NODE.gap), y, width: nodeWidth, height }));
    y += Math.max(...row) + NODE.gap;
  }
  return rects;
}

/** The smallest rectangle holding all `rects` (a zero rect at the origin for none). Pure. */
export function boundsOf(rects: readonly Rect[]): Rect {
  if (rects.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x); y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width); y1 = Math.max(y1, r.y + r.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The zoom (scale k, then translate x, y) that fits `bounds` in `viewport` with `padding`, never above `maxScale`. Pure. */
export function fitTransform(bounds: Rect, viewport: Size, padding = 12, maxScale = 2): { k: number; x: number; y: number } {
  if (bounds.width <= 0 || bounds.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return { k: 1, x: 0, y: 0 };
  const k = Math.min(maxScale, (viewport.width - 2 * padding) / bounds.width, (viewport.height - 2 * padding) / bounds.height);
  return {
    k,
    x: (viewport.width - bounds.width * k) / 2 - bounds.x * k,
    y: Math.max(padding, (viewport.height - bounds.height * k) / 2) - bounds.y * k,
  };
}

/**
 * The zoom that shows all of `content` (picture px, from the origin) in `viewport`: never larger than `base`, centred
 * across and aligned to the top, so the Services band stays where the eye expects it. Pure.
 */
export function followTransform(content: Size, viewport: Size, base: number, pad = 6): { k: number; x: number; y: number } {
  if (content.width <= 0 || content.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return { k: base, x: 0, y: 0 };
  const k = Math.min(base, viewport.width / content.width, (viewport.height - 2 * pad) / content.height);
  return { k, x: Math.max(0, (viewport.width - content.width * k) / 2), y: pad };
}

const vertical = linkVertical<{ source: Point; target: Point }, Point>().x((p) => p.x).y((p) => p.y);

/** The SVG path of an endpoint line from a service anchor down to a pod (a vertical cubic curve). Pure. */
export function linkPath(from: Point, to: Point): string {
  return vertical({ source: from, target: to }) ?? '';
}

/**
 * Points along the same vertical cubic curve `linkPath` draws from `from` to `to` (excluding `from`), so a traffic
 * particle can follow an endpoint line. Pure.
 */
export function linkCurvePoints(from: Point, to: Point, segments = 8): Point[] {
  const ym = (from.y + to.y) / 2;
  const points: Point[] = [];
  for (let i = 1; i <= segments; i++) {
    const t = i / segments, u = 1 - t;
    // B(t) = u³·P0 + 3u²t·C1 + 3ut²·C2 + t³·P1 with C1 = (x0, ym), C2 = (x1, ym).
    const x = (u * u * u + 3 * u * u * t) * from.x + (3 * u * t * t + t * t * t) * to.x;
    const y = u * u * u * from.y + 3 * u * u * t * ym + 3 * u * t * t * ym + t * t * t * to.y;
    points.push({ x, y });
  }
  return points;
}

/** The base scale of the picture for a pane `width` px wide: larger type on a projector. Pure. */
export function baseScale(width: number): number {
  return Math.min(1.6, Math.max(1, width / 1150));
}

/** A pod name shortened to `max` characters, keeping its unique tail (`data-api-5f7d…-q2x7k`). Pure. */
export function shortName(name: string, max: number): string {
  if (name.length <= max) return name;
  const keep = Math.max(1, max - 1);
  const tail = Math.min(keep - 1, Math.max(6, Math.floor(keep / 3)));
  return `${name.slice(0, keep - tail)}…${name.slice(name.length - tail)}`;
}

/** The first of `texts` (longest, most explicit first) that fits in `max` characters, else the last one shortened. Pure. */
export function firstThatFits(texts: readonly string[], max: number): string {
  return texts.find((t) => t.length <= max) ?? shortName(texts[texts.length - 1] ?? '', max);
}
