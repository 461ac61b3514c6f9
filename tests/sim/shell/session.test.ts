import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { runLine, runScript } from '../../../sim/cli/run-script';

function shell() {
  const sim = createSimulation({ seed: 1 });
  return { sim, run: (line: string) => runLine(sim, line) };
}

const result = (stdout: string, stderr = '', exitCode = 0) => ({ stdout, stderr, exitCode });
const pick = (r: { stdout: string; stderr: string; exitCode: number }) => ({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode });

describe('the terminal shell', () => {
  it('expands each command just before it runs, so a variable set earlier on the line is seen', () => {
    const { run } = shell();
    expect(pick(run('X="one two"; echo $X; echo "$X|${X}|${#X}|${NOPE:-dflt}|${X:+set}"'))).toEqual(result('one two\none two|one two|7|dflt|set\n'));
    expect(pick(run('false; echo $?; true && echo ok || echo no; false || echo fallback'))).toEqual(result('1\nok\nfallback\n'));
  });

  it('reports the working directory with a finished command and with a job exit, for the prompt', () => {
    const sim = createSimulation({ seed: 1 });
    expect(sim.dispatch({ type: 'exec', line: 'cd /tmp' })).toMatchObject({ ok: true, done: true, cwd: '/tmp' });
    const waiting = sim.dispatch({ type: 'exec', line: 'sleep 1; cd' });
    expect(waiting).toMatchObject({ ok: true, done: false });
    sim.advance(2_000);
    expect(sim.frame(0).exits.map((e) => [e.jobId, e.cwd])).toEqual([[1, '/tmp'], [2, '/home/student']]);
  });

  it('keeps the order of stdout and stderr as written, for the terminal and the transcript', () => {
    const sim = createSimulation({ seed: 1 });
    const answer = sim.dispatch({ type: 'exec', line: 'kubectl get endpoints kubernetes' });
    expect(answer.ok && answer.chunks?.map((c) => c.stream)).toEqual(['stderr', 'stdout']);
    expect(answer.ok && answer.chunks?.[0].text).toMatch(/^Warning: v1 Endpoints is deprecated/);
    const line = runLine(sim, 'echo one; echo two >&2; echo three');
    expect([line.stdout, line.stderr, line.transcript]).toEqual(['one\nthree\n', 'two\n', 'one\ntwo\nthree\n']);
    expect(sim.dispatch({ type: 'exec', line: 'echo only' })).not.toHaveProperty('chunks');
  });

  it('splits unquoted values into words but keeps quoted ones whole', () => {
    const { run } = shell();
    run('export ARGS="-n kube-system"');
    expect(pick(run('printf "[%s]" $ARGS; echo; printf "[%s]" "$ARGS"; echo'))).toEqual(result('[-n][kube-system]\n[-n kube-system]\n'));
  });

  it('treats # as a comment only at the start of a word', () => {
    const { run } = shell();
    expect(pick(run('echo a#b "#c" \'#d\' # the rest is ignored'))).toEqual(result('a#b #c #d\n'));
    expect(pick(run('# only a comment'))).toEqual(result(''));
  });

  it('gives VAR=value cmd a temporary variable and VAR=value alone a lasting one', () => {
    const { run } = shell();
    expect(pick(run('GREETING=hi printenv GREETING; printenv GREETING'))).toEqual(result('hi\n', '', 1));
    run('GREETING=hello');
    expect(pick(run('echo $GREETING'))).toEqual(result('hello\n'));
  });

  it('substitutes $(…) and backquotes, including the jsonpath idiom', () => {
    const { run } = shell();
    expect(pick(run('echo "ip=$(kubectl get svc kubernetes -o jsonpath=\'{.spec.clusterIP}\')"'))).toEqual(result('ip=10.0.0.1\n'));
    expect(pick(run('echo `echo back` $(echo a b | wc -w)'))).toEqual(result('back 2\n'));
  });

  it('redirects stdout, stderr and both, appends, and reads files with <', () => {
    const { run } = shell();
    expect(pick(run('echo one > f.txt; echo two >> f.txt; cat < f.txt'))).toEqual(result('one\ntwo\n'));
    expect(pick(run('cat missing.txt 2> err.txt; cat err.txt'))).toEqual(result('cat: missing.txt: No such file or directory\n'));
    expect(pick(run('cat missing.txt > all.txt 2>&1; cat all.txt'))).toEqual(result('cat: missing.txt: No such file or directory\n'));
    expect(pick(run('echo to-stderr >&2'))).toEqual(result('', 'to-stderr\n'));
    expect(pick(run('cat missing.txt 2>/dev/null || echo failed'))).toEqual(result('failed\n'));
    expect(pick(run('echo x > nodir/f'))).toEqual(result('', 'bash: nodir/f: No such file or directory\n', 1));
  });

  it('lets a sleep run to its end past the runner\'s wait limit, and cuts short a wait that has no end', () => {
    const sim = createSimulation({ seed: 1 });
    const [slept, watched] = runScript(sim, 'sleep 3600\nkubectl get pods -w');
    expect(pick(slept)).toEqual(result(''));
    expect(watched.time).toBe(3_600_000);
    expect(watched.exitCode).toBe(130);
    expect(sim.now).toBe(3_600_000 + 600_000);
    expect(runLine(sim, 'while true; do sleep 5; done', 60_000).exitCode).toBe(130);
    expect(sim.now).toBe(4_200_000 + 60_000);
  });

  it('writes heredocs to files, quoted delimiters keeping $ literal', () => {
    const { run } = shell();
    expect(pick(runScript(createSimulation({ seed: 1 }), 'X=1\ncat <<EOF\nx=$X\nEOF')[1])).toEqual(result('x=1\n'));
    expect(pick(run("cat <<'EOF' > lit.txt\nx=$X\nEOF"))).toEqual(result(''));
    expect(pick(run('cat lit.txt'))).toEqual(result('x=$X\n'));
  });

  it('expands globs against the file system and leaves unmatched patterns as written', () => {
    const { run } = shell();
    run('touch a.yaml b.yaml c.txt');
    expect(pick(run('echo *.yaml'))).toEqual(result('a.yaml b.yaml\n'));
    expect(pick(run('ls *.json'))).toEqual(result('', "ls: cannot access '*.json': No such file or directory\n", 2));
    expect(pick(run("echo '*.yaml'"))).toEqual(result('*.yaml\n'));
  });

  it('answers unknown commands and syntax errors like bash', () => {
    const { run } = shell();
    expect(pick(run('kubctl get pods'))).toEqual(result('', 'bash: kubctl: command not found\n', 127));
    expect(pick(run('echo a && && echo b'))).toEqual(result('', "bash: syntax error near unexpected token `&&'\n", 2));
    expect(pick(run('echo "open'))).toEqual(result('', "bash: unexpected EOF while looking for matching `\"'\n", 2));
    expect(pick(run('./deploy.sh'))).toEqual(result('', 'bash: ./deploy.sh: No such file or directory\n', 127));
    expect(pick(run('[[ -n x ]] && echo set'))).toEqual(result('', "kubesim: '[[' is not simulated in this terminal (for, while, until and if are)\n", 2));
    expect(pick(run('fi'))).toEqual(result('', "bash: syntax error near unexpected token `fi'\n", 2));
  });

  it('runs background jobs, lists them with jobs and stops them with kill %N', () => {
    const { run, sim } = shell();
    expect(pick(run('sleep 100 &'))).toEqual(result('', '[1] 5002\n'));
    expect(pick(run('jobs'))).toEqual(result('[1]+  Running                 sleep 100 &\n'));
    expect(pick(run('kill %1'))).toEqual(result('', '[1]+  Terminated              sleep 100\n'));
    expect(pick(run('jobs'))).toEqual(result(''));
    expect(pick(run('kill %3'))).toEqual(result('', 'bash: kill: %3: no such job\n', 1));
    expect(sim.shell.bugs).toEqual([]);
  });

  it('keeps history and moves through directories', () => {
    const { run } = shell();
    run('mkdir -p work/sub');
    run('cd work/sub');
    expect(pick(run('pwd'))).toEqual(result('/home/student/work/sub\n'));
    expect(pick(run('cd ~ && pwd'))).toEqual(result('/home/student\n'));
    expect(run('history').stdout).toBe('    1  mkdir -p work/sub\n    2  cd work/sub\n    3  pwd\n    4  cd ~ && pwd\n    5  history\n');
  });

  it('prints with printf as bash does', () => {
    const { run } = shell();
    expect(pick(run("printf '%-6s|%3d|%05.1f|%x\\n' ab 7 3.14159 255"))).toEqual(result('ab    |  7|003.1|ff\n'));
    expect(pick(run("printf '%s\\n' a b c"))).toEqual(result('a\nb\nc\n'));
  });
});
