// Time travel: the cluster as it was at any past moment of a run, rebuilt from the run record (seed + timed
// commands) on replica simulations, never on the live one. A few replicas stay as checkpoints: a moment after a
// replica's time continues that replica; a moment before every replica replays the record from the start. This
// plays the part etcd's revision history plays for `kubectl get --watch` from an old resourceVersion.
import { createSimulation, type Simulation } from '../engine';
import type { K8sObject, SimTime } from '../model/types';
import type { Frame, RunRecord, TimedCommand } from '../protocol';
import { buildFrame } from './frame';
import { diffClusters, eventFacts, type ClusterDiff, type EventFacts } from './time-travel-diff';

/** The most replicas kept (each holds a whole cluster). */
export const MAX_REPLICAS = 3;

interface Replica {
  readonly sim: Simulation;
  /** JSON of the record's options the replica was built from. */
  readonly options: string;
  /** The commands dispatched so far, as JSON, in order. */
  readonly dispatched: string[];
  /** Where Event writes go while a diff is collecting them. */
  collect: EventFacts[] | undefined;
  lastUsed: number;
}

const commandJson = (c: TimedCommand): string => JSON.stringify(c);

/** Replica simulations of recorded runs, positioned at asked-for moments. Holds at most `MAX_REPLICAS`. */
export class TimeMachine {
  private replicas: Replica[] = [];
  private uses = 0;

  constructor(private readonly maxReplicas = MAX_REPLICAS) {}

  /** How many replicas are kept (tests). */
  get size(): number {
    return this.replicas.length;
  }

  /** Drops every replica (a new cluster in this worker: its runs will not be asked about again). */
  clear(): void {
    this.replicas = [];
  }

  /** The full frame of the run at `atMs` (commands stamped at or before `atMs` applied). */
  viewAt(record: RunRecord, atMs: SimTime): Frame {
    const r = this.positioned(record, atMs);
    return buildFrame(r.sim.store, 0, r.sim.now, r.sim.clock.nowEpochMs, 'caught-up', {
      output: [], exits: [], traffic: [], editorRequests: [], filesVersion: r.sim.shell.fs.version,
    });
  }

  /** What changed between two moments of the run (in time order, whichever is given first). */
  diffBetween(record: RunRecord, fromMs: SimTime, toMs: SimTime): ClusterDiff {
    const [a, b] = fromMs <= toMs ? [fromMs, toMs] : [toMs, fromMs];
    const r = this.positioned(record, a);
    const start = r.sim.now;
    const before: K8sObject[] = [...r.sim.store.all()];
    const events: EventFacts[] = [];
    r.collect = events;
    try {
      this.advance(r, record, b);
    } finally {
      r.collect = undefined;
    }
    return diffClusters(start, before, r.sim.now, r.sim.store.all(), events);
  }

  /** A replica of `record` at `atMs`: the latest usable one continued, or a new one replayed from the start. */
  private positioned(record: RunRecord, atMs: SimTime): Replica {
    const target = Math.max(0, atMs);
    const options = JSON.stringify(record.options);
    const commands = record.commands.map(commandJson);
    let best: Replica | undefined;
    for (const r of this.replicas) {
      if (r.options !== options || r.sim.now > target || !this.follows(r, record, commands)) continue;
      if (!best || r.sim.now > best.sim.now) best = r;
    }
    const replica = best ?? this.add(record, options);
    replica.lastUsed = ++this.uses;
    this.advance(replica, record, target);
    return replica;
  }

  /** True when the replica's past is a prefix of the record's and it has not run past the record's next command. */
  private follows(r: Replica, record: RunRecord, commands: readonly string[]): boolean {
    if (r.dispatched.length > commands.length) return false;
    for (let i = 0; i < r.dispatched.length; i++) if (r.dispatched[i] !== commands[i]) return false;
    const next = record.commands[r.dispatched.length];
    return next === undefined || next.at >= r.sim.now;
  }

  /** Runs a replica on to `target`, dispatching the record's commands on the way exactly as `replay` does. */
  private advance(r: Replica, record: RunRecord, target: SimTime): void {
    for (let i = r.dispatched.length; i < record.commands.length; i++) {
      const { at, command } = record.commands[i];
      if (at > target) break;
      r.sim.runUntil(at, Number.POSITIVE_INFINITY);
      r.sim.dispatch(command);
      r.dispatched.push(commandJson(record.commands[i]));
    }
    r.sim.runUntil(target, Number.POSITIVE_INFINITY);
    // Terminal output and traffic samples of a replica are nobody's: drop them so they do not pile up.
    r.sim.shell.drain();
    r.sim.traffic.drain();
  }

  private add(record: RunRecord, options: string): Replica {
    if (this.replicas.length >= this.maxReplicas) {
      const oldest = this.replicas.reduce((a, b) => (a.lastUsed <= b.lastUsed ? a : b));
      this.replicas = this.replicas.filter((r) => r !== oldest);
    }
    const sim = createSimulation(record.options);
    const replica: Replica = { sim, options, dispatched: [], collect: undefined, lastUsed: 0 };
    sim.store.watch((change) => {
      if (!replica.collect || change.kind !== 'Event' || change.type === 'DELETED') return;
      const count = (change.object as { count?: number }).count ?? 1;
      const before = change.previous ? ((change.previous as { count?: number }).count ?? 1) : 0;
      if (count > before) replica.collect.push(eventFacts(change.object, sim.now));
    });
    this.replicas.push(replica);
    return replica;
  }
}
