import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../../../sim/model/types';
import { deletedLine, effectiveGrace } from '../../../../sim/kubectl/delete';
import { conditionMet, parseCondition, parseGoDuration } from '../../../../sim/kubectl/wait';
import { applyEditedText, editTextFor, EDIT_HEADER } from '../../../../sim/kubectl/edit';
import { resourceFor } from '../../../../sim/model/resources';
import { file, newSim, out, sh, stored } from './helpers';

describe('kubectl delete', () => {
  it('deletes by name with the v1.34 wording and waits while the pod terminates', () => {
    const sim = newSim();
    sh(sim, 'kubectl run tools --image=busybox -- sleep 3600');
    sh(sim, 'sleep 20');
    const start = sim.now;
    expect(out(sh(sim, 'kubectl delete pod tools'))).toEqual({ stdout: 'pod "tools" deleted from default namespace\n', stderr: '', exitCode: 0 });
    expect(sim.now).toBeGreaterThan(start);
    expect(stored(sim, 'Pod', 'tools')).toBeUndefined();
    expect(out(sh(sim, 'kubectl delete pod tools'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "tools" not found\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl delete pod tools --ignore-not-found'))).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
  });

  it('handles --all, -l, -f, --now, --force and the flag conflicts', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment a --image=nginx');
    sh(sim, 'kubectl create deployment b --image=nginx');
    expect(out(sh(sim, 'kubectl delete deploy -l app=a'))).toEqual({ stdout: 'deployment.apps "a" deleted from default namespace\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl delete deployments --all --dry-run=client'))).toEqual({ stdout: 'deployment.apps "b" deleted from default namespace (dry run)\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl delete deployments --all -o name'))).toEqual({ stdout: 'deployment.apps/b\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl delete deployments --all'))).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl delete deployments'))).toEqual({ stdout: '', stderr: 'error: resource(s) were provided, but no name was specified\n', exitCode: 1 });
    sh(sim, file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n'));
    sh(sim, 'kubectl apply -f cm.yaml');
    expect(out(sh(sim, 'kubectl delete -f cm.yaml'))).toEqual({ stdout: 'configmap "cfg" deleted from default namespace\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl delete -f cm.yaml'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): error when deleting "cm.yaml": configmaps "cfg" not found\n', exitCode: 1 });
    sh(sim, 'kubectl run p --image=busybox -- sleep 3600');
    expect(out(sh(sim, 'kubectl delete pod p --grace-period=0 --force'))).toEqual({
      stdout: 'pod "p" force deleted from default namespace\n',
      stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      exitCode: 0,
    });
    expect(out(sh(sim, 'kubectl delete pod p --now --grace-period=5'))).toEqual({ stdout: '', stderr: 'error: --now and --grace-period cannot be specified together\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl delete pod p -o yaml'))).toEqual({ stdout: '', stderr: "error: unexpected -o output mode: yaml. We only support '-o name'\n", exitCode: 1 });
    expect(effectiveGrace(0, false, false)).toBe(1);
    expect(effectiveGrace(-1, false, true)).toBe(0);
    expect(effectiveGrace(5, false, true)).toEqual({ error: '--force and --grace-period greater than 0 cannot be specified together' });
    expect(deletedLine(resourceFor('Namespace'), 'team-a', undefined, -1, 'server', undefined)).toBe('namespace "team-a" deleted (server dry run)\n');
  });

  it('waits for a namespace to finish terminating', () => {
    const sim = newSim();
    sh(sim, 'kubectl create namespace team-a');
    sh(sim, 'kubectl create deployment web --image=nginx -n team-a');
    sh(sim, 'sleep 20');
    expect(out(sh(sim, 'kubectl delete namespace team-a'))).toEqual({ stdout: 'namespace "team-a" deleted\n', stderr: '', exitCode: 0 });
    expect(stored(sim, 'Namespace', 'team-a')).toBeUndefined();
    expect(sim.store.list('Pod', 'team-a')).toEqual([]);
  });
});

