// The page's side of the engine: owns the simulation worker, pumps frames once per animation frame while the
// clock runs, sends terminal lines, and brings the cluster back after a crash from the last good run record.
import { createContext, tick } from 'svelte';
import { createActor, fromPromise } from 'xstate';
import { animationFrames, connectWorker, type FrameScheduler, type SimConnection } from './sim-connection';
import type { Command, CommandResult, EditorRequest, Frame, InitOptions, RunRecord, TrafficSample } from '../../sim/protocol';
import type { Completion } from '../../sim/shell/completion';
import type { Diagnostic } from '../../sim/kubectl/diagnostics';
import type { ClusterTarget, RealClusterBundle } from '../../sim/export/real-cluster';
import type { FileEntry, LabCatalogue, StepStart } from '../../sim/worker/api';
import type { ClusterDiff } from '../../sim/view/time-travel-diff';
import type { LabSource } from '../../sim/labs/lab-set';
import type { StepCheckResult, TranscriptEntry } from '../../sim/labs/lab-types';
import { applyFrame, emptyView, type ClusterView } from './cluster-view';
import {
  appendCommand, applyJobFrame, emptyCommandLog, failCommand, settleCommand, type CommandLog,
} from './command-log';
import { errorMessage, phaseOf, playbackMachine, type PlaybackPhase, type PlaybackSnapshot } from '../features/playback/playback-machine';

export interface SimClientOptions {
  readonly init: InitOptions;
  readonly connect?: () => SimConnection;
  readonly frames?: FrameScheduler;
}

/** The most wall time one frame may cover, so a background tab does not jump ahead. */
export const MAX_WALL_STEP_MS = 100;
/** The clock speeds the page offers: virtual ms per wall ms. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 100] as const;
/** Traffic samples the page keeps for counters, particles and the hop-trace view. */
export const MAX_TRAFFIC_SAMPLES = 1_000;
export type Speed = (typeof SPEEDS)[number];
const NOT_RUNNING = 'the cluster is not running';
/** How many times a rebuild asks the worker to catch up to the saved time before giving up. */
const MAX_CATCH_UP_ASKS = 10_000;

export class SimClient {
  private readonly actor = createActor(playbackMachine.provide({
    actors: { boot: fromPromise(() => this.boot()), restore: fromPromise(() => this.restore()) },
  }));

  /** The cluster as of the last frame; reassigned on every frame, never mutated. */
  view = $state.raw<ClusterView>(emptyView());
  /** The terminal's transcript (entries, job output, and the ordered feed the terminal replays). */
  commands = $state.raw<CommandLog>(emptyCommandLog());
  playback = $state.raw<PlaybackSnapshot>(this.actor.getSnapshot());
  speed = $state<Speed>(1);
  /** Recent requests of the traffic flows, oldest first (bounded). */
  traffic = $state.raw<readonly TrafficSample[]>([]);
  /** Files `kubectl edit` asked the editor to open, not yet taken by it. */
  editorRequests = $state.raw<readonly EditorRequest[]>([]);
  /** Bumped by the engine whenever a file of the student's machine changes. */
  filesVersion = $state(0);
  /** True once the boot brought back a saved run (see `resumeFrom`) rather than a fresh cluster. */
  resumed = $state(false);
  /** A one-line notice for the student (a saved session that could not be restored). */
  notice = $state<string | undefined>(undefined);
  /** Bumped when the cluster is rebuilt under the terminal (`rebuild`): job numbers start over, so does the terminal. */
  transcriptEpoch = $state(0);
  /** While `view` shows a past moment of the run (time travel): its virtual ms; undefined while it shows now. */
  past = $state<number | undefined>(undefined);
  /** The live cluster while `view` shows the past; frames keep updating it. */
  private liveView = $state.raw<ClusterView | undefined>(undefined);
  /** Time travel paused a running clock: coming back to now runs it again. */
  private resumeOnReturn = false;

  readonly init: InitOptions;
  private readonly connect: () => SimConnection;
  private readonly frames: FrameScheduler;
  private connection: SimConnection | undefined;
  /** Bumped for each new worker, so answers from an abandoned one are ignored. */
  private generation = 0;
  private record: RunRecord | undefined;
  private lastGoodTime = 0;
  private frameHandle: number | undefined;
  private inFlight = false;
  private stepQueued = false;
  private lastSentWallMs: number | undefined;
  private resume: StepStart | undefined;
  /** Bumped by each time-travel request and by `backToNow`, so only the latest answer is shown. */
  private travelAsk = 0;

