// Reads a lab file: YAML front matter, an introduction, then one `## Title {#step-id}` section per step whose
// fenced blocks named `commands`, `file NAME`, `check`, `hints` and `solution` carry the step's data.
import { parse as parseYaml } from 'yaml';
import type { Hint, Lab, LabFile, LabScenario, LabStep, Predicate, SolutionAction, StepAction } from './lab-types';
import { readCheck, readHints } from './check-schema';
import { fileFor, parseSolution } from './solution';
import { splitCommands } from '../shell/parse';

export type LabParseResult = { ok: true; lab: Lab } | { ok: false; errors: string[] };

const STEP_HEADING = /^##\s+(.+?)\s*\{#([a-z0-9][a-z0-9-]*)((?:\s+[a-z]+=[^\s}]+)*)\s*\}\s*$/;
const FENCE = /^(`{3,}|~{3,})\s*([^`]*)$/;
const BLOCK_KINDS = ['commands', 'file', 'check', 'hints', 'solution'];

interface Block { readonly kind: string; readonly arg: string; readonly body: string; readonly line: number }
interface Section { readonly heading: string; readonly line: number; readonly prose: string[]; readonly blocks: Block[] }

/** The lab blocks whose buttons stand where the block was written. */
const INLINE_KINDS = ['commands', 'file'];

/** A line that closes a fence opened with `marker` (CommonMark: the same character, at least as many). Pure. */
function isClosingFence(line: string, marker: string): boolean {
  const t = line.trim();
  return t.length >= marker.length && t === marker[0].repeat(t.length);
}

/** Splits the Markdown body into the introduction and the step sections, lifting out the lab blocks. */
function sections(lines: readonly string[], firstLine: number, errors: string[]): { intro: string[]; steps: Section[] } {
  const intro: string[] = [];
  const steps: Section[] = [];
  let current: Section | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = firstLine + i;
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1];
      const [kind = '', ...rest] = fence[2].trim().split(/\s+/);
      let j = i + 1;
      while (j < lines.length && !isClosingFence(lines[j], marker)) j++;
      if (j >= lines.length) errors.push(`line ${lineNo}: this code block is never closed`);
      if (BLOCK_KINDS.includes(kind)) {
        if (!current) errors.push(`line ${lineNo}: a ${kind} block must be inside a step (after a "## Title {#id}" heading)`);
        else {
          current.blocks.push({ kind, arg: rest.join(' '), body: lines.slice(i + 1, j).join('\n'), line: lineNo });
          // A commands or file block leaves a marker where its buttons go, as a paragraph of its own.
          if (INLINE_KINDS.includes(kind)) {
            const n = current.blocks.filter((b) => INLINE_KINDS.includes(b.kind)).length - 1;
            if (current.prose.length > 0 && current.prose[current.prose.length - 1].trim() !== '') current.prose.push('');
            current.prose.push(`{{kubesim-action ${n}}}`, '');
          }
        }
        // The lifted block leaves one paragraph break behind, not two.
        const prose = current?.prose;
        if (prose && prose[prose.length - 1]?.trim() === '' && lines[j + 1]?.trim() === '') j++;
      } else {
        (current ? current.prose : intro).push(...lines.slice(i, Math.min(j + 1, lines.length)));
      }
      i = j;
      continue;
    }
    if (/^##\s/.test(line)) {
      current = { heading: line, line: lineNo, prose: [], blocks: [] };
      steps.push(current);
      continue;
    }
    (current ? current.prose : intro).push(line);
  }
  return { intro, steps };
}

const trimBlank = (lines: readonly string[]): string => lines.join('\n').replace(/^\s*\n/, '').replace(/\s+$/, '');

