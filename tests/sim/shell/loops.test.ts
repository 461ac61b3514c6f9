import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { runLine, runScript } from '../../../sim/cli/run-script';
import { expandBraceRanges, loopIncomplete, parseLoop } from '../../../sim/shell/loops';
import { evaluateArithmetic } from '../../../sim/shell/arithmetic';
import { needsMoreInput, splitCommands } from '../../../sim/shell/parse';

const shell = () => {
  const sim = createSimulation({ seed: 3 });
  const run = (line: string) => { const r = runLine(sim, line); return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }; };
  return { sim, run };
};

describe('loops', () => {
  it('read for, while and until, nested, over lines, with what follows done', () => {
    expect(parseLoop('for i in 1 2; do echo $i; done')).toEqual({ kind: 'loop', loop: { kind: 'for', name: 'i', words: '1 2', body: 'echo $i', rest: undefined } });
    expect(parseLoop('for x in a b\ndo\n  echo "x; $x"\ndone | sort -r')).toMatchObject({ kind: 'loop', loop: { words: 'a b', body: 'echo "x; $x"', rest: { op: '|', text: ' sort -r' } } });
    expect(parseLoop('for i in 1; do for j in 2; do echo $i$j; done; done')).toMatchObject({ kind: 'loop', loop: { body: 'for j in 2; do echo $i$j; done' } });
    expect(parseLoop('while sleep 1; do kubectl get pods; done && echo ok')).toMatchObject({ kind: 'loop', loop: { kind: 'while', condition: 'sleep 1', rest: { op: '&&' } } });
    expect(parseLoop('echo for')).toEqual({ kind: 'none' });
    expect(parseLoop("for i in 'do'; do echo done; done")).toMatchObject({ kind: 'loop', loop: { words: "'do'", body: 'echo done' } });
    expect(parseLoop('for 1x in a; do echo; done')).toEqual({ kind: 'error', error: '`1x\': not a valid identifier' });
    expect(parseLoop('for i in 1 2; do done')).toEqual({ kind: 'error', error: "syntax error near unexpected token `done'" });
    expect(loopIncomplete('for i in 1 2')).toBe(true);
    expect(loopIncomplete('for i in 1 2; do echo $i')).toBe(true);
    expect(loopIncomplete('echo a; while true; do sleep 1')).toBe(true);
    expect(loopIncomplete('for i in 1 2; do echo $i; done')).toBe(false);
    expect(needsMoreInput('for i in 1 2')).toBe(true);
    expect(splitCommands('for i in 1 2\ndo\n  echo $i\ndone\necho next\n')).toEqual(['for i in 1 2\ndo\n  echo $i\ndone', 'echo next']);
  });

  it('run a for loop over words, brace ranges and command output, and pipe what it wrote on', () => {
    const { run } = shell();
    expect(run('for i in {1..3}; do echo "try $i"; done')).toEqual({ stdout: 'try 1\ntry 2\ntry 3\n', stderr: '', exitCode: 0 });
    expect(run('for n in $(seq 3); do echo $((n * 10)); done | sort -rn | head -2')).toEqual({ stdout: '30\n20\n', stderr: '', exitCode: 0 });
    expect(run('for i in 1 2; do for j in a b; do echo -n $i$j" "; done; done; echo').stdout).toBe('1a 1b 2a 2b \n');
    expect(run('echo start; for i in 1 2; do echo $i; done && echo end').stdout).toBe('start\n1\n2\nend\n');
    expect(run('for i in 1 2; do false; done || echo failed').stdout).toBe('failed\n');
    // A loop written into a file by a heredoc is text, not run.
    expect(run("cat <<'EOF' > run.sh\nfor i in 1 2; do echo $i; done\nEOF")).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(run('cat run.sh').stdout).toBe('for i in 1 2; do echo $i; done\n');
  });

  it('leave a loop with break and go on with continue, also for an outer loop', () => {
    const { run } = shell();
    expect(run('for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done').stdout).toBe('1\n2\n');
    expect(run('for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done').stdout).toBe('1\n3\n');
    expect(run('for i in 1 2; do for j in a b c; do [ $j = b ] && continue 2; echo $i$j; done; done').stdout).toBe('1a\n2a\n');
    expect(run('for i in 1 2; do for j in a b; do break 2; done; echo never; done; echo out').stdout).toBe('out\n');
    expect(run('n=0; while true; do n=$((n+1)); [ $n -gt 2 ] && break; echo n=$n; done').stdout).toBe('n=1\nn=2\n');
    expect(run('break')).toEqual({ stdout: '', stderr: "bash: break: only meaningful in a `for', `while', or `until' loop\n", exitCode: 0 });
    expect(run('type continue').stdout).toBe('continue is a shell builtin\n');
  });

  it('run if, elif and else on their conditions, nested and inside loops', () => {
    const { run } = shell();
    expect(parseLoop('if a; then b; elif c; then d; else e; fi | sort')).toEqual({ kind: 'loop', loop: {
      kind: 'if', branches: [{ condition: 'a', body: 'b' }, { condition: 'c', body: 'd' }], otherwise: 'e', rest: { op: '|', text: ' sort' },
    } });
    expect(parseLoop('if a; then b')).toEqual({ kind: 'incomplete' });
    expect(parseLoop('if a; fi')).toEqual({ kind: 'error', error: "syntax error near unexpected token `fi'" });
    expect(run('x=2; if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo many; fi').stdout).toBe('two\n');
    expect(run('if kubectl get svc nope >/dev/null 2>&1; then echo exists; else echo missing; fi').stdout).toBe('missing\n');
    expect(run('if false; then echo never; fi; echo $?').stdout).toBe('0\n');
    expect(run('for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done').stdout).toBe('1\n3\n');
    expect(run('if true; then if false; then echo a; else echo nested; fi; fi | tr a-z A-Z').stdout).toBe('NESTED\n');
    expect(needsMoreInput('if true\nthen')).toBe(true);
    expect(splitCommands('if true\nthen\n  echo multi\nfi\necho next')).toEqual(['if true\nthen\n  echo multi\nfi', 'echo next']);
  });

  it('run while and until loops on their condition, as the clock moves', () => {
    const { sim, run } = shell();
    expect(run('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done').stdout).toBe('0\n1\n2\n');
    const before = sim.now;
    expect(run('n=1; until [ $n -gt 3 ]; do echo n=$n; n=$((n+1)); sleep 2; done').stdout).toBe('n=1\nn=2\nn=3\n');
    expect(sim.now - before).toBe(6_000);
    // A loop that never lets time pass would hold the simulation: it is stopped.
    expect(run('while true; do echo spin; done | tail -1')).toEqual({
      stdout: 'spin\n', stderr: 'kubesim: the loop ran 10000 times without time passing and was stopped (add a sleep to it)\n', exitCode: 0,
    });
  });

  it('watch load balancing the way students do: a Service spreads requests over its pods', () => {
    const sim = createSimulation({ seed: 5 });
    const results = runScript(sim, [
      'kubectl create deployment web --image=nginx:1.27 --replicas=3', 'kubectl expose deployment web --port=80', 'sleep 40',
      "for i in $(seq 30); do kubectl exec deploy/web -- curl -s -o /dev/null -w '%{http_code}\\n' http://web; done | sort | uniq -c",
    ].join('\n'));
    expect(results.at(-1)).toMatchObject({ stdout: '     30 200\n', stderr: '', exitCode: 0 });
  });
});

