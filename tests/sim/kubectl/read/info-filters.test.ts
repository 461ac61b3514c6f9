import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { freshSim, run } from './expect-helpers';

describe('kubectl api-resources filters', () => {
  // apiresources.go: --namespaced is a BoolVar, applied only when the flag was changed.
  it('takes --namespaced as a boolean flag that needs no value', () => {
    const names = runLine(freshSim(), 'kubectl api-resources --namespaced -o name').stdout.split('\n');
    expect(names.slice(0, 3)).toEqual(['configmaps', 'endpoints', 'events']);
    expect(names).not.toContain('nodes');
    expect(runLine(freshSim(), 'kubectl api-resources -o name --namespaced')).toMatchObject({ exitCode: 0, stderr: '' });
  });

  // --verbs and --categories are StringSlices; a resource is kept when it has all of them.
  it('keeps only resources with every verb and category given', () => {
    expect(runLine(freshSim(), 'kubectl api-resources --verbs=list,escalate -o name').stdout).toBe('');
    expect(runLine(freshSim(), 'kubectl api-resources --verbs=get --verbs=list -o name').stdout.split('\n')).toContain('pods');
    expect(runLine(freshSim(), 'kubectl api-resources --categories=all -o name').stdout)
      .toBe('pods\nservices\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n');
  });
});

describe('kubectl top pod NAME', () => {
  // top_pod.go gets the one PodMetrics; metrics-server answers NotFound while it has no sample.
  it('reports the PodMetrics as not found for a pod that has no metrics yet', () => {
    const sim = freshSim();
    expect(run(sim, 'kubectl run p --image=nginx', 'kubectl top pod p')).toMatchObject({
      stdout: '', stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/p" not found\n', exitCode: 1,
    });
  });
});
