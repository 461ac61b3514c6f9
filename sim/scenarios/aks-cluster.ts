// The default cluster profile: a 3-node AKS-style cluster (node names, pod CIDRs, service CIDR with
// `kubernetes` at .1 and kube-dns at .10, the four system namespaces and the kube-system workloads).
import type { K8sObject } from '../model/types';
import type { ClusterProfile } from '../protocol';
import type { Rng } from '../core/rng';
import { intToIp, parseCidr, subnet, type Cidr } from '../net/ipv4';
import type { NodeMachine } from '../controllers/node-status';
import { aksSystemServices, aksSystemWorkloads } from './aks-system';
import { kubernetesEndpoints, kubernetesEndpointSlice, kubernetesService } from '../controllers/kubernetes-service';

export interface ResolvedProfile {
  readonly nodeCount: number;
  readonly poolName: string;
  readonly podCidr: Cidr;
  readonly serviceCidr: Cidr;
  readonly nodeCpuMillis: number;
  readonly nodeMemoryBytes: number;
  readonly maxPodsPerNode: number;
  readonly clusterAgeMs: number;
  readonly proxyMode: 'iptables' | 'ipvs';
  readonly loadBalancerDelaySeconds: number;
  readonly systemWorkloads: boolean;
}

/** Fills the profile's defaults; throws on a malformed CIDR (a configuration bug, not user input). Pure. */
export function resolveProfile(p: ClusterProfile = {}): ResolvedProfile {
  const podCidr = parseCidr(p.podCidr ?? '10.244.0.0/16');
  const serviceCidr = parseCidr(p.serviceCidr ?? '10.0.0.0/16');
  if (!podCidr || !serviceCidr) throw new Error('invalid CIDR in cluster profile');
  const nodeCount = Math.max(1, Math.floor(p.nodeCount ?? 3));
  if (podCidr.prefix > 24 || nodeCount > 2 ** (24 - podCidr.prefix)) throw new Error('pod CIDR too small for one /24 per node');
  return {
    nodeCount, poolName: p.poolName ?? 'nodepool1', podCidr, serviceCidr,
    nodeCpuMillis: p.nodeCpuMillis ?? 1900, nodeMemoryBytes: p.nodeMemoryBytes ?? 5_637_144_576,
    maxPodsPerNode: p.maxPodsPerNode ?? 110, clusterAgeMs: p.clusterAgeMs ?? 12 * 60_000,
    proxyMode: p.proxyMode ?? 'iptables', loadBalancerDelaySeconds: p.loadBalancerDelaySeconds ?? 20,
    systemWorkloads: p.systemWorkloads ?? true,
  };
}

export interface NodePlan {
  readonly machine: NodeMachine;
  readonly podCidr: Cidr;
  readonly object: K8sObject;
}

/** The nodes of the profile: names like `aks-nodepool1-12345678-vmss000000`, a /24 pod CIDR each. Draws from `rng`. */
export function planNodes(profile: ResolvedProfile, rng: Rng): NodePlan[] {
  const clusterId = String(rng.between(10_000_000, 99_999_999));
  const plans: NodePlan[] = [];
  for (let i = 0; i < profile.nodeCount; i++) {
    const name = `aks-${profile.poolName}-${clusterId}-vmss${i.toString(36).padStart(6, '0')}`;
    const podCidr = subnet(profile.podCidr, 24, i);
    const internalIP = intToIp(10 * 16777216 + 224 * 65536 + 4 + i);
    const hex = (): string => rng.nextUint32().toString(16).padStart(8, '0');
    const machine: NodeMachine = {
      name, internalIP, cpuMillis: profile.nodeCpuMillis, memoryBytes: profile.nodeMemoryBytes, maxPods: profile.maxPodsPerNode,
      bootId: `${hex()}-${hex().slice(0, 4)}-${hex().slice(0, 4)}-${hex().slice(0, 4)}-${hex()}${hex().slice(0, 4)}`,
      machineId: `${hex()}${hex()}${hex()}${hex()}`,
    };
    const object: K8sObject = {
      apiVersion: 'v1', kind: 'Node',
      metadata: {
        name,
        labels: {
          agentpool: profile.poolName, 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/instance-type': 'Standard_DS2_v2',
          'beta.kubernetes.io/os': 'linux', 'kubernetes.azure.com/agentpool': profile.poolName, 'kubernetes.azure.com/mode': 'system',
          'kubernetes.azure.com/node-image-version': 'AKSUbuntu-2204gen2containerd-202510.01.0', 'kubernetes.azure.com/os-sku': 'Ubuntu',
          'kubernetes.azure.com/role': 'agent', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
          'kubernetes.io/role': 'agent', 'node-role.kubernetes.io/agent': '', 'node.kubernetes.io/instance-type': 'Standard_DS2_v2',
          'topology.disk.csi.azure.com/zone': '', 'topology.kubernetes.io/region': 'eastus', 'topology.kubernetes.io/zone': '0',
        },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      },
      spec: {
        podCIDR: podCidr.text, podCIDRs: [podCidr.text],
        providerID: `azure:///subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc_kubesim_eastus/providers/Microsoft.Compute/virtualMachineScaleSets/aks-${profile.poolName}-${clusterId}-vmss/virtualMachines/${i}`,
      },
    };
    plans.push({ machine, podCidr, object });
  }
  return plans;
}

/** The control-plane objects every cluster starts with, in creation order. Pure. */
export function bootstrapObjects(profile: ResolvedProfile, apiServerIP: string): K8sObject[] {
  const first = intToIp(profile.serviceCidr.base + 1);
  const dns = intToIp(profile.serviceCidr.base + 10);
  const namespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((name): K8sObject => ({
    apiVersion: 'v1', kind: 'Namespace', metadata: { name },
  }));
  return [
    ...namespaces, kubernetesService(first), kubernetesEndpoints(apiServerIP), kubernetesEndpointSlice(apiServerIP),
    ...aksSystemServices(dns),
    ...(profile.systemWorkloads ? aksSystemWorkloads() : []),
  ];
}
