import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { runLine } from '../../../sim/cli/run-script';
import { ctime, watchHeader } from '../../../sim/shell/programs/watch';

describe('watch', () => {
  it('titles each screen as procps-ng does, with the time as ctime writes it', () => {
    expect(ctime(Date.UTC(2026, 0, 1, 9, 0, 2))).toBe('Thu Jan  1 09:00:02 2026');
    expect(ctime(Date.UTC(2026, 10, 26, 13, 5, 9))).toBe('Thu Nov 26 13:05:09 2026');
    expect(ctime(Date.UTC(1969, 11, 31, 23, 59, 59))).toBe('Wed Dec 31 23:59:59 1969');
    const header = watchHeader(2, 'kubectl get pods', Date.UTC(2026, 0, 1, 9, 0, 2));
    expect(header).toBe(`Every 2.0s: kubectl get pods${' '.repeat(19)}kubesim: Thu Jan  1 09:00:02 2026`);
    expect(header).toHaveLength(80);
  });

  it('runs the command every interval on a cleared screen until it is interrupted', () => {
    const sim = createSimulation({ seed: 2 });
    runLine(sim, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    const start = sim.now;
    const r = runLine(sim, 'watch -n 5 kubectl get deployment web --no-headers', 12_000);
    expect(r.exitCode).toBe(130);
    const screens = r.stdout.split('\x1b[H\x1b[2J').slice(1);
    expect(screens).toHaveLength(3);
    expect(screens.map((s) => s.split('\n')[0].slice(0, 51))).toEqual(Array(3).fill('Every 5.0s: kubectl get deployment web --no-headers'));
    expect(screens[2]).toMatch(/\n\nweb\s+2\/2\s+2\s+2\s+10s\n$/);
    expect(sim.now - start).toBe(12_000);
    expect(runLine(sim, 'watch -t -n 1 echo hi', 500).stdout).toBe('\x1b[H\x1b[2Jhi\n');
    expect(runLine(sim, 'watch')).toMatchObject({ stderr: '\nUsage:\n watch [options] command\n', exitCode: 1 });
    expect(runLine(sim, 'watch -n x ls')).toMatchObject({ stderr: "watch: failed to parse argument: 'x'\n", exitCode: 1 });
  });
});
