// The page's guided labs: the catalogue (built-in labs plus any the student loads from a file or a link on this
// site, parsed by the engine), choosing a lab (which rebuilds the cluster as its first step starts), the lesson
// being followed, confirmations before anything replaces the student's cluster, and what is saved of it all.
import { createContext } from 'svelte';
import type { Lab } from '../../../sim/labs/lab-types';
import type { LabSource } from '../../../sim/labs/lab-set';
import type { LabCatalogue } from '../../../sim/worker/api';
import type { SavedLab } from '../../lib/persistence';
import { LessonRunner } from './lesson-runner.svelte';
import { labParam, stepParam } from './lab-sources';
import { LabCatalogueStore, type LoadErrors } from './lab-catalogue.svelte';
import { rebuildAtStep } from './step-rebuild';
import { watchLessonTriggers } from './lesson-triggers.svelte';
import type { Confirmation, LabSessionClient, LabSessionOptions } from './lab-session-types';

export type { Confirmation, LabSessionClient, LabSessionOptions } from './lab-session-types';

export class LabSession {
  runner = $state.raw<LessonRunner | undefined>(undefined);
  confirming = $state.raw<Confirmation | undefined>(undefined);
  /** What the page is doing for the student right now (rebuilding the cluster), in words. */
  busy = $state<string | undefined>(undefined);
  /** The latest problem, in words (a lab that could not start, a file that would not load). */
  problem = $state<string | undefined>(undefined);
  /** Engine features the current lab's steps need and the engine lacks. */
  missing = $state.raw<readonly string[]>([]);

  private readonly store: LabCatalogueStore;
  private saved: SavedLab | undefined;
  private loading = false;
  private disposeEffects: (() => void) | undefined;

  constructor(private readonly client: LabSessionClient, private readonly options: LabSessionOptions) {
    this.saved = options.saved;
    this.store = new LabCatalogueStore(client, options.builtIn, options.saved?.source, options);
  }

  get sources(): readonly LabSource[] {
    return this.store.sources;
  }

  get catalogue(): LabCatalogue | undefined {
    return this.store.catalogue;
  }

  /** A loaded lab file's parse errors, shown as they are. */
  get loadErrors(): LoadErrors | undefined {
    return this.store.loadErrors;
  }

  get lab(): Lab | undefined {
    return this.runner?.lab;
  }

  get labs(): readonly Lab[] {
    return this.store.labs;
  }

  /** Follows the client: loads the catalogue once the cluster runs, and feeds the lesson its check triggers. */
  start(): void {
    this.disposeEffects = watchLessonTriggers(this.client, this);
  }

  /** Whether the catalogue is loaded (or loading). */
  get loaded(): boolean {
    return this.catalogue !== undefined || this.loading;
  }

  dispose(): void {
    this.disposeEffects?.();
    this.runner?.stop();
  }

  /** The lab and progress to save with the session. */
  savedLab(): SavedLab | undefined {
    const runner = this.runner;
    if (!runner) return undefined;
    const source = this.store.customSource(runner.lab.id);
    return { id: runner.lab.id, lesson: runner.persisted(), stepStartSeq: runner.stepStartSeq, ...(source ? { source } : {}) };
  }

  /**
   * Picks a lab (undefined: free play), at step `stepId` when given (the steps before it count as skipped), asking
   * first when that would replace work in progress.
   */
  choose(labId: string | undefined, stepId?: string): void {
    if (labId === this.lab?.id && stepId === undefined) return;
    this.problem = undefined;
    const title = labId === undefined ? 'free play' : this.labs.find((l) => l.id === labId)?.title ?? labId;
    if (this.hasWork()) this.confirming = { kind: 'switch', labId, title, ...(stepId ? { stepId } : {}) };
    else void this.switchTo(labId, stepId);
  }

  /** Asks before rebuilding the cluster as the current step starts. */
  askReset(): void {
    if (this.runner) this.confirming = { kind: 'reset' };
  }

  askStartOver(): void {
    this.confirming = { kind: 'start-over' };
  }

  cancel(): void {
    this.confirming = undefined;
  }

  async confirm(): Promise<void> {
    const asked = this.confirming;
    this.confirming = undefined;
    if (!asked) return;
    if (asked.kind === 'switch') await this.switchTo(asked.labId, asked.stepId);
    else if (asked.kind === 'reset') await this.resetStep();
    else this.options.startOver?.();
  }

  /** Rebuilds the cluster as the current step starts, without asking (the presenter's key). */
  async resetStep(): Promise<void> {
    const runner = this.runner;
    if (runner) await this.act('Rebuilding the cluster as this step starts…', () => runner.resetStep());
  }

