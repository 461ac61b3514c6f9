// `kubectl port-forward (pod/NAME | deploy/NAME | svc/NAME) [LOCAL:]REMOTE…` (cmd/portforward): listens on
// 127.0.0.1 and [::1] on the student's machine and carries each connection to the pod's port through the kubelet
// (to localhost inside the pod, bypassing Services and kube-proxy), until Ctrl-C or the pod goes away.
// SIMPLIFIED: a Service target is resolved to one pod once, as kubectl does; errors inside the pod are logged
// with a shortened message.
import type { Container, DeepReadonly, Service } from '../model/types';
import type { Runtime } from '../core/runtime';
import type { ConnectResult, HttpRequest } from '../net/types';
import { listeningApp } from '../net/hosts';
import { EMPTY_REPLY } from '../apps/http';
import { klogPrefix } from '../apps/log-formats';
import { fnv1a32 } from '../core/names';
import type { PortForward, ProgramContext, Wait } from '../shell/program';
import { flag, parseFlags, type FlagSpec } from './flags';
import { currentNamespace } from './namespace';
import { resolvePodTarget, type StoredPod } from './pod-target';
import { parseGoDuration } from './wait';

const FLAGS: FlagSpec = { address: {}, 'pod-running-timeout': {} };

/** A stable small number derived from text (a process id, a free local port). Pure. */
const fnvPid = (text: string): number => 1000 + (fnv1a32(text) % 60_000);

const usage = (ctx: ProgramContext, msg: string): number => { ctx.err(`error: ${msg}\nSee 'kubectl port-forward -h' for help and examples\n`); return 1; };

/** Parses `8080:4000`, `8080` or `:4000` (local 0: a free port). Pure. */
export function parsePortSpec(spec: string): { local: number; remote: string } | string {
  const parts = spec.split(':');
  if (parts.length > 2) return `invalid port format '${spec}'`;
  const [localText, remote] = parts.length === 2 ? parts : [parts[0], parts[0]];
  if (localText !== '' && !/^\d+$/.test(localText)) return `Error parsing local port '${localText}': strconv.ParseUint: parsing "${localText}": invalid syntax`;
  if (remote === '') return `Error parsing remote port '${remote}': strconv.ParseUint: parsing "": invalid syntax`;
  return { local: localText === '' ? 0 : Number(localText), remote };
}

function containerPortByName(pod: StoredPod, name: string): number | undefined {
  for (const c of (pod.spec?.containers ?? []) as DeepReadonly<Container>[]) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  return undefined;
}

/** The pod port behind a remote port: a Service port becomes its targetPort; a name becomes the container port. */
function podPortFor(svc: (DeepReadonly<Service> & { metadata: { name: string } }) | undefined, pod: StoredPod, remote: string): number | string {
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p) => String(p.port) === remote || p.name === remote);
    if (!sp) return `Service ${svc.metadata.name} does not have a service port ${remote}`;
    const target = sp.targetPort ?? sp.port;
    if (typeof target === 'number' || /^\d+$/.test(String(target))) return Number(target);
    return containerPortByName(pod, String(target)) ?? `Pod '${pod.metadata.name}' does not have a named port '${target}'`;
  }
  if (/^\d+$/.test(remote)) return Number(remote);
  return containerPortByName(pod, remote) ?? `Pod '${pod.metadata.name}' does not have a named port '${remote}'`;
}

