import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { runLine } from '../../../sim/cli/run-script';
import { expandAliases, quoteAliasValue } from '../../../sim/shell/aliases';
import { complete } from '../../../sim/shell/completion';
import { PROGRAMS } from '../../../sim/shell/programs';

const run = (sim: ReturnType<typeof createSimulation>, line: string) => {
  const r = runLine(sim, line);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
};

describe('aliases', () => {
  it('replace the command word, again for what an expansion brings in, and the next word after a trailing blank', () => {
    const aliases = new Map([['k', 'kubectl'], ['kgp', 'k get pods'], ['sudo', 'sudo '], ['ls', 'ls --color=auto']]);
    expect(expandAliases('k get nodes', aliases)).toBe('kubectl get nodes');
    expect(expandAliases('  kgp -o wide', aliases)).toBe('  kubectl get pods -o wide');
    expect(expandAliases('ls -l', aliases)).toBe('ls --color=auto -l');
    expect(expandAliases('sudo k get nodes', aliases)).toBe('sudo  kubectl get nodes');
    // Only a command word: not arguments, not quoted or assigned words.
    expect(expandAliases('echo k', aliases)).toBe('echo k');
    expect(expandAliases("'k' get nodes", aliases)).toBe("'k' get nodes");
    expect(expandAliases('kx get nodes', aliases)).toBe('kx get nodes');
    expect(quoteAliasValue("echo 'hi'")).toBe("'echo '\\''hi'\\'''");
  });

  it('are defined, listed, used, reported by type and removed as bash does', () => {
    const sim = createSimulation({ seed: 1 });
    expect(run(sim, "alias k=kubectl kgp='kubectl get pods -o wide'")).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(run(sim, 'k get nodes --no-headers').stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(run(sim, 'kgp')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(run(sim, 'alias').stdout).toBe("alias k='kubectl'\nalias kgp='kubectl get pods -o wide'\n");
    expect(run(sim, 'alias k').stdout).toBe("alias k='kubectl'\n");
    expect(run(sim, 'type k').stdout).toBe("k is aliased to `kubectl'\n");
    expect(run(sim, 'alias nope')).toEqual({ stdout: '', stderr: 'bash: alias: nope: not found\n', exitCode: 1 });
    expect(run(sim, "alias 'a b=x'")).toEqual({ stdout: '', stderr: "bash: alias: `a b': invalid alias name\n", exitCode: 1 });
    // Defined on a line, used from the next one: bash reads a whole line before running any of it.
    expect(run(sim, 'alias g=kubectl; g version --client').stderr).toBe('bash: g: command not found\n');
    expect(run(sim, 'unalias k kgp g')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(run(sim, 'k get nodes')).toEqual({ stdout: '', stderr: 'bash: k: command not found\n', exitCode: 127 });
    expect(run(sim, 'unalias k')).toEqual({ stdout: '', stderr: 'bash: unalias: k: not found\n', exitCode: 1 });
  });

  it('complete as commands, and an alias of kubectl completes as kubectl', () => {
    const sim = createSimulation({ seed: 1 });
    const ctx = { store: sim.store, fs: sim.shell.fs, cwd: '/home/student', commands: [...PROGRAMS.keys()], aliases: new Map([['kc', 'kubectl'], ['kgp', 'kubectl get pods']]) };
    expect(complete('kg', 2, ctx).candidates).toEqual(['kgp']);
    expect(complete('kc get no', 9, ctx).candidates).toEqual(['nodes']);
    expect(complete('kgp -n kube-sy', 14, ctx).candidates).toEqual(['kube-system']);
  });
});
