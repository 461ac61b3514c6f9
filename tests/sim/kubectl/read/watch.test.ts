import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { tabwrite, KUBECTL_TABS } from '../../../../sim/kubectl/printers/go-tabwriter';
import { applyFile, freshSim, objects } from './expect-helpers';

const ONE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: solo
spec:
  replicas: 1
  selector:
    matchLabels:
      app: solo
  template:
    metadata:
      labels:
        app: solo
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

function columnStarts(line: string): number[] {
  return [...line.matchAll(/(?:^|\s{3,})(\S)/g)].map((m) => m.index! + m[0].length - 1);
}

describe('kubectl get -w', () => {
  it('says there is nothing to watch when the files name no objects', () => {
    const sim = freshSim();
    runLine(sim, 'mkdir manifests');
    const r = runLine(sim, 'kubectl get -w -f manifests', 5_000);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('prints the list, then one row per change under the same header, until it is interrupted', () => {
    const sim = freshSim();
    applyFile(sim, 'solo.yaml', ONE);
    const r = runLine(sim, 'kubectl get pods -w', 10_000);
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    const pod = objects(sim, 'Pod', 'default')[0];
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(1).every((l) => l.startsWith(`${pod.metadata.name}   `))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/\s1\/1\s+Running\s+0\s+\d+s$/);
    // RememberWidths: a column never starts further left than it did in an earlier row.
    let starts = columnStarts(lines[0]);
    for (const l of lines.slice(1)) {
      const s = columnStarts(l);
      s.forEach((c, i) => expect(c).toBeGreaterThanOrEqual(starts[i]));
      starts = s;
    }
  });

  it('prints nothing before the first change with --watch-only', () => {
    const sim = freshSim();
    const r = runLine(sim, 'kubectl get pods -n kube-system --watch-only', 5_000);
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 130 });
  });

  it('watches one kind only', () => {
    expect(runLine(freshSim(), 'kubectl get pods,svc -w', 1_000)).toMatchObject({ stderr: 'error: you may only specify a single resource type\n', exitCode: 1 });
  });

  it('keeps remembered widths across flushes, as liggitt/tabwriter RememberWidths does', () => {
    const remembered: number[] = [];
    expect(tabwrite('NAME\tSTATUS\tAGE\nweb\tContainerCreating\t1s\n', KUBECTL_TABS, remembered)).toBe('NAME   STATUS              AGE\nweb    ContainerCreating   1s\n');
    expect(tabwrite('web\tRunning\t3s\n', KUBECTL_TABS, remembered)).toBe('web    Running             3s\n');
  });
});
