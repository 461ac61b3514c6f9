// A fake container runtime for app tests: a tiny virtual-time agenda, containers with their own AppContext, and a
// stub network where names resolve to whichever container a test says backs them.
import type { AppContext, AppImage, AppInstance } from '../../../sim/apps/app';
import type { ConnectResult, Hop, HttpRequest, Protocol } from '../../../sim/net/types';

interface Task { at: number; seq: number; run: () => void; owner: FakeContainer }

export interface ContainerOptions {
  podName: string;
  podIP: string;
  image: string;
  env?: Record<string, string>;
  ports?: { port: number; protocol: Protocol; name?: string }[];
  command?: string[];
  args?: string[];
  persistent?: Map<string, unknown>;
}

export interface FakeContainer {
  readonly opts: ContainerOptions;
  readonly uid: string;
  readonly logs: string[];
  exited?: { code: number; reason?: string; at: number };
  instance: AppInstance;
  stopped: boolean;
  stop(): void;
}

export type Backend = () => FakeContainer | undefined;

export const EPOCH_MS = 1_767_258_000_000; // 2026-01-01T09:00:00Z

export class FakeWorld {
  now = 0;
  private seq = 0;
  private tasks: Task[] = [];
  private readonly byIP = new Map<string, FakeContainer>();
  private readonly names = new Map<string, { vip: string; backend: Backend }>();
  /** Every connection attempt made, for assertions. */
  readonly connections: { from: string; host: string; port: number; at: number; ok: boolean }[] = [];
  /** How long a connection to a dead pod IP takes to time out. */
  timeoutMs = 20_000;

  /** Makes `name` resolve to a virtual IP that forwards to whatever `backend` returns now (a Service). */
  service(name: string, vip: string, backend: Backend): void {
    this.names.set(name, { vip, backend });
  }

  start(image: AppImage, opts: ContainerOptions): FakeContainer {
    const world = this;
    let rand = 0x2545f491 ^ opts.podName.length;
    const container: FakeContainer = {
      opts, uid: `uid-${opts.podName}`, logs: [], stopped: false, instance: { listening: () => false },
      stop() { container.stopped = true; },
    };
    const ctx: AppContext & { nowEpochMs: () => number } = {
      podName: opts.podName, namespace: 'default', podUid: container.uid, podIP: opts.podIP, nodeName: 'node-1',
      containerName: 'main', image: opts.image, env: opts.env ?? {}, containerPorts: opts.ports ?? [],
      command: opts.command ?? [], args: opts.args ?? [],
      now: () => world.now,
      nowEpochMs: () => EPOCH_MS + world.now,
      log: (line) => { if (!container.stopped) container.logs.push(line); },
      after: (delayMs, fn) => world.schedule(world.now + delayMs, fn, container),
      connect: (host, port, request) => world.connect(container, host, port, request),
      isAlive: (endpoint) => {
        const target = world.byIP.get(endpoint.ip);
        return target !== undefined && !target.stopped && target.uid === endpoint.podUid && target.instance.listening(endpoint.port);
      },
      exit: (code, reason) => {
        if (container.stopped) return;
        container.exited = { code, reason, at: world.now };
        container.stopped = true;
      },
      random: () => {
        rand = (Math.imul(rand, 1103515245) + 12345) >>> 0;
        return rand / 4294967296;
      },
      persistentData: (mountPath) => (mountPath === '/data/db' ? opts.persistent : undefined),
    };
    this.byIP.set(opts.podIP, container);
    container.instance = image.start(ctx);
    return container;
  }

  schedule(at: number, run: () => void, owner: FakeContainer): void {
    this.tasks.push({ at, seq: this.seq++, run, owner });
  }

  /** Runs every task due up to virtual time `t`, in (at, seq) order; a stopped container's timers are dropped. */
  runUntil(t: number): void {
    for (;;) {
      this.tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.tasks[0];
      if (!next || next.at > t) break;
      this.tasks.shift();
      this.now = next.at;
      if (!next.owner.stopped) next.run();
    }
    this.now = t;
  }

  advance(ms: number): void {
    this.runUntil(this.now + ms);
  }

  private connect(from: FakeContainer, host: string, port: number, request?: HttpRequest): ConnectResult {
    const hops: Hop[] = [];
    let target: FakeContainer | undefined;
    let ip = host;
    const named = this.names.get(host);
    if (named) {
      ip = named.vip;
      hops.push({ step: 'dns-query', name: `${host}.default.svc.cluster.local`, server: '10.0.0.10', answer: [named.vip] });
      target = named.backend();
      if (!target || target.stopped || !target.instance.listening(port)) return this.fail(from, host, port, 'ECONNREFUSED', hops, 1, ip);
    } else if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
      target = this.byIP.get(host);
      if (!target || target.stopped) return this.fail(from, host, port, 'ETIMEDOUT', hops, this.timeoutMs, ip);
    } else if (host === 'localhost' || host === '127.0.0.1') {
      target = from;
    } else {
      hops.push({ step: 'dns-query', name: `${host}.default.svc.cluster.local`, server: '10.0.0.10', answer: 'NXDOMAIN' });
      return this.fail(from, host, port, 'ENOTFOUND', hops, 2, ip);
    }
    if (!target.instance.listening(port)) {
      hops.push({ step: 'refused', ip: target.opts.podIP, port });
      return this.fail(from, host, port, 'ECONNREFUSED', hops, 1, target.opts.podIP);
    }
    hops.push({ step: 'pod', pod: target.opts.podName, namespace: 'default', node: 'node-1', port });
    const remote = target === from ? '127.0.0.1' : from.opts.podIP;
    const response = request && target.instance.http ? target.instance.http(port, { ...request, remoteAddress: remote } as HttpRequest) : undefined;
    this.connections.push({ from: from.opts.podName, host, port, at: this.now, ok: true });
    return { ok: true, endpoint: { ip: target.opts.podIP, port, podUid: target.uid }, response, hops, elapsedMs: 1, at: this.now };
  }

  private fail(from: FakeContainer, host: string, port: number, error: ConnectResult['error'], hops: Hop[], elapsedMs: number, ip: string): ConnectResult {
    this.connections.push({ from: from.opts.podName, host, port, at: this.now, ok: false });
    if (error === 'ECONNREFUSED' && !hops.some((h) => h.step === 'refused')) hops.push({ step: 'refused', ip, port });
    return { ok: false, error, hops, elapsedMs, at: this.now };
  }
}

/** An HTTP request from a test client (not from inside any pod). */
export function get(path: string, headers: Record<string, string> = {}): HttpRequest {
  return { method: 'GET', path, headers: { 'User-Agent': 'curl/8.12.1', ...headers } };
}
