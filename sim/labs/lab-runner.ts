// Proves a lab against its own solution, as `npm run labs:check` does: replays the scenario it starts from, then
// for each step asserts that the check fails before the step's solution and passes once it has run.
import type { SimTime } from '../model/types';
import type { TimedCommand } from '../protocol';
import { createSimulation, type Simulation } from '../engine';
import type { Job } from '../shell/shell';
import type { Lab, StepCheckResult, TranscriptEntry } from './lab-types';
import { checkContext } from './check-context';
import { evaluateStep } from './checks';
import { labTimeline, type LabResolver } from './step-start';

/** ok; failed; pending (the step needs an engine feature that is missing); blocked (an earlier step is pending). */
export type StepVerdict = 'ok' | 'failed' | 'pending' | 'blocked';

export interface StepReport {
  readonly stepId: string;
  readonly title: string;
  readonly verdict: StepVerdict;
  readonly problems: readonly string[];
  /** Solution commands that exited non-zero (worth a look, not a failure). */
  readonly notes: readonly string[];
  readonly before: StepCheckResult;
  readonly after: StepCheckResult;
  readonly startMs: SimTime;
  readonly endMs: SimTime;
}

export interface LabReport {
  readonly labId: string;
  readonly title: string;
  readonly steps: readonly StepReport[];
  /** Virtual time the lab's own solution takes, first step to last. */
  readonly virtualMs: SimTime;
  /** Errors that stopped the lab from running at all (a missing scenario lab or file). */
  readonly errors: readonly string[];
  readonly ok: boolean;
}

interface Ran { readonly line: string; readonly job?: Job; readonly entry?: TranscriptEntry }

/** Dispatches a timed command the way `replay` does: run the agenda up to its time, then apply it. */
function play(sim: Simulation, { at, command }: TimedCommand): Ran | undefined {
  sim.runUntil(at, Number.POSITIVE_INFINITY);
  const result = sim.dispatch(command);
  if (command.type !== 'exec') return undefined;
  if (!result.ok) return { line: command.line, entry: { line: command.line, stdout: '', stderr: `${result.error}\n`, exitCode: 1 } };
  if (result.done) return { line: command.line, entry: { line: command.line, stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.exitCode } };
  return { line: command.line, job: sim.shell.job(result.jobId!) };
}

function transcriptOf(ran: readonly Ran[]): TranscriptEntry[] {
  return ran.map((r) => r.entry ?? { line: r.line, stdout: r.job?.stdout ?? '', stderr: r.job?.stderr ?? '', exitCode: r.job?.exitCode });
}

const firstLine = (line: string): string => line.split('\n')[0];

/**
 * Runs a lab's solution step by step on a fresh simulation and judges every step. `present` names the engine
 * features available (see capabilities.ts). Deterministic: the same lab always gives the same report.
 */
export function checkLab(lab: Lab, resolve: LabResolver, present: ReadonlySet<string>): LabReport {
  const timeline = labTimeline(lab, resolve);
  if (typeof timeline === 'string') return { labId: lab.id, title: lab.title, steps: [], virtualMs: 0, errors: [timeline], ok: false };
  const sim = createSimulation(timeline.options);
  for (const c of timeline.prelude) play(sim, c);
  sim.runUntil(timeline.preludeEndMs, Number.POSITIVE_INFINITY);
  const reports: StepReport[] = [];
  let pendingEarlier = false;
  timeline.steps.forEach((span, i) => {
    const step = lab.steps[i];
    const before = evaluateStep(step, checkContext(sim));
    const ran = span.commands.map((c) => play(sim, c)).filter((r): r is Ran => r !== undefined);
    sim.runUntil(span.endMs, Number.POSITIVE_INFINITY);
    const transcript = transcriptOf(ran);
    const after = evaluateStep(step, checkContext(sim, transcript));
    const problems: string[] = [];
    if (before.passed) problems.push('the check already passes before the solution runs');
    if (!after.passed) problems.push('the check does not pass after the solution');
    if (sim.shell.bugs.length > 0) problems.push(...sim.shell.bugs.splice(0).map((b) => `a program crashed: ${b}`));
    const missing = step.requires.filter((r) => !present.has(r));
    let verdict: StepVerdict = problems.length === 0 ? 'ok' : 'failed';
    if (verdict === 'failed' && !before.passed && (missing.length > 0 || pendingEarlier)) {
      verdict = missing.length > 0 ? 'pending' : 'blocked';
      problems.push(missing.length > 0 ? `the engine lacks: ${missing.join(', ')}` : 'an earlier step is waiting for an engine feature');
    }
    if (verdict === 'pending' || verdict === 'blocked') pendingEarlier = true;
    const notes = transcript.filter((t) => t.exitCode !== undefined && t.exitCode !== 0).map((t) => `exit ${t.exitCode}: ${firstLine(t.line)}`);
    reports.push({ stepId: step.id, title: step.title, verdict, problems, notes, before, after, startMs: span.startMs, endMs: span.endMs });
  });
  const first = timeline.steps[0];
  const last = timeline.steps[timeline.steps.length - 1];
  return {
    labId: lab.id, title: lab.title, steps: reports, virtualMs: first && last ? last.endMs - first.startMs : 0, errors: [],
    ok: reports.every((r) => r.verdict !== 'failed'),
  };
}
