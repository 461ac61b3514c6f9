import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../sim/engine';
import { runLine } from '../../../sim/cli/run-script';
import { complete, wordsBefore, type CompletionContext } from '../../../sim/shell/completion';
import { PROGRAMS } from '../../../sim/shell/programs';

function context(): CompletionContext & { sim: ReturnType<typeof createSimulation> } {
  const sim = createSimulation({ seed: 1 });
  for (const [path, content] of [['/home/student/mongo.svc.yaml', 'kind: Service\n'], ['/home/student/mongo.deploy.yaml', 'x'], ['/home/student/notes.txt', '']]) {
    sim.dispatch({ type: 'writeFile', path, content });
  }
  sim.dispatch({ type: 'exec', line: 'mkdir manifests' });
  runLine(sim, 'kubectl create namespace lab');
  return { sim, store: sim.store, fs: sim.shell.fs, cwd: '/home/student', commands: [...PROGRAMS.keys()] };
}

describe('tab completion', () => {
  it('completes command names and kubectl verbs', () => {
    const ctx = context();
    expect(complete('kubec', 5, ctx)).toEqual({ replaceFrom: 0, candidates: ['kubectl'] });
    expect(complete('kubectl ge', 10, ctx)).toEqual({ replaceFrom: 8, candidates: ['get'] });
    expect(complete('kubectl ro', 10, ctx).candidates).toEqual(['rollout']);
    expect(complete('kubectl rollout st', 18, ctx).candidates).toEqual(['status']);
  });

  it('completes resource types, then names of that type in the namespace', () => {
    const ctx = context();
    expect(complete('kubectl get dep', 15, ctx).candidates).toEqual(['deployments.apps']);
    expect(complete('kubectl get no', 14, ctx).candidates).toEqual(['nodes']);
    expect(complete('kubectl get svc ku', 18, ctx)).toEqual({ replaceFrom: 16, candidates: ['kubernetes'] });
    expect(complete('kubectl get svc -n kube-system ku', 33, ctx).candidates).toEqual(['kube-dns']);
    expect(complete('kubectl describe svc/k', 22, ctx)).toEqual({ replaceFrom: 17, candidates: ['svc/kubernetes'] });
    expect(complete('kubectl get ns l', 16, ctx).candidates).toEqual(['lab']);
    expect(complete('kubectl get pods -n ', 20, ctx).candidates).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'lab']);
  });

  it('completes flags of the verb and manifest files after -f', () => {
    const ctx = context();
    expect(complete('kubectl logs --ta', 17, ctx).candidates).toEqual(['--tail']);
    expect(complete('kubectl apply -f mo', 19, ctx)).toEqual({ replaceFrom: 17, candidates: ['mongo.deploy.yaml', 'mongo.svc.yaml'] });
    expect(complete('kubectl apply -f ', 17, ctx).candidates).toEqual(['manifests/', 'mongo.deploy.yaml', 'mongo.svc.yaml']);
    expect(complete('cat no', 6, ctx).candidates).toEqual(['notes.txt']);
  });

  it('completes within the last command of a pipeline, and reads quoted words', () => {
    const ctx = context();
    expect(complete('kubectl get pods | gr', 21, ctx).candidates).toEqual(['grep']);
    expect(wordsBefore("echo 'a b' c")).toEqual({ words: ['echo', 'a b'], partial: 'c' });
  });
});
