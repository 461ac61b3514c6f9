// `kubectl describe node` (describe.go describeNode, describeNodeResource): roles, labels, taints, lease,
// conditions, addresses, capacity, system info, the non-terminated pods with their requests and limits, the
// allocated totals as a share of allocatable, and Events.
import type { K8sObject } from '../../model/types';
import type { ObjectStore } from '../../core/store';
import { parseQuantity } from '../../model/quantity';
import { formatTimestamp } from '../../model/time';
import { nodeRoles } from '../printers/cells';
import { DescribeWriter, rfc1123z, since, writeAnnotations, writeLabels } from './writer';
import { writeEvents } from './events';
import { sumQuantities } from './quantity';

type Any = Record<string, any>;

/** Non-terminated pods bound to the node, in list order. */
export function podsOnNode(store: ObjectStore, node: K8sObject): Any[] {
  return (store.list('Pod') as Any[]).filter((p) => p.spec?.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

/** PodRequestsAndLimits: containers (and sidecars) summed, each plain init container as a floor. Pure. */
export function podRequestsAndLimits(pod: Any): { requests: Record<string, string>; limits: Record<string, string> } {
  const out = { requests: {} as Record<string, string>, limits: {} as Record<string, string> };
  const inits = (pod.spec?.initContainers ?? []) as Any[];
  const main = [...((pod.spec?.containers ?? []) as Any[]), ...inits.filter((c) => c.restartPolicy === 'Always')];
  for (const key of ['requests', 'limits'] as const) {
    const names = new Set([...main, ...inits].flatMap((c) => Object.keys(c.resources?.[key] ?? {})));
    for (const n of names) {
      const present = main.map((c) => c.resources?.[key]?.[n]).filter((v): v is string => v !== undefined);
      let total = present.length > 0 ? sumQuantities(present) : '0';
      for (const c of inits.filter((i) => i.restartPolicy !== 'Always')) {
        const v = c.resources?.[key]?.[n];
        if (v !== undefined && parseQuantity(v) > parseQuantity(total)) total = v;
      }
      out[key][n] = total;
    }
  }
  return out;
}

function pct(value: string | undefined, of: string | undefined): number {
  const a = parseQuantity(of ?? '0');
  return !a || !value ? 0 : Math.trunc((parseQuantity(value) / a) * 100);
}

function writeResourceList(w: DescribeWriter, list: Record<string, string>): void {
  for (const r of Object.keys(list).sort()) w.write(0, `  ${r}:\t${list[r]}\n`);
}

function writeAllocated(w: DescribeWriter, node: Any, pods: readonly Any[], nowEpochMs: number): void {
  const alloc: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status.allocatable : node.status?.capacity ?? {};
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totals = { requests: [] as Record<string, string>[], limits: [] as Record<string, string>[] };
  for (const p of pods) {
    const { requests, limits } = podRequestsAndLimits(p);
    totals.requests.push(requests); totals.limits.push(limits);
    const cell = (v: string | undefined, r: string): string => `${v ?? '0'} (${pct(v, alloc[r])}%)`;
    w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t\t${cell(requests.cpu, 'cpu')}\t${cell(limits.cpu, 'cpu')}\t${cell(requests.memory, 'memory')}\t${cell(limits.memory, 'memory')}\t${since(p.metadata.creationTimestamp, nowEpochMs)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const sum = (lists: Record<string, string>[], r: string): string => {
    const values = lists.map((l) => l[r]).filter((v): v is string => v !== undefined);
    return values.length === 0 ? '0' : sumQuantities(values);
  };
  const resources = ['cpu', 'memory', 'ephemeral-storage', ...Object.keys(alloc).filter((r) => r.startsWith('hugepages-')).sort()];
  for (const r of resources) {
    const req = sum(totals.requests, r), lim = sum(totals.limits, r);
    w.write(1, `${r}\t${req} (${pct(req, alloc[r])}%)\t${lim} (${pct(lim, alloc[r])}%)\n`);
  }
}

/** The describe text of a Node with the pods bound to it. Pure. */
export function describeNode(obj: K8sObject, pods: readonly Any[], events: readonly Any[] | null, nowEpochMs: number): string {
  const node = obj as Any;
  const st = node.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node)}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(obj.metadata.creationTimestamp)}\n`);
  const taints = [...((node.spec?.taints ?? []) as Any[])].sort((a, b) => (`${a.effect},${a.key}` < `${b.effect},${b.key}` ? -1 : 1));
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.line('<none>');
  taints.forEach((t, i) => w.write(0, `${i === 0 ? '' : '\t'}${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`));
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  // SIMPLIFIED: kubesim keeps no Lease objects; the node's lease is shown as the kubelet renews it every 10s.
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${obj.metadata.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  w.write(1, `RenewTime:\t${rfc1123z(formatTimestamp(Math.floor(nowEpochMs / 10_000) * 10_000))}\n`);
  if ((st.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions as Any[]) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of (st.addresses ?? []) as Any[]) w.write(1, `${a.type}:\t${a.address}\n`);
  if (Object.keys(st.capacity ?? {}).length > 0) { w.write(0, 'Capacity:\n'); writeResourceList(w, st.capacity); }
  if (Object.keys(st.allocatable ?? {}).length > 0) { w.write(0, 'Allocatable:\n'); writeResourceList(w, st.allocatable); }
  const info = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']]) {
    w.write(0, `  ${label}:\t${info[key] ?? ''}\n`);
  }
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  writeAllocated(w, node, pods, nowEpochMs);
  writeEvents(w, events, nowEpochMs);
  return w.toString();
}

