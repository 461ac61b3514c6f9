// The headless runner: `npm run --silent sim -- [--seed N] [--json] [--max-wait S] SCRIPT` runs a file of shell
// lines against a fresh simulation (`-` reads stdin) and prints a transcript, or one JSON object per line.
import { readFileSync } from 'node:fs';
import { createSimulation } from '../engine';
import { splitCommands } from '../shell/parse';
import { HOME } from '../shell/vfs';

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
  return opts;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  let text: string;
  try {
    text = opts.script === '-' ? readFileSync(0, 'utf8') : readFileSync(opts.script!, 'utf8');
  } catch (err) {
    process.stderr.write(`cannot read ${opts.script}: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const seed = /^\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed;
  const sim = createSimulation({ seed, profile: opts.nodes ? { nodeCount: opts.nodes } : undefined });
  for (const command of splitCommands(text)) {
    if (/^\s*#/.test(command)) continue;
    const time = sim.now;
    const prompt = `student@kubesim:${sim.shell.session().cwd.replace(HOME, '~')}$ `;
    const result = sim.dispatch({ type: 'exec', line: command });
    if (!result.ok) continue;
    const jobId = result.jobId!;
    let stdout = result.stdout ?? '', stderr = result.stderr ?? '', exitCode = result.exitCode;
    if (!result.done) {
      const job = sim.shell.job(jobId)!;
      sim.runJob(jobId, opts.maxWaitMs);
      stdout = job.stdout; stderr = job.stderr; exitCode = job.exitCode ?? 130;
    }
    sim.shell.drain();
    if (opts.json) process.stdout.write(`${JSON.stringify({ command, stdout, stderr, exitCode, time })}\n`);
    else process.stdout.write(`${prompt}${command}\n${stdout}${stderr}`);
  }
}

main();
