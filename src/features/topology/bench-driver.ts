// Drives the page benchmark from inside the page: creates the Deployment of N pods (fast-forwarding the clock until
// they are Ready), turns traffic on, then churns it (rolling updates, scaling, deleting pods) at the measuring speed.
// Everything goes through the client's dispatch/send, as a student's commands would.
import type { Deployment, Service, Stored } from '../../../sim/model/types';
import { objectsOf } from '../../lib/cluster-view';
import type { SimClient } from '../../lib/sim-client.svelte';
import type { BenchSettings } from './bench';

export type BenchState = 'booting' | 'creating' | 'measuring' | 'failed';

const POLL_MS = 250;
const MAX_SETUP_MS = 15 * 60_000;

/** Runs the benchmark scenario; the state is published on `<html data-bench>` for the measuring script. */
export class BenchDriver {
  state: BenchState = 'booting';
  private timer: ReturnType<typeof setInterval> | undefined;
  private churnTimer: ReturnType<typeof setInterval> | undefined;
  private readonly started = Date.now();
  private step = 0;

  constructor(private readonly client: SimClient, private readonly settings: BenchSettings) {}

  /** Starts polling the page's cluster; returns the function that stops the benchmark's timers. */
  start(): () => void {
    this.timer = setInterval(() => this.poll(), POLL_MS);
    return () => this.stop();
  }

  private publish(state: BenchState, detail = ''): void {
    this.state = state;
    document.documentElement.dataset.bench = state;
    document.documentElement.dataset.benchDetail = detail;
  }

  private stop(): void {
    clearInterval(this.timer);
    clearInterval(this.churnTimer);
  }

  private poll(): void {
    const { client, settings } = this;
    if (Date.now() - this.started > MAX_SETUP_MS && this.state !== 'measuring') {
      this.publish('failed', 'setup took too long');
      this.stop();
      return;
    }
    if (this.state === 'booting') {
      const nodes = objectsOf(client.view, 'Node').size;
      if (client.phase !== 'running' || nodes === 0) return;
      if (nodes < (settings.profile.nodeCount ?? 0)) {
        this.publish('failed', `the cluster has ${nodes} nodes, not ${settings.profile.nodeCount}: start the SimClient with profileFromQuery(location.search)`);
        this.stop();
        return;
      }
      this.publish('creating');
      client.setSpeed(100);
      void client.dispatch(`kubectl create deployment bench --image=nginx:1.27 --replicas=${settings.pods}`);
      void client.dispatch('kubectl expose deployment bench --port=80 --type=LoadBalancer');
      return;
    }
    if (this.state !== 'creating') return;
    const deployment = objectsOf(client.view, 'Deployment').get('Deployment/default/bench') as Stored<Deployment> | undefined;
    const ready = deployment?.status?.readyReplicas ?? 0;
    document.documentElement.dataset.benchDetail = `${ready}/${settings.pods} ready`;
    const svc = objectsOf(client.view, 'Service').get('Service/default/bench') as Stored<Service> | undefined;
    const lb = svc?.status?.loadBalancer?.ingress?.[0]?.ip;
    if (ready < settings.pods || !lb) return;
    void client.send({ type: 'traffic', flows: [
      { id: 'bench-outside', from: { kind: 'external' }, host: lb, port: 80, path: '/', everyMs: 200 },
      { id: 'bench-inside', from: { kind: 'pods', namespace: 'default', selector: 'app=bench' }, host: 'bench', port: 80, path: '/', everyMs: 200 },
    ] });
    client.setSpeed(settings.speed);
    this.publish('measuring', `${ready} pods`);
    this.churnTimer = setInterval(() => this.churn(), settings.churnMs);
  }

  private churn(): void {
    const { client, settings } = this;
    const step = this.step++;
    if (step % 3 === 0) void client.dispatch(`kubectl set image deployment/bench nginx=nginx:1.${step % 2 === 0 ? 28 : 27}`);
    else if (step % 3 === 1) void client.dispatch(`kubectl scale deployment bench --replicas=${step % 2 === 1 ? Math.round(settings.pods * 0.9) : settings.pods}`);
    else {
      const pod = [...objectsOf(client.view, 'Pod').values()].find((p) => p.metadata.namespace === 'default' && !p.metadata.deletionTimestamp);
      if (pod) void client.send({ type: 'fault', fault: { kind: 'deletePod', namespace: 'default', name: pod.metadata.name } });
    }
  }
}
