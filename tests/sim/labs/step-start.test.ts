import { describe, expect, it } from 'vitest';
import { createSimulation, replay } from '../../../sim/engine';
import { parseSolution, filledFileCommand } from '../../../sim/labs/solution';
import { buildStepStart, labTimeline, nodeNamesFor, TYPING_GAP_MS } from '../../../sim/labs/step-start';
import { loadLabSet } from '../../../sim/labs/lab-set';
import { checkLab } from '../../../sim/labs/lab-runner';
import { sh } from './lab-fixtures';

function labText(front: string[], steps: string[]): string {
  return ['---', 'summary: s', 'module: 1', 'estimatedMinutes: 5', ...front, '---', ...steps].join('\n');
}

const BASE = labText(['title: Base', 'seed: 5', 'scenario: fresh'], [
  '## Deploy {#deploy}',
  '```file web.yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: 2',
  '  selector:', '    matchLabels:', '      app: web', '  template:', '    metadata:', '      labels:', '        app: web',
  '    spec:', '      containers:', '      - name: web', '        image: nginx:v1', '```',
  '```check', 'pods: app=web', 'count: 2', 'ready: true', '```',
  '```solution', '@write web.yaml', 'kubectl apply -f web.yaml', 'sleep 20', '```',
  '## Note the address {#ip}',
  '```file note.txt', 'web runs at WEB_IP', '```',
  '```check', 'file: note.txt', 'matches: "^web runs at 10\\\\.244\\\\."', '```',
  '```solution', "WEB_IP=$(kubectl get pod -l app=web -o jsonpath='{.items[0].status.podIP}')", '@write note.txt WEB_IP=$WEB_IP', '```',
  '## Scale {#scale}',
  '```check', 'pods: app=web', 'count: 3', 'ready: true', '```',
  '```solution', 'kubectl scale deployment web --replicas=3', 'sleep 15', '```',
]);

const NEXT = labText(['title: Next', 'seed: 6', 'scenario:', '  after: base#ip'], [
  '## Stop a node {#stop}',
  '```check', 'nodes: 1', 'running: false', '```',
  '```solution', '@stop-node 2', 'sleep 1', '```',
  '## Start it {#start}',
  '```check', 'nodes: 3', 'running: true', '```',
  '```solution', '@start-node 2', '```',
]);

const set = loadLabSet([{ id: 'base', text: BASE }, { id: 'next', text: NEXT }]);
const base = set.resolve('base')!;
const next = set.resolve('next')!;

describe('parseSolution', () => {
  it('turns sleeps into waits and keeps heredocs whole', () => {
    expect(parseSolution('# set up\nsleep 5\nsleep 1.5\nsleep 2m\ncat <<EOF > a\nx\nEOF\nkubectl get pods')).toEqual({
      ok: true, actions: [
        { kind: 'wait', ms: 5_000 }, { kind: 'wait', ms: 1_500 }, { kind: 'wait', ms: 120_000 },
        { kind: 'exec', line: 'cat <<EOF > a\nx\nEOF' }, { kind: 'exec', line: 'kubectl get pods' },
      ],
    });
  });

  it('rejects malformed directives', () => {
    expect(parseSolution('@write\n@write a.yaml IP\n@stop-node two\n@dance')).toEqual({
      ok: false, errors: [
        '@write needs a file name', '@write a.yaml: "IP" is not PLACEHOLDER=VALUE',
        '@stop-node needs a node number (0 for the first node)', 'unknown directive @dance (use @write, @stop-node, @start-node)',
      ],
    });
  });
});

describe('filledFileCommand', () => {
  it('writes the file as given, with only the placeholders expanded by the shell', () => {
    const line = filledFileCommand({ name: 'x.txt', content: 'addr: ADDR\nliteral: $HOME `date` \\n\n' }, [['ADDR', '$IP']]);
    expect(line).toBe('cat <<KUBESIM_EOF > x.txt\naddr: $IP\nliteral: \\$HOME \\`date\\` \\\\n\nKUBESIM_EOF');
    const sim = createSimulation({ seed: 1 });
    sh(sim, 'IP=10.244.1.7', line);
    expect(sim.shell.fs.read('/home/student/x.txt')).toEqual({ ok: true, value: 'addr: 10.244.1.7\nliteral: $HOME `date` \\n\n' });
  });
});

