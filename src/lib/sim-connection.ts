// The link between the page and the engine's web worker (comlink over postMessage), and the frame source
// the client's clock loop runs on.
import { releaseProxy, wrap } from 'comlink';
import type { SimApi } from '../../sim/worker/api';
import { createSimWorker } from './worker-factory';

/** The worker API as seen through comlink: every call answers with a promise. */
export type AsyncSimApi = {
  readonly [K in keyof SimApi]: SimApi[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** A live link to one simulation worker. */
export interface SimConnection {
  readonly api: AsyncSimApi;
  /** Calls `listener` if the worker itself fails (an uncaught error, a module that would not load). */
  onFailure(listener: (message: string) => void): void;
  close(): void;
}

/** Where animation frames come from (requestAnimationFrame in the page, a manual pump in tests). */
export interface FrameScheduler {
  request(callback: (wallMs: number) => void): number;
  cancel(handle: number): void;
}

/** Starts the engine's worker (a module file, or inlined in the single-file build) and wraps it with comlink. */
export function connectWorker(): SimConnection {
  const worker = createSimWorker();
  const api = wrap<SimApi>(worker);
  return {
    api,
    onFailure(listener) {
      // A worker that cannot load its file at all is most often a page older than the site (an update replaced it).
      worker.addEventListener('error', (e) => listener(e.message || 'the simulation worker failed to start (if the site was just updated, reload the page)'));
      worker.addEventListener('messageerror', () => listener('a message from the simulation could not be read'));
    },
    close() {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}

/** Animation frames from the browser. */
export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};