  constructor(options: SimClientOptions) {
    this.init = options.init;
    this.connect = options.connect ?? connectWorker;
    this.frames = options.frames ?? animationFrames;
    this.actor.subscribe((snapshot) => {
      this.playback = snapshot;
      if (phaseOf(snapshot) === 'running') this.startLoop();
      else this.stopLoop();
    });
  }

  get phase(): PlaybackPhase {
    return phaseOf(this.playback);
  }

  /** Why the cluster stopped, while crashed. */
  get error(): string | undefined {
    return this.playback.context.error;
  }

  /** The latest run record taken while the cluster was healthy (seed + commands). */
  get lastRecord(): RunRecord | undefined {
    return this.record;
  }

  /** Boots the worker and its cluster; the clock starts running once it is up. */
  start(): void {
    this.actor.start();
  }

  play(): void {
    this.actor.send({ type: 'PLAYBACK.PLAY' });
  }

  pause(): void {
    this.actor.send({ type: 'PLAYBACK.PAUSE' });
  }

  /** After a crash: a fresh worker replays the last good run record. */
  restart(): void {
    this.actor.send({ type: 'PLAYBACK.RESTART' });
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
  }

  /**
   * Runs a terminal line; its output lands in `commands`, now and in later frames. `source` names who typed it
   * (the terminal passes `terminal`; a line from anywhere else is shown in the terminal as if typed there).
   */
  async dispatch(line: string, source = 'page'): Promise<CommandResult> {
    this.backToNow();
    const { log, seq } = appendCommand(this.commands, line, source);
    this.commands = log;
    const conn = this.connection;
    const gen = this.generation;
    if (!conn || (this.phase !== 'running' && this.phase !== 'paused')) {
      this.commands = failCommand(this.commands, seq, NOT_RUNNING);
      return { ok: false, error: NOT_RUNNING };
    }
    try {
      const result = await conn.api.dispatch({ type: 'exec', line });
      if (gen !== this.generation) return result;
      this.commands = settleCommand(this.commands, seq, result);
      const record = await conn.api.exportRun();
      if (gen === this.generation) this.record = record;
      return result;
    } catch (error) {
      const message = errorMessage(error);
      if (gen !== this.generation) return { ok: false, error: message };
      this.commands = failCommand(this.commands, seq, message);
      this.crash(error);
      return { ok: false, error: message };
    }
  }

  /** Ctrl-C: stops a running terminal job (it exits with status 130). */
  interrupt(jobId: number): Promise<CommandResult> {
    return this.send({ type: 'interrupt', jobId });
  }

  /** Sends any command (file saves, traffic flows, faults, node power, editor results) and records it. */
  async send(command: Command): Promise<CommandResult> {
    this.backToNow();
    const conn = this.connection;
    const gen = this.generation;
    if (!conn || (this.phase !== 'running' && this.phase !== 'paused')) return { ok: false, error: NOT_RUNNING };
    try {
      const result = await conn.api.dispatch(command);
      if (gen === this.generation) {
        const record = await conn.api.exportRun();
        if (gen === this.generation) this.record = record;
      }
      return result;
    } catch (error) {
      if (gen === this.generation) this.crash(error);
      return { ok: false, error: errorMessage(error) };
    }
  }

  /** Takes the oldest pending editor request (the editor opens its file). */
  takeEditorRequest(): EditorRequest | undefined {
    const [first, ...rest] = this.editorRequests;
    this.editorRequests = rest;
    return first;
  }

  /** Has the worker load the terminal's commands now, so the first line typed runs without waiting for them. */
  loadCommands(): void {
    void this.connection?.api.loadCommands().catch(() => undefined);
  }

  /** Tab completion for a terminal line. */
  async complete(line: string, cursor: number): Promise<Completion> {
    const conn = this.connection;
    return conn ? conn.api.complete(line, cursor) : { replaceFrom: cursor, candidates: [] };
  }

  /** What `kubectl apply -f` would say about a manifest's text, by line. */
  async diagnose(text: string): Promise<Diagnostic[]> {
    const conn = this.connection;
    return conn ? conn.api.diagnose(text) : [];
  }

