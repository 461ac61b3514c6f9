// What a node's kubelet posts as Node status (conditions, addresses, capacity, nodeInfo), and what the node
// lifecycle controller writes when the kubelet goes silent.
import type { DeepReadonly, Node, NodeCondition } from '../model/types';
import { formatTimestamp } from '../model/time';

type C = NodeCondition;

function cond(prev: DeepReadonly<Node> | undefined, type: string, status: string, reason: string, message: string, nowEpochMs: number): C {
  const old = prev?.status?.conditions?.find((c) => c.type === type);
  const stamp = formatTimestamp(nowEpochMs);
  return {
    type, status, reason, message,
    lastHeartbeatTime: stamp,
    lastTransitionTime: old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : stamp,
  } as C;
}

/** The kubelet's conditions for a healthy node (setters.go). Pure. */
export function healthyConditions(prev: DeepReadonly<Node> | undefined, nowEpochMs: number): C[] {
  return [
    cond(prev, 'MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', nowEpochMs),
    cond(prev, 'DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', nowEpochMs),
    cond(prev, 'PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', nowEpochMs),
    cond(prev, 'Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', nowEpochMs),
  ];
}

/** The node lifecycle controller's view once the kubelet stopped posting: every condition Unknown. Pure. */
export function unknownConditions(prev: DeepReadonly<Node>, nowEpochMs: number): C[] {
  return ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => {
    const old = prev.status?.conditions?.find((c) => c.type === type);
    return {
      type, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.',
      lastHeartbeatTime: old?.lastHeartbeatTime ?? formatTimestamp(nowEpochMs),
      lastTransitionTime: old?.status === 'Unknown' && old.lastTransitionTime ? old.lastTransitionTime : formatTimestamp(nowEpochMs),
    } as C;
  });
}

export interface NodeMachine {
  readonly name: string;
  readonly internalIP: string;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  readonly maxPods: number;
  readonly bootId: string;
  readonly machineId: string;
}

/** The full status a kubelet posts for `machine`. Pure. */
export function kubeletNodeStatus(prev: DeepReadonly<Node> | undefined, machine: NodeMachine, nowEpochMs: number): NonNullable<Node['status']> {
  const capacityCpu = Math.ceil(machine.cpuMillis / 1000 + 0.1);
  const capacityMemKi = Math.round(machine.memoryBytes / 1024 / 0.78);
  return {
    addresses: [{ type: 'InternalIP', address: machine.internalIP }, { type: 'Hostname', address: machine.name }],
    allocatable: {
      cpu: `${machine.cpuMillis}m`, 'ephemeral-storage': '119703055367', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0',
      memory: `${Math.round(machine.memoryBytes / 1024)}Ki`, pods: String(machine.maxPods),
    },
    capacity: {
      cpu: String(capacityCpu), 'ephemeral-storage': '129886128Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0',
      memory: `${capacityMemKi}Ki`, pods: String(machine.maxPods),
    },
    conditions: healthyConditions(prev, nowEpochMs),
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      architecture: 'amd64', bootID: machine.bootId, containerRuntimeVersion: 'containerd://1.7.27-1',
      kernelVersion: '5.15.0-1089-azure', kubeProxyVersion: '', kubeletVersion: 'v1.34.1', machineID: machine.machineId,
      operatingSystem: 'linux', osImage: 'Ubuntu 22.04.5 LTS', systemUUID: machine.machineId,
    },
  } as NonNullable<Node['status']>;
}
