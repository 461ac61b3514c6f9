import { describe, expect, it } from 'vitest';
import { nextSlots, slotExtent } from '../../src/features/topology/slots';
import {
  BAND, CELL, NODE, SERVICE, baseScale, boundsOf, cellGrid, cellRect, fitTransform, followTransform, linkCurvePoints, linkPath, nodeColumns, nodeHeight, nodesWidth, placeNodes,
  serviceBandHeight, serviceColumns, serviceRect, shortName, firstThatFits,
} from '../../src/features/topology/layout';
import { OKABE_ITO, revisionColour, stringHash } from '../../src/features/topology/palette';
import { ALL, isVisibleNamespace, namespaceChoices } from '../../src/features/topology/visibility';
import { inCidr } from '../../src/features/topology/scene-locator';

describe('sticky slots', () => {
  it('keeps each key in its slot while others come and go, and fills the lowest free slot', () => {
    const a = nextSlots(new Map(), ['a', 'b', 'c']);
    expect([...a]).toEqual([['a', 0], ['b', 1], ['c', 2]]);
    const b = nextSlots(a, ['a', 'c']);
    expect([...b]).toEqual([['a', 0], ['c', 2]]);
    expect(slotExtent(b)).toBe(3);
    const c = nextSlots(b, ['a', 'c', 'd', 'e']);
    expect(c.get('a')).toBe(0);
    expect(c.get('c')).toBe(2);
    expect(c.get('d')).toBe(1);
    expect(c.get('e')).toBe(3);
  });

  it('returns the same map when the keys did not change (so nothing downstream recomputes)', () => {
    const a = nextSlots(new Map(), ['x', 'y']);
    expect(nextSlots(a, ['y', 'x'])).toBe(a);
    expect(nextSlots(a, ['x'])).not.toBe(a);
    expect(slotExtent(new Map())).toBe(0);
  });
});

