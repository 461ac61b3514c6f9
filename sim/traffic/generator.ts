// Steady traffic for the page: each flow sends one HTTP GET every `everyMs` of virtual time from its origin,
// through the same DNS, kube-proxy and pod path any request takes, and keeps the recent results for frames.
// Flows are replaced by commands, and every request is an agenda task, so traffic replays like everything else.
import type { K8sObject, Pod } from '../model/types';
import { isPodReady } from '../model/pod';
import { parseSelector } from '../model/labels';
import type { Agenda, Clock, Task } from '../core/clock';
import type { ObjectStore } from '../core/store';
import type { Runtime } from '../core/runtime';
import type { TrafficFlow, TrafficSample } from '../protocol';
import type { ConnectResult, Origin } from '../net/types';

/** Samples kept for the page between frames; older ones are dropped when the page is not listening. */
const MAX_PENDING = 2_000;

interface RunningFlow {
  readonly flow: TrafficFlow;
  task: Task;
  sent: number;
}

export class TrafficGenerator {
  private flows: RunningFlow[] = [];
  private pending: TrafficSample[] = [];
  private seq = 0;

  constructor(private readonly store: ObjectStore, private readonly runtime: Runtime, private readonly agenda: Agenda,
    private readonly clock: Clock) {}

  /** The flows running now. */
  get active(): readonly TrafficFlow[] {
    return this.flows.map((r) => r.flow);
  }

  /** Replaces the running flows; an invalid flow is refused with a message and nothing changes. */
  set(flows: readonly TrafficFlow[]): string | undefined {
    for (const f of flows) {
      if (!(f.everyMs >= 10)) return `traffic flow ${f.id}: everyMs must be at least 10`;
      if (!(f.port >= 1 && f.port <= 65535)) return `traffic flow ${f.id}: port must be between 1 and 65535`;
      if (f.from.kind === 'pods' && !parseSelector(f.from.selector).ok) return `traffic flow ${f.id}: bad selector "${f.from.selector}"`;
    }
    for (const r of this.flows) r.task.cancelled = true;
    this.flows = flows.map((flow) => this.start(flow));
    return undefined;
  }

  /** Samples since the last call. */
  drain(): TrafficSample[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  private start(flow: TrafficFlow): RunningFlow {
    const label = `traffic:${flow.id}`;
    const running: RunningFlow = { flow, sent: 0, task: undefined as unknown as Task };
    const tick = (): void => {
      this.send(running);
      running.task = this.agenda.schedule(this.clock.now + flow.everyMs, label, tick);
    };
    running.task = this.agenda.schedule(this.clock.now + flow.everyMs, label, tick);
    return running;
  }

  private send(running: RunningFlow): void {
    const { flow } = running;
    let origin: Origin = { kind: 'external' };
    let fromPod: string | undefined;
    if (flow.from.kind === 'pods') {
      const reqs = parseSelector(flow.from.selector);
      const pods = reqs.ok ? this.store.select<Pod & K8sObject>('Pod', flow.from.namespace, reqs.requirements).filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp) : [];
      if (pods.length === 0) return;
      // Round robin over the ready client pods, in name order.
      const pod = pods[running.sent % pods.length];
      origin = { kind: 'pod', podUid: pod.metadata.uid! };
      fromPod = pod.metadata.name;
    }
    running.sent++;
    const result = this.runtime.network.connect(origin, flow.host, flow.port, { method: 'GET', path: flow.path, headers: { 'User-Agent': 'kubesim-traffic/1.0' } }, { timeoutMs: 2_000 });
    this.pending.push(sampleOf(++this.seq, flow.id, this.clock.now, fromPod, result, this.runtime));
    if (this.pending.length > MAX_PENDING) this.pending = this.pending.slice(-MAX_PENDING);
  }
}

function sampleOf(seq: number, flowId: string, at: number, fromPod: string | undefined, r: ConnectResult, runtime: Runtime): TrafficSample {
  const target = r.endpoint ? runtime.sandboxByUid(r.endpoint.podUid) : undefined;
  return {
    seq, flowId, at, ...(fromPod ? { fromPod } : {}), ok: r.ok, ...(r.error ? { error: r.error } : {}),
    ...(r.response ? { status: r.response.status } : {}),
    ...(target ? { toPod: target.name, toNamespace: target.namespace } : {}),
    elapsedMs: r.elapsedMs, hops: r.hops,
  };
}
