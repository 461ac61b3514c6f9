// The engine's public entry: create a simulation, replay a run, and the shared protocol types.
export { createSimulation, replay, Simulation, DEFAULT_EPOCH_MS, MAX_TASKS_PER_FRAME } from './engine';
export type * from './protocol';
