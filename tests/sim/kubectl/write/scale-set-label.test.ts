import { describe, expect, it } from 'vitest';
import type { Container } from '../../../../sim/model/types';
import { labelMessage, parseChanges } from '../../../../sim/kubectl/label';
import { splitPairs, updateEnv } from '../../../../sim/kubectl/set';
import { scalePrecondition } from '../../../../sim/kubectl/scale';
import type { K8sObject } from '../../../../sim/model/types';
import { newSim, out, sh, stored } from './helpers';

const containers = (sim: ReturnType<typeof newSim>): Container[] =>
  (stored(sim, 'Deployment', 'web')!.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers;

describe('kubectl scale', () => {
  it('scales, checks --current-replicas, and waits with --timeout', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    expect(out(sh(sim, 'kubectl scale deployment/web --replicas=3'))).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0 });
    expect((stored(sim, 'Deployment', 'web')!.spec as { replicas: number }).replicas).toBe(3);
    expect(out(sh(sim, 'kubectl scale deployment web --replicas=5 --current-replicas=2'))).toEqual({ stdout: '', stderr: 'error: Expected replicas to be 2, was 3\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl scale deploy/web --replicas=-1'))).toEqual({ stdout: '', stderr: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl scale deploy/web'))).toEqual({ stdout: '', stderr: 'error: required flag(s) "replicas" not set\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl scale deploy/nope --replicas=1'))).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl scale deploy/web --replicas=1 --timeout=1m'))).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0 });
    expect((stored(sim, 'Deployment', 'web')!.status as { replicas: number }).replicas).toBe(1);
    expect(out(sh(sim, 'kubectl scale deploy/web --replicas=4 --dry-run=client'))).toEqual({ stdout: 'deployment.apps/web scaled (dry run)\n', stderr: '', exitCode: 0 });
    expect(scalePrecondition({ spec: { replicas: 2 }, metadata: { name: 'x', resourceVersion: '5' } } as unknown as K8sObject, 2, '6')).toBe('Expected resource version to be 6, was 5');
  });
});

describe('flag values pflag rejects', () => {
  it('reports a malformed value as a flag error, with the usage hint, before checking required flags', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    const usage = (cmd: string, msg: string) => ({ stdout: '', stderr: `error: ${msg}\nSee 'kubectl ${cmd} --help' for usage.\n`, exitCode: 1 });
    expect(out(sh(sim, 'kubectl scale deploy/web --replicas=three'))).toEqual(usage('scale', 'invalid argument "three" for "--replicas" flag: strconv.ParseInt: parsing "three": invalid syntax'));
    expect(out(sh(sim, 'kubectl scale deploy/web --current-replicas=x'))).toEqual(usage('scale', 'invalid argument "x" for "--current-replicas" flag: strconv.ParseInt: parsing "x": invalid syntax'));
    expect(out(sh(sim, 'kubectl scale deploy/web --replicas=1 --timeout=soon'))).toEqual(usage('scale', 'invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"'));
    expect(out(sh(sim, 'kubectl delete deploy/web --grace-period=now'))).toEqual(usage('delete', 'invalid argument "now" for "--grace-period" flag: strconv.ParseInt: parsing "now": invalid syntax'));
    expect(out(sh(sim, 'kubectl delete deploy/web --timeout=later'))).toEqual(usage('delete', 'invalid argument "later" for "--timeout" flag: time: invalid duration "later"'));
    expect(out(sh(sim, 'kubectl wait --for=condition=available deploy/web --timeout=soon'))).toEqual(usage('wait', 'invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"'));
    expect(out(sh(sim, 'kubectl create deploy x --image=nginx -r abc'))).toEqual(usage('create deployment', 'invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax'));
    expect(out(sh(sim, 'kubectl get pods -w=maybe'))).toEqual(usage('get', 'invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax'));
  });

  it('takes `-x=value` for a boolean shorthand and strconv.ParseBool spellings', () => {
    const sim = newSim();
    expect(out(sh(sim, 'kubectl get pods -A=false'))).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(out(sh(sim, 'kubectl get ns kube-public --show-labels=T --no-headers=1')).stdout).toMatch(/^kube-public +Active +\S+ +kubernetes\.io\/metadata\.name=kube-public\n$/);
  });
});

