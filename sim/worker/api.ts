// The engine as the page sees it through comlink: plain data in, plain data out, one simulation per worker.
import { createSimulation, replay, type Simulation } from '../engine';
import type { Command, CommandResult, Frame, InitOptions, RunRecord } from '../protocol';
import { complete, type Completion } from '../shell/completion';
import { PROGRAMS } from '../shell/programs';
import { diagnoseManifest, type Diagnostic } from '../kubectl/diagnostics';
import { exportForRealCluster, type ClusterTarget, type RealClusterBundle } from '../export/real-cluster';
import type { Lab, StepCheckResult, TranscriptEntry } from '../labs/lab-types';
import { loadLabSet, type LabSet, type LabSource } from '../labs/lab-set';
import { checkContext } from '../labs/check-context';
import { evaluateStep } from '../labs/checks';
import { buildStepStart } from '../labs/step-start';
import { presentCapabilities } from '../labs/capabilities';
import { TimeMachine } from '../view/time-travel';
import type { ClusterDiff } from '../view/time-travel-diff';

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
function labSetCache(): (sources: readonly LabSource[]) => LabSet {
  let last: { sources: readonly LabSource[]; set: LabSet } | undefined;
  const same = (a: readonly LabSource[], b: readonly LabSource[]): boolean =>
    a.length === b.length && a.every((s, i) => s.id === b[i].id && s.text === b[i].text);
  return (sources) => {
    if (!last || !same(last.sources, sources)) last = { sources, set: loadLabSet(sources) };
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
  const labSet = labSetCache();
  const timeMachine = new TimeMachine();
  const labOf = (labs: readonly LabSource[], labId: string): Lab => {
    const set = labSet(labs);
    const lab = set.resolve(labId);
    if (!lab) throw new Error(`no lab "${labId}"${set.errors.has(labId) ? ` (it has errors: ${set.errors.get(labId)!.join('; ')})` : ''}`);
    return lab;
  };
  return {
    /** Starts a fresh cluster and returns the full first frame. */
    init(options: InitOptions): Frame {
      sim = createSimulation(options);
      timeMachine.clear();
      return sim.frame(0);
    },
    /** Rebuilds a recorded run (restore after a crash or reload) and returns its full frame. */
    restore(record: RunRecord): Frame {
      sim = replay(record);
      timeMachine.clear();
      return sim.frame(0);
    },
    /** Advances virtual time by `ms` and returns what changed since `sinceRv`. */
    advance(ms: number, sinceRv: number): Frame {
      const s = need();
      const status = s.advance(ms);
      return s.frame(sinceRv, status);
    },
    /** Runs to the next scheduled event ("step") and returns what changed since `sinceRv`. */
    step(sinceRv: number): Frame {
      const s = need();
      s.stepToNextEvent();
      return s.frame(sinceRv);
    },
    /** Applies a command (a terminal line, a file save, a node power change). */
    dispatch(command: Command): CommandResult {
      return need().dispatch(command);
    },
    /** The files of the student's machine, for the editor. */
    files(): FileEntry[] {
      return need().shell.fs.allFiles();
    },
    /** The student's manifests as one bundle for a real cluster, with its guide (read-only). */
    exportForRealCluster(target: ClusterTarget): RealClusterBundle {
      const s = need();
      return exportForRealCluster(s.shell.fs.allFiles(), target, s.store);
    },
    /** Tab completion for a terminal line (read-only). */
    complete(line: string, cursor: number): Completion {
      const s = need();
      const session = s.shell.session();
      return complete(line, cursor, { store: s.store, fs: s.shell.fs, cwd: session.cwd, commands: [...PROGRAMS.keys()], aliases: session.aliases });
    },
    /** The problems `kubectl apply -f` would report for a manifest's text, by line (read-only). */
    diagnose(text: string): Diagnostic[] {
      return diagnoseManifest(text, need().store);
    },
    /** Seed + command log: replays this run exactly. */
    exportRun(): RunRecord {
      return need().record();
    },
    /** The cluster of a recorded run as it was at `atMs`, as a full frame; built on replicas, the live cluster is untouched. */
    viewAt(record: RunRecord, atMs: number): Frame {
      return timeMachine.viewAt(record, atMs);
    },
    /** What changed in a recorded run between two moments (pods, IPs, Services, endpoints, events); read-only. */
    diffBetween(record: RunRecord, fromMs: number, toMs: number): ClusterDiff {
      return timeMachine.diffBetween(record, fromMs, toMs);
    },
    /** Parses lab files (built-in and the student's own) and cross-checks their scenarios (read-only). */
    labCatalogue(labs: readonly LabSource[]): LabCatalogue {
      const set = labSet(labs);
      return { labs: set.labs, errors: Object.fromEntries(set.errors) };
    },
    /**
     * Evaluates a lab step's check and hints against the cluster now, with the terminal transcript of the step.
     * Read-only: HTTP checks probe a replica rebuilt from the run record, so the cluster and its random streams
     * are untouched.
     */
    labStepResult(labs: readonly LabSource[], labId: string, stepId: string, transcript: readonly TranscriptEntry[]): StepCheckResult {
      const lab = labOf(labs, labId);
      const step = lab.steps.find((s) => s.id === stepId);
      if (!step) throw new Error(`lab "${labId}" has no step "${stepId}"`);
      return evaluateStep(step, checkContext(need(), transcript));
    },
    /** The run record and virtual time a step starts from (seed + the solutions before it); does not touch the cluster. */
    labStepStart(labs: readonly LabSource[], labId: string, stepId: string): StepStart | { readonly error: string } {
      const start = buildStepStart(labOf(labs, labId), stepId, labSet(labs).resolve);
      return typeof start === 'string' ? { error: start } : start;
    },
    /** Which of the named engine features (a step's `requires=`) the engine has; probed on throwaway clusters. */
    labCapabilities(names: readonly string[]): string[] {
      return [...presentCapabilities(names)].sort();
    },
  };
}

export type SimApi = ReturnType<typeof createWorkerApi>;