describe('picture geometry', () => {
  it('puts service anchors in rows right of the outside marker, never overlapping', () => {
    const columns = serviceColumns(1000);
    expect(columns).toBe(Math.floor((1000 - BAND.outsideWidth + SERVICE.gap) / (SERVICE.width + SERVICE.gap)));
    const rects = Array.from({ length: 7 }, (_, i) => serviceRect(i, columns));
    for (const r of rects) expect(r.x).toBeGreaterThanOrEqual(BAND.outsideWidth);
    for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap).toBe(false);
    }
    expect(serviceBandHeight(0, columns)).toBe(serviceBandHeight(1, columns));
    expect(serviceBandHeight(columns + 1, columns)).toBe(serviceBandHeight(1, columns) + SERVICE.height + SERVICE.gap);
    expect(serviceColumns(10)).toBe(1);
  });

  it('spreads nodes across the width and fits cells inside them', () => {
    const { perRow, nodeWidth } = nodeColumns(3, 900);
    expect(perRow).toBe(3);
    expect(nodeWidth * 3 + NODE.gap * 2).toBeLessThanOrEqual(900);
    const grid = cellGrid(nodeWidth);
    expect(grid.columns).toBe(1);
    const wide = cellGrid(nodeColumns(3, 1800).nodeWidth);
    expect(wide.columns).toBe(2);
    for (let slot = 0; slot < 6; slot++) {
      const r = cellRect(slot, wide.columns, wide.cellWidth, CELL.height);
      expect(r.x + r.width).toBeLessThanOrEqual(nodeColumns(3, 1800).nodeWidth - NODE.pad + 0.001);
      expect(r.y).toBeGreaterThanOrEqual(NODE.header);
    }
    expect(nodeHeight(4, 2, CELL.height)).toBe(NODE.header + 2 * (CELL.height + CELL.gap) - CELL.gap + NODE.pad);
    expect(nodeHeight(0, 2, CELL.height)).toBe(NODE.header + NODE.emptyHeight + NODE.pad);
    // A narrow node shrinks its cells rather than spilling out.
    expect(cellGrid(150).cellWidth).toBe(150 - 2 * NODE.pad);
    // Many nodes wrap into rows.
    expect(nodeColumns(25, 1000).perRow).toBe(Math.floor((1000 + NODE.gap) / (NODE.minWidth + NODE.gap)));
  });

  it('widens crowded nodes so the fitted picture draws pods larger, and keeps the pane width otherwise', () => {
    const pane = { width: 940, height: 390 };
    const top = 170;
    // The fitted scale of a layout `width` wide: the same sums the page's zoom makes.
    const fitted = (width: number, most: number): number => {
      const { perRow, nodeWidth } = nodeColumns(3, width);
      const height = top + nodeHeight(most, cellGrid(nodeWidth).columns, CELL.height) + NODE.gap;
      return Math.min(pane.width / Math.max(width, perRow * (nodeWidth + NODE.gap) - NODE.gap), pane.height / height);
    };
    // A lab-sized cluster (two or three pods a node) keeps the pane's width.
    expect(nodesWidth(pane, 3, 3, top, CELL.height)).toBe(pane.width);
    expect(nodesWidth(pane, 3, 0, top, CELL.height)).toBe(pane.width);
    // Thirty pods a node in one column would shrink the picture to a fifth; wider nodes draw them over twice as large.
    const wide = nodesWidth(pane, 3, 30, top, CELL.height);
    expect(wide).toBeGreaterThan(pane.width);
    expect(cellGrid(nodeColumns(3, wide).nodeWidth).columns).toBeGreaterThan(1);
    expect(fitted(wide, 30)).toBeGreaterThan(2 * fitted(pane.width, 30));
    // No other node width tried does better.
    for (let w = pane.width; w <= 8_000; w += 50) expect(fitted(w, 30)).toBeLessThanOrEqual(fitted(wide, 30) * 1.1 + 1e-9);
    // Without a height, nothing to fit against: the pane width.
    expect(nodesWidth({ width: 940, height: 0 }, 3, 30, top, CELL.height)).toBe(940);
  });

  it('drops words before it cuts an address', () => {
    const texts = ['pod CIDR 10.244.0.0/24 · 10.224.0.4', 'CIDR 10.244.0.0/24 · 10.224.0.4', '10.244.0.0/24 · 10.224.0.4', '10.244.0.0/24'];
    expect(firstThatFits(texts, 40)).toBe(texts[0]);
    expect(firstThatFits(texts, 32)).toBe(texts[1]);
    expect(firstThatFits(texts, 27)).toBe(texts[2]);
    expect(firstThatFits(texts, 14)).toBe('10.244.0.0/24');
    expect(firstThatFits(texts, 8)).toBe(shortName('10.244.0.0/24', 8));
  });

  it('places nodes row by row, each row as tall as its tallest node', () => {
    const rects = placeNodes([100, 150, 80, 60], 3, 200, 50);
    expect(rects.map((r) => [r.x, r.y])).toEqual([[0, 50], [216, 50], [432, 50], [0, 50 + 150 + NODE.gap]]);
    expect(boundsOf(rects)).toEqual({ x: 0, y: 50, width: 632, height: 150 + NODE.gap + 60 });
    expect(boundsOf([])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });

  it('fits the content into the viewport, centred, never above the maximum scale', () => {
    const t = fitTransform({ x: 0, y: 0, width: 2000, height: 1000 }, { width: 1000, height: 1000 }, 0);
    expect(t.k).toBe(0.5);
    expect(t.x).toBe(0);
    expect(t.y).toBe(250);
    expect(fitTransform({ x: 0, y: 0, width: 10, height: 10 }, { width: 1000, height: 1000 }, 0, 2).k).toBe(2);
    expect(fitTransform({ x: 0, y: 0, width: 0, height: 0 }, { width: 100, height: 100 })).toEqual({ k: 1, x: 0, y: 0 });
  });

  it('follows the picture as it grows: whole picture in view, top-aligned, never above the base scale', () => {
    expect(followTransform({ width: 800, height: 300 }, { width: 800, height: 600 }, 1)).toEqual({ k: 1, x: 0, y: 6 });
    const tall = followTransform({ width: 800, height: 1200 }, { width: 800, height: 600 }, 1);
    expect(tall.k).toBeCloseTo((600 - 12) / 1200);
    expect(tall.x).toBeCloseTo((800 - 800 * tall.k) / 2);
    expect(followTransform({ width: 500, height: 100 }, { width: 1000, height: 600 }, 1.5).k).toBe(1.5);
    expect(followTransform({ width: 0, height: 0 }, { width: 1, height: 1 }, 1.2)).toEqual({ k: 1.2, x: 0, y: 0 });
  });

  it('draws endpoint lines as vertical curves and scales type up on a projector', () => {
    expect(linkPath({ x: 0, y: 0 }, { x: 100, y: 100 })).toBe('M0,0C0,50,100,50,100,100');
    expect(baseScale(900)).toBe(1);
    expect(baseScale(1900)).toBeGreaterThan(1.4);
    expect(baseScale(5000)).toBe(1.6);
  });

  it('samples the endpoint curve so particles follow the drawn lines', () => {
    const from = { x: 0, y: 0 }, to = { x: 100, y: 100 };
    const pts = linkCurvePoints(from, to, 4);
    expect(pts).toHaveLength(4);
    expect(pts[3]).toEqual(to);
    // The curve's midpoint lies halfway in both directions, and it leaves and arrives vertically.
    expect(pts[1]).toEqual({ x: 50, y: 50 });
    expect(pts[0].x).toBeLessThan(pts[0].y);
  });

  it('shortens long pod names but keeps their unique tail', () => {
    expect(shortName('web-1', 20)).toBe('web-1');
    const s = shortName('data-api-5f7d8c9b4c-q2x7k', 20);
    expect(s).toHaveLength(20);
    expect(s.endsWith('-q2x7k')).toBe(true);
    expect(s.startsWith('data-api')).toBe(true);
  });
});

