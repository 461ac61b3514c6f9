// Details of kubectl describe (k8s.io/kubectl pkg/describe/describe.go) checked line by line against the source:
// the describer settings and the sections that only some objects print.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { applyFile, freshSim, run } from './expect-helpers';

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

const DOWNWARD = `apiVersion: v1
kind: Pod
metadata:
  name: dapi
  labels:
    app: dapi
spec:
  containers:
  - name: main
    image: busybox
    command: ["sleep", "3600"]
    resources:
      requests:
        cpu: 250m
        memory: 32Mi
      limits:
        cpu: 1500m
        memory: 64Mi
    env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: POD_NS
      valueFrom:
        fieldRef:
          fieldPath: metadata.namespace
    - name: POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
    - name: NODE
      valueFrom:
        fieldRef:
          fieldPath: spec.nodeName
    - name: CPU_LIMIT
      valueFrom:
        resourceFieldRef:
          resource: limits.cpu
    - name: CPU_REQ_MILLI
      valueFrom:
        resourceFieldRef:
          resource: requests.cpu
          divisor: 1m
    - name: MEM_LIMIT_MI
      valueFrom:
        resourceFieldRef:
          resource: limits.memory
          divisor: 1Mi
    - name: EPHEMERAL
      valueFrom:
        resourceFieldRef:
          resource: limits.ephemeral-storage
  - name: side
    image: busybox
    command: ["sleep", "3600"]
    env:
    - name: MEM_LIMIT
      valueFrom:
        resourceFieldRef:
          containerName: main
          resource: limits.memory
`;

describe('kubectl describe pod environment from the downward API', () => {
  it('resolves only metadata.name and metadata.namespace, and resource fields from the described container', () => {
    const sim = freshSim();
    applyFile(sim, 'dapi.yaml', DOWNWARD);
    runLine(sim, 'sleep 10');
    const out = runLine(sim, 'kubectl describe pod dapi').stdout;
    expect(out).toContain(`    Environment:
      POD_NAME:       dapi (v1:metadata.name)
      POD_NS:         default (v1:metadata.namespace)
      POD_IP:          (v1:status.podIP)
      NODE:            (v1:spec.nodeName)
      CPU_LIMIT:      2 (limits.cpu)
      CPU_REQ_MILLI:  250 (requests.cpu)
      MEM_LIMIT_MI:   64 (limits.memory)
      EPHEMERAL:      0 (limits.ephemeral-storage)
`);
    expect(out).toContain(`    Environment:
      MEM_LIMIT:  node allocatable (limits.memory)
`);
  });
});
