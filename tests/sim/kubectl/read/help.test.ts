// Golden tests for kubectl's help output: `--help` on every command, the subcommand groups (cobra's
// DefaultSubCommandRun) and templates.Examples, which indents every example line, blank ones included.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { freshSim } from './expect-helpers';

const TAIL = '\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';

describe('kubectl --help', () => {
  it('prints the long description and usage line instead of rejecting --help as an unknown flag', () => {
    const sim = freshSim();
    for (const [cmd, use] of [
      ['apply', 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]'],
      ['logs', 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]'],
      ['exec', 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]'],
      ['rollout status', 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]'],
      ['set image', 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]'],
    ]) {
      const r = runLine(sim, `kubectl ${cmd} --help`);
      expect(r).toMatchObject({ stderr: '', exitCode: 0 });
      expect(r.stdout.endsWith(`\n\nUsage:\n  ${use}\n${TAIL}`)).toBe(true);
    }
    expect(runLine(sim, 'kubectl exec -h').stdout.startsWith('Execute a command in a container.\n\nUsage:\n')).toBe(true);
  });

  it('leaves --help after -- to the command run in the container', () => {
    const sim = freshSim();
    runLine(sim, 'kubectl run t --image=busybox:1.36 -- sleep 3600');
    runLine(sim, 'sleep 10');
    expect(runLine(sim, 'kubectl exec t -- echo --help').stdout).toBe('--help\n');
  });

  it('prints create\'s help on stdout for --help, and with "must specify one of -f and -k" on stderr without', () => {
    const sim = freshSim();
    const help = runLine(sim, 'kubectl create --help');
    expect(help).toMatchObject({ stderr: '', exitCode: 0 });
    expect(help.stdout.startsWith('Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.\n\nExamples:\n')).toBe(true);
    expect(runLine(sim, 'kubectl create')).toMatchObject({ stdout: '', stderr: `Error: must specify one of -f and -k\n\n${help.stdout}`, exitCode: 1 });
  });

  it('prints the rollout group\'s help with its examples on stderr and exits 1 when no subcommand is given', () => {
    const sim = freshSim();
    const r = runLine(sim, 'kubectl rollout');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("Examples:\n  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Check the rollout status of a daemonset\n");
    expect(runLine(sim, 'kubectl rollout --help')).toMatchObject({ stdout: r.stderr, stderr: '', exitCode: 0 });
    expect(runLine(sim, 'kubectl set --help')).toMatchObject({ stderr: '', exitCode: 0 });
    expect(runLine(sim, 'kubectl set')).toMatchObject({ stdout: '', exitCode: 1 });
  });

  it('indents the blank lines between examples as templates.Examples does', () => {
    expect(runLine(freshSim(), 'kubectl get --help').stdout).toContain('  kubectl get pods\n  \n  # List all pods in ps output format with more information (such as node name)\n');
  });
});
