// What the GNU text utilities share: short-option parsing (`-n5`, `-in`, `-n 5`), reading FILE arguments or
// stdin, and their usage-error wording.
import type { ProgramContext } from '../program';
import { resolvePath } from '../vfs';

export interface Options {
  /** Boolean letters given (`-c -i` or `-ci`). */
  readonly flags: Set<string>;
  /** Letters that took a value (`-n 5`, `-n5`, `--lines=5` mapped to `n`). */
  readonly values: Map<string, string>;
  readonly operands: string[];
}

export type OptionsResult = { ok: true; options: Options } | { ok: false; error: string };

/**
 * Parses argv after the program name: `valued` letters take a value, `longs` maps long options to letters
 * (`--lines` → `n`); `-NUM` becomes `n=NUM` when `numeric` is set (head, tail). Pure.
 */
export function parseOptions(args: readonly string[], boolLetters: string, valued: string, longs: Readonly<Record<string, string>> = {}, numeric = false): OptionsResult {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const letter = longs[name];
      if (letter === undefined) return { ok: false, error: `unrecognized option '${a}'` };
      if (valued.includes(letter)) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) return { ok: false, error: `option '--${name}' requires an argument` };
        values.set(letter, v);
      } else flags.add(letter);
      continue;
    }
    if (!a.startsWith('-') || a === '-') { operands.push(a); continue; }
    if (numeric && /^-\d+$/.test(a)) { values.set('n', a.slice(1)); continue; }
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (valued.includes(c)) {
        const v = k + 1 < a.length ? a.slice(k + 1) : args[++i];
        if (v === undefined) return { ok: false, error: `option requires an argument -- '${c}'` };
        values.set(c, v);
        break;
      }
      if (!boolLetters.includes(c)) return { ok: false, error: `invalid option -- '${c}'` };
      flags.add(c);
    }
  }
  return { ok: true, options: { flags, values, operands } };
}

/** Writes `prog: error` and the GNU "Try --help" hint; returns exit status 2 (grep) or 1. */
export function usageError(ctx: ProgramContext, prog: string, error: string, status = 1): number {
  ctx.err(`${prog}: ${error}\nTry '${prog} --help' for more information.\n`);
  return status;
}

/** One input: a file's text or stdin (`-` or no operands). */
export interface Input {
  readonly name: string;
  readonly text: string;
}

/** Reads the FILE operands (stdin when there are none); reports missing files as `prog: f: No such file…`. */
export function readInputs(ctx: ProgramContext, prog: string, operands: readonly string[]): { inputs: Input[]; failed: boolean } {
  if (operands.length === 0) return { inputs: [{ name: '(standard input)', text: ctx.stdin }], failed: false };
  const inputs: Input[] = [];
  let failed = false;
  for (const f of operands) {
    if (f === '-') { inputs.push({ name: '(standard input)', text: ctx.stdin }); continue; }
    const r = ctx.session.fs.read(resolvePath(ctx.session.cwd, f));
    if (r.ok) inputs.push({ name: f, text: r.value });
    else { ctx.err(`${prog}: ${f}: ${r.error}\n`); failed = true; }
  }
  return { inputs, failed };
}

/** Splits text into lines, dropping the empty string after a final newline. Pure. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
