import { describe, expect, it } from 'vitest';
import { needsMoreInput, parseCommand, splitCommands } from '../../../sim/shell/parse';

const env = (vars: Record<string, string>) => (name: string) => vars[name];

describe('shell line parsing', () => {
  it('splits a script into commands, keeping heredoc bodies with their command', () => {
    const script = [
      '# comment line',
      'cat <<EOF > mongo.svc.yaml',
      'kind: Service',
      'EOF',
      '',
      'kubectl apply -f mongo.svc.yaml && \\',
      '  kubectl get svc',
    ].join('\n');
    expect(splitCommands(script)).toEqual([
      '# comment line',
      'cat <<EOF > mongo.svc.yaml\nkind: Service\nEOF',
      'kubectl apply -f mongo.svc.yaml &&   kubectl get svc',
    ]);
  });

  it('reads an unclosed quote on over the next lines and keeps its newlines, as bash does', () => {
    expect(splitCommands("echo 'a\nb'\necho done")).toEqual(["echo 'a\nb'", 'echo done']);
    const r = parseCommand('echo "x\ny" z', env({}));
    expect(r.ok && r.list[0].pipeline[0].argv).toEqual(['echo', 'x\ny', 'z']);
    const joined = parseCommand('echo one \\\n two', env({}));
    expect(joined.ok && joined.list[0].pipeline[0].argv).toEqual(['echo', 'one', 'two']);
  });

  it('parses pipelines, and/or lists and redirects', () => {
    const r = parseCommand('kubectl get pods | grep Running > out.txt && echo ok || echo no; echo done', env({}));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.list.map((s) => s.join)).toEqual([';', '&&', '||', ';']);
    expect(r.list[0].pipeline.map((c) => c.argv)).toEqual([['kubectl', 'get', 'pods'], ['grep', 'Running']]);
    expect(r.list[0].pipeline[1].redirects).toEqual([{ fd: 1, op: '>', target: 'out.txt' }]);
  });

  it('attaches a heredoc body as stdin, expanding variables unless the delimiter is quoted', () => {
    const vars = env({ IP: '10.244.1.7' });
    const expanded = parseCommand('kubectl apply -f - <<EOF\nvalue: $IP\nEOF', vars);
    const literal = parseCommand("cat <<'EOF'\nvalue: $IP\nEOF", vars);
    expect(expanded.ok && expanded.list[0].pipeline[0].stdin).toBe('value: 10.244.1.7\n');
    expect(literal.ok && literal.list[0].pipeline[0].stdin).toBe('value: $IP\n');
  });

  it('recognises 2> and 2>&1 without taking a bare 2 argument for a redirect', () => {
    const r = parseCommand('curl x 2>&1 > log; echo 2 > f; cmd 2>/dev/null', env({}));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.list[0].pipeline[0].redirects).toEqual([{ fd: 2, op: '>&1', target: '' }, { fd: 1, op: '>', target: 'log' }]);
    expect(r.list[1].pipeline[0].argv).toEqual(['echo', '2']);
    expect(r.list[2].pipeline[0].redirects).toEqual([{ fd: 2, op: '>', target: '/dev/null' }]);
  });

  it('reports syntax errors like bash', () => {
    const r = parseCommand('echo a && && echo b', env({}));
    expect(r).toEqual({ ok: false, error: "syntax error near unexpected token `&&'" });
  });

  it('knows when the terminal must keep reading', () => {
    expect(needsMoreInput('cat <<EOF > f\nkind: Service')).toBe(true);
    expect(needsMoreInput('cat <<EOF > f\nkind: Service\nEOF')).toBe(false);
    expect(needsMoreInput('echo "open')).toBe(true);
    expect(needsMoreInput('kubectl get \\')).toBe(true);
    expect(needsMoreInput('kubectl get pods')).toBe(false);
  });
});

describe('splitting a line at its operators, then each command as it runs', () => {
  it('keeps operators inside quotes and $(…) as text, and cuts a comment', async () => {
    const { splitOperators, parseList, parseSimple } = await import('../../../sim/shell/parse');
    const r = splitOperators(`echo "a;b" 'c|d' $(kubectl get pods | wc -l) && x=1 # note; not a command`);
    expect(r.ok && r.segments.map((s) => [s.raw.trim(), s.op])).toEqual([
      ['echo "a;b" \'c|d\' $(kubectl get pods | wc -l)', '&&'], ['x=1', 'end'],
    ]);
    const bg = parseList('kubectl port-forward svc/x 8080:80 & curl localhost:8080');
    expect(bg.ok && bg.list.map((s) => [s.pipeline.map((c) => c.raw), s.background ?? false])).toEqual([
      [['kubectl port-forward svc/x 8080:80'], true], [['curl localhost:8080'], false],
    ]);
    const simple = parseSimple({ raw: 'cat *.yaml 2>&1 >out &>all' }, env({}));
    expect(simple.ok && simple.cmd).toEqual({
      argv: ['cat', '*.yaml'], globs: [1],
      redirects: [{ fd: 2, op: '>&1', target: '' }, { fd: 1, op: '>', target: 'out' }, { fd: 1, op: '>', target: 'all' }, { fd: 2, op: '>&1', target: '' }],
    });
  });

  it('expands parameters quote-aware and matches globs as bash does', async () => {
    const { prepareLine, globMatches } = await import('../../../sim/shell/expand');
    expect(prepareLine('echo $A "$A" \'$A\' ~/x a#b', env({ A: 'x y' }))).toBe("echo 'x' 'y' \"x y\" '$A' /home/student/x a\\#b");
    expect(['a.yaml', '.hidden.yaml', 'b.yml'].filter((n) => globMatches('*.y*ml', n))).toEqual(['a.yaml', 'b.yml']);
  });
});
