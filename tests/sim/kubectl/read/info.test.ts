import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { freshSim, objects, table } from './expect-helpers';

function server(nodeName: string): string {
  const id = Number(/-(\d+)-vmss/.exec(nodeName)![1]);
  return `https://kubesim-dns-${id.toString(16).padStart(8, '0')}.hcp.eastus.azmk8s.io:443`;
}

describe('kubectl api-resources and api-versions', () => {
  // apiresources.go sortableResource: by API group (core "" first), then by resource name.
  it('lists the served resources sorted by group, then by name within each group', () => {
    expect(runLine(freshSim(), 'kubectl api-resources').stdout).toBe(table([
      ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'],
      ['configmaps', 'cm', 'v1', 'true', 'ConfigMap'], ['endpoints', 'ep', 'v1', 'true', 'Endpoints'],
      ['events', 'ev', 'v1', 'true', 'Event'], ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
      ['nodes', 'no', 'v1', 'false', 'Node'], ['persistentvolumeclaims', 'pvc', 'v1', 'true', 'PersistentVolumeClaim'],
      ['persistentvolumes', 'pv', 'v1', 'false', 'PersistentVolume'], ['pods', 'po', 'v1', 'true', 'Pod'],
      ['secrets', '', 'v1', 'true', 'Secret'], ['serviceaccounts', 'sa', 'v1', 'true', 'ServiceAccount'], ['services', 'svc', 'v1', 'true', 'Service'],
      ['daemonsets', 'ds', 'apps/v1', 'true', 'DaemonSet'], ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'],
      ['replicasets', 'rs', 'apps/v1', 'true', 'ReplicaSet'], ['statefulsets', 'sts', 'apps/v1', 'true', 'StatefulSet'],
      ['endpointslices', '', 'discovery.k8s.io/v1', 'true', 'EndpointSlice'], ['storageclasses', 'sc', 'storage.k8s.io/v1', 'false', 'StorageClass'],
    ]));
  });

  it('sorts by kind with --sort-by, and rejects other sort keys and output formats', () => {
    const kinds = runLine(freshSim(), 'kubectl api-resources --sort-by=kind --no-headers').stdout.trim().split('\n').map((l) => l.split(/ +/).pop());
    expect(kinds).toEqual([...kinds].sort());
    expect(runLine(freshSim(), 'kubectl api-resources --sort-by=group')).toMatchObject({ stdout: '', stderr: 'error: --sort-by accepts only name or kind\n', exitCode: 1 });
    expect(runLine(freshSim(), 'kubectl api-resources -o foo')).toMatchObject({
      stdout: '', stderr: 'error: unable to match a printer suitable for the output format "foo", allowed formats are: json,name,wide,yaml\n', exitCode: 1,
    });
  });

  it('adds VERBS and CATEGORIES with -o wide and filters with --namespaced', () => {
    const verbs = 'create,delete,deletecollection,get,list,patch,update,watch';
    expect(runLine(freshSim(), 'kubectl api-resources -o wide --namespaced=false').stdout).toBe(table([
      ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', 'VERBS', 'CATEGORIES'],
      ['namespaces', 'ns', 'v1', 'false', 'Namespace', verbs, ''], ['nodes', 'no', 'v1', 'false', 'Node', verbs, ''],
      ['persistentvolumes', 'pv', 'v1', 'false', 'PersistentVolume', verbs, ''], ['storageclasses', 'sc', 'storage.k8s.io/v1', 'false', 'StorageClass', verbs, ''],
    ]));
  });

  it('prints group/versions sorted', () => {
    expect(runLine(freshSim(), 'kubectl api-versions').stdout).toBe('apps/v1\ndiscovery.k8s.io/v1\nstorage.k8s.io/v1\nv1\n');
  });
});

