// GNU coreutils' seq: the numbers from FIRST (1) by INCREMENT (1) to LAST, one per line or joined by -s.
import type { Program } from '../program';

/** The most numbers one seq prints here (a typo like `seq 1e9` would otherwise hold the simulation). */
const MAX_NUMBERS = 100_000;

export const seq: Program = (ctx) => {
  const args = [...ctx.argv.slice(1)];
  let separator = '\n';
  let width = false;
  while (args.length > 0 && /^-[sw]/.test(args[0]) && !/^-\d/.test(args[0])) {
    const flag = args.shift()!;
    if (flag.startsWith('-s')) separator = flag.length > 2 ? flag.slice(2) : args.shift() ?? '\n';
    else width = true;
  }
  if (args.length === 0 || args.length > 3) {
    ctx.err(`seq: ${args.length === 0 ? 'missing operand' : `extra operand '${args[3]}'`}\nTry 'seq --help' for more information.\n`);
    return 1;
  }
  const bad = args.find((a) => !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(a));
  if (bad !== undefined) { ctx.err(`seq: invalid floating point argument: '${bad}'\nTry 'seq --help' for more information.\n`); return 1; }
  const [first, step, last] = args.length === 1 ? [1, 1, Number(args[0])] : args.length === 2 ? [Number(args[0]), 1, Number(args[1])] : args.map(Number);
  if (step === 0) { ctx.err(`seq: invalid Zero increment value: '${args[1]}'\nTry 'seq --help' for more information.\n`); return 1; }
  // SIMPLIFIED: numbers print as JavaScript writes them; GNU seq pads decimals to the longest operand's precision.
  const decimals = Math.max(...args.map((a) => (a.includes('.') ? a.length - a.indexOf('.') - 1 : 0)));
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const v = first + i * step;
    if (step > 0 ? v > last + 1e-9 : v < last - 1e-9) break;
    if (out.length >= MAX_NUMBERS) { ctx.err(`seq: more than ${MAX_NUMBERS} numbers are not printed here\n`); return 1; }
    out.push(decimals > 0 ? v.toFixed(decimals) : String(v));
  }
  const wide = width ? Math.max(...out.map((n) => n.replace('-', '').length)) : 0;
  const shown = width ? out.map((n) => (n.startsWith('-') ? `-${n.slice(1).padStart(wide, '0')}` : n.padStart(wide, '0'))) : out;
  if (shown.length > 0) ctx.out(shown.join(separator) + '\n');
  return 0;
};
