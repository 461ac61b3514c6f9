// Stand-ins for the simulation worker and for animation frames, so the page's client can be driven by hand.
import type { CommandResult, Frame, InitOptions, RunRecord } from '../../sim/protocol';
import type { AsyncSimApi, FrameScheduler, SimConnection } from '../../src/lib/sim-connection';
import { frame, node, pod } from './fixtures';

/** Animation frames fired by hand. */
export class ManualFrames implements FrameScheduler {
  private readonly callbacks = new Map<number, (wallMs: number) => void>();
  private next = 1;
  request(callback: (wallMs: number) => void): number {
    this.callbacks.set(this.next, callback);
    return this.next++;
  }
  cancel(handle: number): void {
    this.callbacks.delete(handle);
  }
  get scheduled(): number {
    return this.callbacks.size;
  }
  fire(wallMs: number): void {
    const due = [...this.callbacks.values()];
    this.callbacks.clear();
    for (const callback of due) callback(wallMs);
  }
}

interface Deferred<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A stand-in for one worker: answers init/restore/dispatch/exportRun at once and holds advances until released. */
export class FakeWorker implements SimConnection {
  readonly calls: string[] = [];
  readonly advances: { ms: number; sinceRv: number; answer: Deferred<Frame> }[] = [];
  restored: RunRecord | undefined;
  closed = false;
  failWith: ((message: string) => void) | undefined;
  private commands: RunRecord['commands'][number][] = [];
  private rv = 5;
  private time = 0;

  constructor(private readonly options: { failDispatch?: boolean } = {}) {}

  readonly api: AsyncSimApi = {
    init: async (options: InitOptions) => {
      this.calls.push(`init seed=${options.seed}`);
      return frame({ rv: this.rv, full: true, time: 0, upserts: [node('aks-nodepool1-1-vmss000000')] });
    },
    restore: async (record: RunRecord) => {
      this.calls.push(`restore ${record.commands.length} commands`);
      this.restored = record;
      this.time = record.commands.at(-1)?.at ?? 0;
      this.rv = 100;
      return frame({ rv: this.rv, full: true, time: this.time, upserts: [node('aks-nodepool1-1-vmss000000')], output: [{ jobId: 1, session: 'main', stream: 'stdout', text: 'replayed\n' }] });
    },
    advance: (ms: number, sinceRv: number) => {
      this.calls.push(`advance ${ms} since ${sinceRv}`);
      return new Promise<Frame>((resolve, reject) => this.advances.push({ ms, sinceRv, answer: { resolve, reject } }));
    },
    dispatch: async (command) => {
      this.calls.push(`dispatch ${command.type === 'exec' ? command.line : command.type}`);
      if (this.options.failDispatch) throw new Error('InvariantError: store index out of sync');
      this.commands.push({ at: this.time, command });
      const result: CommandResult = { ok: true, jobId: this.commands.length, done: true, exitCode: 0, stdout: `ran ${this.commands.length}\n`, stderr: '' };
      return result;
    },
    files: async () => [],
    loadCommands: async () => {
      this.calls.push('loadCommands');
    },
    complete: async (line: string) => ({ replaceFrom: line.length, candidates: [] }),
    diagnose: async () => [],
    step: async (sinceRv: number) => frame({ rv: ++this.rv, time: this.time, upserts: [], ...(sinceRv < 0 ? { full: true } : {}) }),
    exportRun: async () => {
      this.calls.push('exportRun');
      return { format: 'kubesim-run', version: 1, options: { seed: 7 }, commands: [...this.commands] };
    },
    labCatalogue: async () => ({ labs: [], errors: {} }),
    labStepResult: async (_labs, labId) => {
      throw new Error(`no lab "${labId}"`);
    },
    labStepStart: async (_labs, labId) => ({ error: `no lab "${labId}"` }),
    labCapabilities: async () => [],
    exportForRealCluster: async (target) => ({ target, yaml: '', guide: '', objects: [], notes: [] }),
    viewAt: async (_record: RunRecord, atMs: number) => {
      this.calls.push(`viewAt ${atMs}`);
      return frame({ rv: 3, full: true, time: atMs, upserts: [node('aks-nodepool1-1-vmss000000'), pod('web-old', { nodeName: 'aks-nodepool1-1-vmss000000' })] });
    },
    diffBetween: async (_record: RunRecord, fromMs: number, toMs: number) => {
      this.calls.push(`diffBetween ${fromMs} ${toMs}`);
      return { fromMs, toMs, podsAdded: [], podsRemoved: [], podIpChanges: [], servicesAdded: [], servicesRemoved: [], serviceChanges: [],
        endpointChanges: [], events: [], eventsOmitted: 0 };
    },
  };

  /** Answers the oldest pending advance with a frame `ms` later. */
  release(extra: Partial<Frame> = {}): void {
    const next = this.advances.shift();
    if (!next) throw new Error('no advance pending');
    this.time += next.ms;
    next.answer.resolve(frame({ rv: ++this.rv, time: this.time, ...extra }));
  }

  failNext(error: unknown): void {
    const next = this.advances.shift();
    if (!next) throw new Error('no advance pending');
    next.answer.reject(error);
  }

  onFailure(listener: (message: string) => void): void {
    this.failWith = listener;
  }

  close(): void {
    this.closed = true;
  }
}
