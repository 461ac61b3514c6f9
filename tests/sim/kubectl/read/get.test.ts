import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { applyFile, freshSim, objects, run, table, WEB } from './expect-helpers';

const EP_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

describe('kubectl get: tables', () => {
  it('prints pods -o wide with IP, NODE, NOMINATED NODE and READINESS GATES', () => {
    const sim = freshSim();
    const r = runLine(sim, 'kubectl get pods -o wide -n kube-system -l k8s-app=kube-dns');
    const pods = objects(sim, 'Pod', 'kube-system').filter((p) => p.metadata.labels['k8s-app'] === 'kube-dns');
    expect(pods).toHaveLength(2);
    expect(r).toMatchObject({ stderr: '', exitCode: 0 });
    expect(r.stdout).toBe(table([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
      ...pods.map((p) => [p.metadata.name, '1/1', 'Running', '0', '12m', p.status.podIP, p.spec.nodeName, '<none>', '<none>']),
    ]));
  });

  it('shows <pending> for a LoadBalancer until the cloud load balancer answers, then its IP', () => {
    const sim = freshSim();
    expect(applyFile(sim, 'web.yaml', WEB).stdout).toBe('deployment.apps/web created\nservice/web created\n');
    const svc = objects(sim, 'Service', 'default').find((s) => s.metadata.name === 'web')!;
    const ports = `80:${svc.spec.ports[0].nodePort}/TCP`;
    expect(runLine(sim, 'kubectl get svc').stdout).toBe(table([
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['kubernetes', 'ClusterIP', '10.0.0.1', '<none>', '443/TCP', '12m'],
      ['web', 'LoadBalancer', svc.spec.clusterIP, '<pending>', ports, '0s'],
    ]));
    expect(runLine(sim, 'sleep 30').exitCode).toBe(0);
    const ip = objects(sim, 'Service', 'default').find((s) => s.metadata.name === 'web')!.status.loadBalancer.ingress[0].ip;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(runLine(sim, 'kubectl get svc web').stdout).toBe(table([
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['web', 'LoadBalancer', svc.spec.clusterIP, ip, ports, '30s'],
    ]));
  });

  it('lists at most three endpoints then "+ N more...", with the v1.33 deprecation warning on stderr', () => {
    const sim = freshSim();
    applyFile(sim, 'web.yaml', WEB);
    runLine(sim, 'sleep 30');
    const ep = objects(sim, 'Endpoints', 'default').find((e) => e.metadata.name === 'web')!;
    const addrs = ep.subsets[0].addresses.map((a: { ip: string }) => `${a.ip}:80`);
    expect(addrs).toHaveLength(5);
    const r = runLine(sim, 'kubectl get ep web');
    expect(r).toEqual(expect.objectContaining({ stderr: EP_WARNING, exitCode: 0 }));
    expect(r.stdout).toBe(table([['NAME', 'ENDPOINTS', 'AGE'], ['web', `${addrs.slice(0, 3).join(',')} + 2 more...`, '30s']]));
  });

  it('prints `get all` groups with kind-prefixed names and a blank line between groups', () => {
    const sim = freshSim();
    const r = runLine(sim, 'kubectl get all -n kube-system');
    const ns = 'kube-system';
    const pods = objects(sim, 'Pod', ns).map((p) => [`pod/${p.metadata.name}`, '1/1', 'Running', '0', '12m']);
    const svcs = objects(sim, 'Service', ns).map((s) => [`service/${s.metadata.name}`, 'ClusterIP', s.spec.clusterIP, '<none>',
      s.spec.ports.map((p: { port: number; protocol: string }) => `${p.port}/${p.protocol}`).join(','), '12m']);
    const dss = objects(sim, 'DaemonSet', ns).map((d) => [`daemonset.apps/${d.metadata.name}`, '3', '3', '3', '3', '3', '<none>', '12m']);
    const deps = objects(sim, 'Deployment', ns).map((d) => [`deployment.apps/${d.metadata.name}`, `${d.spec.replicas}/${d.spec.replicas}`, String(d.spec.replicas), String(d.spec.replicas), '12m']);
    const rss = objects(sim, 'ReplicaSet', ns).map((x) => [`replicaset.apps/${x.metadata.name}`, String(x.spec.replicas), String(x.spec.replicas), String(x.spec.replicas), '12m']);
    expect(r.stdout).toBe([
      table([['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ...pods]),
      table([['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ...svcs]),
      table([['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], ...dss]),
      table([['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], ...deps]),
      table([['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], ...rss]),
    ].join('\n'));
    expect(r.stderr).toBe('');
  });

  it('prefixes names with the kind when several kinds are asked for, even if one group is empty', () => {
    const r = runLine(freshSim(), 'kubectl get svc,deploy');
    expect(r.stdout).toBe(table([
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['service/kubernetes', 'ClusterIP', '10.0.0.1', '<none>', '443/TCP', '12m'],
    ]));
  });

  it('adds -L label columns and the LABELS column of --show-labels, and sorts with --sort-by', () => {
    const sim = freshSim();
    const r = runLine(sim, 'kubectl get pods -n kube-system -l k8s-app=kube-dns --sort-by=.status.podIP -L k8s-app,version --show-labels');
    const pods = objects(sim, 'Pod', 'kube-system').filter((p) => p.metadata.labels['k8s-app'] === 'kube-dns');
    const byIp = [...pods].sort((a, b) => a.status.podIP.split('.').map(Number).reduce((acc: number, n: number, i: number) => acc || n - b.status.podIP.split('.').map(Number)[i], 0));
    expect(r.stdout).toBe(table([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'K8S-APP', 'VERSION', 'LABELS'],
      ...byIp.map((p) => [p.metadata.name, '1/1', 'Running', '0', '12m', 'kube-dns', 'v20', `k8s-app=kube-dns,pod-template-hash=${p.metadata.labels['pod-template-hash']},version=v20`]),
    ]));
  });

  it('says "No resources found in <ns> namespace." on stderr when nothing matches', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl get pods')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(runLine(sim, 'kubectl get pods -A -l app=none')).toMatchObject({ stdout: '', stderr: 'No resources found\n', exitCode: 0 });
    expect(runLine(sim, 'kubectl get pods -n kube-system --field-selector status.phase=Pending')).toMatchObject({ stderr: 'No resources found in kube-system namespace.\n' });
  });

  it('refuses a field label the resource does not support, as the apiserver does (wrapped by EnhanceListError)', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl get pods -n kube-system -l k8s-app=kube-dns --field-selector status.hostIP=10.224.0.4')).toMatchObject({
      stdout: '', exitCode: 1,
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "k8s-app=kube-dns", field selector "status.hostIP=10.224.0.4": field label not supported: status.hostIP\n',
    });
    expect(runLine(sim, 'kubectl get deploy -A --field-selector spec.replicas=2')).toMatchObject({
      stdout: '', exitCode: 1,
      stderr: 'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "spec.replicas=2": "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
    });
    expect(runLine(sim, 'kubectl get nodes --field-selector spec.unschedulable=false -o name').stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(runLine(sim, 'kubectl get svc -A --field-selector spec.type=ClusterIP,metadata.name=kube-dns -o name')).toMatchObject({ stdout: 'service/kube-dns\n', exitCode: 0 });
  });

  it('reports NotFound per name, prints the ones it found, and exits 1', () => {
    const r = runLine(freshSim(), 'kubectl get svc nope kubernetes nada');
    expect(r.stdout).toBe(table([['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ['kubernetes', 'ClusterIP', '10.0.0.1', '<none>', '443/TCP', '12m']]));
    expect(r.stderr).toBe('Error from server (NotFound): services "nope" not found\nError from server (NotFound): services "nada" not found\n');
    expect(r.exitCode).toBe(1);
  });

  it('fails like kubectl on a bad flag, an unknown type and a missing type', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl get pods --foo')).toMatchObject({ stdout: '', stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
    expect(runLine(sim, 'kubectl get foos')).toMatchObject({ stderr: 'error: the server doesn\'t have a resource type "foos"\n', exitCode: 1 });
    expect(runLine(sim, 'kubectl get').stderr).toBe('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n');
    expect(runLine(sim, 'kubectl get pods -o yaml --show-labels')).toMatchObject({ stderr: 'error: --show-labels option cannot be used with yaml printer\n', exitCode: 1 });
    expect(runLine(sim, 'kubectl get pods -o xml').stderr).toBe('error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n');
    expect(runLine(sim, 'kubectl get pod x -A').stderr).toBe('error: a resource cannot be retrieved by name across all namespaces\n');
  });

  it('prints help for --help', () => {
    const r = runLine(freshSim(), 'kubectl get --help');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('Display one or many resources.\n')).toBe(true);
    expect(r.stdout).toContain('Usage:\n  kubectl get [(-o|--output=)json|yaml|name|jsonpath|jsonpath-as-json|custom-columns|wide]');
  });
});

describe('kubectl get: jsonpath, custom-columns, name, yaml and json', () => {
  it('prints one field with a literal newline', () => {
    const sim = freshSim();
    const first = objects(sim, 'Pod', 'kube-system')[0];
    expect(runLine(sim, `kubectl get pods -n kube-system -o jsonpath='{.items[0].status.podIP}{"\\n"}'`)).toMatchObject({ stdout: `${first.status.podIP}\n`, stderr: '', exitCode: 0 });
  });

  it('joins several results with spaces and loops with range … end', () => {
    const sim = freshSim();
    const nodes = objects(sim, 'Node');
    expect(runLine(sim, "kubectl get nodes -o jsonpath='{.items[*].metadata.name}'").stdout).toBe(nodes.map((n) => n.metadata.name).join(' '));
    expect(runLine(sim, `kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}'`).stdout)
      .toBe(nodes.map((n) => `${n.metadata.name}\tTrue\n`).join(''));
    expect(runLine(sim, 'kubectl get svc kubernetes -o=jsonpath={.spec.ports[0]}').stdout).toBe('{"name":"https","port":443,"protocol":"TCP","targetPort":443}');
  });

  it('fails with kubectl\'s template debugging text when an index is out of range', () => {
    const r = runLine(freshSim(), "kubectl get pods -o jsonpath='{.items[0].status.podIP}'");
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: error executing jsonpath "{.items[0].status.podIP}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n' +
      '\ttemplate was:\n\t\t{.items[0].status.podIP}\n\tobject given to jsonpath engine was:\n' +
      '\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n');
  });

  it('prints jsonpath-as-json as an indented JSON array', () => {
    const sim = freshSim();
    const names = objects(sim, 'Node').map((n) => n.metadata.name);
    expect(runLine(sim, "kubectl get nodes -o jsonpath-as-json='{.items[*].metadata.name}'").stdout).toBe(`[\n${names.map((n) => `    "${n}"`).join(',\n')}\n]\n`);
  });

  it('prints custom columns with <none> for missing values and commas between several', () => {
    const sim = freshSim();
    const pods = objects(sim, 'Pod', 'kube-system').filter((p) => p.metadata.labels['k8s-app'] === 'kube-dns');
    expect(runLine(sim, 'kubectl get pods -n kube-system -l k8s-app=kube-dns -o custom-columns=NAME:.metadata.name,IP:.status.podIP,PORTS:.spec.containers[*].ports[*].containerPort,GONE:.spec.nothing').stdout)
      .toBe(table([['NAME', 'IP', 'PORTS', 'GONE'], ...pods.map((p) => [p.metadata.name, p.status.podIP, '53,53,9153', '<none>'])]));
  });

  it('prints -o name as kind[.group]/name', () => {
    expect(runLine(freshSim(), 'kubectl get deploy -n kube-system -o name').stdout)
      .toBe('deployment.apps/coredns\ndeployment.apps/coredns-autoscaler\ndeployment.apps/konnectivity-agent\ndeployment.apps/metrics-server\n');
  });

  it('prints an empty List for -o yaml with nothing to show, and no "No resources found"', () => {
    expect(runLine(freshSim(), 'kubectl get pods -o yaml')).toMatchObject({ stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', stderr: '' });
  });

  it('prints one object as YAML as sigs.k8s.io/yaml writes it: quoted timestamps and numbers, literal blocks', () => {
    const sim = freshSim();
    applyFile(sim, 'cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  port: "8080"\n  motd: |\n    hello\n    world\n  mode: "on"\n  greeting: "x: y"\n');
    const cm = objects(sim, 'ConfigMap', 'default').find((c) => c.metadata.name === 'app')!;
    const r = runLine(sim, 'kubectl get cm app -o yaml');
    expect(r.stdout).toBe(`apiVersion: v1
data:
  greeting: 'x: y'
  mode: "on"
  motd: |
    hello
    world
  port: "8080"
kind: ConfigMap
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      ${cm.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'].trimEnd()}
  creationTimestamp: "${cm.metadata.creationTimestamp}"
  name: app
  namespace: default
  resourceVersion: "${cm.metadata.resourceVersion}"
  uid: ${cm.metadata.uid}
`);
  });

  it('prints -o json with sorted keys, four-space indent and Go\'s HTML escaping', () => {
    const sim = freshSim();
    applyFile(sim, 'cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  tag: "<none> & more"\n');
    const cm = objects(sim, 'ConfigMap', 'default').find((c) => c.metadata.name === 'app')!;
    const last = JSON.stringify(cm.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
    expect(runLine(sim, 'kubectl get configmap/app -o json').stdout).toBe(`{
    "apiVersion": "v1",
    "data": {
        "tag": "\\u003cnone\\u003e \\u0026 more"
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "kubectl.kubernetes.io/last-applied-configuration": ${last}
        },
        "creationTimestamp": "${cm.metadata.creationTimestamp}",
        "name": "app",
        "namespace": "default",
        "resourceVersion": "${cm.metadata.resourceVersion}",
        "uid": "${cm.metadata.uid}"
    }
}
`);
  });

  it('runs the $(kubectl get … -o jsonpath=…) idiom inside a command line', () => {
    const sim = freshSim();
    const ip = objects(sim, 'Service', 'kube-system').find((s) => s.metadata.name === 'kube-dns')!.spec.clusterIP;
    expect(run(sim, `echo DNS=$(kubectl get svc kube-dns -n kube-system -o jsonpath='{.spec.clusterIP}')`).stdout).toBe(`DNS=${ip}\n`);
  });
});

describe('kubectl get events', () => {
  it('inserts SUBOBJECT and SOURCE before MESSAGE with -o wide (printers.go)', () => {
    const sim = freshSim();
    const events = objects(sim, 'Event', 'default');
    expect(events.length).toBeGreaterThan(0);
    const r = runLine(sim, 'kubectl get events -o wide');
    expect(r.stdout).toBe(table([
      ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
      ...events.map((e) => ['12m', e.type, e.reason, `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`, e.involvedObject.fieldPath ?? '',
        e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component, e.message, '12m', String(e.count), e.metadata.name]),
    ]));
  });
});
