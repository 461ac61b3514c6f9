import { describe, expect, it } from 'vitest';
import { benchFromQuery, benchProfile, profileFromQuery } from '../../src/features/topology/bench';
import { cumulativeLengths, failureLabelAt, FADE_MS, LINGER_MS, particleAt, TRAVEL_MS } from '../../src/features/topology/particle-motion';

describe('page benchmark settings', () => {
  it('reads pods, speed and churn from the URL, with a cluster big enough for a rollout of them', () => {
    expect(benchFromQuery('?seed=1')).toBeUndefined();
    expect(benchFromQuery('?bench=abc')).toBeUndefined();
    const s = benchFromQuery('?seed=1&bench=1000&speed=5&churn=2000')!;
    expect(s).toMatchObject({ pods: 1000, speed: 5, churnMs: 2000 });
    expect(s.profile.nodeCount! * s.profile.maxPodsPerNode!).toBeGreaterThanOrEqual(1000 * 1.25);
    expect(benchFromQuery('?bench=100&speed=7')!.speed).toBe(1);
    expect(benchProfile(100).nodeCount).toBe(3);
    expect(benchProfile(5000).nodeCount).toBe(28);
    expect(profileFromQuery('?bench=5000')).toEqual(benchProfile(5000));
    expect(profileFromQuery('')).toBeUndefined();
  });
});

describe('particle motion', () => {
  const route = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }];
  const lengths = cumulativeLengths(route);

  it('travels the route at a steady speed, then fades (answered) or lingers (failed)', () => {
    expect(lengths).toEqual([0, 100, 200]);
    expect(particleAt(route, lengths, true, 0, false).at).toEqual({ x: 0, y: 0 });
    expect(particleAt(route, lengths, true, TRAVEL_MS / 4, false).at).toEqual({ x: 50, y: 0 });
    expect(particleAt(route, lengths, true, (TRAVEL_MS * 3) / 4, false).at).toEqual({ x: 100, y: 50 });
    const fading = particleAt(route, lengths, true, TRAVEL_MS + FADE_MS / 2, false);
    expect(fading).toMatchObject({ at: { x: 100, y: 100 }, arrived: true, done: false, opacity: 0.5 });
    expect(particleAt(route, lengths, true, TRAVEL_MS + FADE_MS, false).done).toBe(true);
    expect(particleAt(route, lengths, false, TRAVEL_MS + LINGER_MS - 1, false)).toMatchObject({ opacity: 1, arrived: true, done: false });
  });

  it('with reduced motion shows the particle where it ends, at once', () => {
    expect(particleAt(route, lengths, false, 0, true)).toMatchObject({ at: { x: 100, y: 100 }, arrived: true, opacity: 1 });
    expect(particleAt(route, lengths, true, 0, true)).toMatchObject({ at: { x: 100, y: 100 }, arrived: true, opacity: 1 });
  });

  it('writes a failed request\'s reason above a pod it was heading for and below a Service anchor', () => {
    expect(failureLabelAt({ x: 20, y: 80 }, 'pod', 8)).toEqual({ at: { x: 20, y: 72 }, baseline: 'bottom' });
    expect(failureLabelAt({ x: 20, y: 100 }, 'service', 8)).toEqual({ at: { x: 20, y: 108 }, baseline: 'top' });
    expect(failureLabelAt({ x: 0, y: 50 }, 'start', 8)).toEqual({ at: { x: 0, y: 58 }, baseline: 'top' });
  });
});
