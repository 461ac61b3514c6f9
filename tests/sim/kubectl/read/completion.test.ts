import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { freshSim } from './expect-helpers';

describe('kubectl completion', () => {
  // completion.go RunCompletion: cmdutil.UsageErrorf for a missing, extra or unknown shell.
  it('rejects a missing, extra or unknown shell with the usage hint', () => {
    const hint = "\nSee 'kubectl completion -h' for help and examples\n";
    expect(runLine(freshSim(), 'kubectl completion')).toMatchObject({ stdout: '', stderr: `error: Shell not specified.${hint}`, exitCode: 1 });
    expect(runLine(freshSim(), 'kubectl completion bash zsh').stderr).toBe(`error: Too many arguments. Expected only the shell type.${hint}`);
    expect(runLine(freshSim(), 'kubectl completion tcsh').stderr).toBe(`error: Unsupported shell type "tcsh".${hint}`);
  });
});
