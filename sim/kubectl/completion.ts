// kubectl completion SHELL: checks the shell argument as kubectl's completion.go does.
// SIMPLIFIED: the completion scripts and the command's help are not printed; kubesim's terminal completes kubectl commands already.
import type { Verb } from './verb';
import { parseFlags } from './flags';
import { wantsHelp } from './help';

const SHELLS = ['bash', 'zsh', 'fish', 'powershell'];

/** cmdutil.UsageErrorf as checkErr prints it. Pure. */
function usageError(msg: string): string {
  return `error: ${msg}\nSee 'kubectl completion -h' for help and examples\n`;
}

const NOT_SIMULATED = 'error: kubectl completion is not simulated in kubesim\n';

export const kubectlCompletion: Verb = function* (ctx, args) {
  if (wantsHelp(args)) { ctx.err(NOT_SIMULATED); return 1; }
  const parsed = parseFlags(args, {});
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl completion --help' for usage.\n`); return 1; }
  const shells = parsed.flags.positionals;
  if (shells.length === 0) { ctx.err(usageError('Shell not specified.')); return 1; }
  if (shells.length > 1) { ctx.err(usageError('Too many arguments. Expected only the shell type.')); return 1; }
  if (!SHELLS.includes(shells[0])) { ctx.err(usageError(`Unsupported shell type "${shells[0]}".`)); return 1; }
  ctx.err(NOT_SIMULATED);
  return 1;
};
