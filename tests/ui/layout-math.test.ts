import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYOUT, dragFraction, fractionOf, keyFraction, parseLayout, splitPx, SPLIT_LIMITS, visibleRegions,
} from '../../src/features/layout/layout-math';
import { LayoutState } from '../../src/features/layout/layout-state.svelte';

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('layout maths', () => {
  it('turns fractions into pane sizes that respect both limits', () => {
    expect(splitPx('left', 0.3, 1366)).toBe(410);
    expect(splitPx('left', 0.05, 1366)).toBe(SPLIT_LIMITS.left.min);
    expect(splitPx('left', 0.95, 1366)).toBe(1366 - SPLIT_LIMITS.left.rest);
    // A container too small for both limits still gives the pane its minimum.
    expect(splitPx('drawer', 0.5, 400)).toBe(SPLIT_LIMITS.drawer.min);
  });

  it('leaves room for every pane at laptop and projector sizes with the default layout', () => {
    for (const [w, h] of [[1366, 768 - 44], [1920, 1080 - 44]]) {
      const left = splitPx('left', DEFAULT_LAYOUT.splits.left, w);
      const bottom = splitPx('bottom', DEFAULT_LAYOUT.splits.bottom, h);
      const drawer = splitPx('drawer', DEFAULT_LAYOUT.splits.drawer, w);
      expect(w - left).toBeGreaterThanOrEqual(SPLIT_LIMITS.left.rest);
      expect(h - bottom).toBeGreaterThanOrEqual(SPLIT_LIMITS.bottom.rest);
      expect(w - drawer).toBeGreaterThanOrEqual(SPLIT_LIMITS.drawer.rest);
      expect(bottom).toBeGreaterThanOrEqual(SPLIT_LIMITS.bottom.min);
    }
  });

  it('follows a drag in the direction the pane grows, clamped', () => {
    expect(dragFraction('left', 400, 100, 1, 1000)).toBeCloseTo(0.5);
    expect(dragFraction('bottom', 300, -100, -1, 1000)).toBeCloseTo(0.4);
    expect(dragFraction('drawer', 400, 100, -1, 1000)).toBeCloseTo(0.3);
    expect(dragFraction('left', 400, -1000, 1, 1000)).toBeCloseTo(SPLIT_LIMITS.left.min / 1000);
    expect(fractionOf('lab', 100, 0)).toBe(DEFAULT_LAYOUT.splits.lab);
  });

  it('moves with arrow keys (bigger with Shift) and jumps to the limits with Home and End', () => {
    expect(keyFraction('left', 'ArrowRight', false, 400, 1, 1000)).toBeCloseTo(0.416);
    expect(keyFraction('left', 'ArrowLeft', true, 400, 1, 1000)).toBeCloseTo(0.336);
    expect(keyFraction('bottom', 'ArrowUp', false, 300, -1, 1000)).toBeCloseTo(0.316);
    expect(keyFraction('left', 'Home', false, 400, 1, 1000)).toBeCloseTo(SPLIT_LIMITS.left.min / 1000);
    expect(keyFraction('bottom', 'Home', false, 300, -1, 1000)).toBeCloseTo((1000 - SPLIT_LIMITS.bottom.rest) / 1000);
    expect(keyFraction('left', 'Enter', false, 400, 1, 1000)).toBeUndefined();
  });

  it('knows which regions show when panes are hidden', () => {
    expect(visibleRegions([])).toMatchObject({ left: true, upper: true, bottom: true });
    expect(visibleRegions(['lab', 'editor'])).toMatchObject({ left: false, upper: true, cluster: true });
    expect(visibleRegions(['lab', 'editor', 'cluster'])).toMatchObject({ upper: false, bottom: true });
    expect(visibleRegions(['terminal', 'drawer'])).toMatchObject({ bottom: false });
  });

  it('reads a stored layout and falls back to the defaults for anything bad', () => {
    expect(parseLayout(null)).toBe(DEFAULT_LAYOUT);
    expect(parseLayout('{oops')).toBe(DEFAULT_LAYOUT);
    expect(parseLayout(JSON.stringify({ splits: { left: 0.4, bottom: 7, lab: 'x' }, hidden: ['drawer', 'nope', 'lab'] }))).toEqual({
      splits: { ...DEFAULT_LAYOUT.splits, left: 0.4 }, hidden: ['lab', 'drawer'],
    });
  });

  it('keeps the layout in storage: splits after a drag ends, hidden panes, and a reset', () => {
    const store = memoryStore({ 'kubesim:layout': JSON.stringify({ splits: { left: 0.25 }, hidden: ['lab'] }) });
    const layout = new LayoutState(store);
    expect(layout.prefs.splits.left).toBe(0.25);
    expect(layout.isHidden('lab')).toBe(true);
    layout.setSplit('bottom', 0.5, false);
    expect(JSON.parse(store.data.get('kubesim:layout')!).splits.bottom).toBeUndefined();
    layout.setSplit('bottom', 0.45);
    layout.setHidden('lab', false);
    layout.setHidden('terminal', true);
    expect(parseLayout(store.data.get('kubesim:layout'))).toEqual({ splits: { ...DEFAULT_LAYOUT.splits, left: 0.25, bottom: 0.45 }, hidden: ['terminal'] });
    layout.reset();
    expect(parseLayout(store.data.get('kubesim:layout'))).toEqual(DEFAULT_LAYOUT);
  });
});
