// A set of labs loaded together (the built-in modules, or an instructor's files), so that a lab can start from
// another's step: parses every source and checks that each scenario names a lab and step that exist.
import type { Lab } from './lab-types';
import { parseLab } from './parse-lab';
import { byModule } from './lab-order';
import type { LabResolver } from './step-start';

/** A lab file's Markdown. */
export interface LabText {
  /** The lab's id: its file name without `.md`. */
  readonly id: string;
  readonly text: string;
}

/** A lab parsed ahead of time: the built-in labs are parsed when the page is built. */
export interface ParsedLab {
  readonly id: string;
  readonly lab: Lab;
}

export type LabSource = LabText | ParsedLab;

export interface LabSet {
  /** The labs that parsed, by module number then id. */
  readonly labs: readonly Lab[];
  /** Problems per lab id (a lab with problems is left out of `labs`). */
  readonly errors: ReadonlyMap<string, readonly string[]>;
  readonly resolve: LabResolver;
}

/** `module-4-services.md` → `module-4-services`. Pure. */
export function labIdOf(fileName: string): string {
  return fileName.replace(/^.*\//, '').replace(/\.md$/, '');
}

/** Parses lab sources and cross-checks their scenarios. Pure. */
export function loadLabSet(sources: readonly LabSource[]): LabSet {
  const errors = new Map<string, string[]>();
  const byId = new Map<string, Lab>();
  for (const src of sources) {
    const parsed = 'lab' in src ? { ok: true as const, lab: src.lab } : parseLab(src.id, src.text);
    if (parsed.ok) byId.set(src.id, parsed.lab); else errors.set(src.id, parsed.errors);
  }
  for (const lab of byId.values()) {
    if (lab.scenario.kind !== 'after') continue;
    const { lab: baseId, step } = lab.scenario;
    const base = byId.get(baseId);
    const problem = !base
      ? (errors.has(baseId) ? `starts after lab "${baseId}", which has errors` : `starts after lab "${baseId}", which does not exist`)
      : base.steps.some((s) => s.id === step) ? undefined : `starts after "${baseId}#${step}", but that lab has no step "${step}"`;
    if (problem) errors.set(lab.id, [...(errors.get(lab.id) ?? []), `scenario: ${problem}`]);
  }
  const labs = [...byId.values()].filter((l) => !errors.has(l.id)).sort(byModule);
  return { labs, errors, resolve: (id) => byId.get(id) };
}