  /** The files of the student's machine. */
  async files(): Promise<FileEntry[]> {
    const conn = this.connection;
    return conn ? conn.api.files() : [];
  }

  /** The student's manifests bundled for a real cluster, with a guide; undefined while no cluster runs. */
  async exportForRealCluster(target: ClusterTarget): Promise<RealClusterBundle | undefined> {
    const conn = this.connection;
    return conn ? conn.api.exportForRealCluster(target) : undefined;
  }

  /** Pauses the clock if it runs, then runs to the next scheduled event (after any frame still in flight). */
  async step(): Promise<void> {
    if (this.phase === 'running') this.pause();
    const conn = this.connection;
    if (!conn || this.phase !== 'paused') return;
    if (this.inFlight) {
      this.stepQueued = true;
      return;
    }
    const gen = this.generation;
    this.inFlight = true;
    try {
      const frame = await conn.api.step(this.view.rv);
      if (gen === this.generation) this.accept(frame);
    } catch (error) {
      if (gen === this.generation) this.crash(error);
    } finally {
      if (gen === this.generation) this.settleFlight();
    }
  }

  /**
   * Call before `start`: the boot rebuilds this saved run (replaying its record, then running on to `atMs`) instead
   * of a fresh cluster, so the same names, IPs and files come back. If it cannot, a fresh cluster boots and
   * `notice` says why.
   */
  resumeFrom(saved: StepStart): void {
    this.resume = saved;
  }

  /**
   * Replaces the cluster with a recorded run, replayed in a fresh worker and run on to `atMs` (a lab's start, "reset
   * to the start of this step"), as a restart after a crash does. The terminal starts over with `note`. False (and
   * the old cluster kept) when the cluster is not running; a failure while rebuilding stops the cluster as a crash.
   */
  async rebuild(record: RunRecord, atMs: number, note?: string): Promise<boolean> {
    if (this.phase !== 'running' && this.phase !== 'paused') return false;
    this.backToNow();
    const conn = this.open();
    const gen = this.generation;
    // No frame may reach the new worker before the record is replayed.
    this.inFlight = true;
    try {
      await this.replayTo(conn, gen, record, atMs);
      if (gen !== this.generation) return false;
      this.record = await conn.api.exportRun();
      this.traffic = [];
      this.editorRequests = [];
      // Job numbers of the new worker may repeat those the terminal has shown: start a new transcript and terminal.
      this.commands = { ...emptyCommandLog(), nextSeq: this.commands.nextSeq, feedEnd: this.commands.feedEnd };
      this.transcriptEpoch++;
      // The new terminal reads from the transcript's end when it mounts: print the note after it has.
      await tick();
      if (note && gen === this.generation) this.note(note);
      return true;
    } catch (error) {
      if (gen === this.generation) this.crash(error);
      return false;
    } finally {
      if (gen === this.generation) this.settleFlight();
    }
  }

  /** Prints a comment line in the terminal (`# text`) without running anything. */
  note(text: string): void {
    const { log, seq } = appendCommand(this.commands, `# ${text.replace(/\n/g, ' ')}`, 'kubesim');
    this.commands = settleCommand(log, seq, { ok: true, done: true, exitCode: 0, stdout: '', stderr: '' });
  }

  /** Shows a saved transcript again (after a reload), continuing its numbering. */
  adoptTranscript(log: CommandLog): void {
    this.commands = log;
  }

  /** The worker's current run record (seed + every command so far), or undefined while there is no cluster. */
  async exportRun(): Promise<RunRecord | undefined> {
    const conn = this.connection;
    if (!conn || (this.phase !== 'running' && this.phase !== 'paused')) return undefined;
    const gen = this.generation;
    try {
      const record = await conn.api.exportRun();
      return gen === this.generation ? record : undefined;
    } catch {
      return undefined;
    }
  }

  /** Virtual ms of the live cluster (`view.time` unless the page shows the past). */
  get liveTime(): number {
    return (this.liveView ?? this.view).time;
  }

