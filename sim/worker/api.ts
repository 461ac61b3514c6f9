// The engine as the page sees it through comlink: plain data in, plain data out, one simulation per worker.
// The cluster boots from the engine alone; the terminal's commands (command-layer.ts) and the lab parser
// (lab-layer.ts) are loaded the first time a call needs them, so the page shows a running cluster sooner.
import { Simulation } from '../simulation';
import type { Command, CommandResult, Frame, InitOptions, RunRecord } from '../protocol';
import type { Program } from '../shell/program';
import type { Completion } from '../shell/completion';
import type { Diagnostic } from '../kubectl/diagnostics';
import type { ClusterTarget, RealClusterBundle } from '../export/real-cluster';
import type { Lab, StepCheckResult, TranscriptEntry } from '../labs/lab-types';
import type { LabSet, LabSource } from '../labs/lab-set';
import type { TimeMachine } from '../view/time-travel';
import type { ClusterDiff } from '../view/time-travel-diff';
import { inOrder } from './in-order';

type CommandLayer = typeof import('./command-layer');
type LabLayer = typeof import('./lab-layer');

export interface FileEntry {
  readonly path: string;
  readonly content: string;
}

/** A set of labs as the page sees it: the labs that parsed, and the problems of those that did not, by lab id. */
export interface LabCatalogue {
  readonly labs: readonly Lab[];
  readonly errors: Readonly<Record<string, readonly string[]>>;
}

/** Where "reset to the start of this step" leads: the run record to replay and the virtual time to run it to. */
export interface StepStart {
  readonly record: RunRecord;
  readonly atMs: number;
}

/** Parses lab sources once per distinct set: the page sends the same texts with every check. */
function labSetCache(load: LabLayer['loadLabSet']): (sources: readonly LabSource[]) => LabSet {
  let last: { sources: readonly LabSource[]; set: LabSet } | undefined;
  // A lab parsed when the page was built is the same lab for as long as the page runs: its id says which.
  const sameSource = (a: LabSource, b: LabSource): boolean =>
    a.id === b.id && ('text' in a ? 'text' in b && a.text === b.text : 'lab' in b);
  const same = (a: readonly LabSource[], b: readonly LabSource[]): boolean =>
    a.length === b.length && a.every((s, i) => sameSource(s, b[i]));
  return (sources) => {
    if (!last || !same(last.sources, sources)) last = { sources, set: load(sources) };
    return last.set;
  };
}