describe('arithmetic expansion', () => {
  it('evaluates integers, variables, precedence and comparisons as bash does', () => {
    const vars = new Map([['x', '7'], ['s', 'abc']]);
    const look = (n: string) => vars.get(n);
    expect(evaluateArithmetic('1 + 2 * 3', look)).toBe('7');
    expect(evaluateArithmetic('(x + 1) / 3', look)).toBe('2');
    expect(evaluateArithmetic('-x % 4', look)).toBe('-3');
    expect(evaluateArithmetic('2 ** 3 ** 2', look)).toBe('512');
    expect(evaluateArithmetic('x > 5 && !0', look)).toBe('1');
    expect(evaluateArithmetic('s + unset', look)).toBe('0');
    expect(() => evaluateArithmetic('1 / 0', look)).toThrow('1 / 0: division by 0 (error token is "0")');
    expect(() => evaluateArithmetic('1 +', look)).toThrow(/syntax error: operand expected/);
  });

  it('expands in commands, and a wrong one is reported without running the command', () => {
    const { run } = shell();
    expect(run('x=4; echo $((x*x)) "$(( x - 1 ))"').stdout).toBe('16 3\n');
    expect(run('echo $((2/0))')).toEqual({ stdout: '', stderr: 'bash: 2/0: division by 0 (error token is "0")\n', exitCode: 2 });
  });
});

describe('test, [ and seq', () => {
  it('compare strings and integers and look at files, with bash messages', () => {
    const { run } = shell();
    expect(run('[ a = a ] && [ 2 -gt 1 ] && [ -n x ] && [ -z "" ] && [ -d /tmp ] && [ ! -f /nope ] && echo yes').stdout).toBe('yes\n');
    expect(run('test 3 -le 2; echo $?').stdout).toBe('1\n');
    expect(run('[ x -eq 1 ]')).toEqual({ stdout: '', stderr: 'bash: [: x: integer expression expected\n', exitCode: 2 });
    expect(run('[ 1 -eq 1')).toEqual({ stdout: '', stderr: "bash: [: missing `]'\n", exitCode: 2 });
    expect(run('[ 1 -foo 1 ]')).toEqual({ stdout: '', stderr: 'bash: [: -foo: binary operator expected\n', exitCode: 2 });
  });

  it('counts as coreutils seq does', () => {
    const { run } = shell();
    expect(run('seq 3').stdout).toBe('1\n2\n3\n');
    expect(run('seq 2 2 7').stdout).toBe('2\n4\n6\n');
    expect(run('seq 3 -1 1').stdout).toBe('3\n2\n1\n');
    expect(run('seq -s, 4').stdout).toBe('1,2,3,4\n');
    expect(run('seq -w 8 10').stdout).toBe('08\n09\n10\n');
    expect(run('seq 5 1').stdout).toBe('');
    expect(run('seq')).toEqual({ stdout: '', stderr: "seq: missing operand\nTry 'seq --help' for more information.\n", exitCode: 1 });
    expect(run('seq x')).toEqual({ stdout: '', stderr: "seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n", exitCode: 1 });
  });

  it('expands brace sequences', () => {
    expect(expandBraceRanges('{1..4}')).toBe('1 2 3 4');
    expect(expandBraceRanges('pod-{a..c} x')).toBe('pod-a pod-b pod-c x');
    expect(expandBraceRanges('{10..0..5}')).toBe('10 5 0');
    expect(expandBraceRanges("'{1..3}'")).toBe("'{1..3}'");
  });
});