  /**
   * Time travel: pauses the clock and shows the cluster as it was at `atMs` (rebuilt in the worker from the run
   * record; the live cluster is untouched). False when there is no cluster, or a later call overtook this one.
   */
  async travelTo(atMs: number): Promise<boolean> {
    const conn = this.connection;
    if (!conn || (this.phase !== 'running' && this.phase !== 'paused')) return false;
    if (this.phase === 'running') {
      this.pause();
      if (!this.liveView) this.resumeOnReturn = true;
    }
    const gen = this.generation;
    const ask = ++this.travelAsk;
    try {
      const record = await conn.api.exportRun();
      const frame = await conn.api.viewAt(record, Math.min(atMs, this.liveTime));
      if (gen !== this.generation || ask !== this.travelAsk) return false;
      this.liveView ??= this.view;
      this.view = applyFrame(this.view, frame);
      this.past = frame.time;
      return true;
    } catch (error) {
      if (gen === this.generation) this.notice = `Could not show that moment: ${errorMessage(error)}`;
      return false;
    }
  }

  /**
   * Leaves time travel: the view shows the live cluster again, and the clock runs again if time travel paused it
   * (going back to now, typing a command, a rebuild: the present is where the clock runs).
   */
  backToNow(): void {
    this.travelAsk++;
    const resume = this.resumeOnReturn;
    this.resumeOnReturn = false;
    if (!this.liveView) return;
    this.view = this.liveView;
    this.liveView = undefined;
    this.past = undefined;
    if (resume && this.phase === 'paused') this.play();
  }

  /** What changed in this run between two moments (pods, IPs, Services, endpoints, events), computed on replicas. */
  async diffBetween(fromMs: number, toMs: number): Promise<ClusterDiff | { readonly error: string }> {
    const conn = this.connection;
    if (!conn || (this.phase !== 'running' && this.phase !== 'paused')) return { error: NOT_RUNNING };
    try {
      const record = await conn.api.exportRun();
      return await conn.api.diffBetween(record, fromMs, toMs);
    } catch (error) {
      return { error: errorMessage(error) };
    }
  }

  /** Parses lab files in the worker (read-only); undefined while there is no worker. */
  async labCatalogue(labs: readonly LabSource[]): Promise<LabCatalogue | undefined> {
    const conn = this.connection;
    return conn ? conn.api.labCatalogue(labs) : undefined;
  }

  /**
   * Evaluates a lab step's check against the cluster now, with the step's terminal transcript (read-only). A check
   * that cannot run answers with its reason instead of stopping the cluster.
   */
  async labCheck(labs: readonly LabSource[], labId: string, stepId: string, transcript: readonly TranscriptEntry[]):
    Promise<StepCheckResult | { readonly error: string }> {
    const conn = this.connection;
    if (!conn || (this.phase !== 'running' && this.phase !== 'paused')) return { error: NOT_RUNNING };
    try {
      return await conn.api.labStepResult(labs, labId, stepId, transcript);
    } catch (error) {
      return { error: errorMessage(error) };
    }
  }

  /** The run record and virtual time a lab step starts from (read-only). */
  async stepStart(labs: readonly LabSource[], labId: string, stepId: string): Promise<StepStart | { readonly error: string }> {
    const conn = this.connection;
    if (!conn) return { error: NOT_RUNNING };
    try {
      return await conn.api.labStepStart(labs, labId, stepId);
    } catch (error) {
      return { error: errorMessage(error) };
    }
  }

  /** Which of the named engine features exist (a lab step's `requires=`). */
  async labCapabilities(names: readonly string[]): Promise<readonly string[]> {
    const conn = this.connection;
    return conn && names.length > 0 ? conn.api.labCapabilities(names) : [];
  }

  /** Stops the clock and the worker. */
  dispose(): void {
    this.stopLoop();
    this.actor.stop();
    this.generation++;
    this.connection?.close();
    this.connection = undefined;
  }

  private crash(error: unknown): void {
    this.actor.send({ type: 'CLUSTER.CRASHED', error: errorMessage(error) });
  }

  private open(): SimConnection {
    this.connection?.close();
    const gen = ++this.generation;
    const conn = this.connect();
    conn.onFailure((message) => {
      if (gen === this.generation) this.crash(message);
    });
    this.connection = conn;
    this.inFlight = false;
    this.stepQueued = false;
    return conn;
  }

  /** Applies a frame; `quiet` drops its terminal output (a replay repeats output the page already shows). */
  private accept(frame: Frame, quiet = false): void {
    if (this.liveView) this.liveView = applyFrame(this.liveView, frame);
    else this.view = applyFrame(this.view, frame);
    if (!quiet) this.commands = applyJobFrame(this.commands, frame);
    if (frame.traffic.length > 0) this.traffic = [...this.traffic, ...frame.traffic].slice(-MAX_TRAFFIC_SAMPLES);
    if (frame.editorRequests.length > 0 && !quiet) this.editorRequests = [...this.editorRequests, ...frame.editorRequests];
    if (frame.filesVersion !== this.filesVersion) this.filesVersion = frame.filesVersion;
    this.lastGoodTime = frame.time;
  }