function yamlOf(block: Block, errors: string[]): unknown {
  try {
    return parseYaml(block.body);
  } catch (err) {
    errors.push(`line ${block.line}: the ${block.kind} block is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function readStep(section: Section, errors: string[]): LabStep | undefined {
  const m = STEP_HEADING.exec(section.heading);
  const where = `line ${section.line}`;
  if (!m) {
    errors.push(`${where}: a step heading reads "## Title {#step-id}" (lower-case id with dashes); got "${section.heading}"`);
    return undefined;
  }
  const attrs = new Map(m[3].trim().split(/\s+/).filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  for (const key of attrs.keys()) if (key !== 'requires') errors.push(`${where}: unknown step attribute "${key}" (only requires=…)`);
  const commands: string[] = [];
  const files: LabFile[] = [];
  const actions: StepAction[] = [];
  let check: Predicate | undefined;
  let hints: Hint[] = [];
  let solution: SolutionAction[] | undefined;
  for (const block of section.blocks) {
    const at = `line ${block.line}`;
    const once = (present: unknown): boolean => {
      if (present !== undefined) errors.push(`${at}: step "${m[2]}" has more than one ${block.kind} block`);
      return present === undefined;
    };
    if (block.kind === 'commands') {
      const lines = splitCommands(block.body).filter((c) => c.trim() !== '' && !/^\s*#/.test(c));
      commands.push(...lines);
      actions.push({ kind: 'commands', lines });
    } else if (block.kind === 'file') {
      if (!/^[A-Za-z0-9._-]+$/.test(block.arg)) errors.push(`${at}: a file block names its file: \`\`\`file mongo.svc.yaml`);
      else files.push({ name: block.arg, content: block.body.endsWith('\n') ? block.body : `${block.body}\n` });
      actions.push({ kind: 'file', name: block.arg });
    } else if (block.kind === 'check' && once(check)) {
      const res = readCheck(yamlOf(block, errors));
      if (res.ok) check = res.check; else errors.push(...res.errors.map((e) => `${at}: ${e}`));
    } else if (block.kind === 'hints') {
      const res = readHints(yamlOf(block, errors));
      if (res.ok) hints = [...hints, ...res.hints]; else errors.push(...res.errors.map((e) => `${at}: ${e}`));
    } else if (block.kind === 'solution' && once(solution)) {
      const res = parseSolution(block.body);
      if (res.ok) solution = res.actions; else errors.push(...res.errors.map((e) => `${at}: ${e}`));
    }
  }
  if (!check) errors.push(`${where}: step "${m[2]}" has no check block`);
  if (!solution) errors.push(`${where}: step "${m[2]}" has no solution block`);
  if (!check || !solution) return undefined;
  const requires = attrs.get('requires')?.split(',').filter(Boolean) ?? [];
  return { id: m[2], title: m[1], text: trimBlank(section.prose), actions, commands, files, check, hints, solution, requires, line: section.line };
}

function readScenario(raw: unknown, errors: string[]): LabScenario {
  if (raw === undefined || raw === 'fresh') return { kind: 'fresh' };
  const after = typeof raw === 'object' && raw !== null ? (raw as { after?: unknown }).after : undefined;
  const m = typeof after === 'string' ? /^([a-z0-9][a-z0-9-]*)#([a-z0-9][a-z0-9-]*)$/.exec(after.trim()) : null;
  if (!m) {
    errors.push('front matter: scenario is "fresh" or {after: <lab id>#<step id>}');
    return { kind: 'fresh' };
  }
  return { kind: 'after', lab: m[1], step: m[2] };
}

/** Parses a lab file; `id` names the lab (its file name without `.md`). Pure. */
export function parseLab(id: string, text: string): LabParseResult {
  const errors: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] !== '---') return { ok: false, errors: ['line 1: a lab starts with YAML front matter between "---" lines'] };
  const end = lines.indexOf('---', 1);
  if (end < 0) return { ok: false, errors: ['line 1: the front matter is never closed with "---"'] };
  let front: Record<string, unknown> = {};
  try {
    const parsed = parseYaml(lines.slice(1, end).join('\n')) as unknown;
    if (typeof parsed === 'object' && parsed !== null) front = parsed as Record<string, unknown>;
  } catch (err) {
    return { ok: false, errors: [`front matter: not valid YAML: ${(err as Error).message.split('\n')[0]}`] };
  }
  const known = ['title', 'summary', 'module', 'seed', 'scenario', 'estimatedMinutes'];
  for (const k of Object.keys(front)) if (!known.includes(k)) errors.push(`front matter: unknown key "${k}" (known: ${known.join(', ')})`);
  const str = (k: string): string => {
    if (typeof front[k] === 'string' && (front[k] as string).trim() !== '') return front[k] as string;
    errors.push(`front matter: ${k} is required text`);
    return '';
  };
  const num = (k: string): number => {
    if (typeof front[k] === 'number' && Number.isFinite(front[k])) return front[k] as number;
    errors.push(`front matter: ${k} is required and must be a number`);
    return 0;
  };
  const seed = typeof front.seed === 'number' || typeof front.seed === 'string' ? front.seed : (errors.push('front matter: seed is required'), 0);
  const { intro, steps: sects } = sections(lines.slice(end + 1), end + 2, errors);
  const steps = sects.map((s) => readStep(s, errors)).filter((s): s is LabStep => s !== undefined);
  if (sects.length === 0) errors.push('the lab has no steps ("## Title {#step-id}" headings)');
  steps.forEach((step, i) => {
    for (const action of step.solution) {
      if (action.kind === 'write' && !fileFor(steps, i, action.file)) {
        errors.push(`line ${step.line}: step "${step.id}" writes ${action.file}, but no step up to it has a \`\`\`file ${action.file} block`);
      }
    }
  });
  const ids = steps.map((s) => s.id);
  ids.forEach((sid, i) => { if (ids.indexOf(sid) !== i) errors.push(`step id "${sid}" is used twice`); });
  const lab: Lab = {
    id, title: str('title'), summary: str('summary'), module: num('module'), seed, scenario: readScenario(front.scenario, errors),
    estimatedMinutes: num('estimatedMinutes'), intro: trimBlank(intro), steps,
  };
  return errors.length === 0 ? { ok: true, lab } : { ok: false, errors };
}
