// One request's path in plain words, hop by hop as the data plane recorded it: the resolver's search-list
// questions, the Service VIP, the kube-proxy rule and its probability, DNAT, the nodes, the pod and the answer.
import type { TrafficFlow, TrafficSample } from '../../../sim/protocol';
import type { Hop } from '../../../sim/net/types';
import { formatClock } from '../playback/clock';
import { isSuccess } from './traffic-stats';

/** ok: went as hoped; miss: a normal dead end (an NXDOMAIN on the search list); fail: where the request died. */
export type StepTone = 'ok' | 'miss' | 'fail' | 'plain';

export interface TraceStep {
  readonly step: Hop['step'] | 'start' | 'search' | 'result';
  readonly title: string;
  readonly text: string;
  /** A second, quieter line explaining the step. */
  readonly detail?: string;
  readonly tone: StepTone;
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'name not found',
  EHOSTUNREACH: 'no route to host',
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** `200 OK`, `503 Service Unavailable`. Pure. */
export function statusText(status: number): string {
  return STATUS_TEXT[status] ? `${status} ${STATUS_TEXT[status]}` : String(status);
}

/** A socket error code with its meaning: `ETIMEDOUT (timed out)`. Pure. */
export function errorText(code: string): string {
  return SOCKET_ERRORS[code] ? `${code} (${SOCKET_ERRORS[code]})` : code;
}

/** `%0.10f`, the way kube-proxy writes a statistic rule's probability. Pure. */
export function probabilityText(p: number): string {
  return p.toFixed(10);
}

/**
 * Which of `n` endpoints an iptables pick landed on (1-based): rule i of n matches with probability 1/(n−i+1),
 * the last one always. `undefined` when the probability is not one kube-proxy writes. Pure.
 */
export function endpointNumber(probability: number, n: number): number | undefined {
  if (!(probability > 0) || n < 1) return undefined;
  const left = Math.round(1 / probability);
  if (left < 1 || left > n || Math.abs(1 / left - probability) > 1e-9) return undefined;
  return n - left + 1;
}

function ruleStep(hop: Extract<Hop, { step: 'rule' }>): TraceStep {
  const base = { step: 'rule' as const, title: 'kube-proxy rule', tone: 'ok' as const };
  const where = `${hop.mode === 'ipvs' ? 'IPVS' : 'iptables'} on ${hop.node}`;
  if (hop.mode === 'affinity') {
    return { ...base, text: `${hop.chain} sent this client back to the endpoint it used before`, detail: `sessionAffinity: ClientIP, ${where}` };
  }
  if (hop.mode === 'ipvs') {
    return { ...base, text: `${hop.chain} picked the next of ${hop.endpoints} endpoints (round robin)`, detail: where };
  }
  const n = hop.endpoints;
  const share = `each of the ${n} endpoints gets 1/${n} of new connections`;
  if (n === 1) return { ...base, text: `${hop.chain} picked its only endpoint (probability 1)`, detail: where };
  const i = endpointNumber(hop.probability, n);
  if (i === n) {
    return { ...base, text: `${hop.chain} picked endpoint ${n} of ${n}: the last rule, which takes what the others left (probability 1)`, detail: `${where}; ${share}` };
  }
  const which = i === undefined ? `one of ${n} endpoints` : `endpoint ${i} of ${n}`;
  return { ...base, text: `${hop.chain} picked ${which} with probability ${probabilityText(hop.probability)}`, detail: `${where}; rules are tried in order, so ${share}` };
}

function routeText(hop: Extract<Hop, { step: 'route' }>): string {
  if (hop.toNode === 'internet') return `out of the cluster to ${hop.ip}`;
  if (hop.fromNode === null) return `from outside the cluster to node ${hop.toNode} (${hop.ip})`;
  if (hop.fromNode === hop.toNode) return `stays on node ${hop.toNode}, to ${hop.ip}`;
  return `node ${hop.fromNode} → node ${hop.toNode}, to ${hop.ip}`;
}

/** One hop in words. Pure. */
export function hopStep(hop: Hop): TraceStep {
  switch (hop.step) {
    case 'dns-query':
      return hop.answer === 'NXDOMAIN'
        ? { step: hop.step, title: 'DNS', text: `${hop.name} → NXDOMAIN`, detail: `asked ${hop.server}: no such name`, tone: 'miss' }
        : { step: hop.step, title: 'DNS', text: `${hop.name} → ${hop.answer.join(', ') || 'no address'}`, detail: `answered by ${hop.server}`, tone: 'ok' };
    case 'vip':
      return { step: hop.step, title: 'Service VIP', text: `${hop.ip}:${hop.port} is the ClusterIP of Service ${hop.service}`, detail: 'a virtual address no pod owns: kube-proxy\'s rules on this node catch it', tone: 'ok' };
    case 'rule':
      return ruleStep(hop);
    case 'reject':
      return { step: hop.step, title: 'rejected', text: `kube-proxy on ${hop.node} rejected the connection`, detail: hop.reason, tone: 'fail' };
    case 'drop':
      return { step: hop.step, title: 'dropped', text: `kube-proxy on ${hop.node} dropped the packet`, detail: hop.reason, tone: 'fail' };
    case 'dnat':
      return { step: hop.step, title: 'DNAT', text: `destination rewritten to ${hop.ip}:${hop.port}`, detail: 'the chosen pod\'s own address', tone: 'ok' };
    case 'load-balancer':
      return { step: hop.step, title: 'load balancer', text: `${hop.ip}:${hop.port} sent it to node ${hop.node}${hop.nodePort ? ` on NodePort ${hop.nodePort}` : ''}`, tone: 'ok' };
    case 'node-port':
      return { step: hop.step, title: 'NodePort', text: `node ${hop.node} took it on NodePort ${hop.nodePort}`, tone: 'ok' };
    case 'route':
      return { step: hop.step, title: 'route', text: routeText(hop), tone: 'plain' };
    case 'pod':
      return { step: hop.step, title: 'pod', text: `pod ${hop.pod} (${hop.namespace}) on ${hop.node} accepted on port ${hop.port}`, tone: 'ok' };
    case 'refused':
      return { step: hop.step, title: 'refused', text: `${hop.ip}:${hop.port} refused the connection`, detail: 'nothing listens on that port', tone: 'fail' };
    case 'timeout':
      return { step: hop.step, title: 'timeout', text: `no answer from ${hop.ip}:${hop.port}`, detail: hop.reason, tone: 'fail' };
    case 'response':
      return { step: hop.step, title: 'response', text: `HTTP ${statusText(hop.status)}`, tone: hop.status >= 500 ? 'fail' : 'ok' };
  }
}

function isAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/** The whole trace: where it started, the search-list note, every hop, and the outcome. Pure. */
export function traceSteps(sample: TrafficSample, flow?: TrafficFlow): TraceStep[] {
  const steps: TraceStep[] = [];
  const from = sample.fromPod ? `pod ${sample.fromPod}` : 'outside the cluster';
  const target = flow ? ` ${flow.host}:${flow.port}${flow.path}` : '';
  steps.push({ step: 'start', title: 'request', text: `GET${target} from ${from}`, detail: `at ${formatClock(sample.at)} (flow ${sample.flowId})`, tone: 'plain' });
  const firstDns = sample.hops.find((h) => h.step === 'dns-query');
  if (flow && firstDns && !isAddress(flow.host) && firstDns.name !== flow.host) {
    steps.push({
      step: 'search', title: 'resolv.conf', tone: 'plain',
      text: `"${flow.host}" has fewer dots than ndots, so the resolver tries the search domains first`,
      detail: 'the pod\'s /etc/resolv.conf lists <namespace>.svc.cluster.local, svc.cluster.local, cluster.local, …',
    });
  }
  for (const hop of sample.hops) steps.push(hopStep(hop));
  steps.push(resultStep(sample));
  return steps;
}

function resultStep(sample: TrafficSample): TraceStep {
  if (isSuccess(sample)) {
    const by = sample.toPod ? `answered by ${sample.toPod}` : 'answered';
    return { step: 'result', title: 'done', text: `${by} in ${sample.elapsedMs} ms`, tone: 'ok' };
  }
  const why = sample.ok ? `HTTP ${statusText(sample.status ?? 0)}` : errorText(sample.error ?? 'failed');
  return { step: 'result', title: 'failed', text: `${why} after ${sample.elapsedMs} ms`, tone: 'fail' };
}

/** A request as one row of the live list: who sent it, who answered, and how it ended. Pure. */
export function sampleSummary(sample: TrafficSample): { from: string; to: string; outcome: string; ok: boolean } {
  const ok = isSuccess(sample);
  const failedAt = [...sample.hops].reverse().find((h) => h.step === 'timeout' || h.step === 'refused' || h.step === 'reject' || h.step === 'drop');
  const lastName = [...sample.hops].reverse().find((h) => h.step === 'dns-query');
  let to = sample.toPod ?? '';
  if (!to && failedAt) to = failedAt.step === 'timeout' || failedAt.step === 'refused' ? `${failedAt.ip}:${failedAt.port}` : failedAt.node;
  if (!to && lastName) to = lastName.name;
  const outcome = sample.ok ? (sample.status !== undefined ? String(sample.status) : 'connected') : (sample.error ?? 'failed');
  return { from: sample.fromPod ?? 'outside', to: to || '?', outcome, ok };
}
