// The engine's entry: a simulated cluster whose terminal knows every command, and the replay of a recorded run.
import type { InitOptions, RunRecord } from './protocol';
import type { TraceSink } from './core/trace';
import { PROGRAMS } from './shell/programs';
import { Simulation } from './simulation';

export { Simulation, DEFAULT_EPOCH_MS, MAX_TASKS_PER_FRAME } from './simulation';

/** The engine's only public entry: a fresh simulated cluster for a seed and profile. */
export function createSimulation(options: InitOptions, trace?: TraceSink): Simulation {
  return new Simulation(options, PROGRAMS, trace);
}

/** Rebuilds a run from its record: same seed, same commands at the same virtual times. */
export function replay(record: RunRecord, trace?: TraceSink): Simulation {
  const sim = createSimulation(record.options, trace);
  for (const { at, command } of record.commands) {
    sim.runUntil(at, Number.POSITIVE_INFINITY);
    sim.dispatch(command);
  }
  return sim;
}
