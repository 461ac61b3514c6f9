// The simulation: wires the apiserver, controllers, node runtimes, data plane and the terminal's shell onto one
// virtual clock, and runs the agenda. The seed plus the timed command log is a complete replay. The terminal's
// commands are handed in (engine.ts gives every one), so the cluster can run before the command layer is loaded.
import type { K8sObject, SimTime } from './model/types';
import type { Command, CommandResult, EditorRequest, Frame, InitOptions, RunRecord, RunStatus, TimedCommand } from './protocol';
import { Agenda, Clock } from './core/clock';
import { Rng } from './core/rng';
import { ObjectStore } from './core/store';
import { ApiServer } from './core/api';
import { EventRecorder } from './core/events';
import { ClusterRuntime, HostLocalIpam } from './core/runtime';
import { ControllerManager } from './core/controller-manager';
import type { TraceSink } from './core/trace';
import { strategies } from './registry';
import { ClusterIPAllocator, NodePortAllocator } from './registry/service-allocators';
import { bootstrapObjects, planNodes, resolveProfile, type ResolvedProfile } from './scenarios/aks-cluster';
import { Shell } from './shell/shell';
import type { EditorBridge, Program, ShellHost } from './shell/program';
import { TrafficGenerator } from './traffic/generator';
import { applyFault } from './faults';
import { buildFrame } from './view/frame';
import { wireControllers, type Components } from './wiring';
import { objectKey } from './model/keys';
import { PODS_BY_NODE_INDEX } from './controllers/node-lifecycle';

/** 2026-01-01T09:00:00Z: virtual time 0. */
export const DEFAULT_EPOCH_MS = 1_767_258_000_000;
/** The most agenda tasks one `advance` runs before it reports 'behind' (keeps frames smooth at scale). */
export const MAX_TASKS_PER_FRAME = 200_000;

export class Simulation {
  readonly clock: Clock;
  readonly agenda = new Agenda();
  readonly rng: Rng;
  readonly store: ObjectStore;
  readonly apiServer: ApiServer;
  readonly events: EventRecorder;
  readonly runtime: ClusterRuntime;
  readonly manager: ControllerManager;
  readonly shell: Shell;
  readonly profile: ResolvedProfile;
  readonly components: Components;
  readonly traffic: TrafficGenerator;
  private readonly log: TimedCommand[] = [];
  private editorRequests: EditorRequest[] = [];
  private readonly editorResults = new Map<number, 'saved' | 'cancelled'>();
  private nextEditorRequest = 1;
  /** Called after every agenda task (tests check invariants here). */
  afterTask: (() => void) | undefined;

  /**
   * `programs` is the terminal's command table, looked up when a command starts; it may be filled after
   * construction (the worker loads the commands on first use).
   */
  constructor(readonly options: InitOptions, programs: ReadonlyMap<string, Program>, trace?: TraceSink) {
    this.profile = resolveProfile(options.profile);
    this.clock = new Clock(options.epochMs ?? DEFAULT_EPOCH_MS, -this.profile.clusterAgeMs);
    this.rng = Rng.seeded(options.seed);
    this.store = new ObjectStore({ freeze: options.freezeObjects });
    this.store.addIndex(PODS_BY_NODE_INDEX, 'Pod', (o) => {
      const node = (o as { spec?: { nodeName?: string } }).spec?.nodeName;
      return node ? [node] : [];
    });
    const allocators = {
      clusterIPs: new ClusterIPAllocator(this.profile.serviceCidr, this.rng.fork('clusterip-allocator')),
      nodePorts: new NodePortAllocator(30000, 2768, this.rng.fork('nodeport-allocator')),
    };
    this.apiServer = new ApiServer({ store: this.store, clock: this.clock, rng: this.rng.fork('apiserver'), allocators, strategies, trace });
    this.events = new EventRecorder({ store: this.store, api: this.apiServer, clock: this.clock, trace });
    this.components = wireControllers(this.profile, this.rng);
    this.runtime = new ClusterRuntime(this.clock, this.agenda, this.components.images);
    this.manager = new ControllerManager({ store: this.store, api: this.apiServer, clock: this.clock, agenda: this.agenda, rng: this.rng, events: this.events, runtime: this.runtime });
    const editor: EditorBridge | undefined = options.editor === 'page' ? {
      open: (path, title) => {
        const requestId = this.nextEditorRequest++;
        this.editorRequests.push({ requestId, path, title });
        return requestId;
      },
      result: (requestId) => this.editorResults.get(requestId),
    } : undefined;
    const host: ShellHost = {
      store: this.store, api: this.apiServer.as('kubectl', { fieldValidation: 'Strict' }), runtime: this.runtime,
      now: () => this.clock.now, nowEpochMs: () => this.clock.nowEpochMs, ...(editor ? { editor } : {}),
    };
    this.shell = new Shell(host, this.agenda, this.clock, programs);
    this.store.watch(() => this.shell.notifyChange());
    this.traffic = new TrafficGenerator(this.store, this.runtime, this.agenda, this.clock);
    this.bootstrap();
  }

  get now(): SimTime {
    return this.clock.now;
  }

