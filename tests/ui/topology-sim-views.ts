// A real simulated cluster seen as the page sees it: frames from the engine applied to a ClusterView, one per step.
import { createSimulation, type Simulation } from '../../sim/engine';
import type { TrafficSample } from '../../sim/protocol';
import { applyFrame, emptyView, type ClusterView } from '../../src/lib/cluster-view';

export interface PageLike {
  readonly sim: Simulation;
  view: ClusterView;
  traffic: TrafficSample[];
  /** Runs a terminal line (kubectl …) at the current virtual time. */
  run(line: string): void;
  /** Advances virtual time in frames of `frameMs`, applying each frame; calls `each` after every frame. */
  advance(ms: number, frameMs?: number, each?: (view: ClusterView) => void): void;
}

/** A fresh cluster (seed 1 unless given) with its first, full frame applied. */
export function startPage(seed: number | string = 1, profile?: Parameters<typeof createSimulation>[0]['profile']): PageLike {
  const sim = createSimulation({ seed, ...(profile ? { profile } : {}) });
  const page: PageLike = {
    sim,
    view: applyFrame(emptyView(), sim.frame(0)),
    traffic: [],
    run(line) {
      const r = sim.dispatch({ type: 'exec', line });
      if (!r.ok) throw new Error(`${line}: ${r.error}`);
    },
    advance(ms, frameMs = 250, each) {
      for (let done = 0; done < ms; done += frameMs) {
        const status = sim.advance(Math.min(frameMs, ms - done));
        const frame = sim.frame(page.view.rv, status);
        page.view = applyFrame(page.view, frame);
        page.traffic.push(...frame.traffic);
        each?.(page.view);
      }
    },
  };
  return page;
}
