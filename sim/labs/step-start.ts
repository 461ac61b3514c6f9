// "Reset to the start of this step": a lab's solutions laid out on the virtual clock as a run record, so the
// engine's replay rebuilds the cluster a step starts from (seed + the solutions of every step before it).
import type { SimTime } from '../model/types';
import type { InitOptions, RunRecord, TimedCommand } from '../protocol';
import type { Lab, SolutionAction } from './lab-types';
import { fileFor, filledFileCommand } from './solution';
import { planNodes, resolveProfile } from '../scenarios/aks-cluster';
import { Rng } from '../core/rng';
import { HOME } from '../shell/vfs';

/** Virtual ms between two things a solution does (the time it takes to type the next line). */
export const TYPING_GAP_MS = 2_000;

/** One step of a lab on the virtual clock. */
export interface StepSpan {
  readonly labId: string;
  readonly stepId: string;
  /** When the step starts: its check is evaluated here before the solution runs. */
  readonly startMs: SimTime;
  /** When the solution has finished and its waits have passed: the check must pass here. */
  readonly endMs: SimTime;
  readonly commands: readonly TimedCommand[];
}

/** A lab's whole run: the commands of the scenario it starts from, then one span per step. */
export interface LabTimeline {
  readonly options: InitOptions;
  readonly prelude: readonly TimedCommand[];
  readonly preludeEndMs: SimTime;
  readonly steps: readonly StepSpan[];
}

export type LabResolver = (id: string) => Lab | undefined;

/** The node names of a fresh cluster for `seed`, in name order, as the engine plans them. Pure. */
export function nodeNamesFor(seed: number | string): string[] {
  return planNodes(resolveProfile(undefined), Rng.seeded(seed).fork('profile')).map((p) => p.machine.name).sort();
}

function spansOf(lab: Lab, upTo: number, startMs: SimTime, nodes: readonly string[]): StepSpan[] | string {
  const spans: StepSpan[] = [];
  let cursor = startMs;
  for (let i = 0; i < upTo; i++) {
    const step = lab.steps[i];
    const commands: TimedCommand[] = [];
    const startAt = cursor;
    for (const action of step.solution) {
      const command = commandOf(action, lab, i, nodes);
      if (typeof command === 'string') return `${lab.id}#${step.id}: ${command}`;
      if (command === undefined) { cursor += (action as { ms: number }).ms; continue; }
      commands.push({ at: cursor, command });
      cursor += TYPING_GAP_MS;
    }
    spans.push({ labId: lab.id, stepId: step.id, startMs: startAt, endMs: cursor, commands });
  }
  return spans;
}

function commandOf(action: SolutionAction, lab: Lab, stepIndex: number, nodes: readonly string[]): TimedCommand['command'] | string | undefined {
  switch (action.kind) {
    case 'wait': return undefined;
    case 'exec': return { type: 'exec', line: action.line };
    case 'node': {
      const node = nodes[action.index];
      if (!node) return `there is no node ${action.index} (the cluster has ${nodes.length})`;
      return { type: action.on ? 'startNode' : 'stopNode', node };
    }
    case 'write': {
      const file = fileFor(lab.steps, stepIndex, action.file);
      if (!file) return `@write ${action.file}: no step up to this one has a file block of that name`;
      if (action.substitutions.length === 0) return { type: 'writeFile', path: `${HOME}/${file.name}`, content: file.content };
      return { type: 'exec', line: filledFileCommand(file, action.substitutions) };
    }
  }
}

/**
 * Lays a lab out on the virtual clock: the scenario's commands (the solutions of the lab and steps it starts
 * after, recursively) and each of its own steps. Pure; an error text for a missing lab, step or file, or a loop.
 */
export function labTimeline(lab: Lab, resolve: LabResolver): LabTimeline | string {
  const nodes = nodeNamesFor(lab.seed);
  const prelude = preludeOf(lab, resolve, nodes, [lab.id]);
  if (typeof prelude === 'string') return prelude;
  const steps = spansOf(lab, lab.steps.length, prelude.endMs, nodes);
  if (typeof steps === 'string') return steps;
  return { options: { seed: lab.seed }, prelude: prelude.commands, preludeEndMs: prelude.endMs, steps };
}

function preludeOf(lab: Lab, resolve: LabResolver, nodes: readonly string[], seen: readonly string[]):
  { commands: TimedCommand[]; endMs: SimTime } | string {
  if (lab.scenario.kind === 'fresh') return { commands: [], endMs: 0 };
  const { lab: baseId, step: stepId } = lab.scenario;
  if (seen.includes(baseId)) return `scenario loop: ${[...seen, baseId].join(' → ')}`;
  const base = resolve(baseId);
  if (!base) return `${lab.id}: scenario starts after lab "${baseId}", which does not exist`;
  const index = base.steps.findIndex((s) => s.id === stepId);
  if (index < 0) return `${lab.id}: scenario starts after "${baseId}#${stepId}", but that lab has no step "${stepId}"`;
  const before = preludeOf(base, resolve, nodes, [...seen, baseId]);
  if (typeof before === 'string') return before;
  const spans = spansOf(base, index + 1, before.endMs, nodes);
  if (typeof spans === 'string') return spans;
  return { commands: [...before.commands, ...spans.flatMap((s) => s.commands)], endMs: spans[spans.length - 1].endMs };
}

/** Where "reset to the start of step `stepId`" leads: the run record to replay and the time to run it to. Pure. */
export function buildStepStart(lab: Lab, stepId: string, resolve: LabResolver): { record: RunRecord; atMs: SimTime } | string {
  const timeline = labTimeline(lab, resolve);
  if (typeof timeline === 'string') return timeline;
  const index = timeline.steps.findIndex((s) => s.stepId === stepId);
  if (index < 0) return `${lab.id} has no step "${stepId}"`;
  const commands = [...timeline.prelude, ...timeline.steps.slice(0, index).flatMap((s) => s.commands)];
  return {
    record: { format: 'kubesim-run', version: 1, options: timeline.options, commands },
    atMs: timeline.steps[index].startMs,
  };
}
