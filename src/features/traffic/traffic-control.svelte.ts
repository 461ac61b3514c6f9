// The page's traffic and faults, shared by the traffic pane, the pets-vs-cattle view and the fault buttons of one
// SimClient: the engine runs a single list of flows, so every view that adds flows goes through here.
import type { SimClient } from '../../lib/sim-client.svelte';
import type { TrafficFlow } from '../../../sim/protocol';
import { combinedFlows, everyMsFor, withPreset, withoutPreset } from './flows';
import type { TrafficPreset } from './presets';
import { emptyStats, foldSamples, forgetFlows, type TrafficStats } from './traffic-stats';
import {
  CATTLE_FLOW_ID, PET_FLOW_ID, openAddressBook, observeAddresses, petsFlows, type AddressBook, type PetsSetup,
} from './pets';
import { commandFor, describeAction, describeFailure, undoOf, type FaultAction } from './fault-actions';

/** Requests per second each pets-vs-cattle client sends. */
export const PETS_RATE = 2;
/** Lines of the fault log kept. */
const MAX_FAULT_LOG = 6;

/** One line of the fault log: what was done, and the action that takes it back. */
export interface FaultLogEntry {
  readonly id: number;
  readonly text: string;
  readonly ok: boolean;
  readonly undo?: FaultAction;
}

/** The traffic controls' flows, the pets-vs-cattle clients, their counters, and the fault buttons' log. */
export class TrafficControl {
  /** The "send traffic" switch. */
  sending = $state(false);
  /** The flows the traffic controls send while the switch is on. */
  chosen = $state.raw<readonly TrafficPreset[]>([]);
  /** Requests per second of virtual time, per flow. */
  rate = $state(1);
  /** The running pets-vs-cattle view, if any. */
  pets = $state.raw<PetsSetup | undefined>(undefined);
  /** Nodes this page stopped and has not started again. */
  stoppedNodes = $state.raw<ReadonlySet<string>>(new Set());
  /** What the fault buttons did, newest first. */
  faultLog = $state.raw<readonly FaultLogEntry[]>([]);
  /** The engine's answer to the last change of flows, when it refused it. */
  error = $state<string | undefined>(undefined);

  #counted: TrafficStats = emptyStats();
  #resets = $state(0);
  #book: { setup: PetsSetup; book: AddressBook } | undefined;
  #nextLogId = 1;

  /** Per-flow counters over every sample since the last reset (each sample is folded in once, by seq). */
  readonly stats: TrafficStats = $derived.by(() => {
    void this.#resets;
    this.#counted = foldSamples(this.#counted, this.client.traffic);
    return this.#counted;
  });

  /** Pod IPs and Service addresses seen since the pets-vs-cattle view started. */
  readonly addressBook: AddressBook | undefined = $derived.by(() => {
    const setup = this.pets;
    if (!setup) return undefined;
    const view = this.client.view;
    const prev = this.#book?.setup === setup ? this.#book.book : openAddressBook(view, setup);
    const book = observeAddresses(prev, view, setup);
    this.#book = { setup, book };
    return book;
  });

  constructor(readonly client: SimClient) {}

  /** The flows the engine should run now. */
  get flows(): TrafficFlow[] {
    return combinedFlows(this.sending, this.chosen, this.rate, this.pets ? petsFlows(this.pets, everyMsFor(PETS_RATE)) : []);
  }

  /** A running flow by id. */
  flow(id: string): TrafficFlow | undefined {
    return this.flows.find((f) => f.id === id);
  }

  /** Sends the current flows to the engine (replacing what ran before). */
  async apply(): Promise<void> {
    const result = await this.client.send({ type: 'traffic', flows: this.flows });
    this.error = result.ok ? undefined : result.error;
  }

  /** Turns the traffic controls' flows on or off; `defaults` are chosen when switching on with nothing chosen. */
  async setSending(on: boolean, defaults: readonly TrafficPreset[] = []): Promise<void> {
    if (on && this.chosen.length === 0) this.chosen = [...defaults];
    this.sending = on;
    await this.apply();
  }

  /** Adds a preset to the running flows (switching traffic on). */
  async addPreset(preset: TrafficPreset): Promise<void> {
    this.chosen = withPreset(this.chosen, preset);
    this.sending = true;
    await this.apply();
  }

  /** Stops one of the controls' flows. */
  async removeFlow(id: string): Promise<void> {
    this.chosen = withoutPreset(this.chosen, id);
    await this.apply();
  }

  /** Sets requests per second per flow; running flows take the new rate at once. */
  async setRate(rate: number): Promise<void> {
    this.rate = rate;
    if (this.sending) await this.apply();
  }

  /** Starts counting again from the newest sample: every flow, or only `flowIds`. */
  resetCounters(flowIds?: readonly string[]): void {
    const traffic = this.client.traffic;
    const counted = foldSamples(this.#counted, traffic);
    this.#counted = flowIds ? forgetFlows(counted, flowIds) : emptyStats(counted.lastSeq);
    this.#resets++;
  }

  /** Starts the pets-vs-cattle clients; their counters start from zero. */
  async startPets(setup: PetsSetup): Promise<void> {
    this.resetCounters([PET_FLOW_ID, CATTLE_FLOW_ID]);
    this.pets = setup;
    await this.apply();
  }

  /** Stops the pets-vs-cattle clients. */
  async stopPets(): Promise<void> {
    this.pets = undefined;
    await this.apply();
  }

  /** Carries out a fault action, logs what it did (or why not), and remembers stopped nodes. */
  async act(action: FaultAction, before: { podIP?: string } = {}): Promise<boolean> {
    const command = commandFor(action);
    let ok = true;
    let error: string | undefined;
    if ('send' in command) {
      const result = await this.client.send(command.send);
      ok = result.ok;
      if (!result.ok) error = result.error;
    } else {
      await this.client.dispatch(command.dispatch);
    }
    if (ok && (action.kind === 'stopNode' || action.kind === 'startNode')) {
      const next = new Set(this.stoppedNodes);
      if (action.kind === 'stopNode') next.add(action.node); else next.delete(action.node);
      this.stoppedNodes = next;
    }
    const entry: FaultLogEntry = {
      id: this.#nextLogId++, ok, text: ok ? describeAction(action, before) : describeFailure(action, error ?? 'refused'),
      ...(ok && undoOf(action) ? { undo: undoOf(action) } : {}),
    };
    this.faultLog = [entry, ...this.faultLog.map((e) => (isUndoneBy(e, action) ? { ...e, undo: undefined } : e))].slice(0, MAX_FAULT_LOG);
    return ok;
  }
}

/** Whether `action` takes back what `entry` did (so its undo button goes away). Pure. */
export function isUndoneBy(entry: FaultLogEntry, action: FaultAction): boolean {
  return entry.undo !== undefined && JSON.stringify(entry.undo) === JSON.stringify(action);
}

const controls = new WeakMap<SimClient, TrafficControl>();

/** The one TrafficControl of a SimClient (made on first use). */
export function trafficControlOf(client: SimClient): TrafficControl {
  let control = controls.get(client);
  if (!control) controls.set(client, (control = new TrafficControl(client)));
  return control;
}
