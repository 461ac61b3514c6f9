// The student's machine's network tools (curl, wget, nslookup, dig, ping): GNU builds of the simulated tools,
// run from outside the cluster (LoadBalancer IPs and public names answer; cluster names and ClusterIPs do not),
// with `localhost:<port>` reaching a pod while `kubectl port-forward` listens on that port.
// SIMPLIFIED: curl shows no progress meter; nothing outside the cluster answers ping.
import type { ConnectResult } from '../../net/types';
import { dataPlaneOf } from '../../net/network';
import { ShellExit, ShellState, type Builtin, type ShellIO } from '../../apps/shell-run';
import { NET_TOOLS } from '../../apps/net-tools';
import { DNS_TOOLS } from '../../apps/dns-tools';
import { PING_TOOLS } from '../../apps/ping-tool';
import { connectThroughForward } from '../../kubectl/port-forward';
import { OS_CONNECT_TIMEOUT_MS } from '../../kubectl/exec-io';
import type { Program, ProgramContext, Wait } from '../program';
import { resolvePath } from '../vfs';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', 'ip6-localhost']);

function machineIO(ctx: ProgramContext): ShellIO {
  const runtime = ctx.host.runtime;
  const origin = { kind: 'external' as const };
  const path = (p: string): string => resolvePath(ctx.session.cwd, p);
  return {
    out: (line) => ctx.out(`${line}\n`),
    err: (line) => ctx.err(`${line}\n`),
    write: (text) => ctx.out(text),
    nowEpochMs: () => ctx.host.nowEpochMs(),
    hostname: ctx.session.env.get('HOSTNAME') ?? 'kubesim',
    podIP: '',
    flavour: 'gnu',
    stdin: ctx.stdin,
    connect: (host, port, request, timeoutMs): ConnectResult => {
      const now = ctx.host.now();
      if (LOOPBACK.has(host)) {
        const forward = ctx.session.portForwards.get(port);
        if (!forward) return { ok: false, error: 'ECONNREFUSED', hops: [], elapsedMs: 0, at: now };
        return connectThroughForward(runtime, forward, request, now);
      }
      return runtime.network.connect(origin, host, port, request, { timeoutMs: timeoutMs ?? OS_CONNECT_TIMEOUT_MS });
    },
    lookup: (name, qtype, search) => {
      const plane = dataPlaneOf(runtime);
      if (plane) return plane.network.lookup(origin, name, qtype, search);
      return { ok: false, error: 'TIMEOUT', server: '', answers: [], addresses: [], hops: [], elapsedMs: 0 };
    },
    pingable: (ip) => ip === '127.0.0.1',
    readFile: (p) => { const r = ctx.session.fs.read(path(p)); return r.ok ? r.value : undefined; },
    listDir: (p) => (ctx.session.fs.isDir(path(p)) ? ctx.session.fs.list(path(p)).map((e) => e.name) : undefined),
    writeFile: (p, text) => p === '/dev/null' || ctx.session.fs.write(path(p), text).ok,
  };
}

/** Runs a simulated tool as a terminal program; Ctrl-C lets it finish its summary (ping's statistics). */
function asProgram(tool: Builtin): Program {
  return function* (ctx): Generator<Wait, number, void> {
    const sh = new ShellState(machineIO(ctx), new Map(ctx.session.env), [ctx.argv[0]], {});
    const run = tool(ctx.argv, sh);
    let finished = false;
    try {
      for (;;) {
        let next: IteratorResult<number, number>;
        try {
          next = run.next();
        } catch (e) {
          if (e instanceof ShellExit) { finished = true; return e.code; }
          throw e;
        }
        if (next.done) { finished = true; return next.value; }
        yield { kind: 'sleep', untilMs: ctx.host.now() + (Number.isFinite(next.value) ? Math.max(0, next.value) : 2 ** 31) };
      }
    } finally {
      if (!finished) run.return(130);
    }
  };
}

export const curl = asProgram(NET_TOOLS.curl);
export const wget = asProgram(NET_TOOLS.wget);
export const nslookup = asProgram(DNS_TOOLS.nslookup);
export const dig = asProgram(DNS_TOOLS.dig);
export const ping = asProgram(PING_TOOLS.ping);