describe('kubectl wait', () => {
  it('waits for a condition, for deletion, and times out with kubectl\'s message', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx');
    expect(out(sh(sim, 'kubectl wait --for=condition=Available deploy/web --timeout=60s'))).toEqual({ stdout: 'deployment.apps/web condition met\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl wait --for=condition=Available=False deploy/web --timeout=2s'))).toEqual({
      stdout: '', stderr: 'error: timed out waiting for the condition on deployments/web\n', exitCode: 1,
    });
    expect(out(sh(sim, 'kubectl wait --for=condition=Ready pod -l app=web'))).toMatchObject({ stderr: '', exitCode: 0 });
    sh(sim, 'kubectl delete deploy web --wait=false');
    expect(out(sh(sim, 'kubectl wait --for=delete deploy/web'))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl wait --for=condition=Available deploy/web'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "web" not found\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl wait --for=ready deploy/web'))).toEqual({ stdout: '', stderr: 'error: unrecognized condition: "ready"\n', exitCode: 1 });
  });

  it('parses durations and conditions as kubectl does', () => {
    expect([parseGoDuration('30s'), parseGoDuration('1m30s'), parseGoDuration('1.5h'), parseGoDuration('0'), parseGoDuration('5')]).toEqual([30_000, 90_000, 5_400_000, 0, undefined]);
    expect(parseCondition('condition=Available')).toEqual({ kind: 'condition', name: 'Available', value: 'true' });
    expect(parseCondition("jsonpath='{.status.readyReplicas}'=2")).toEqual({ kind: 'jsonpath', path: ['status', 'readyReplicas'], value: '2' });
    const obj = { metadata: { name: 'x', generation: 2 }, status: { observedGeneration: 1, conditions: [{ type: 'Available', status: 'True' }] } } as unknown as K8sObject;
    expect(conditionMet(obj, { kind: 'condition', name: 'available', value: 'true' })).toBe(false);
  });
});

describe('kubectl patch', () => {
  it('patches with strategic merge, merge and JSON patch, and says when nothing changed', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx');
    expect(out(sh(sim, `kubectl patch deployment web -p '{"spec":{"replicas":3}}'`))).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, `kubectl patch deployment web -p '{"spec":{"replicas":3}}'`))).toEqual({ stdout: 'deployment.apps/web patched (no change)\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, `kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'`))).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', exitCode: 0 });
    const spec = stored(sim, 'Deployment', 'web')!.spec as { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } };
    expect(spec.template.spec.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['nginx=nginx:1.26']);
    expect(out(sh(sim, `kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`))).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, `kubectl patch deploy web --type=merge -p '{"metadata":{"labels":{"tier":"web"}}}'`))).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, `kubectl patch deploy web --type=yaml -p '{}'`))).toEqual({ stdout: '', stderr: 'error: --type must be one of [json merge strategic], not "yaml"\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl patch deploy web'))).toEqual({ stdout: '', stderr: 'error: must specify --patch or --patch-file containing the contents of the patch\n', exitCode: 1 });
    expect(out(sh(sim, `kubectl patch deploy nope -p '{"spec":{}}'`))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
    expect(out(sh(sim, `kubectl patch deploy web -p '{"spec":{"replicas":-1}}'`))).toEqual({
      stdout: '', stderr: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n', exitCode: 1,
    });
  });
});

describe('kubectl edit', () => {
  it('has no editor in the terminal, and says so as kubectl does', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx');
    expect(out(sh(sim, 'kubectl edit deployment/web'))).toEqual({ stdout: '', stderr: 'error: unable to launch the editor "vi"\n', exitCode: 1 });
    expect(out(sh(sim, 'export EDITOR=nano && kubectl edit deploy web'))).toEqual({ stdout: '', stderr: 'error: unable to launch the editor "nano"\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl edit deploy/nope'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
  });

  it('opens the YAML under kubectl\'s header and applies the saved text as a patch', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx');
    const host = { store: sim.store, api: sim.apiServer.as('kubectl'), runtime: sim.runtime, now: () => sim.now, nowEpochMs: () => sim.clock.nowEpochMs };
    const opened = editTextFor(host, 'default', ['deployment/web']);
    if (!opened.ok) throw new Error(opened.stderr);
    expect(opened.text.startsWith(`${EDIT_HEADER}apiVersion: apps/v1\nkind: Deployment\n`)).toBe(true);
    expect(applyEditedText(host, opened.target, opened.text)).toEqual({ outcome: 'cancelled', stdout: '', stderr: 'Edit cancelled, no changes made.\n' });
    expect(applyEditedText(host, opened.target, '# nothing\n')).toEqual({ outcome: 'cancelled', stdout: '', stderr: 'Edit cancelled, saved file was empty.\n' });
    const edited = opened.text.replace('replicas: 1', 'replicas: 2');
    expect(applyEditedText(host, opened.target, edited)).toEqual({ outcome: 'edited', stdout: 'deployment.apps/web edited\n', stderr: '' });
    expect((stored(sim, 'Deployment', 'web')!.spec as { replicas: number }).replicas).toBe(2);
    const bad = applyEditedText(host, opened.target, opened.text.replace('replicas: 1', 'replicas: -3'));
    expect(bad.outcome).toBe('reopen');
    expect(bad.outcome === 'reopen' && bad.text.startsWith(`${EDIT_HEADER}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -3: must be greater than or equal to 0\n#\napiVersion: apps/v1\n`)).toBe(true);
    expect(applyEditedText(host, opened.target, opened.text.replace('name: web\n', 'name: other\n'))).toEqual({ outcome: 'error', stdout: '', stderr: 'error: At least one of apiVersion, kind and name was changed\n' });
  });
});
