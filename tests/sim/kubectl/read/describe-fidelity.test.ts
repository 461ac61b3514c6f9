// Details of kubectl describe (k8s.io/kubectl pkg/describe/describe.go) checked line by line against the source:
// the describer settings and the sections that only some objects print.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { freshSim, run } from './expect-helpers';

describe('kubectl describe --show-events=false', () => {
  it('leaves the Events section out entirely, as the describers do when no events were searched', () => {
    const sim = freshSim();
    run(sim, 'kubectl create deployment web --image=nginx:1.27', 'kubectl expose deployment web --port=80', 'sleep 20');
    for (const target of ['pod -l app=web', 'deployment web', 'service web', 'configmap kube-root-ca.crt', 'endpointslice -l kubernetes.io/service-name=web']) {
      const shown = runLine(sim, `kubectl describe ${target}`).stdout;
      expect(shown).toMatch(/\nEvents:/);
      const hidden = runLine(sim, `kubectl describe ${target} --show-events=false`).stdout;
      expect(hidden).not.toContain('Events:');
      expect(shown.startsWith(hidden.slice(0, hidden.indexOf('\n')))).toBe(true);
    }
  });

  it('ends a pod description with its last pod-spec line when events are hidden', () => {
    const sim = freshSim();
    run(sim, 'kubectl run web --image=nginx:1.27', 'sleep 10');
    const out = runLine(sim, 'kubectl describe pod web --show-events=false').stdout;
    expect(out.endsWith('                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n')).toBe(true);
  });
});
