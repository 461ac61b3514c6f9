import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { runLine } from '../../../sim/cli/run-script';

function shell() {
  const sim = createSimulation({ seed: 1 });
  sim.dispatch({ type: 'writeFile', path: '/home/student/web.yaml', content: 'kind: Deployment\n' });
  const run = (line: string) => { const r = runLine(sim, line); return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }; };
  return { run, files: () => sim.shell.fs.allFiles().map((f) => f.path) };
}

describe('cp and mv', () => {
  it('copy and move files, into a directory when the target is one, and say so with -v', () => {
    const { run, files } = shell();
    expect(run('cp web.yaml web-copy.yaml')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(run('cat web-copy.yaml').stdout).toBe('kind: Deployment\n');
    expect(run('mkdir labs && cp -v web.yaml web-copy.yaml labs/').stdout).toBe("'web.yaml' -> 'labs/web.yaml'\n'web-copy.yaml' -> 'labs/web-copy.yaml'\n");
    expect(run('mv -v web-copy.yaml labs/renamed.yaml').stdout).toBe("renamed 'web-copy.yaml' -> 'labs/renamed.yaml'\n");
    expect(files()).toEqual(['/home/student/labs/renamed.yaml', '/home/student/labs/web-copy.yaml', '/home/student/labs/web.yaml', '/home/student/web.yaml']);
    // Directories: cp needs -r; mv renames the whole tree.
    expect(run('cp labs backup')).toEqual({ stdout: '', stderr: "cp: -r not specified; omitting directory 'labs'\n", exitCode: 1 });
    expect(run('cp -r labs backup').exitCode).toBe(0);
    expect(run('mv backup old && ls old').stdout).toBe('renamed.yaml  web-copy.yaml  web.yaml\n');
    expect(files().filter((f) => f.includes('/backup'))).toEqual([]);
  });

  it('print coreutils messages for what cannot be done, and change nothing', () => {
    const { run, files } = shell();
    const before = files();
    expect(run('cp')).toEqual({ stdout: '', stderr: "cp: missing file operand\nTry 'cp --help' for more information.\n", exitCode: 1 });
    expect(run('mv web.yaml')).toEqual({ stdout: '', stderr: "mv: missing destination file operand after 'web.yaml'\nTry 'mv --help' for more information.\n", exitCode: 1 });
    expect(run('cp nope.yaml x.yaml')).toEqual({ stdout: '', stderr: "cp: cannot stat 'nope.yaml': No such file or directory\n", exitCode: 1 });
    expect(run('mv web.yaml web.yaml')).toEqual({ stdout: '', stderr: "mv: 'web.yaml' and 'web.yaml' are the same file\n", exitCode: 1 });
    expect(run('cp web.yaml missing/dir/x.yaml')).toEqual({ stdout: '', stderr: "cp: cannot create regular file 'missing/dir/x.yaml': No such file or directory\n", exitCode: 1 });
    expect(run('cp web.yaml web.yaml other.yaml')).toEqual({ stdout: '', stderr: "cp: target 'other.yaml' is not a directory\n", exitCode: 1 });
    expect(files()).toEqual(before);
    expect(run('mkdir d && mv d d/inner')).toEqual({ stdout: '', stderr: "mv: cannot move 'd' to a subdirectory of itself, 'd/inner'\n", exitCode: 1 });
    expect(run('which cp mv').stdout).toBe('/usr/bin/cp\n/usr/bin/mv\n');
  });
});
