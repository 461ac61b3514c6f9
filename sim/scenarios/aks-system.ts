// The kube-system workloads an AKS cluster starts with (CoreDNS, metrics-server, konnectivity, and the node
// DaemonSets), as manifests the simulated controllers then run like any other.
// SIMPLIFIED: fewer fields than AKS's real manifests; images and requests are close to AKS 1.34 defaults.
import type { K8sObject } from '../model/types';

const MCR = 'mcr.microsoft.com/oss/kubernetes';

interface WorkloadSpec {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly image: string;
  readonly cpu: string;
  readonly memory: string;
  readonly ports?: { name?: string; containerPort: number; protocol?: string }[];
  readonly readiness?: { path: string; port: number };
  readonly liveness?: { path: string; port: number };
  readonly args?: string[];
}

function podTemplate(w: WorkloadSpec, daemon: boolean): Record<string, unknown> {
  return {
    metadata: { labels: w.labels },
    spec: {
      priorityClassName: daemon ? 'system-node-critical' : 'system-cluster-critical',
      serviceAccountName: w.name,
      // AKS runs its node agents (kube-proxy, the CSI node plugins, …) on the host network.
      ...(daemon ? { hostNetwork: true } : {}),
      tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
      containers: [{
        name: w.name,
        image: w.image,
        ...(w.args ? { args: w.args } : {}),
        ...(w.ports ? { ports: w.ports } : {}),
        resources: { requests: { cpu: w.cpu, memory: w.memory } },
        ...(w.readiness ? { readinessProbe: { httpGet: { path: w.readiness.path, port: w.readiness.port }, periodSeconds: 10 } } : {}),
        ...(w.liveness ? { livenessProbe: { httpGet: { path: w.liveness.path, port: w.liveness.port }, initialDelaySeconds: 60, periodSeconds: 10, failureThreshold: 5 } } : {}),
      }],
    },
  };
}

function deployment(w: WorkloadSpec, replicas: number): K8sObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: w.name, namespace: 'kube-system', labels: { ...w.labels, 'kubernetes.io/cluster-service': 'true', 'addonmanager.kubernetes.io/mode': 'Reconcile' } },
    spec: { replicas, selector: { matchLabels: w.labels }, template: podTemplate(w, false) },
  };
}

function daemonSet(w: WorkloadSpec): K8sObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name: w.name, namespace: 'kube-system', labels: { ...w.labels, 'addonmanager.kubernetes.io/mode': 'Reconcile' } },
    spec: { selector: { matchLabels: w.labels }, template: podTemplate(w, true) },
  };
}

/** The ServiceAccount each system workload's pods run as (the addon manifests ship one per workload), then the
 * Deployments and DaemonSets. Pure. */
export function aksSystemWorkloads(): K8sObject[] {
  const workloads = systemWorkloads();
  const accounts = workloads.map((w): K8sObject => ({
    apiVersion: 'v1', kind: 'ServiceAccount',
    metadata: { name: w.metadata.name, namespace: 'kube-system', labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile' } },
  }));
  return [...accounts, ...workloads];
}

function systemWorkloads(): K8sObject[] {
  return [
    deployment({
      name: 'coredns', labels: { 'k8s-app': 'kube-dns', version: 'v20' }, image: `${MCR}/coredns:v1.12.1`,
      cpu: '100m', memory: '70Mi', args: ['-conf', '/etc/coredns/Corefile'],
      ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }, { name: 'metrics', containerPort: 9153, protocol: 'TCP' }],
      readiness: { path: '/ready', port: 8181 }, liveness: { path: '/health', port: 8080 },
    }, 2),
    deployment({ name: 'coredns-autoscaler', labels: { 'k8s-app': 'coredns-autoscaler' }, image: `${MCR}/autoscaler/cluster-proportional-autoscaler:v1.9.0-1`, cpu: '20m', memory: '10Mi' }, 1),
    deployment({ name: 'konnectivity-agent', labels: { app: 'konnectivity-agent' }, image: `${MCR}/apiserver-network-proxy/agent:v0.31.1`, cpu: '20m', memory: '20Mi' }, 2),
    deployment({
      name: 'metrics-server', labels: { 'k8s-app': 'metrics-server' }, image: `${MCR}/metrics-server:v0.7.2`,
      cpu: '150m', memory: '100Mi', ports: [{ name: 'https', containerPort: 4443, protocol: 'TCP' }],
    }, 2),
    daemonSet({ name: 'kube-proxy', labels: { component: 'kube-proxy', tier: 'node' }, image: `${MCR}/kube-proxy:v1.34.1`, cpu: '100m', memory: '0' }),
    daemonSet({ name: 'azure-ip-masq-agent', labels: { 'k8s-app': 'azure-ip-masq-agent' }, image: `${MCR}/ip-masq-agent-v2:v0.1.15-1`, cpu: '10m', memory: '50Mi' }),
    daemonSet({ name: 'cloud-node-manager', labels: { 'k8s-app': 'cloud-node-manager' }, image: `${MCR}/azure-cloud-node-manager:v1.34.1`, cpu: '50m', memory: '50Mi' }),
    daemonSet({ name: 'csi-azuredisk-node', labels: { app: 'csi-azuredisk-node' }, image: 'mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.33.3', cpu: '30m', memory: '60Mi' }),
    daemonSet({ name: 'csi-azurefile-node', labels: { app: 'csi-azurefile-node' }, image: 'mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi:v1.33.3', cpu: '30m', memory: '60Mi' }),
  ];
}

/** kube-system Services: kube-dns at the tenth address of the service CIDR, and metrics-server. Pure. */
export function aksSystemServices(dnsIP: string): K8sObject[] {
  return [
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS', 'addonmanager.kubernetes.io/mode': 'Reconcile' } },
      spec: {
        selector: { 'k8s-app': 'kube-dns' }, clusterIP: dnsIP,
        ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }],
      },
    },
    {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'metrics-server', namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server', 'kubernetes.io/cluster-service': 'true', 'addonmanager.kubernetes.io/mode': 'Reconcile' } },
      spec: { selector: { 'k8s-app': 'metrics-server' }, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }] },
    },
  ];
}
