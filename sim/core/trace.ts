// The run trace: every API write and every Event, in order, for golden-trace tests and bug reports.
import type { SimTime } from '../model/types';

export type TraceEntry =
  | { readonly at: SimTime; readonly type: 'write'; readonly actor: string; readonly verb: string; readonly key: string; readonly detail?: string }
  | { readonly at: SimTime; readonly type: 'event'; readonly eventType: string; readonly reason: string; readonly object: string; readonly message: string }
  | { readonly at: SimTime; readonly type: 'command'; readonly text: string; readonly exitCode: number };

/** Receives trace entries; the engine keeps none unless a sink is attached. */
export interface TraceSink {
  record(entry: TraceEntry): void;
}

/** Renders one entry as a stable line (`12.345s write replicaset-controller create Pod/default/web-abcde`). Pure. */
export function formatTraceEntry(e: TraceEntry): string {
  const t = `${(e.at / 1000).toFixed(3)}s`;
  switch (e.type) {
    case 'write': return `${t} ${e.actor} ${e.verb} ${e.key}${e.detail ? ` ${e.detail}` : ''}`;
    case 'event': return `${t} event ${e.eventType} ${e.reason} ${e.object}: ${e.message}`;
    case 'command': return `${t} $ ${e.text} (exit ${e.exitCode})`;
  }
}

/** A sink that keeps every entry in memory (tests and the headless runner). */
export class ArrayTrace implements TraceSink {
  readonly entries: TraceEntry[] = [];
  record(entry: TraceEntry): void {
    this.entries.push(entry);
  }
  lines(): string[] {
    return this.entries.map(formatTraceEntry);
  }
}