describe('colours and filters', () => {
  it('gives consecutive revisions of a Deployment different Okabe–Ito colours, the same ones every time', () => {
    for (const owner of ['default/web', 'default/data-api', 'shop/mongodb']) {
      const colours = [1, 2, 3, 4].map((r) => revisionColour(owner, r));
      for (const c of colours) expect(OKABE_ITO).toContain(c);
      for (let i = 1; i < colours.length; i++) expect(colours[i]).not.toBe(colours[i - 1]);
      expect(revisionColour(owner, 2)).toBe(colours[1]);
    }
    expect(stringHash('a')).not.toBe(stringHash('b'));
  });

  it('shows one namespace or all, with the system namespaces hidden unless asked for', () => {
    const only = { namespace: 'default', showSystem: false };
    expect(isVisibleNamespace('default', only)).toBe(true);
    expect(isVisibleNamespace('shop', only)).toBe(false);
    expect(isVisibleNamespace('kube-system', only)).toBe(false);
    expect(isVisibleNamespace('kube-system', { namespace: 'default', showSystem: true })).toBe(true);
    expect(isVisibleNamespace('shop', { namespace: ALL, showSystem: false })).toBe(true);
    expect(isVisibleNamespace('kube-system', { namespace: ALL, showSystem: false })).toBe(false);
    expect(isVisibleNamespace('kube-system', { namespace: 'kube-system', showSystem: false })).toBe(true);
    expect(namespaceChoices(['kube-system', 'shop', 'default', 'kube-public', 'apps'])).toEqual(['default', 'apps', 'shop', 'kube-public', 'kube-system']);
  });

  it('tells whether a pod IP belongs to a node pod CIDR', () => {
    expect(inCidr('10.244.1.7', '10.244.1.0/24')).toBe(true);
    expect(inCidr('10.244.2.7', '10.244.1.0/24')).toBe(false);
    expect(inCidr('10.244.2.7', '10.244.0.0/16')).toBe(true);
    expect(inCidr('nonsense', '10.244.0.0/16')).toBe(false);
  });
});
