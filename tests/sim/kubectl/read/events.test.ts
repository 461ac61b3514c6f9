// Golden tests for `kubectl events` (kubectl pkg/cmd/events) and kubectl's root help (pkg/cmd/cmd.go groups).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { humanDuration, parseTimestamp } from '../../../../sim/model/time';
import { freshSim, objects, table } from './expect-helpers';

type Any = Record<string, any>;

describe('kubectl events', () => {
  it('lists the namespace\'s events oldest first, with the involved object\'s Kind as stored', () => {
    const sim = freshSim();
    runLine(sim, 'kubectl create deployment web --image=nginx:1.27');
    runLine(sim, 'sleep 20');
    const now = sim.clock.nowEpochMs;
    const events = (objects(sim, 'Event', 'default') as Any[]).map((e, i) => ({ e, i }))
      .sort((a, b) => parseTimestamp(a.e.lastTimestamp) - parseTimestamp(b.e.lastTimestamp) || a.i - b.i).map((x) => x.e);
    const r = runLine(sim, 'kubectl events');
    expect(r).toMatchObject({ stderr: '', exitCode: 0 });
    expect(r.stdout).toBe(table([
      ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
      ...events.map((e) => [humanDuration(now - parseTimestamp(e.firstTimestamp)), e.type, e.reason, `${e.involvedObject.kind}/${e.involvedObject.name}`, e.message]),
    ]));
    expect(r.stdout).toContain('   Deployment/web   ');
  });

  it('filters with --for and --types, and says so on stderr when nothing is left', () => {
    const sim = freshSim();
    runLine(sim, 'kubectl create deployment web --image=nginx:1.27');
    runLine(sim, 'sleep 20');
    const out = runLine(sim, 'kubectl events --for deployment/web').stdout;
    expect(out.split('\n')[1]).toMatch(/^20s +Normal +ScalingReplicaSet +Deployment\/web +Scaled up replica set web-[4-9bcdf]+ from 0 to 1$/);
    expect(out.trim().split('\n')).toHaveLength(2);
    expect(runLine(sim, 'kubectl events --types=Warning')).toMatchObject({ stdout: '', stderr: 'No events found in default namespace.\n', exitCode: 0 });
    expect(runLine(sim, 'kubectl events --types=Bad')).toMatchObject({ stdout: '', stderr: 'error: valid --types are Normal or Warning\n', exitCode: 1 });
    expect(runLine(sim, 'kubectl events --for web')).toMatchObject({ stderr: 'error: --for must be in resource/name form\n', exitCode: 1 });
  });

  it('adds NAMESPACE with -A', () => {
    const out = runLine(freshSim(), 'kubectl events -A').stdout;
    expect(out.split('\n')[0]).toMatch(/^NAMESPACE +LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(out.split('\n')[1]).toMatch(/^default +12m +Normal +RegisteredNode +Node\/aks-/);
  });
});

describe('kubectl root help', () => {
  it('prints every command group of kubectl 1.34 for `kubectl`, `kubectl help` and `kubectl --help`', () => {
    const sim = freshSim();
    const out = runLine(sim, 'kubectl').stdout;
    for (const group of ['Deploy Commands:', 'Cluster Management Commands:', 'Troubleshooting and Debugging Commands:',
      'Advanced Commands:', 'Settings Commands:', 'Subcommands provided by plugins:', 'Other Commands:']) expect(out).toContain(`\n${group}\n`);
    expect(out).toContain('\n  events          List events\n\nAdvanced Commands:\n');
    expect(out).toContain('\nOther Commands:\n  api-resources   Print the supported API resources on the server\n');
    expect(runLine(sim, 'kubectl help')).toMatchObject({ stdout: out, stderr: '', exitCode: 0 });
    expect(runLine(sim, 'kubectl --help').stdout).toBe(out);
  });

  it('shows a command\'s help for `kubectl help COMMAND`', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl help get').stdout).toBe(runLine(sim, 'kubectl get --help').stdout);
  });

  it('says a real kubectl command is not simulated instead of calling it unknown', () => {
    expect(runLine(freshSim(), 'kubectl cp a b')).toMatchObject({ stdout: '', stderr: 'error: kubectl cp is not simulated in kubesim\n', exitCode: 1 });
    expect(runLine(freshSim(), 'kubectl gt')).toMatchObject({ stderr: 'error: unknown command "gt" for "kubectl"\n\nDid you mean this?\n\tcp\n\tget\n\tset\n', exitCode: 1 });
  });
});