describe('kubectl cluster-info, config and version', () => {
  it('prints the control plane, the cluster services and the dump hint, plain', () => {
    const sim = freshSim();
    const url = server(objects(sim, 'Node')[0].metadata.name);
    expect(runLine(sim, 'kubectl cluster-info').stdout).toBe(`Kubernetes control plane is running at ${url}
CoreDNS is running at ${url}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy
metrics-server is running at ${url}/api/v1/namespaces/kube-system/services/https:metrics-server:https/proxy

To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.
`);
  });

  it('views the one kubeconfig with secrets omitted, and its context', () => {
    const sim = freshSim();
    const url = server(objects(sim, 'Node')[0].metadata.name);
    expect(runLine(sim, 'kubectl config view').stdout).toBe(`apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: ${url}
  name: kubesim
contexts:
- context:
    cluster: kubesim
    user: clusterUser_kubesim-rg_kubesim
  name: kubesim
current-context: kubesim
kind: Config
preferences: {}
users:
- name: clusterUser_kubesim-rg_kubesim
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
    token: REDACTED
`);
    expect(runLine(sim, 'kubectl config current-context').stdout).toBe('kubesim\n');
    expect(runLine(sim, 'kubectl config get-contexts').stdout).toBe('CURRENT   NAME      CLUSTER   AUTHINFO                         NAMESPACE\n*         kubesim   kubesim   clusterUser_kubesim-rg_kubesim   \n');
    expect(runLine(sim, 'kubectl config use-context other')).toMatchObject({ exitCode: 1 });
  });

  it('sets the context namespace in ~/.kube/config, which later commands then work in', () => {
    const sim = freshSim();
    runLine(sim, 'kubectl create namespace dev');
    expect(runLine(sim, 'kubectl config set-context --current --namespace=dev')).toMatchObject({ stdout: 'Context "kubesim" modified.\n', stderr: '', exitCode: 0 });
    expect(runLine(sim, 'kubectl config get-contexts').stdout).toBe('CURRENT   NAME      CLUSTER   AUTHINFO                         NAMESPACE\n*         kubesim   kubesim   clusterUser_kubesim-rg_kubesim   dev\n');
    expect(runLine(sim, 'kubectl config view').stdout).toContain('- context:\n    cluster: kubesim\n    namespace: dev\n    user: clusterUser_kubesim-rg_kubesim\n  name: kubesim\n');
    expect(runLine(sim, 'grep namespace ~/.kube/config').stdout).toBe('    namespace: dev\n');
    expect(runLine(sim, "kubectl config view --minify --output 'jsonpath={..namespace}'")).toMatchObject({ stdout: 'dev', stderr: '', exitCode: 0 });
    expect(runLine(sim, 'kubectl config view -o jsonpath={.contexts[0].name}').stdout).toBe('kubesim');
    expect(runLine(sim, 'kubectl get pods')).toMatchObject({ stdout: '', stderr: 'No resources found in dev namespace.\n' });
    expect(runLine(sim, 'kubectl create deployment web --image=nginx:1.27').stdout).toBe('deployment.apps/web created\n');
    expect(objects(sim, 'Deployment', 'dev').map((d) => d.metadata.name)).toEqual(['web']);
    expect(runLine(sim, 'kubectl get deploy -n default').stderr).toBe('No resources found in default namespace.\n');
    expect(runLine(sim, 'kubectl config use-context kubesim').stdout).toBe('Switched to context "kubesim".\n');
    expect(runLine(sim, 'kubectl config use-context other')).toMatchObject({ stderr: 'error: no context exists with the name: "other"\n', exitCode: 1 });
    expect(runLine(sim, 'kubectl config set-context --namespace=x')).toMatchObject({ stderr: 'error: you must specify a non-empty context name or --current\n', exitCode: 1 });
    expect(runLine(sim, 'kubectl config')).toMatchObject({ stdout: '', exitCode: 1 });
  });

  it('prints client and server versions, or the client alone as JSON', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl version').stdout).toBe('Client Version: v1.34.1\nKustomize Version: v5.7.1\nServer Version: v1.34.1\n');
    expect(runLine(sim, 'kubectl version --client').stdout).toBe('Client Version: v1.34.1\nKustomize Version: v5.7.1\n');
    const json = JSON.parse(runLine(sim, 'kubectl version -o json').stdout);
    expect(json.clientVersion).toMatchObject({ major: '1', minor: '34', gitVersion: 'v1.34.1', platform: 'linux/amd64' });
    expect(json.serverVersion.gitVersion).toBe('v1.34.1');
  });

  it('answers yes to auth can-i, and says in its help that kubesim has no RBAC', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl auth can-i delete nodes')).toMatchObject({ stdout: 'yes\n', exitCode: 0 });
    expect(runLine(sim, 'kubectl auth --help').stdout).toContain('kubesim has no RBAC');
  });
});

describe('kubectl top', () => {
  it('prints pod usage with every column tab-terminated, deterministically', () => {
    const sim = freshSim();
    const a = runLine(sim, 'kubectl top pods -n kube-system -l k8s-app=kube-dns');
    const pods = objects(sim, 'Pod', 'kube-system').filter((p) => p.metadata.labels['k8s-app'] === 'kube-dns');
    const lines = a.stdout.split('\n');
    expect(lines[0]).toBe(`NAME${' '.repeat(pods[0].metadata.name.length - 1)}CPU(cores)   MEMORY(bytes)   `);
    pods.forEach((p, i) => expect(lines[i + 1]).toMatch(new RegExp(`^${p.metadata.name}   \\d+m +\\d+Mi +$`)));
    expect(runLine(sim, 'kubectl top pods -n kube-system -l k8s-app=kube-dns').stdout).toBe(a.stdout);
  });

  it('prints node usage as a share of allocatable', () => {
    const sim = freshSim();
    const out = runLine(sim, 'kubectl top nodes').stdout.split('\n');
    expect(out[0]).toMatch(/^NAME {2,}CPU\(cores\) {3}CPU\(%\) {3}MEMORY\(bytes\) {3}MEMORY\(%\) {3}$/);
    const m = /^(\S+) +(\d+)m +(\d+)% +(\d+)Mi +(\d+)% +$/.exec(out[1])!;
    expect(m).not.toBeNull();
    expect(Number(m[3])).toBe(Math.trunc((Number(m[2]) * 100) / 1900));
  });

  it('says the Metrics API is not available without a ready metrics-server', () => {
    const sim = freshSim();
    runLine(sim, 'kubectl delete deployment metrics-server -n kube-system');
    runLine(sim, 'sleep 40');
    expect(runLine(sim, 'kubectl top pods')).toMatchObject({ stdout: '', stderr: 'error: Metrics API not available\n', exitCode: 1 });
  });
});

describe('kubectl with a mistyped command', () => {
  it('says the command is unknown and suggests the close ones, as cobra does', () => {
    const gte = runLine(freshSim(), 'kubectl gte pods');
    expect([gte.stdout, gte.stderr, gte.exitCode]).toEqual(['', 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n', 1]);
    expect(runLine(freshSim(), 'kubectl lgos').stderr).toBe('error: unknown command "lgos" for "kubectl"\n\nDid you mean this?\n\tlogs\n');
    expect(runLine(freshSim(), 'kubectl port').stderr).toBe('error: unknown command "port" for "kubectl"\n\nDid you mean this?\n\tport-forward\n');
    expect(runLine(freshSim(), 'kubectl zzzzzz').stderr).toBe('error: unknown command "zzzzzz" for "kubectl"\n');
  });
});
