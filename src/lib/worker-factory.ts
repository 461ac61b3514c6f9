// How the page starts the engine's web worker in the hosted build: a module worker loaded from its own file
// next to the page (the single-file build swaps this module for worker-factory-inline.ts).

/** Starts the simulation worker from its bundled file. */
export function createSimWorker(): Worker {
  return new Worker(new URL('../../sim/worker/index.ts', import.meta.url), { type: 'module', name: 'kubesim' });
}