/** Builds the API object a worker exposes; kept free of `self` so tests can expose it on a MessageChannel. */
export function createWorkerApi() {
  let sim: Simulation | undefined;
  const need = (): Simulation => {
    if (!sim) throw new Error('simulation not initialised: call init first');
    return sim;
  };
  // The live cluster's command table: empty until the command layer has loaded (no command runs before then).
  const programs = new Map<string, Program>();
  let commandLayer: Promise<CommandLayer> | undefined;
  let timeMachine: TimeMachine | undefined;
  // A module that failed to load (the network dropped) is asked for again by the next call that needs it.
  const commands = (): Promise<CommandLayer> => commandLayer ??= import('./command-layer').then((layer) => {
    for (const [name, program] of layer.PROGRAMS) programs.set(name, program);
    timeMachine = new layer.TimeMachine();
    return layer;
  }, (error: unknown) => {
    commandLayer = undefined;
    throw error;
  });
  let labSets: Promise<(sources: readonly LabSource[]) => LabSet> | undefined;
  const labSet = (): Promise<(sources: readonly LabSource[]) => LabSet> =>
    labSets ??= import('./lab-layer').then((layer) => labSetCache(layer.loadLabSet), (error: unknown) => {
      labSets = undefined;
      throw error;
    });
  const labOf = async (labs: readonly LabSource[], labId: string): Promise<Lab> => {
    const set = (await labSet())(labs);
    const lab = set.resolve(labId);
    if (!lab) throw new Error(`no lab "${labId}"${set.errors.has(labId) ? ` (it has errors: ${set.errors.get(labId)!.join('; ')})` : ''}`);
    return lab;
  };
  const serial = inOrder();
  return {
    /** Starts a fresh cluster and returns the full first frame. */
    init(options: InitOptions): Frame | Promise<Frame> {
      return serial(() => {
        sim = new Simulation(options, programs);
        timeMachine?.clear();
        return sim.frame(0);
      });
    },
    /** Rebuilds a recorded run (restore after a crash or reload) and returns its full frame. */
    restore(record: RunRecord): Promise<Frame> {
      return Promise.resolve(serial(async () => {
        const layer = await commands();
        sim = layer.replay(record);
        timeMachine!.clear();
        return sim.frame(0);
      }));
    },
    /** Advances virtual time by `ms` and returns what changed since `sinceRv`. */
    advance(ms: number, sinceRv: number): Frame | Promise<Frame> {
      return serial(() => {
        const s = need();
        const status = s.advance(ms);
        return s.frame(sinceRv, status);
      });
    },
    /** Runs to the next scheduled event ("step") and returns what changed since `sinceRv`. */
    step(sinceRv: number): Frame | Promise<Frame> {
      return serial(() => {
        const s = need();
        s.stepToNextEvent();
        return s.frame(sinceRv);
      });
    },
    /** Loads the terminal's commands ahead of the first one (the page asks as the student starts typing). */
    async loadCommands(): Promise<void> {
      await commands();
    },
    /** Applies a command (a terminal line, a file save, a node power change); a terminal line loads the commands first. */
    dispatch(command: Command): CommandResult | Promise<CommandResult> {
      if (command.type === 'exec' && programs.size === 0) return serial(async () => { await commands(); return need().dispatch(command); });
      return serial(() => need().dispatch(command));
    },
    /** The files of the student's machine, for the editor. */
    files(): FileEntry[] | Promise<FileEntry[]> {
      return serial(() => need().shell.fs.allFiles());
    },
    /** The student's manifests as one bundle for a real cluster, with its guide (read-only). */
    async exportForRealCluster(target: ClusterTarget): Promise<RealClusterBundle> {
      const layer = await commands();
      return serial(() => {
        const s = need();
        return layer.exportForRealCluster(s.shell.fs.allFiles(), target, s.store);
      });
    },
    /** Tab completion for a terminal line (read-only). */
    async complete(line: string, cursor: number): Promise<Completion> {
      const layer = await commands();
      return serial(() => {
        const s = need();
        const session = s.shell.session();
        return layer.complete(line, cursor, { store: s.store, fs: s.shell.fs, cwd: session.cwd, commands: [...programs.keys()], aliases: session.aliases });
      });
    },
    /** The problems `kubectl apply -f` would report for a manifest's text, by line (read-only). */
    async diagnose(text: string): Promise<Diagnostic[]> {
      const layer = await commands();
      return serial(() => layer.diagnoseManifest(text, need().store));
    },
    /** Seed + command log: replays this run exactly. */
    exportRun(): RunRecord | Promise<RunRecord> {
      return serial(() => need().record());
    },
    /** The cluster of a recorded run as it was at `atMs`, as a full frame; built on replicas, the live cluster is untouched. */
    async viewAt(record: RunRecord, atMs: number): Promise<Frame> {
      await commands();
      return timeMachine!.viewAt(record, atMs);
    },
    /** What changed in a recorded run between two moments (pods, IPs, Services, endpoints, events); read-only. */
    async diffBetween(record: RunRecord, fromMs: number, toMs: number): Promise<ClusterDiff> {
      await commands();
      return timeMachine!.diffBetween(record, fromMs, toMs);
    },
    /** Parses lab files (built-in and the student's own) and cross-checks their scenarios (read-only). */
    async labCatalogue(labs: readonly LabSource[]): Promise<LabCatalogue> {
      const set = (await labSet())(labs);
      return { labs: set.labs, errors: Object.fromEntries(set.errors) };
    },
    /**
     * Evaluates a lab step's check and hints against the cluster now, with the terminal transcript of the step.
     * Read-only: HTTP checks probe a replica rebuilt from the run record, so the cluster and its random streams
     * are untouched.
     */
    async labStepResult(labs: readonly LabSource[], labId: string, stepId: string, transcript: readonly TranscriptEntry[]): Promise<StepCheckResult> {
      const [layer, lab] = await Promise.all([commands(), labOf(labs, labId)]);
      const step = lab.steps.find((s) => s.id === stepId);
      if (!step) throw new Error(`lab "${labId}" has no step "${stepId}"`);
      return serial(() => layer.evaluateStep(step, layer.checkContext(need(), transcript)));
    },
    /** The run record and virtual time a step starts from (seed + the solutions before it); does not touch the cluster. */
    async labStepStart(labs: readonly LabSource[], labId: string, stepId: string): Promise<StepStart | { readonly error: string }> {
      const [layer, lab, set] = await Promise.all([commands(), labOf(labs, labId), labSet()]);
      const start = layer.buildStepStart(lab, stepId, set(labs).resolve);
      return typeof start === 'string' ? { error: start } : start;
    },
    /** Which of the named engine features (a step's `requires=`) the engine has; probed on throwaway clusters. */
    async labCapabilities(names: readonly string[]): Promise<string[]> {
      const layer = await commands();
      return [...layer.presentCapabilities(names)].sort();
    },
  };
}

export type SimApi = ReturnType<typeof createWorkerApi>;