  private bootstrap(): void {
    const plans = planNodes(this.profile, this.rng.fork('profile'));
    const apiServerIP = `20.${this.rng.fork('apiserver-ip').between(40, 250)}.${this.rng.fork('apiserver-ip2').between(0, 255)}.${this.rng.fork('apiserver-ip3').between(1, 254)}`;
    this.components.start(this, plans, apiServerIP);
    const kubeApi = this.apiServer.as('kube-apiserver');
    for (const obj of bootstrapObjects(this.profile, apiServerIP)) this.mustCreate(kubeApi.create(obj));
    for (const plan of plans) {
      this.runtime.nodes.set(plan.machine.name, {
        name: plan.machine.name, internalIP: plan.machine.internalIP, podCidr: plan.podCidr, running: true,
        images: new Set(), sandboxes: new Map(), ipam: new HostLocalIpam(plan.podCidr),
      });
      this.mustCreate(this.apiServer.as('kubelet').create(plan.object));
    }
    this.events.purge();
    this.scheduleEventPurge();
    this.runUntil(0, Number.POSITIVE_INFINITY);
  }

  private mustCreate(res: { ok: boolean; status?: { message: string } }): void {
    if (!res.ok) throw new Error(`bootstrap failed: ${res.status?.message}`);
  }

  private scheduleEventPurge(): void {
    this.agenda.schedule(this.clock.now + 60_000, 'events:ttl', () => { this.events.purge(); this.scheduleEventPurge(); });
  }

  /** Runs tasks up to virtual time `target`, at most `budget` of them; 'behind' if the budget ran out first. */
  runUntil(target: SimTime, budget = MAX_TASKS_PER_FRAME): RunStatus {
    for (let ran = 0; ; ran++) {
      const task = this.agenda.peek();
      if (!task || task.at > target) break;
      // Out of budget: stop, but never between two tasks of the same instant, so a command dispatched now sees
      // the same world a replay (which runs every task up to a command's time) sees.
      if (ran >= budget && task.at > this.clock.now) return 'behind';
      this.agenda.pop();
      this.clock.advanceTo(task.at);
      task.run();
      this.afterTask?.();
    }
    if (target > this.clock.now) this.clock.advanceTo(target);
    return 'caught-up';
  }

  /** Advances by `ms` of virtual time. */
  advance(ms: number, budget = MAX_TASKS_PER_FRAME): RunStatus {
    return this.runUntil(this.clock.now + Math.max(0, ms), budget);
  }

  /** Runs to the next task's time (for "step to next event"); returns that time, or undefined when idle. */
  stepToNextEvent(): SimTime | undefined {
    const task = this.agenda.peek();
    if (!task) return undefined;
    this.runUntil(task.at);
    return task.at;
  }

  /** Applies a user action, stamped with the current virtual time in the command log. */
  dispatch(command: Command): CommandResult {
    this.log.push({ at: this.clock.now, command });
    switch (command.type) {
      case 'exec': {
        const job = this.shell.start(command.line, command.session);
        const done = job.exitCode !== undefined;
        const chunks = job.stdout !== '' && job.stderr !== '' ? this.shell.pendingOutputOf(job.id) : undefined;
        return {
          ok: true, jobId: job.id, done, exitCode: job.exitCode, stdout: job.stdout, stderr: job.stderr,
          cwd: this.shell.session(job.session).cwd, ...(chunks ? { chunks } : {}),
        };
      }
      case 'writeFile': {
        const r = this.shell.fs.write(command.path, command.content);
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      }
      case 'deleteFile': {
        const r = this.shell.fs.remove(command.path);
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      }
      case 'interrupt':
        this.shell.interrupt(command.jobId);
        return { ok: true };
      case 'stopNode':
      case 'startNode':
        return this.components.setNodePower(this, command.node, command.type === 'startNode');
      case 'editorClosed':
        this.editorResults.set(command.requestId, command.saved ? 'saved' : 'cancelled');
        this.shell.notifyChange();
        return { ok: true };
      case 'traffic': {
        const error = this.traffic.set(command.flows);
        return error ? { ok: false, error } : { ok: true };
      }
      case 'fault': {
        const error = applyFault(command.fault, this.store, this.apiServer.as('kubesim'));
        return error ? { ok: false, error } : { ok: true };
      }
    }
  }

  /** Runs until job `jobId` has finished or `maxMs` of virtual time has passed (then interrupts it). */
  runJob(jobId: number, maxMs: number): void {
    const deadline = this.clock.now + maxMs;
    while (this.shell.job(jobId)) {
      const task = this.agenda.peek();
      if (!task || task.at > deadline) { this.runUntil(deadline); this.shell.interrupt(jobId); return; }
      this.runUntil(task.at);
    }
  }

  /** What changed since `sinceRv`, plus terminal output since the last frame. */
  frame(sinceRv: number, status: RunStatus = 'caught-up'): Frame {
    const { output, exits } = this.shell.drain();
    const editorRequests = this.editorRequests;
    this.editorRequests = [];
    return buildFrame(this.store, sinceRv, this.clock.now, this.clock.nowEpochMs, status, {
      output, exits, traffic: this.traffic.drain(), editorRequests, filesVersion: this.shell.fs.version,
    });
  }

  /** The seed, options and timed command log: everything needed to replay this run. */
  record(): RunRecord {
    return { format: 'kubesim-run', version: 1, options: this.options, commands: [...this.log] };
  }

  /** Looks up one object (tests, the runner). */
  get(kind: K8sObject['kind'], namespace: string | undefined, name: string): K8sObject | undefined {
    return this.store.get(objectKey(kind, namespace, name));
  }
}
