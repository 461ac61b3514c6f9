// How the page starts the engine's web worker in the single-file build: the worker's code is bundled into the
// page itself and started from a blob: URL, so a page opened from file:// needs no second file.
import SimWorker from '../../sim/worker/index?worker&inline';

/** Starts the simulation worker from the code inlined in the page. */
export function createSimWorker(): Worker {
  return new SimWorker({ name: 'kubesim' });
}
