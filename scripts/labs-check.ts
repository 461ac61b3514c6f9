// `npm run labs:check [-- --verbose] [-- --lab ID]`: proves every lab in src/labs against its own solution. For
// each step the check must fail before the step's solution and pass after it. Prints, per lab, its steps and how
// long the full solution takes in virtual and wall time; exits non-zero on any failure.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { labIdOf, loadLabSet, type LabSource } from '../sim/labs/lab-set';
import { checkLab, type LabReport, type StepReport } from '../sim/labs/lab-runner';
import { CAPABILITIES, presentCapabilities } from '../sim/labs/capabilities';
import type { CheckItem } from '../sim/labs/lab-types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const LABS_DIR = join(ROOT, 'src', 'labs');

export interface LabTiming {
  readonly report: LabReport;
  readonly wallMs: number;
}

export interface LabsCheckResult {
  readonly exitCode: number;
  readonly text: string;
  readonly timings: readonly LabTiming[];
  readonly loadErrors: ReadonlyMap<string, readonly string[]>;
}

/** The lab files of a directory, as sources. */
export function readLabSources(dir = LABS_DIR): LabSource[] {
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => ({ id: labIdOf(f), text: readFileSync(join(dir, f), 'utf8') }));
}

/** `7m 05s` / `42s`. */
export function formatVirtual(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const MARK: Readonly<Record<StepReport['verdict'], string>> = { ok: '✓', failed: '✗', pending: '…', blocked: '…' };

function failedItems(items: readonly CheckItem[], depth = 0): string[] {
  return items.flatMap((i) => (i.passed ? [] : [
    `${'  '.repeat(depth)}- ${i.label}${i.detail ? `: ${i.detail}` : ''}`,
    ...failedItems(i.children ?? [], depth + 1),
  ]));
}

function stepLines(step: StepReport, verbose: boolean): string[] {
  const lines = [`    ${MARK[step.verdict]} ${step.stepId.padEnd(22)} ${step.title}${step.verdict === 'ok' ? '' : `  [${step.verdict.toUpperCase()}]`}`];
  if (step.verdict !== 'ok') {
    for (const p of step.problems) lines.push(`        ${p}`);
    if (!step.after.passed) lines.push(...failedItems(step.after.items).map((l) => `          ${l}`));
  }
  if (verbose) lines.push(...step.notes.map((n) => `        note: ${n}`));
  return lines;
}

/** Runs the check over `sources` (all labs, or only `only`) and renders the report. */
export function runLabsCheck(sources: readonly LabSource[], opts: { verbose?: boolean; only?: string } = {}): LabsCheckResult {
  const set = loadLabSet(sources);
  const out: string[] = [];
  let failed = set.errors.size > 0;
  for (const [id, errors] of set.errors) {
    out.push(`✗ ${id}: the lab file has errors`);
    for (const e of errors) out.push(`    ${e}`);
  }
  const labs = set.labs.filter((l) => opts.only === undefined || l.id === opts.only);
  const present = presentCapabilities(labs.flatMap((l) => l.steps.flatMap((s) => s.requires)));
  const timings: LabTiming[] = [];
  for (const lab of labs) {
    const start = performance.now();
    const report = checkLab(lab, set.resolve, present);
    const wallMs = performance.now() - start;
    timings.push({ report, wallMs });
    const waiting = report.steps.filter((s) => s.verdict === 'pending' || s.verdict === 'blocked').length;
    const state = !report.ok ? '✗' : waiting > 0 ? '…' : '✓';
    out.push(`${state} ${lab.id}  "${lab.title}"  ${lab.steps.length} steps  virtual ${formatVirtual(report.virtualMs)}  wall ${(wallMs / 1000).toFixed(2)} s`);
    for (const e of report.errors) out.push(`    ${e}`);
    for (const step of report.steps) out.push(...stepLines(step, opts.verbose ?? false));
    if (!report.ok) failed = true;
  }
  const missing = [...new Set(labs.flatMap((l) => l.steps.flatMap((s) => s.requires)))].filter((r) => !present.has(r));
  if (missing.length > 0) {
    out.push('');
    out.push('Steps marked … wait for engine features this build does not have yet:');
    for (const m of missing) out.push(`    ${m}: ${CAPABILITIES[m]?.description ?? 'unknown feature'}`);
    out.push('They are reported, not failed; once the feature lands they are checked like every other step.');
  }
  const steps = timings.reduce((n, t) => n + t.report.steps.length, 0);
  out.push('');
  out.push(`${labs.length} labs, ${steps} steps: ${failed ? 'FAILED' : 'all solutions pass their checks'}`);
  return { exitCode: failed ? 1 : 0, text: `${out.join('\n')}\n`, timings, loadErrors: set.errors };
}

function main(): void {
  const args = process.argv.slice(2);
  const lab = args.indexOf('--lab');
  const result = runLabsCheck(readLabSources(), { verbose: args.includes('--verbose'), only: lab >= 0 ? args[lab + 1] : undefined });
  process.stdout.write(result.text);
  process.exitCode = result.exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