export function* kubectlPortForward(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl port-forward --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  const [target, ...specs] = [...f.positionals, ...f.rest];
  if (target === undefined) return usage(ctx, 'TYPE/NAME and list of ports are required for port-forward');
  if (specs.length === 0) return usage(ctx, 'at least 1 PORT is required for port-forward');
  const ports: { local: number; remote: string }[] = [];
  for (const s of specs) {
    const p = parsePortSpec(s);
    if (typeof p === 'string') { ctx.err(`error: ${p}\n`); return 1; }
    ports.push(p);
  }
  const address = flag(f, 'address') ?? 'localhost';
  const namespace = currentNamespace(ctx, f);
  const timeout = parseGoDuration(flag(f, 'pod-running-timeout') ?? '1m') ?? 60_000;
  const resolved = yield* resolvePodTarget(ctx, target, namespace, 'attach', timeout, 'attach to');
  if (!resolved.ok) { ctx.err(resolved.error); return 1; }
  const pod = resolved.pod;
  const svc = resolved.object.kind === 'Service' ? resolved.object as DeepReadonly<Service> & { metadata: { name: string } } : undefined;
  const mapped: { local: number; podPort: number }[] = [];
  for (const p of ports) {
    const podPort = podPortFor(svc, pod, p.remote);
    if (typeof podPort === 'string') { ctx.err(`error: ${podPort}\n`); return 1; }
    const local = p.local !== 0 ? p.local : 40_000 + ((fnvPid(`${pod.metadata.uid}:${podPort}`) + mapped.length) % 20_000);
    mapped.push({ local, podPort });
  }
  if (pod.status?.phase !== 'Running') { ctx.err(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}\n`); return 1; }
  const forwards = ctx.session.portForwards;
  const taken = mapped.filter((m) => forwards.has(m.local));
  for (const m of taken) {
    ctx.err(`Unable to listen on port ${m.local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${m.local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${m.local}: bind: address already in use]\n`);
  }
  const free = mapped.filter((m) => !forwards.has(m.local));
  if (free.length === 0) { ctx.err(`error: unable to listen on any of the requested ports: [${mapped.map((m) => `{${m.local} ${m.podPort}}`).join(' ')}]\n`); return 1; }
  const uid = pod.metadata.uid!;
  const label = `pod/${pod.metadata.name}`;
  for (const m of free) {
    ctx.out(address === 'localhost' ? `Forwarding from 127.0.0.1:${m.local} -> ${m.podPort}\nForwarding from [::1]:${m.local} -> ${m.podPort}\n` : `Forwarding from ${address}:${m.local} -> ${m.podPort}\n`);
  }
  const registered: number[] = [];
  try {
    for (const m of free) {
      const forward: PortForward = {
        podUid: uid, podPort: m.podPort, label,
        onConnection: () => ctx.out(`Handling connection for ${m.local}\n`),
        onError: (message) => ctx.err(`${klogPrefix(ctx.host.nowEpochMs(), 'portforward.go:424', 'E', fnvPid(uid))}"Unhandled Error" err="an error occurred forwarding ${m.local} -> ${m.podPort}: error forwarding port ${m.podPort} to pod ${uid}, uid : ${message}"\n`),
      };
      forwards.set(m.local, forward);
      registered.push(m.local);
    }
    for (;;) {
      yield { kind: 'change' };
      const now = ctx.host.store.list<StoredPod>('Pod', pod.metadata.namespace).find((p) => p.metadata.uid === uid);
      if (!now || now.status?.phase !== 'Running' || !ctx.host.runtime.sandboxByUid(uid)) {
        ctx.err('error: lost connection to pod\n');
        return 1;
      }
    }
  } finally {
    for (const local of registered) if (forwards.get(local)?.podUid === uid) forwards.delete(local);
  }
}

/** Carries one connection from a forwarded local port to the pod (what the kubelet's port-forward stream does). */
export function connectThroughForward(runtime: Runtime, forward: PortForward, request: HttpRequest | undefined, now: number): ConnectResult {
  forward.onConnection?.();
  const sandbox = runtime.sandboxByUid(forward.podUid);
  const app = sandbox ? listeningApp(sandbox, forward.podPort) : undefined;
  if (!sandbox || !app) {
    const p = forward.podPort;
    forward.onError?.(`failed to connect to localhost:${p} inside namespace, IPv4: dial tcp4 127.0.0.1:${p}: connect: connection refused IPv6 dial tcp6 [::1]:${p}: connect: connection refused `);
    return { ok: true, response: EMPTY_REPLY, hops: [], elapsedMs: 1, at: now };
  }
  const response = request ? (app.http ? app.http(forward.podPort, { ...request, remoteAddress: '127.0.0.1' }) : EMPTY_REPLY) : undefined;
  return { ok: true, endpoint: { ip: sandbox.ip, port: forward.podPort, podUid: forward.podUid }, response, hops: [], elapsedMs: 1, at: now };
}
