// Golden tests for what every namespace holds from the start (the default ServiceAccount and the kube-root-ca.crt
// ConfigMap), the serviceaccounts resource, and the kubernetes Service the apiserver keeps in place.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { freshSim, objects, run } from './expect-helpers';

describe('ServiceAccounts', () => {
  it('kubectl get sa lists the default account of the namespace (NAME, SECRETS, AGE as v1.34 prints them)', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl get sa').stdout).toBe('NAME      SECRETS   AGE\ndefault   0         12m\n');
    expect(runLine(sim, 'kubectl get serviceaccounts -n kube-public').stdout).toBe('NAME      SECRETS   AGE\ndefault   0         12m\n');
    expect(runLine(sim, 'kubectl get sa -n kube-system').stdout).toContain('\ncoredns               0         12m\n');
  });

  it('kubectl create sa makes an account, describe and -o yaml show it, and a new namespace gets its default account', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl create sa robot').stdout).toBe('serviceaccount/robot created\n');
    expect(runLine(sim, 'kubectl create serviceaccount robot').stderr).toBe('error: failed to create serviceaccount: serviceaccounts "robot" already exists\n');
    expect(runLine(sim, 'kubectl get sa robot -o yaml').stdout).toMatch(/^apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: "2026-01-01T09:00:00Z"\n  name: robot\n  namespace: default\n  resourceVersion: "\d+"\n  uid: [0-9a-f-]{36}\n$/);
    expect(runLine(sim, 'kubectl describe sa robot').stdout).toBe(`Name:                robot
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  <none>
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>
`);
    run(sim, 'kubectl create ns dev', 'sleep 1');
    expect(runLine(sim, 'kubectl get sa,cm -n dev').stdout).toBe(`NAME                     SECRETS   AGE
serviceaccount/default   0         1s

NAME                         DATA   AGE
configmap/kube-root-ca.crt   1      1s
`);
  });

  it('the default account comes back after kubectl delete sa default, and pods still run as default', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl delete sa default').stdout).toBe('serviceaccount "default" deleted from default namespace\n');
    run(sim, 'kubectl run web --image=nginx', 'sleep 2');
    expect(runLine(sim, 'kubectl get sa').stdout).toBe('NAME      SECRETS   AGE\ndefault   0         2s\n');
    expect(runLine(sim, "kubectl get pod web -o jsonpath='{.spec.serviceAccountName}'").stdout).toBe('default');
  });
});

describe('kube-root-ca.crt', () => {
  it('kubectl get cm lists it with one key, and it carries the CA and the description annotation', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl get cm').stdout).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      12m\n');
    const cm = objects(sim, 'ConfigMap', 'kube-system').find((c) => c.metadata.name === 'kube-root-ca.crt')!;
    expect(cm.data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    expect(cm.metadata.annotations['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/);
    run(sim, 'kubectl delete cm kube-root-ca.crt', 'sleep 1');
    expect(runLine(sim, 'kubectl get cm').stdout).toBe('NAME               DATA   AGE\nkube-root-ca.crt   1      1s\n');
  });
});

describe('the kubernetes Service', () => {
  it('is recreated within 10 s of kubectl delete svc kubernetes, on 10.0.0.1, with its Endpoints', () => {
    const sim = freshSim();
    run(sim, 'kubectl delete svc kubernetes', 'sleep 1');
    expect(runLine(sim, 'kubectl get svc').stderr).toBe('No resources found in default namespace.\n');
    run(sim, 'sleep 14');
    expect(runLine(sim, 'kubectl get svc').stdout).toMatch(/^NAME {9}TYPE {8}CLUSTER-IP {3}EXTERNAL-IP {3}PORT\(S\) {3}AGE\nkubernetes {3}ClusterIP {3}10\.0\.0\.1 {5}<none> {8}443\/TCP {3}([5-9]|1[0-5])s\n$/);
    expect(runLine(sim, 'kubectl get ep kubernetes').stdout).toMatch(/^NAME {9}ENDPOINTS +AGE\nkubernetes {3}20\.\d+\.\d+\.\d+:443 {3}([5-9]|1[0-5])s\n$/);
  });
});
