// Setting the cluster up as a lab step starts (starting a lab, "reset to the start of this step", skipping ahead):
// the engine lays the lab's solutions out on the virtual clock, and the page rebuilds that run in a fresh worker.
import type { InitOptions, RunRecord } from '../../../sim/protocol';
import type { Lab } from '../../../sim/labs/lab-types';
import type { LabSource } from '../../../sim/labs/lab-set';
import type { SimClient } from '../../lib/sim-client.svelte';

/** The parts of the SimClient a rebuild uses. */
export type RebuildClient = Pick<SimClient, 'stepStart' | 'rebuild' | 'init'>;

/** A lab's run record with the page's own engine options (the page's editor for `kubectl edit`). Pure. */
export function withPageOptions(record: RunRecord, init: InitOptions): RunRecord {
  return init.editor ? { ...record, options: { ...record.options, editor: init.editor } } : record;
}

/** Rebuilds the cluster as step `stepId` of `lab` starts, printing `note` in the terminal; true, or why not. */
export async function rebuildAtStep(client: RebuildClient, sources: readonly LabSource[], lab: Lab, stepId: string, note: string): Promise<true | string> {
  const start = await client.stepStart(sources, lab.id, stepId);
  if ('error' in start) return `The cluster for this step could not be built: ${start.error}`;
  const ok = await client.rebuild(withPageOptions(start.record, client.init), start.atMs, note);
  return ok ? true : 'The cluster could not be rebuilt (it is not running).';
}
