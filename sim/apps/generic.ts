// Any other image. Known servers (known-servers.ts) run with their own port and log; images whose default
// process is a REPL (node, python, …) or a one-shot program (hello-world) exit at once without a command;
// everything else listens on the container's declared TCP ports after about a second and answers HTTP 200.
import type { AppContext, AppImage, AppInstance } from './app';
import { respond } from './http';
import { parseImageRef } from './image-ref';
import { KNOWN_SERVERS, type KnownServer } from './known-servers';
import { containerArgv, processSpecOf, runsToolCommand } from './process-args';
import { runToolProcess } from './busybox';

/** Images whose default command is an interpreter that reads stdin, finds none, and exits 0. */
const REPL_IMAGES = /(^|\/)(library\/)?(node|python|golang|openjdk|ruby|php|perl|fedora)$/;

const HELLO_WORLD = [
  '',
  'Hello from Docker!',
  'This message shows that your installation appears to be working correctly.',
  '',
];

function startKnown(ctx: AppContext, server: KnownServer, tag: string): AppInstance {
  const boot = server.boot(ctx, tag);
  for (const line of boot.lines) ctx.log(line);
  let ready = false;
  if (boot.exitCode !== undefined) {
    const code = boot.exitCode;
    ctx.after(50, () => ctx.exit(code));
  } else {
    ctx.after(server.readyMs, () => {
      ready = true;
      for (const line of boot.readyLines ?? []) ctx.log(line);
    });
  }
  return {
    listening: (port) => ready && server.ports.includes(port),
    http: (port, req) => server.http(ctx, port, req, tag),
    describe: () => ({ ports: [...server.ports], ready }),
  };
}

function startGeneric(ctx: AppContext): AppInstance {
  const ports = ctx.containerPorts.filter((p) => p.protocol === 'TCP').map((p) => p.port);
  let ready = false;
  ctx.after(800 + Math.floor(ctx.random() * 400), () => { ready = true; });
  return {
    listening: (port) => ready && ports.includes(port),
    // SIMPLIFIED: an unknown image is taken to be a small web server on every declared port.
    http: () => respond(200, `Hello from ${ctx.podName} (${ctx.image})\n`, 'text/plain; charset=utf-8'),
    describe: () => ({ ports, ready }),
  };
}

function exitAfter(ctx: AppContext, lines: readonly string[], code: number): AppInstance {
  ctx.after(50, () => {
    for (const line of lines) ctx.log(line);
    ctx.exit(code);
  });
  return { listening: () => false, describe: () => ({ exited: true }) };
}

/** The fallback image: matches every reference, so it must come last in the registry. */
export const genericImage: AppImage = {
  id: 'generic',
  sizeBytes: 100 * 1_048_576,
  matches: () => true,
  start: (ctx) => {
    const spec = processSpecOf(ctx);
    if (runsToolCommand(ctx)) return runToolProcess(ctx, containerArgv(spec, { entrypoint: [], cmd: [] }));
    const parsed = parseImageRef(ctx.image);
    const path = parsed.ok ? parsed.ref.path : '';
    const tag = parsed.ok ? parsed.ref.tag || 'latest' : 'latest';
    const known = KNOWN_SERVERS.find((k) => k.pattern.test(path));
    if (known) return startKnown(ctx, known, tag);
    if (path === 'library/hello-world') return exitAfter(ctx, HELLO_WORLD, 0);
    if (REPL_IMAGES.test(path) && spec.command === undefined && spec.args === undefined) return exitAfter(ctx, [], 0);
    return startGeneric(ctx);
  },
};
