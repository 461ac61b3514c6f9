// `kubectl exec [-i] [-t] (POD | TYPE/NAME) [-c CONTAINER] -- COMMAND [args...]` (cmd/exec): runs the command in
// the container's network namespace with the image's own programs, streams its output, and fails as the
// apiserver, the kubelet and the container runtime do (no host, container not running, executable not found).
// SIMPLIFIED: an interactive shell (`-it … -- sh`) is not simulated; scripts run with `sh -c` or on stdin (`-i`).
import { parseScript, type Script } from '../apps/shell-script';
import { ShellExit, ShellState, runScript, type ShellRun } from '../apps/shell-run';
import { toolboxFor } from '../apps/image-tools';
import { SHELLS, basename } from '../apps/process-args';
import { hashHex } from '../apps/log-formats';
import type { ProgramContext, Wait } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { currentNamespace } from './namespace';
import { resolvePodTarget } from './pod-target';
import { chooseContainer, hasContainer } from './logs-source';
import { execEnvironment, execShellIO } from './exec-io';
import { builtinsFor } from './exec-tools';
import { parseGoDuration } from './wait';

const FLAGS: FlagSpec = {
  container: { short: 'c' }, stdin: { short: 'i', bool: true }, tty: { short: 't', bool: true }, quiet: { short: 'q', bool: true },
  filename: { short: 'f' }, 'pod-running-timeout': {},
};

/** A wait long enough to mean "until Ctrl-C" (a process that never ends by itself). */
const FOREVER_MS = 2 ** 31;

const fail = (ctx: ProgramContext, msg: string): number => { ctx.err(`error: ${msg}\n`); return 1; };

/** The script an exec'd argv runs, or the runtime's failure. Pure. */
export function execPlan(argv: readonly string[], programs: ReadonlySet<string>, stdin: string | undefined):
  { ok: true; script: Script; positional: string[] } | { ok: false; oci?: string; code?: number; message?: string } {
  const name = basename(argv[0]);
  if (!programs.has(name)) {
    const missing = argv[0].includes('/') ? `stat ${argv[0]}: no such file or directory` : 'executable file not found in $PATH';
    return { ok: false, oci: `exec: "${argv[0]}": ${missing}` };
  }
  if (!SHELLS.has(name)) {
    const words = argv.map((text) => [{ text, quote: 'single' as const }]);
    return { ok: true, script: { items: [{ first: { bang: false, commands: [{ kind: 'simple', assigns: [], words }] }, rest: [] }] }, positional: [argv[0]] };
  }
  const text = argv[1] === '-c' ? argv[2] : argv[1] === undefined ? stdin : undefined;
  if (argv[1] === '-c' && text === undefined) return { ok: false, code: 2, message: `${name}: -c requires an argument` };
  if (text === undefined) {
    if (argv[1] !== undefined) return { ok: false, code: 2, message: `${name}: can't open '${argv[1]}': No such file or directory` };
    return { ok: true, script: { items: [] }, positional: [name] };
  }
  const parsed = parseScript(text);
  if (!parsed.ok) return { ok: false, code: 2, message: `${name}: ${parsed.error}` };
  return { ok: true, script: parsed.script, positional: argv[1] === '-c' ? [argv[3] ?? name, ...argv.slice(4)] : [name] };
}

