// Tool images (busybox, alpine, ubuntu, debian, curl, netshoot, dnsutils): they run the container's command and
// args (`sleep 3600`, `sh -c "while true; do …; done"`, a single applet) and listen on nothing. With no command
// they run the image default, a shell that finds no terminal and exits 0 at once, which is why a bare busybox
// pod shows Completed and then CrashLoopBackOff.
import type { AppContext, AppImage, AppInstance } from './app';
import { parseImageRef } from './image-ref';
import { epochMsOf } from './log-formats';
import { SHELLS, basename, containerArgv, processSpecOf, type ImageProcess } from './process-args';
import { parseScript, type Script } from './shell-script';
import { ShellExit, ShellState, runScript, type ShellIO } from './shell-run';
import { BUILTINS } from './tool-commands';
import { toolboxFor } from './image-tools';

const TOOL_IMAGES: ReadonlyMap<string, ImageProcess> = new Map([
  ['library/busybox', { entrypoint: [], cmd: ['sh'] }],
  ['library/alpine', { entrypoint: [], cmd: ['/bin/sh'] }],
  ['library/ubuntu', { entrypoint: [], cmd: ['/bin/bash'] }],
  ['library/debian', { entrypoint: [], cmd: ['bash'] }],
  ['library/centos', { entrypoint: [], cmd: ['/bin/bash'] }],
  ['library/bash', { entrypoint: [], cmd: ['bash'] }],
  ['curlimages/curl', { entrypoint: [], cmd: ['curl'] }],
  ['nicolaka/netshoot', { entrypoint: [], cmd: ['zsh'] }],
  ['tutum/dnsutils', { entrypoint: [], cmd: ['bash'] }],
  ['e2e-test-images/jessie-dnsutils', { entrypoint: [], cmd: ['bash'] }],
]);

const BUILD_SIZE_BYTES = 4_400_000;

/**
 * The files the kubelet and the runtime mount into every container, as the container's own process reads them.
 * SIMPLIFIED: the pod's dnsPolicy, dnsConfig, hostname and subdomain are not visible here, so the ClusterFirst
 * resolv.conf of the namespace and the plain hosts entry are assumed (`kubectl exec` sees the exact files).
 */
function kubeletFiles(ctx: AppContext): Map<string, string> {
  return new Map([
    ['/etc/resolv.conf', `search ${ctx.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.0.0.10\noptions ndots:5\n`],
    ['/etc/hosts', '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n' +
      `fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ctx.podIP}\t${ctx.podName}\n`],
    ['/etc/hostname', `${ctx.podName}\n`],
  ]);
}

function literalCommand(argv: readonly string[]): Script {
  const words = argv.map((text) => [{ text, quote: 'single' as const }]);
  return { items: [{ first: { bang: false, commands: [{ kind: 'simple', assigns: [], words }] }, rest: [] }] };
}

/** The script a process runs for an argv: `sh -c TEXT` parses TEXT; anything else runs as one command. Pure. */
export function scriptForArgv(argv: readonly string[]): { ok: true; script: Script; positional: string[] } | { ok: false; code: number; message?: string } {
  if (argv.length === 0) return { ok: false, code: 128 };
  const program = basename(argv[0]);
  if (!SHELLS.has(program)) {
    // curlimages/curl's entrypoint prefixes `curl` when the first argument is an option.
    const fixed = argv[0].startsWith('-') ? ['curl', ...argv] : argv;
    return BUILTINS[basename(fixed[0])] ? { ok: true, script: literalCommand(fixed), positional: [fixed[0]] } : { ok: false, code: 128 };
  }
  if (argv[1] === undefined) return { ok: false, code: 0 }; // an interactive shell with no stdin reads EOF and exits
  if (argv[1] !== '-c') return { ok: false, code: 2, message: `${program}: can't open '${argv[1]}': No such file or directory` };
  if (argv[2] === undefined) return { ok: false, code: 2, message: `${program}: -c requires an argument` };
  const parsed = parseScript(argv[2]);
  if (!parsed.ok) return { ok: false, code: 2, message: `${program}: ${parsed.error}` };
  return { ok: true, script: parsed.script, positional: [argv[3] ?? program, ...argv.slice(4)] };
}

/** Runs argv as the container's process: logs its output, waits in virtual time, exits with its status. */
export function runToolProcess(ctx: AppContext, argv: readonly string[]): AppInstance {
  const plan = scriptForArgv(argv);
  let status: 'running' | 'exited' = 'running';
  let lastCode: number | undefined;
  const finish = (code: number): void => {
    status = 'exited';
    lastCode = code;
    // SIMPLIFIED: a program the image does not have fails at container start (runc's exec error) as StartError.
    ctx.exit(code, code === 128 ? 'StartError' : undefined);
  };
  if (!plan.ok) {
    ctx.after(0, () => { if (plan.message) ctx.log(plan.message); finish(plan.code); });
  } else {
    const vars = new Map<string, string>([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', ctx.podName]]);
    for (const [k, v] of Object.entries(ctx.env)) vars.set(k, v);
    if (!vars.has('HOME')) vars.set('HOME', '/root');
    const io: ShellIO = {
      out: (line) => ctx.log(line),
      err: (line) => ctx.log(line),
      nowEpochMs: () => epochMsOf(ctx),
      hostname: ctx.podName,
      podIP: ctx.podIP,
      connect: (host, port, request) => ctx.connect(host, port, request),
      legacyNslookup: toolboxFor(ctx.image).legacyNslookup,
      readFile: (path) => kubeletFiles(ctx).get(path),
    };
    const run = runScript(plan.script, new ShellState(io, vars, plan.positional, BUILTINS));
    const step = (): void => {
      let next: IteratorResult<number, number>;
      try {
        next = run.next();
      } catch (err) {
        if (err instanceof ShellExit) { finish(err.code); return; }
        throw err;
      }
      if (next.done) finish(next.value);
      else if (Number.isFinite(next.value)) ctx.after(Math.max(0, next.value), step);
    };
    ctx.after(0, step);
  }
  return {
    listening: () => false,
    // A shell or `sleep` running as PID 1 installs no SIGTERM handler, so the kernel ignores the signal and the
    // kubelet has to kill the container when the grace period ends. SIMPLIFIED: `trap … TERM` is not honoured.
    terminate: () => Infinity,
    describe: () => ({ argv: [...argv], status, exitCode: lastCode }),
  };
}

/** busybox and the other tool images. */
export const busyboxImage: AppImage = {
  id: 'busybox',
  sizeBytes: BUILD_SIZE_BYTES,
  matches: (image) => {
    const parsed = parseImageRef(image);
    return parsed.ok && TOOL_IMAGES.has(parsed.ref.path);
  },
  start: (ctx) => {
    const parsed = parseImageRef(ctx.image);
    const defaults = (parsed.ok && TOOL_IMAGES.get(parsed.ref.path)) || { entrypoint: [], cmd: ['sh'] };
    return runToolProcess(ctx, containerArgv(processSpecOf(ctx), defaults));
  },
};
