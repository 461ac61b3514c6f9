// kube-scheduler's default filter and score plugins as pure functions: NodeUnschedulable, NodeName,
// NodeAffinity, TaintToleration, NodeResourcesFit (filter and LeastAllocated score), spreading and ImageLocality.
import type { DeepReadonly, Node, Pod } from '../model/types';
import { cpuMillis, memoryBytes } from '../model/quantity';

type P = DeepReadonly<Pod>;
type N = DeepReadonly<Node>;
type Taint = NonNullable<NonNullable<N['spec']>['taints']>[number];
type Toleration = NonNullable<NonNullable<P['spec']>['tolerations']>[number];

/** What is already committed on a node, as the scheduler cache tracks it. */
export interface NodeUsage {
  cpuMillis: number;
  memoryBytes: number;
  pods: number;
  /** Pods per owner uid, for spreading replicas of one workload. */
  readonly byOwner: Map<string, number>;
}

export interface PodRequests {
  readonly cpuMillis: number;
  readonly memoryBytes: number;
}

/** Sum of container requests (max with init containers), as the scheduler computes a pod's request. Pure. */
export function podRequests(pod: P): PodRequests {
  let cpu = 0, mem = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += cpuMillis(c.resources?.requests?.cpu as string | undefined);
    mem += memoryBytes(c.resources?.requests?.memory as string | undefined);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    cpu = Math.max(cpu, cpuMillis(c.resources?.requests?.cpu as string | undefined));
    mem = Math.max(mem, memoryBytes(c.resources?.requests?.memory as string | undefined));
  }
  return { cpuMillis: cpu, memoryBytes: mem };
}

/** Whether a toleration matches a taint (v1helper.TolerationsTolerateTaint). Pure. */
export function tolerates(toleration: DeepReadonly<Toleration>, taint: DeepReadonly<Taint>): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (!toleration.key && toleration.operator !== 'Exists') return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

/** The first NoSchedule/NoExecute taint the pod does not tolerate, if any. Pure. */
export function untoleratedTaint(pod: P, node: N): DeepReadonly<Taint> | undefined {
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!(pod.spec?.tolerations ?? []).some((t) => tolerates(t, taint))) return taint;
  }
  return undefined;
}

function matchesNodeSelectorTerm(term: DeepReadonly<{ matchExpressions?: { key: string; operator: string; values?: string[] }[]; matchFields?: { key: string; operator: string; values?: string[] }[] }>, node: N): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const e of exprs) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const v = labels[e.key];
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In': if (!has || !values.includes(v)) return false; break;
      case 'NotIn': if (has && values.includes(v)) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      case 'Gt': if (!has || !(Number(v) > Number(values[0]))) return false; break;
      case 'Lt': if (!has || !(Number(v) < Number(values[0]))) return false; break;
      default: return false;
    }
  }
  for (const f of fields) {
    if (f.key !== 'metadata.name') return false;
    const inList = (f.values ?? []).includes(node.metadata?.name ?? '');
    if (f.operator === 'In' ? !inList : f.operator === 'NotIn' ? inList : true) return false;
  }
  return true;
}

/** nodeSelector and required node affinity both hold (NodeAffinity filter). Pure. */
export function matchesNodeAffinity(pod: P, node: N): boolean {
  const labels = node.metadata?.labels ?? {};
  const selector = pod.spec?.nodeSelector;
  if (selector) for (const k in selector) if (labels[k] !== selector[k]) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return required.nodeSelectorTerms.some((term) => matchesNodeSelectorTerm(term, node));
  return true;
}

/** The scheduler's reason a node does not fit, in its own words, or undefined if it fits. Pure. */
export function filterNode(pod: P, node: N, usage: NodeUsage, req: PodRequests): string | undefined {
  if (pod.spec?.nodeName && pod.spec.nodeName !== node.metadata?.name) return "node(s) didn't match the requested node name";
  if (node.spec?.unschedulable && !(pod.spec?.tolerations ?? []).some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) {
    return 'node(s) were unschedulable';
  }
  if (!matchesNodeAffinity(pod, node)) return "node(s) didn't match Pod's node affinity/selector";
  const taint = untoleratedTaint(pod, node);
  if (taint) return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
  const alloc = allocatableOf(node);
  if (usage.pods + 1 > alloc.pods) return 'Too many pods';
  if (req.cpuMillis > 0 && usage.cpuMillis + req.cpuMillis > alloc.cpuMillis) return 'Insufficient cpu';
  if (req.memoryBytes > 0 && usage.memoryBytes + req.memoryBytes > alloc.memoryBytes) return 'Insufficient memory';
  return undefined;
}

interface Allocatable {
  readonly pods: number;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
}

const allocatables = new WeakMap<object, Allocatable>();

/** A node's status.allocatable as numbers, worked out once per stored Node version (every pod reads every node). */
function allocatableOf(node: N): Allocatable {
  let known = allocatables.get(node);
  if (!known) {
    const alloc = node.status?.allocatable ?? {};
    known = { pods: Number(alloc.pods ?? 110), cpuMillis: cpuMillis(alloc.cpu as string | undefined), memoryBytes: memoryBytes(alloc.memory as string | undefined) };
    allocatables.set(node, known);
  }
  return known;
}

/** Reasons that preemption could fix (resources) versus ones it cannot (taints, affinity, cordon). */
const RESOURCE_REASONS = new Set(['Insufficient cpu', 'Insufficient memory', 'Too many pods']);

/** The FailedScheduling message: `0/3 nodes are available: 3 Insufficient cpu. preemption: …`. Pure. */
export function fitErrorMessage(nodeCount: number, reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const fmt = (m: Map<string, number>): string => [...m].map(([r, n]) => `${n} ${r}`).sort().join(', ');
  const preemption = new Map<string, number>();
  for (const [r, n] of counts) {
    const key = RESOURCE_REASONS.has(r) ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling';
    preemption.set(key, (preemption.get(key) ?? 0) + n);
  }
  if (nodeCount === 0) return 'no nodes available to schedule pods';
  return `0/${nodeCount} nodes are available: ${fmt(counts)}. preemption: 0/${nodeCount} nodes are available: ${fmt(preemption)}.`;
}

/**
 * The node's score out of 300: LeastAllocated (cpu and memory), spreading of the pod's owner across nodes
 * (the default PodTopologySpread on hostname), and ImageLocality. Higher is better. Pure.
 * SIMPLIFIED: default topology spreading is approximated by "fewer pods of the same owner scores higher".
 */
export function scoreNode(node: N, usage: NodeUsage, req: PodRequests, ownerUid: string | undefined, maxOwnerCount: number, hasImages: boolean): number {
  const alloc = allocatableOf(node);
  const cpuCap = alloc.cpuMillis || 1;
  const memCap = alloc.memoryBytes || 1;
  const cpuFree = Math.max(0, cpuCap - usage.cpuMillis - req.cpuMillis) / cpuCap;
  const memFree = Math.max(0, memCap - usage.memoryBytes - req.memoryBytes) / memCap;
  const leastAllocated = Math.floor(((cpuFree + memFree) / 2) * 100);
  const ownerCount = ownerUid ? usage.byOwner.get(ownerUid) ?? 0 : 0;
  const spread = maxOwnerCount === 0 ? 100 : Math.floor(((maxOwnerCount - ownerCount) / maxOwnerCount) * 100);
  return leastAllocated + 2 * spread + (hasImages ? 10 : 0);
}