  /** The presenter's "next step": on from a passed step; any other step is skipped and the next one set up. */
  async skipToNext(): Promise<void> {
    const runner = this.runner;
    const status = runner?.view.status;
    if (!runner || this.busy || status === 'finished') return;
    if (status === 'passed') return runner.next();
    if (status !== 'skipped') runner.skip();
    await this.nextWithSetup();
  }

  /** After a skipped step: sets the cluster up as the next step starts, then moves on. */
  async nextWithSetup(): Promise<void> {
    const runner = this.runner;
    if (runner) await this.act('Setting the cluster up for the next step…', () => runner.nextWithSetup());
  }

  /** Reads a lab file the student picked and offers it (it starts unless that would replace work in progress). */
  async loadFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<void> {
    this.offer(await this.store.addFile(file));
  }

  /** Loads a lab from this site (`?lab=labs/x.md`) and offers it. */
  async loadUrl(raw: string, stepId?: string): Promise<void> {
    this.offer(await this.store.addUrl(raw), stepId);
  }

  private offer(added: { readonly id: string } | string | undefined, stepId?: string): void {
    if (typeof added === 'string') this.problem = added;
    else if (added) this.choose(added.id, stepId);
  }

  private hasWork(): boolean {
    const runner = this.runner;
    if (runner && runner.view.status !== 'finished') return true;
    return this.client.commands.entries.some((e) => !e.line.trimStart().startsWith('#'));
  }

  /** The cluster is up: parses the labs, resumes the saved lab, and starts a lab named in the address (by id or file). */
  async loadCatalogue(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    await this.store.load();
    this.loading = false;
    const saved = this.saved;
    this.saved = undefined;
    if (saved && this.client.resumed) this.resume(saved);
    const search = this.options.search ?? '';
    const fromLink = labParam(search);
    if (!fromLink || (saved && this.client.resumed && this.lab)) return;
    if (this.labs.some((l) => l.id === fromLink)) this.choose(fromLink, stepParam(search));
    else await this.loadUrl(fromLink, stepParam(search));
  }

  private resume(saved: SavedLab): void {
    const lab = this.labs.find((l) => l.id === saved.id);
    if (!lab) {
      this.problem = `The lab "${saved.id}" you were following is no longer available; your cluster is back as you left it.`;
      return;
    }
    const runner = this.follow(lab, saved);
    if (!runner.restored) this.problem = 'Your progress in this lab could not be read back, so it starts again at step 1 (your cluster is as you left it).';
    void runner.check(false);
  }

  private follow(lab: Lab, saved?: SavedLab): LessonRunner {
    this.runner?.stop();
    const runner = new LessonRunner(this.client, () => this.sources, lab, {
      changed: () => this.options.changed?.(),
      now: this.options.now ?? (() => performance.now()),
    }, saved);
    this.runner = runner;
    this.missing = [];
    const needs = [...new Set(lab.steps.flatMap((s) => s.requires))];
    if (needs.length > 0) {
      void this.client.labCapabilities(needs).then((present) => {
        if (this.runner === runner) this.missing = needs.filter((n) => !present.includes(n));
      });
    }
    this.options.changed?.();
    return runner;
  }

  private async switchTo(labId: string | undefined, stepId?: string): Promise<void> {
    if (labId === undefined) {
      this.runner?.stop();
      this.runner = undefined;
      this.options.changed?.();
      return;
    }
    const lab = this.labs.find((l) => l.id === labId);
    if (!lab || lab.steps.length === 0) {
      this.problem = `There is no lab "${labId}".`;
      return;
    }
    const asked = stepId === undefined ? 0 : lab.steps.findIndex((s) => s.id === stepId);
    const index = Math.max(0, asked);
    const step = lab.steps[index];
    const note = index === 0 ? `lab "${lab.title}": the cluster is set up as step 1 starts`
      : `lab "${lab.title}": the cluster is set up as step ${index + 1} starts (${step.title})`;
    await this.act(`Setting up the cluster for "${lab.title}"…`, async () => {
      const done = await rebuildAtStep(this.client, this.sources, lab, step.id, note);
      if (done !== true) return done;
      const runner = this.follow(lab);
      // The steps before the one asked for count as skipped; the cluster already holds their solutions.
      for (let i = 0; i < index; i++) {
        runner.skip();
        runner.next();
      }
      if (index === 0) void runner.check(true);
      return true;
    });
    if (asked < 0) this.problem = `The lab "${lab.title}" has no step "${stepId}", so it starts at step 1.`;
  }

  /** Runs a step of work that rebuilds the cluster, showing `label` meanwhile and any failure afterwards. */
  private async act(label: string, work: () => Promise<true | string>): Promise<void> {
    if (this.busy) return;
    this.busy = label;
    this.problem = undefined;
    try {
      const done = await work();
      if (done !== true) this.problem = done;
    } finally {
      this.busy = undefined;
    }
  }
}

/** The page's one LabSession, shared through typed context. */
export const [getLabSession, setLabSession] = createContext<LabSession>();
