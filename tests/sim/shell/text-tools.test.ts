import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { runLine } from '../../../sim/cli/run-script';
import { cutList, trSet } from '../../../sim/shell/programs/text-transforms';
import { grepPatternSource } from '../../../sim/shell/programs/text-filters';

function shell() {
  const sim = createSimulation({ seed: 1 });
  sim.dispatch({ type: 'writeFile', path: '/home/student/pods.txt', content: 'NAME   STATUS\nweb-1  Running\nweb-2  Pending\ndb-1   Running\n' });
  return (line: string) => { const r = runLine(sim, line); return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }; };
}

describe('text utilities', () => {
  it('grep prints context lines with -A, -B and -C, marking them with - and separating groups with --', () => {
    const run = shell();
    run("printf 'a\\nb\\nmatch1\\nc\\nd\\ne\\nf\\nmatch2\\ng\\n' > t.txt");
    expect(run('grep -A1 match t.txt').stdout).toBe('match1\nc\n--\nmatch2\ng\n');
    expect(run('grep -B1 -n match2 t.txt').stdout).toBe('7-f\n8:match2\n');
    // Groups that touch are one group: no separator.
    expect(run('grep -C2 match t.txt').stdout).toBe('a\nb\nmatch1\nc\nd\ne\nf\nmatch2\ng\n');
    expect(run('grep -A x match t.txt')).toEqual({ stdout: '', stderr: 'grep: x: invalid context length argument\n', exitCode: 2 });
    expect(run('grep --help').stdout).toMatch(/^Usage: grep \[OPTION\]\.\.\. PATTERNS \[FILE\]\.\.\.\nSearch for PATTERNS in each FILE\./);
  });

  it('grep filters lines with -i -v -c -n -E -w and exits 1 when nothing matches', () => {
    const run = shell();
    expect(run('grep Running pods.txt')).toEqual({ stdout: 'web-1  Running\ndb-1   Running\n', stderr: '', exitCode: 0 });
    expect(run('grep -c running pods.txt')).toEqual({ stdout: '0\n', stderr: '', exitCode: 1 });
    expect(run('grep -ic running pods.txt')).toEqual({ stdout: '2\n', stderr: '', exitCode: 0 });
    expect(run('grep -vn Running pods.txt')).toEqual({ stdout: '1:NAME   STATUS\n3:web-2  Pending\n', stderr: '', exitCode: 0 });
    expect(run("grep -E 'web-(1|2)' pods.txt | wc -l")).toEqual({ stdout: '2\n', stderr: '', exitCode: 0 });
    expect(run("grep 'web-\\(1\\|2\\)' pods.txt | wc -l")).toEqual({ stdout: '2\n', stderr: '', exitCode: 0 });
    expect(run('grep -w web pods.txt')).toEqual({ stdout: 'web-1  Running\nweb-2  Pending\n', stderr: '', exitCode: 0 });
    expect(run('grep Failed pods.txt')).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    expect(run('grep x nope.txt')).toEqual({ stdout: '', stderr: 'grep: nope.txt: No such file or directory\n', exitCode: 2 });
    expect(run('grep')).toEqual({ stdout: '', stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", exitCode: 2 });
  });

  it('head and tail -c count bytes, from the start, the end or all but the last', () => {
    const run = shell();
    expect(run('echo abcdefghij | head -c 4')).toEqual({ stdout: 'abcd', stderr: '', exitCode: 0 });
    expect(run('echo abcdefghij | head -c -3')).toEqual({ stdout: 'abcdefgh', stderr: '', exitCode: 0 });
    expect(run('echo abcdefghij | tail -c 4')).toEqual({ stdout: 'hij\n', stderr: '', exitCode: 0 });
    expect(run('echo abcdefghij | tail -c +3')).toEqual({ stdout: 'cdefghij\n', stderr: '', exitCode: 0 });
    expect(run('head -c x pods.txt')).toEqual({ stdout: '', stderr: 'head: invalid number of bytes: ‘x’\n', exitCode: 1 });
  });

  it('head, tail and wc count lines as GNU coreutils do', () => {
    const run = shell();
    expect(run('head -2 pods.txt')).toEqual({ stdout: 'NAME   STATUS\nweb-1  Running\n', stderr: '', exitCode: 0 });
    expect(run('tail -n 1 pods.txt')).toEqual({ stdout: 'db-1   Running\n', stderr: '', exitCode: 0 });
    expect(run('tail -n +3 pods.txt')).toEqual({ stdout: 'web-2  Pending\ndb-1   Running\n', stderr: '', exitCode: 0 });
    expect(run('cat pods.txt | wc -l')).toEqual({ stdout: '4\n', stderr: '', exitCode: 0 });
    expect(run('wc -l pods.txt')).toEqual({ stdout: '4 pods.txt\n', stderr: '', exitCode: 0 });
    expect(run('wc pods.txt')).toEqual({ stdout: ' 4  8 59 pods.txt\n', stderr: '', exitCode: 0 });
    expect(run('echo one two | wc')).toEqual({ stdout: '      1       2       8\n', stderr: '', exitCode: 0 });
  });

  it('sort, uniq, cut and tr reshape columns', () => {
    const run = shell();
    expect(run("tail -n +2 pods.txt | tr -s ' ' | cut -d ' ' -f2 | sort | uniq -c")).toEqual({ stdout: '      1 Pending\n      2 Running\n', stderr: '', exitCode: 0 });
    expect(run('printf "3\\n10\\n2\\n" | sort -n')).toEqual({ stdout: '2\n3\n10\n', stderr: '', exitCode: 0 });
    expect(run('printf "b\\na\\n" | sort -r')).toEqual({ stdout: 'b\na\n', stderr: '', exitCode: 0 });
    expect(run('echo hello | tr a-z A-Z')).toEqual({ stdout: 'HELLO\n', stderr: '', exitCode: 0 });
    expect(run("echo 'a-b-c' | tr -d -")).toEqual({ stdout: 'abc\n', stderr: '', exitCode: 0 });
    expect(run('cut -c1-3 pods.txt | head -1')).toEqual({ stdout: 'NAM\n', stderr: '', exitCode: 0 });
    expect(cutList('1,3-4,6-')!(5)).toBe(false);
    expect([1, 3, 4, 6, 9].map(cutList('1,3-4,6-')!)).toEqual([true, true, true, true, true]);
    expect(trSet('a-c[:digit:]')).toBe('abc0123456789');
    expect(grepPatternSource('a\\|b+', false, false)).toBe('a|b\\+');
  });

  it('base64 encodes and decodes (the Secret idiom)', () => {
    const run = shell();
    expect(run('echo -n admin | base64')).toEqual({ stdout: 'YWRtaW4=\n', stderr: '', exitCode: 0 });
    expect(run('echo YWRtaW4= | base64 -d')).toEqual({ stdout: 'admin', stderr: '', exitCode: 0 });
    expect(run('echo "not base64!" | base64 -d')).toEqual({ stdout: '', stderr: 'base64: invalid input\n', exitCode: 1 });
  });
});
