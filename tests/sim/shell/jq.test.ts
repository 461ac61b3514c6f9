import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { runLine } from '../../../sim/cli/run-script';
import { compilePathFilter, runPathFilter } from '../../../sim/shell/programs/jq-paths';
import { parseJsonTexts } from '../../../sim/shell/programs/json-texts';

const DOC = JSON.stringify({ kind: 'List', items: [{ metadata: { name: 'a' }, status: { podIP: '10.244.0.5' } }, { metadata: { name: 'b' }, status: {} }] });

function shell() {
  const sim = createSimulation({ seed: 1 });
  sim.dispatch({ type: 'writeFile', path: '/home/student/pods.json', content: `${DOC}\n` });
  return (line: string) => { const r = runLine(sim, line); return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }; };
}

describe('jq', () => {
  it('pretty-prints with two spaces, colours off, and empty collections inline', () => {
    const run = shell();
    expect(run(`echo '{"a":{"b":[1,2]},"e":[],"o":{},"s":"x"}' | jq .`)).toEqual({
      stdout: '{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  },\n  "e": [],\n  "o": {},\n  "s": "x"\n}\n', stderr: '', exitCode: 0,
    });
    expect(run(`echo '{"a":{"b":1}}' | jq -c .`)).toEqual({ stdout: '{"a":{"b":1}}\n', stderr: '', exitCode: 0 });
  });

  it('follows paths, iterates, and prints raw strings with -r', () => {
    const run = shell();
    expect(run("jq '.items[0].status.podIP' pods.json")).toEqual({ stdout: '"10.244.0.5"\n', stderr: '', exitCode: 0 });
    expect(run('jq -r .items[].metadata.name pods.json')).toEqual({ stdout: 'a\nb\n', stderr: '', exitCode: 0 });
    expect(run("jq '.items[1].status.podIP' pods.json")).toEqual({ stdout: 'null\n', stderr: '', exitCode: 0 });
    expect(run("jq '.items | length' pods.json")).toEqual({ stdout: '2\n', stderr: '', exitCode: 0 });
    expect(run('jq -c keys pods.json')).toEqual({ stdout: '["items","kind"]\n', stderr: '', exitCode: 0 });
    expect(run("jq -r '.items[] | select(.status.podIP) | .metadata.name' pods.json")).toEqual({ stdout: 'a\n', stderr: '', exitCode: 0 });
  });

  it('reads kubectl -o json through a pipe', () => {
    const run = shell();
    expect(run("kubectl get svc kubernetes -o json | jq -r '.spec.clusterIP'")).toEqual({ stdout: '10.0.0.1\n', stderr: '', exitCode: 0 });
  });

  it('fails as jq does: type errors (5), bad filters (3), input that is not JSON (2)', () => {
    const run = shell();
    expect(run("jq '.kind.x' pods.json")).toEqual({ stdout: '', stderr: 'jq: error (at <stdin>:1): Cannot index string with "x"\n', exitCode: 5 });
    expect(run("jq '.kind[]' pods.json")).toEqual({ stdout: '', stderr: 'jq: error (at <stdin>:1): Cannot iterate over string ("List")\n', exitCode: 5 });
    expect(run("jq '.items[0].nope[]' pods.json")).toEqual({ stdout: '', stderr: 'jq: error (at <stdin>:1): Cannot iterate over null\n', exitCode: 5 });
    expect(run("jq 'now' pods.json")).toEqual({ stdout: '', stderr: "jq: error: now is not supported by kubesim's jq\n", exitCode: 3 });
    expect(run("jq 'nosuchfn' pods.json")).toEqual({ stdout: '', stderr: 'jq: error: nosuchfn/0 is not defined at <top-level>, line 1:\nnosuchfn\njq: 1 compile error\n', exitCode: 3 });
    expect(run('echo hello world | jq .')).toEqual({ stdout: '', stderr: 'jq: parse error: Invalid literal at line 1, column 6\n', exitCode: 2 });
  });

  it('evaluates the path subset exactly (unit)', () => {
    const f = compilePathFilter('.a[1], .b | length')!;
    expect([...runPathFilter(f, { a: [1, 'xyz'], b: [1, 2, 3] })]).toEqual([3, 3]);
    expect(compilePathFilter('map(.)')).toBeUndefined();
    expect(parseJsonTexts('1 {"a":2}\n[3]').texts.map((t) => t.value)).toEqual([1, { a: 2 }, [3]]);
  });
});
