import { describe, expect, it } from 'vitest';
import { runLine } from '../../../../sim/cli/run-script';
import { humanDuration, parseTimestamp } from '../../../../sim/model/time';
import type { Simulation } from '../../../../sim/engine';
import { applyFile, freshSim, objects, WEB } from './expect-helpers';

const POD = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  MODE: production
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    tier: front
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    command: ["nginx"]
    args: ["-g", "daemon off;"]
    ports:
    - containerPort: 80
    env:
    - name: GREETING
      value: hello
    - name: MODE
      valueFrom:
        configMapKeyRef:
          name: web-config
          key: MODE
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
      limits:
        memory: 128Mi
    readinessProbe:
      httpGet:
        path: /
        port: 80
    volumeMounts:
    - name: config
      mountPath: /etc/web
  volumes:
  - name: config
    configMap:
      name: web-config
`;

type Any = Record<string, any>;

/** RFC 1123 with numeric zone, written independently of the code under test. */
function rfc1123z(ts: string): string {
  const d = new Date(ts);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function eventsOf(sim: Simulation, name: string, kind: string): Any[] {
  return objects(sim, 'Event', 'default').filter((e) => e.involvedObject.name === name && e.involvedObject.kind === kind)
    .sort((a, b) => parseTimestamp(a.lastTimestamp) - parseTimestamp(b.lastTimestamp));
}

function age(sim: Simulation, ts: string): string {
  return humanDuration(sim.clock.nowEpochMs - parseTimestamp(ts));
}

describe('kubectl describe pod', () => {
  it('prints every section in describe.go order, aligned per tabwriter block, with its Events', () => {
    const sim = freshSim();
    applyFile(sim, 'pod.yaml', POD);
    runLine(sim, 'sleep 20');
    const pod = objects(sim, 'Pod', 'default').find((p) => p.metadata.name === 'web')!;
    const cs = pod.status.containerStatuses[0];
    const token = pod.spec.volumes.find((v: Any) => v.projected).name;
    const ev = eventsOf(sim, 'web', 'Pod');
    expect(ev.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const row = (e: Any): string => `  Normal  ${e.reason.padEnd(11)}${age(sim, e.lastTimestamp).padEnd(6)}${e.source.component.padEnd(19)}${e.message}\n`;
    const r = runLine(sim, 'kubectl describe pod web');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             ${pod.spec.nodeName}/${pod.status.hostIP}
Start Time:       ${rfc1123z(pod.status.startTime)}
Labels:           app=web
                  tier=front
Annotations:      <none>
Status:           Running
IP:               ${pod.status.podIP}
IPs:
  IP:  ${pod.status.podIP}
Containers:
  nginx:
    Container ID:  ${cs.containerID}
    Image:         nginx:1.27
    Image ID:      ${cs.imageID}
    Port:          80/TCP
    Host Port:     0/TCP
    Command:
      nginx
    Args:
      -g
      daemon off;
    State:          Running
      Started:      ${rfc1123z(cs.state.running.startedAt)}
    Ready:          True
    Restart Count:  0
    Limits:
      memory:  128Mi
    Requests:
      cpu:      100m
      memory:   64Mi
    Readiness:  http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      GREETING:  hello
      MODE:      <set to the key 'MODE' of config map 'web-config'>  Optional: false
    Mounts:
      /etc/web from config (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from ${token} (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      web-config
    Optional:  false
  ${token}:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
${ev.map(row).join('')}`);
  });

  it('reports NotFound, and describes every pod whose name starts with a prefix', () => {
    const sim = freshSim();
    expect(runLine(sim, 'kubectl describe pod nope')).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    const r = runLine(sim, 'kubectl describe pods coredns -n kube-system');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.match(/^Name: {10,}coredns-/gm)).toHaveLength(3);
    expect(runLine(sim, 'kubectl describe pods')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n' });
  });
});