  private async boot(): Promise<void> {
    const conn = this.open();
    const gen = this.generation;
    const resume = this.resume;
    this.resume = undefined;
    if (resume && (await this.bootFromSaved(conn, gen, resume))) return;
    if (gen !== this.generation) return;
    const frame = await conn.api.init(this.init);
    if (gen !== this.generation) return;
    this.accept(frame);
    this.record = await conn.api.exportRun();
  }

  private async restore(): Promise<void> {
    const conn = this.open();
    const gen = this.generation;
    const shownTime = this.lastGoodTime;
    const first = this.record ? await conn.api.restore(this.record) : await conn.api.init(this.init);
    if (gen !== this.generation) return;
    this.accept(first, true);
    // The record ends at the last command; run on to the last frame the page showed before the crash.
    const behindMs = shownTime - first.time;
    if (behindMs > 0) {
      const caughtUp = await conn.api.advance(behindMs, first.rv);
      if (gen === this.generation) this.accept(caughtUp, true);
    }
  }

  /** Replays `record` in `conn`'s worker and runs it on to `atMs`, showing the frames without their terminal output. */
  private async replayTo(conn: SimConnection, gen: number, record: RunRecord, atMs: number): Promise<void> {
    let frame = await conn.api.restore(record);
    if (gen !== this.generation) return;
    this.accept(frame, true);
    // A busy stretch comes back 'behind' (the engine's task budget): ask again until the clock reaches atMs.
    for (let asks = 0; frame.time < atMs && asks < MAX_CATCH_UP_ASKS; asks++) {
      frame = await conn.api.advance(atMs - frame.time, frame.rv);
      if (gen !== this.generation) return;
      this.accept(frame, true);
    }
  }

  /** The boot's restore of a saved run; false (with a notice) when it fails and a fresh cluster must boot instead. */
  private async bootFromSaved(conn: SimConnection, gen: number, saved: StepStart): Promise<boolean> {
    try {
      await this.replayTo(conn, gen, saved.record, saved.atMs);
      if (gen !== this.generation) return true;
      this.record = await conn.api.exportRun();
      this.resumed = true;
      return true;
    } catch (error) {
      if (gen === this.generation) {
        this.view = emptyView();
        this.notice = `Your saved session could not be restored (${errorMessage(error)}), so this is a fresh cluster.`;
      }
      return false;
    }
  }

  private startLoop(): void {
    if (this.frameHandle === undefined) this.frameHandle = this.frames.request(this.tick);
  }

  private stopLoop(): void {
    if (this.frameHandle !== undefined) this.frames.cancel(this.frameHandle);
    this.frameHandle = undefined;
    this.lastSentWallMs = undefined;
  }

  private readonly tick = (wallMs: number): void => {
    this.frameHandle = undefined;
    if (this.phase !== 'running') return;
    this.frameHandle = this.frames.request(this.tick);
    // At most one request in flight: a slow worker drops frames instead of building a queue.
    if (this.inFlight) return;
    const wallDtMs = this.lastSentWallMs === undefined ? 0 : Math.min(MAX_WALL_STEP_MS, Math.max(0, wallMs - this.lastSentWallMs));
    this.lastSentWallMs = wallMs;
    void this.advance(wallDtMs * this.speed);
  };

  private async advance(ms: number): Promise<void> {
    const conn = this.connection;
    if (!conn) return;
    const gen = this.generation;
    this.inFlight = true;
    try {
      const frame = await conn.api.advance(ms, this.view.rv);
      if (gen === this.generation) this.accept(frame);
    } catch (error) {
      if (gen === this.generation) this.crash(error);
    } finally {
      if (gen === this.generation) this.settleFlight();
    }
  }

  /** The request in flight answered: a step asked for meanwhile runs now. */
  private settleFlight(): void {
    this.inFlight = false;
    if (!this.stepQueued) return;
    this.stepQueued = false;
    void this.step();
  }
}

/** The page's one SimClient, shared with components through typed context. */
export const [getSimClient, setSimClient] = createContext<SimClient>();
