// The page's steady traffic as the engine takes it: flows at a rate in requests per second of virtual time, and
// the one list of flows the engine runs (the traffic controls' flows and the pets-vs-cattle clients together).
import type { TrafficFlow } from '../../../sim/protocol';
import type { TrafficPreset } from './presets';

/** The rates the controls offer, in requests per second of virtual time, per flow. */
export const RATES = [0.5, 1, 2, 5, 10, 20] as const;
export type Rate = (typeof RATES)[number];

/** The engine's smallest interval between two requests of one flow. */
export const MIN_EVERY_MS = 10;

/** Milliseconds of virtual time between two requests at `rate` requests per second. Pure. */
export function everyMsFor(rate: number): number {
  return Math.max(MIN_EVERY_MS, Math.round(1000 / rate));
}

/** A preset as a running flow. Pure. */
export function flowOf(preset: TrafficPreset, rate: number): TrafficFlow {
  return { id: preset.id, from: preset.from, host: preset.host, port: preset.port, path: preset.path, everyMs: everyMsFor(rate) };
}

/** The controls' flows (when sending) followed by any other flows, without duplicate ids. Pure. */
export function combinedFlows(sending: boolean, chosen: readonly TrafficPreset[], rate: number, others: readonly TrafficFlow[]): TrafficFlow[] {
  const out: TrafficFlow[] = [];
  const ids = new Set<string>();
  const add = (f: TrafficFlow): void => {
    if (ids.has(f.id)) return;
    ids.add(f.id);
    out.push(f);
  };
  if (sending) for (const p of chosen) add(flowOf(p, rate));
  for (const f of others) add(f);
  return out;
}

/** Adds a preset to the chosen list (once). Pure. */
export function withPreset(chosen: readonly TrafficPreset[], preset: TrafficPreset): TrafficPreset[] {
  return chosen.some((p) => p.id === preset.id) ? [...chosen] : [...chosen, preset];
}

/** Removes a flow from the chosen list by id. Pure. */
export function withoutPreset(chosen: readonly TrafficPreset[], id: string): TrafficPreset[] {
  return chosen.filter((p) => p.id !== id);
}

/** Where a flow's requests start, in words. Pure. */
export function originText(flow: TrafficFlow): string {
  return flow.from.kind === 'external' ? 'outside the cluster' : `pods ${flow.from.selector} in ${flow.from.namespace}`;
}

/** `host:port/path` of a flow. Pure. */
export function targetText(flow: TrafficFlow): string {
  return `${flow.host}:${flow.port}${flow.path}`;
}