describe('kubectl describe service, endpoints, deployment and namespace', () => {
  it('describes a LoadBalancer Service with its ingress, node port and ready endpoints', () => {
    const sim = freshSim();
    applyFile(sim, 'web.yaml', WEB);
    runLine(sim, 'sleep 30');
    const svc = objects(sim, 'Service', 'default').find((s) => s.metadata.name === 'web')!;
    const slice = objects(sim, 'EndpointSlice', 'default').find((s) => s.metadata.labels['kubernetes.io/service-name'] === 'web')!;
    const eps = slice.endpoints.map((e: Any) => `${e.addresses[0]}:80`);
    const ev = eventsOf(sim, 'web', 'Service');
    expect(ev.map((e) => e.reason)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
    const r = runLine(sim, 'kubectl describe svc web');
    expect(r.stdout).toBe(`Name:                     web
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=web
Type:                     LoadBalancer
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       ${svc.spec.clusterIP}
IPs:                      ${svc.spec.clusterIP}
LoadBalancer Ingress:     ${svc.status.loadBalancer.ingress[0].ip} (VIP)
Port:                     <unset>  80/TCP
TargetPort:               80/TCP
NodePort:                 <unset>  ${svc.spec.ports[0].nodePort}/TCP
Endpoints:                ${eps.slice(0, 3).join(',')} + 2 more...
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:
  Type    Reason                Age   From                Message
  ----    ------                ----  ----                -------
  Normal  EnsuringLoadBalancer  ${age(sim, ev[0].lastTimestamp).padEnd(6)}service-controller  Ensuring load balancer
  Normal  EnsuredLoadBalancer   ${age(sim, ev[1].lastTimestamp).padEnd(6)}service-controller  Ensured load balancer
`);
  });

  it('describes Endpoints subsets with their ports table, and warns that v1 Endpoints is deprecated', () => {
    const sim = freshSim();
    const ep = objects(sim, 'Endpoints', 'default').find((e) => e.metadata.name === 'kubernetes')!;
    const r = runLine(sim, 'kubectl describe endpoints kubernetes');
    expect(r.stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    expect(r.stdout).toBe(`Name:         kubernetes
Namespace:    default
Labels:       endpointslice.kubernetes.io/skip-mirror=true
Annotations:  <none>
Subsets:
  Addresses:          ${ep.subsets[0].addresses[0].ip}
  NotReadyAddresses:  <none>
  Ports:
    Name   Port  Protocol
    ----   ----  --------
    https  443   TCP

Events:  <none>
`);
  });

  it('describes a Deployment with its template, conditions and ReplicaSets', () => {
    const sim = freshSim();
    applyFile(sim, 'web.yaml', WEB);
    runLine(sim, 'sleep 30');
    const d = objects(sim, 'Deployment', 'default').find((x) => x.metadata.name === 'web')!;
    const rs = objects(sim, 'ReplicaSet', 'default')[0];
    const ev = eventsOf(sim, 'web', 'Deployment');
    expect(runLine(sim, 'kubectl describe deployment web').stdout).toBe(`Name:                   web
Namespace:              default
CreationTimestamp:      ${rfc1123z(d.metadata.creationTimestamp)}
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               5 desired | 5 updated | 5 total | 5 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
           tier=front
  Containers:
   nginx:
    Image:         nginx:1.27
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   ${rs.metadata.name} (5/5 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  ${age(sim, ev[0].lastTimestamp).padEnd(6)}deployment-controller  Scaled up replica set ${rs.metadata.name} from 0 to 5
`);
  });

  it('describes a Namespace without an Events section', () => {
    expect(runLine(freshSim(), 'kubectl describe ns default').stdout).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });

  it('totals a node\'s requests as a share of its allocatable resources', () => {
    const sim = freshSim();
    const node = objects(sim, 'Node')[0];
    const r = runLine(sim, `kubectl describe node ${node.metadata.name}`);
    expect(r.stdout).toMatch(/\nAllocated resources:\n {2}\(Total limits may be over 100 percent, i\.e\., overcommitted\.\)\n {2}Resource {11}Requests {4}Limits\n {2}-{8} {11}-{8} {4}-{6}\n {2}cpu {16}\d+m \(\d+%\) {2}0 \(0%\)\n/);
    expect(r.stdout).toContain(`Name:               ${node.metadata.name}\nRoles:              agent\n`);
    expect(r.stdout).toMatch(/\nNon-terminated Pods: {10}\(\d+ in total\)\n {2}Namespace {19}Name {2,}CPU Requests {2}CPU Limits {2}Memory Requests {2}Memory Limits {2}Age\n/);
  });
});