describe('kubectl set image / set env', () => {
  it('updates the image, says nothing when it is unchanged, and names a missing container', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    expect(out(sh(sim, 'kubectl set image deploy/web nginx=nginx:1.25'))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl set image deployment/web nginx=nginx:1.26'))).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: '', exitCode: 0 });
    expect(containers(sim)[0].image).toBe('nginx:1.26');
    expect(out(sh(sim, 'kubectl set image deployment/web web=nginx:1.27'))).toEqual({ stdout: '', stderr: 'error: unable to find container named "web"\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl set image deployment/web'))).toEqual({ stdout: '', stderr: 'error: at least one image update is required\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl set image deployment/web "*=nginx:1.27"'))).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl set image svc/kubernetes x=y'))).toEqual({ stdout: '', stderr: 'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n', exitCode: 1 });
  });

  it('adds, lists and removes environment variables', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    expect(out(sh(sim, 'kubectl set env deploy/web MONGO_CONNSTR=mongodb://mongodb-svc.default MODE=dev'))).toEqual({ stdout: 'deployment.apps/web env updated\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl set env deploy/web --list'))).toEqual({ stdout: '# Deployment web, container nginx\nMONGO_CONNSTR=mongodb://mongodb-svc.default\nMODE=dev\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl set env deploy/web MODE=dev'))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl set env deploy/web MODE-'))).toEqual({ stdout: 'deployment.apps/web env updated\n', stderr: '', exitCode: 0 });
    expect(containers(sim)[0].env).toEqual([{ name: 'MONGO_CONNSTR', value: 'mongodb://mongodb-svc.default' }]);
    expect(out(sh(sim, 'kubectl set env deploy/web A=1 deploy/other'))).toEqual({ stdout: '', stderr: 'error: all resources must be specified before environment changes: deploy/other\n', exitCode: 1 });
  });

  it('keeps kubectl\'s ordering rules', () => {
    expect(updateEnv([{ name: 'A', value: '1' }, { name: 'B', value: '2' }], [{ name: 'B', value: '3' }, { name: 'C', value: '4' }], ['A']))
      .toEqual([{ name: 'B', value: '3' }, { name: 'C', value: '4' }]);
    expect(splitPairs(['deploy/web', 'a=b', 'c-'], 'label')).toEqual({ resources: ['deploy/web'], pairs: ['a=b', 'c-'] });
  });
});

describe('kubectl label / annotate', () => {
  it('labels, refuses to overwrite without --overwrite, removes, and reports a missing label', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    expect(out(sh(sim, 'kubectl label deployment web tier=frontend'))).toEqual({ stdout: 'deployment.apps/web labeled\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl label deployment web tier=backend'))).toEqual({ stdout: '', stderr: "error: 'tier' already has a value (frontend), and --overwrite is false\n", exitCode: 1 });
    expect(out(sh(sim, 'kubectl label deployment web tier=backend app=x'))).toEqual({
      stdout: '', stderr: "'tier' already has a value (frontend), and --overwrite is false\n'app' already has a value (web), and --overwrite is false\n", exitCode: 1,
    });
    expect(out(sh(sim, 'kubectl label deployment web tier=backend --overwrite'))).toEqual({ stdout: 'deployment.apps/web labeled\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl label deployment web tier-'))).toEqual({ stdout: 'deployment.apps/web unlabeled\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl label deployment web tier-'))).toEqual({ stdout: 'label "tier" not found.\ndeployment.apps/web not labeled\n', stderr: '', exitCode: 0 });
    expect(stored(sim, 'Deployment', 'web')!.metadata.labels).toEqual({ app: 'web' });
    expect(out(sh(sim, 'kubectl label deployment web'))).toEqual({ stdout: '', stderr: 'error: at least one label update is required\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl label deployments color=blue'))).toEqual({ stdout: '', stderr: 'error: resource(s) were provided, but no name was specified\n', exitCode: 1 });
    expect(out(sh(sim, 'kubectl label deployments --all color=blue'))).toEqual({ stdout: 'deployment.apps/web labeled\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl label deployment web "bad=a b"'))).toEqual({
      stdout: '', stderr: `error: invalid label value: "bad=a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n`, exitCode: 1,
    });
  });

  it('annotates with kubectl\'s overwrite error', () => {
    const sim = newSim();
    sh(sim, 'kubectl create deployment web --image=nginx:1.25');
    expect(out(sh(sim, 'kubectl annotate deploy web owner=team-a note=hi'))).toEqual({ stdout: 'deployment.apps/web annotated\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl annotate deploy web owner=team-b note=ho'))).toEqual({
      stdout: '', stderr: "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a); 'note' already has a value (hi)\n", exitCode: 1,
    });
    expect(out(sh(sim, 'kubectl annotate deploy web owner=team-b --overwrite'))).toEqual({ stdout: 'deployment.apps/web annotated\n', stderr: '', exitCode: 0 });
    expect(out(sh(sim, 'kubectl annotate deploy web note-'))).toEqual({ stdout: 'deployment.apps/web annotated\n', stderr: '', exitCode: 0 });
    expect(stored(sim, 'Deployment', 'web')!.metadata.annotations).toMatchObject({ owner: 'team-b' });
    expect(stored(sim, 'Deployment', 'web')!.metadata.annotations!.note).toBeUndefined();
  });

  it('decides labeled / unlabeled / not labeled from the JSON length, as label.go does', () => {
    const base = { kind: 'Pod', metadata: { name: 'p', labels: { a: '1' } } } as unknown as K8sObject;
    expect(labelMessage(base, { ...base, metadata: { ...base.metadata, labels: {} } } as K8sObject, false)).toBe('unlabeled');
    expect(labelMessage(base, { ...base, metadata: { ...base.metadata, labels: {} } } as K8sObject, true)).toBe('labeled');
    expect(labelMessage(base, base, false)).toBe('not labeled');
    expect(parseChanges(['a=b', 'a-'], 'label')).toEqual({ error: 'can not both modify and remove a label in the same command' });
    expect(parseChanges(['a=b=c'], 'label')).toEqual({ error: 'invalid label spec: a=b=c' });
  });
});
