// bash's `test` and `[` builtins for loop conditions: strings (-z -n = != and a bare word), integers (-eq -ne
// -lt -le -gt -ge), files (-e -f -d -s) and `!`, with bash's messages for what it cannot read.
import type { Program, ProgramContext } from '../program';
import { resolvePath } from '../vfs';

const INTEGER = /^\s*[+-]?\d+\s*$/;

/** 0 (true), 1 (false) or 2 (an error, already reported) for the arguments of test. */
function evaluate(ctx: ProgramContext, name: string, args: readonly string[]): number {
  const fail = (message: string): number => { ctx.err(`bash: ${name}: ${message}\n`); return 2; };
  const truth = (v: boolean): number => (v ? 0 : 1);
  if (args.length === 0) return 1;
  if (args[0] === '!' && args.length > 1) {
    const inner = evaluate(ctx, name, args.slice(1));
    return inner === 2 ? 2 : 1 - inner;
  }
  if (args.length === 1) return truth(args[0] !== '');
  if (args.length === 2) {
    const [op, value] = args;
    const path = resolvePath(ctx.session.cwd, value);
    const fs = ctx.session.fs;
    switch (op) {
      case '-z': return truth(value === '');
      case '-n': return truth(value !== '');
      case '-e': return truth(fs.isFile(path) || fs.isDir(path));
      case '-f': return truth(fs.isFile(path));
      case '-d': return truth(fs.isDir(path));
      case '-s': { const r = fs.read(path); return truth(r.ok && r.value.length > 0); }
      default: return fail(`${op}: unary operator expected`);
    }
  }
  if (args.length === 3) {
    const [a, op, b] = args;
    if (op === '=' || op === '==') return truth(a === b);
    if (op === '!=') return truth(a !== b);
    const numeric = ['-eq', '-ne', '-lt', '-le', '-gt', '-ge'];
    if (!numeric.includes(op)) return fail(`${op}: binary operator expected`);
    for (const v of [a, b]) if (!INTEGER.test(v)) return fail(`${v}: integer expression expected`);
    const x = Number(a), y = Number(b);
    return truth(op === '-eq' ? x === y : op === '-ne' ? x !== y : op === '-lt' ? x < y : op === '-le' ? x <= y : op === '-gt' ? x > y : x >= y);
  }
  // SIMPLIFIED: -a, -o and parentheses, which bash itself advises against, are not read.
  return fail('too many arguments');
}

export const test: Program = (ctx) => evaluate(ctx, 'test', ctx.argv.slice(1));

export const bracket: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[args.length - 1] !== ']') { ctx.err("bash: [: missing `]'\n"); return 2; }
  return evaluate(ctx, '[', args.slice(0, -1));
};