export function* kubectlExec(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl exec --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  const dashed = args.includes('--');
  const quiet = boolFlag(f, 'quiet');
  const command = [...f.rest];
  const target = f.positionals[0];
  if (!dashed && (f.positionals.length > 1 || (f.positionals.length > 0 && flag(f, 'filename') !== undefined))) {
    ctx.err("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    return 1;
  }
  if (target === undefined) return fail(ctx, 'pod, type/name or --filename must be specified');
  if (command.length === 0) return fail(ctx, 'you must specify at least one command for the container');
  const namespace = currentNamespace(ctx, f);
  const timeout = parseGoDuration(flag(f, 'pod-running-timeout') ?? '1m') ?? 60_000;
  const resolved = yield* resolvePodTarget(ctx, target, namespace, 'attach', timeout, 'attach to');
  if (!resolved.ok) { ctx.err(resolved.error); return 1; }
  const pod = resolved.pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return fail(ctx, `cannot exec into a container in a completed pod; current phase is ${phase}`);
  let container = flag(f, 'container');
  if (container === undefined) {
    const chosen = chooseContainer(pod, undefined)!;
    if (chosen.notice && !quiet) ctx.err(chosen.notice);
    container = chosen.name;
  } else if (!hasContainer(pod, container)) {
    ctx.err(`Error from server (BadRequest): container ${container} is not valid for pod ${pod.metadata.name}\n`);
    return 1;
  }
  if (!pod.spec?.nodeName) { ctx.err(`Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned\n`); return 1; }
  const runtime = ctx.host.runtime;
  const node = runtime.nodes.get(pod.spec.nodeName);
  if (node && !node.running) { ctx.err(`Error from server: error dialing backend: dial tcp ${node.internalIP}:10250: i/o timeout\n`); return 1; }
  const sandbox = runtime.sandboxByUid(pod.metadata.uid!);
  const record = sandbox?.containers.get(container);
  if (!sandbox || record?.state !== 'running') return fail(ctx, `unable to upgrade connection: container not found ("${container}")`);
  const stdinWanted = boolFlag(f, 'stdin');
  let tty = boolFlag(f, 'tty') && stdinWanted;
  if (tty && ctx.stdin !== '') { if (!quiet) ctx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n'); tty = false; }
  const spec = pod.spec.containers.find((c) => c.name === container) ?? pod.spec.initContainers?.find((c) => c.name === container);
  const toolbox = toolboxFor(record.image);
  const plan = execPlan(command, toolbox.programs, stdinWanted && ctx.stdin !== '' ? ctx.stdin : undefined);
  if (!plan.ok && plan.oci) {
    const id = hashHex(`${pod.metadata.uid}/${container}/${command.join(' ')}/${ctx.host.now()}`, 64);
    return fail(ctx, `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: ${plan.oci}: unknown`);
  }
  if (SHELLS.has(basename(command[0])) && command.length === 1 && stdinWanted && ctx.stdin === '') {
    ctx.err("kubesim: interactive shells are not simulated; run one command at a time, e.g. kubectl exec POD -- sh -c 'cat /etc/resolv.conf'\n");
    return 1;
  }
  const out = (t: string): void => ctx.out(t);
  const err = (t: string): void => (tty ? ctx.out(t) : ctx.err(t));
  if (!plan.ok) { if (plan.message) err(`${plan.message}\n`); return exitStatus(ctx, plan.code ?? 1); }
  const io = execShellIO(runtime, pod, sandbox, toolbox, out, err, () => ctx.host.nowEpochMs(), stdinWanted ? ctx.stdin : undefined);
  const vars = execEnvironment(ctx.host.store, runtime, pod, spec!, sandbox, toolbox, tty);
  const builtins = builtinsFor(toolbox);
  if (!SHELLS.has(basename(command[0])) && !builtins[basename(command[0])]) {
    ctx.err(`kubesim: ${basename(command[0])} exists in this image but is not simulated; try sh, env, cat, nslookup, wget or curl\n`);
    return 126;
  }
  const run = runScript(plan.script, new ShellState(io, vars, plan.positional, builtins));
  const alive = (): boolean => runtime.sandboxByUid(pod.metadata.uid!) === sandbox && sandbox.containers.get(container!)?.state === 'running';
  const code = yield* drive(ctx, run, alive, tty);
  return exitStatus(ctx, code);
}

/** kubectl's report of a non-zero exit (`command terminated with exit code N`), and its own exit status. */
function exitStatus(ctx: ProgramContext, code: number): number {
  if (code !== 0) ctx.err(`command terminated with exit code ${code}\n`);
  return code;
}

/** Runs the process, turning its delays into virtual-time waits; a container that dies takes the process with it. */
function* drive(ctx: ProgramContext, run: ShellRun, alive: () => boolean, tty: boolean): Generator<Wait, number, void> {
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
      const ms = Number.isFinite(next.value) ? Math.max(0, next.value) : FOREVER_MS;
      yield { kind: 'sleep', untilMs: ctx.host.now() + ms };
      if (!alive()) { finished = true; return 137; }
    }
  } finally {
    // Ctrl-C reaches the remote process only through a terminal (-t); it then gets to finish (ping's summary).
    if (!finished && tty) {
      try { run.return(130); } catch (e) { if (!(e instanceof ShellExit)) throw e; }
    }
  }
}