describe('labTimeline and buildStepStart', () => {
  it('lays each step out on the virtual clock', () => {
    const t = labTimeline(base, set.resolve);
    if (typeof t === 'string') throw new Error(t);
    expect(t.options).toEqual({ seed: 5 });
    expect(t.prelude).toEqual([]);
    expect(t.steps.map((s) => [s.stepId, s.startMs, s.endMs])).toEqual([
      ['deploy', 0, 2 * TYPING_GAP_MS + 20_000],
      ['ip', 24_000, 28_000],
      ['scale', 28_000, 28_000 + TYPING_GAP_MS + 15_000],
    ]);
    expect(t.steps[0].commands[0]).toEqual({ at: 0, command: { type: 'writeFile', path: '/home/student/web.yaml', content: expect.stringContaining('image: nginx:v1') } });
    expect(t.steps[1].commands[1].command).toEqual({ type: 'exec', line: 'cat <<KUBESIM_EOF > note.txt\nweb runs at $WEB_IP\nKUBESIM_EOF' });
  });

  it('starts a lab after another lab\'s step, with node directives resolved for its own seed', () => {
    const t = labTimeline(next, set.resolve);
    if (typeof t === 'string') throw new Error(t);
    expect(t.options).toEqual({ seed: 6 });
    expect(t.prelude.length).toBe(4);
    expect(t.preludeEndMs).toBe(28_000);
    const nodes = nodeNamesFor(6);
    expect(t.steps[0].commands).toEqual([{ at: 28_000, command: { type: 'stopNode', node: nodes[2] } }]);
    expect(t.steps[1]).toMatchObject({ startMs: 31_000, commands: [{ at: 31_000, command: { type: 'startNode', node: nodes[2] } }] });
    expect(createSimulation({ seed: 6 }).store.list('Node').map((n) => n.metadata.name)).toEqual(nodes);
  });

  it('builds the run record of a step\'s start, which replays to the cluster the lab check saw there', () => {
    const start = buildStepStart(base, 'scale', set.resolve);
    if (typeof start === 'string') throw new Error(start);
    expect(start.atMs).toBe(28_000);
    expect(start.record).toMatchObject({ format: 'kubesim-run', version: 1, options: { seed: 5 } });
    expect(start.record.commands.map((c) => c.at)).toEqual([0, 2_000, 24_000, 26_000]);
    const sim = replay(start.record);
    sim.runUntil(start.atMs, Number.POSITIVE_INFINITY);
    expect(sim.now).toBe(28_000);
    const pods = sim.store.list('Pod', 'default').map((p) => p.metadata.name);
    expect(pods).toHaveLength(2);
    expect(sim.shell.fs.read('/home/student/note.txt')).toEqual({ ok: true, value: expect.stringMatching(/^web runs at 10\.244\.\d+\.\d+\n$/) });

    // The same state, object for object, as the lab check had when it judged the step.
    const report = checkLab(base, set.resolve, new Set());
    expect(report.steps.map((s) => s.verdict)).toEqual(['ok', 'ok', 'ok']);
    const again = replay(start.record);
    again.runUntil(start.atMs, Number.POSITIVE_INFINITY);
    expect(again.store.list('Pod', 'default')).toEqual(sim.store.list('Pod', 'default'));
    expect(report.steps[2].before.items[0].detail).toBe(`found ${pods.map((p) => `${p} (Running)`).join(', ')}`);
  });

  it('reports what it cannot build', () => {
    expect(buildStepStart(base, 'nope', set.resolve)).toBe('base has no step "nope"');
    const loop = loadLabSet([
      { id: 'a', text: labText(['title: A', 'seed: 1', 'scenario: {after: b#s}'], ['## S {#s}', '```check', 'history: x', '```', '```solution', 'x', '```']) },
      { id: 'b', text: labText(['title: B', 'seed: 1', 'scenario: {after: a#s}'], ['## S {#s}', '```check', 'history: x', '```', '```solution', 'x', '```']) },
    ]);
    expect(labTimeline(loop.resolve('a')!, loop.resolve)).toBe('scenario loop: a → b → a');
    const far = loadLabSet([{ id: 'far', text: labText(['title: F', 'seed: 1', 'scenario: fresh'], ['## S {#s}', '```check', 'history: x', '```', '```solution', '@stop-node 7', '```']) }]);
    expect(labTimeline(far.resolve('far')!, far.resolve)).toBe('far#s: there is no node 7 (the cluster has 3)');
  });
});
