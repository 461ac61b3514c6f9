// A stand-in for the SimClient as the lab pane uses it: a transcript the test types into, a virtual clock the test
// moves, and lab checks and rebuilds that answer when the test says so.
import type { CommandResult, RunRecord } from '../../sim/protocol';
import type { Lab, StepCheckResult, TranscriptEntry } from '../../sim/labs/lab-types';
import type { LabSource } from '../../sim/labs/lab-set';
import { loadLabSet } from '../../sim/labs/lab-set';
import type { LabCatalogue, StepStart } from '../../sim/worker/api';
import { appendCommand, applyJobFrame, emptyCommandLog, settleCommand, type CommandLog } from '../../src/lib/command-log';
import { emptyView, type ClusterView } from '../../src/lib/cluster-view';

export interface CheckCall {
  readonly labId: string;
  readonly stepId: string;
  readonly transcript: readonly TranscriptEntry[];
  answer(result: StepCheckResult | { error: string }): Promise<void>;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A result with one check item. */
export function result(passed: boolean, hints: StepCheckResult['hints'] = []): StepCheckResult {
  return { passed, at: 0, items: [{ label: 'the thing is done', passed }], hints };
}

export class FakeLabClient {
  phase: 'running' | 'paused' | 'booting' = 'running';
  commands: CommandLog = emptyCommandLog();
  view: ClusterView = emptyView();
  get liveTime(): number {
    return this.view.time;
  }
  filesVersion = 0;
  resumed = false;
  readonly init = { seed: 1, editor: 'page' as const };
  readonly checks: CheckCall[] = [];
  readonly rebuilds: { record: RunRecord; atMs: number; note?: string }[] = [];
  readonly starts: { labId: string; stepId: string }[] = [];
  present: readonly string[] = [];
  rebuildOk = true;

  /** Types a line; `output` settles it at once (a finished command), otherwise it keeps running. */
  type(line: string, output?: string, jobId = this.commands.nextSeq): number {
    const { log, seq } = appendCommand(this.commands, line, 'terminal');
    const answer: CommandResult = output === undefined
      ? { ok: true, jobId, done: false, stdout: '', stderr: '' }
      : { ok: true, jobId, done: true, exitCode: 0, stdout: output, stderr: '' };
    this.commands = settleCommand(log, seq, answer);
    return jobId;
  }

  /** A running job exits. */
  exit(jobId: number, exitCode = 0, stdout = ''): void {
    this.commands = applyJobFrame(this.commands, { output: stdout ? [{ jobId, session: 'main', stream: 'stdout', text: stdout }] : [], exits: [{ jobId, session: 'main', exitCode, at: 0 }] });
  }

  setTime(ms: number): void {
    this.view = { ...this.view, time: ms };
  }

  async labCatalogue(labs: readonly LabSource[]): Promise<LabCatalogue | undefined> {
    const set = loadLabSet(labs);
    return { labs: set.labs, errors: Object.fromEntries(set.errors) };
  }

  labCheck(_labs: readonly LabSource[], labId: string, stepId: string, transcript: readonly TranscriptEntry[]): Promise<StepCheckResult | { error: string }> {
    return new Promise((resolve) => {
      this.checks.push({ labId, stepId, transcript, answer: async (r) => { resolve(r); await settle(); } });
    });
  }

  async stepStart(_labs: readonly LabSource[], labId: string, stepId: string): Promise<StepStart | { error: string }> {
    this.starts.push({ labId, stepId });
    return { record: { format: 'kubesim-run', version: 1, options: { seed: labId }, commands: [] }, atMs: 1_000 * (this.starts.length) };
  }

  async rebuild(record: RunRecord, atMs: number, note?: string): Promise<boolean> {
    if (!this.rebuildOk) return false;
    this.rebuilds.push({ record, atMs, ...(note ? { note } : {}) });
    this.commands = { ...emptyCommandLog(), nextSeq: this.commands.nextSeq, feedEnd: this.commands.feedEnd };
    if (note) {
      const { log, seq } = appendCommand(this.commands, `# ${note}`, 'kubesim');
      this.commands = settleCommand(log, seq, { ok: true, done: true, exitCode: 0, stdout: '', stderr: '' });
    }
    this.setTime(atMs);
    return true;
  }

  async labCapabilities(names: readonly string[]): Promise<readonly string[]> {
    return names.filter((n) => this.present.includes(n));
  }
}

/** A lab file in the authoring format, with steps whose checks are `history` of the given command. */
export function labText(title: string, steps: readonly { id: string; command: string; hintAfter?: number }[], front: string[] = []): string {
  return [
    '---', `title: ${title}`, 'summary: A lab for tests.', 'module: 9', 'seed: 3', 'estimatedMinutes: 5', ...front, '---', '',
    'What this lab is about.', '',
    ...steps.flatMap((s) => [
      `## Do ${s.id} {#${s.id}}`, '', `Run \`${s.command}\`.`, '', '```commands', s.command, '```', '',
      '```check', `history: '${s.command}'`, '```',
      ...(s.hintAfter ? ['```hints', `- after: ${s.hintAfter}`, '  text: Try harder.', '```'] : []),
      '```solution', s.command, '```', '',
    ]),
  ].join('\n');
}

/** Parses one lab file for a test. */
export function labOf(id: string, text: string): Lab {
  const set = loadLabSet([{ id, text }]);
  const lab = set.resolve(id);
  if (!lab) throw new Error([...set.errors.values()].flat().join('\n'));
  return lab;
}

export { settle };
