// The headless runner: `npm run --silent sim -- [--seed N] [--json] [--nodes N] [--max-wait S] SCRIPT` runs a file
// of shell lines against a fresh simulation (`-` reads stdin) and prints a transcript, or one JSON object per line.
import { readFileSync } from 'node:fs';
import { createSimulation } from '../engine';
import { runLine } from './run-script';
import { splitCommands } from '../shell/parse';

interface Options { seed: string; json: boolean; script?: string; maxWaitMs: number; nodes?: number }

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run --silent sim -- [--seed N] [--json] [--nodes N] [--max-wait SECONDS] SCRIPT|-\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { seed: '1', json: false, maxWaitMs: 600_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--seed') opts.seed = argv[++i] ?? usage('--seed needs a value');
    else if (a.startsWith('--seed=')) opts.seed = a.slice(7);
    else if (a === '--max-wait') opts.maxWaitMs = Number(argv[++i]) * 1000;
    else if (a === '--nodes') opts.nodes = Number(argv[++i]);
    else if (a === '-' || !a.startsWith('-')) opts.script = a;
    else usage(`unknown option ${a}`);
  }
  if (!opts.script) usage('missing SCRIPT');
  if (!Number.isFinite(opts.maxWaitMs) || opts.maxWaitMs <= 0) usage('--max-wait needs a positive number of seconds');
  if (opts.nodes !== undefined && !(Number.isInteger(opts.nodes) && opts.nodes >= 1 && opts.nodes <= 256)) usage('--nodes needs a whole number from 1 to 256');
  return opts;
}

function main(): void {
  // A closed pipe (`… | head`) ends the run quietly, as command-line tools do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'EPIPE') process.exit(0); throw err; });
  const opts = parseArgs(process.argv.slice(2));
  let text: string;
  try {
    text = readFileSync(opts.script === '-' ? 0 : opts.script!, 'utf8');
  } catch (err) {
    process.stderr.write(`cannot read ${opts.script}: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const seed = /^\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed;
  const sim = createSimulation({ seed, profile: opts.nodes ? { nodeCount: opts.nodes } : undefined });
  for (const command of splitCommands(text)) {
    if (/^\s*#/.test(command)) continue;
    const r = runLine(sim, command, opts.maxWaitMs);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ command: r.command, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, time: r.time })}\n`);
    } else {
      process.stdout.write(`${r.prompt}${r.command}\n${r.transcript}`);
    }
  }
}

main();
