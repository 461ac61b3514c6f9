// The official `nginx` image (docker-entrypoint.sh, then nginx serving the welcome page on port 80, with an access
// log line per request in the image's `main` format) and kubesim/hello, a tiny demo server. For rolling-update
// lessons, the demo tags `v1`, `v2`, … answer a short text naming the version and the pod.
import type { HttpRequest, HttpResponse } from '../net/types';
import type { AppContext, AppImage, AppInstance } from './app';
import { STATUS_TEXT, headerOf, remoteAddressOf, respond, utf8Length } from './http';
import { parseImageRef } from './image-ref';
import { clfDate, epochMsOf, httpDate, nginxDate } from './log-formats';
import { containerArgv, processSpecOf, runsToolCommand } from './process-args';
import { runToolProcess } from './busybox';

const PATCHES: Readonly<Record<string, string>> = {
  '1.14': '1.14.2', '1.15': '1.15.12', '1.16': '1.16.1', '1.17': '1.17.10', '1.18': '1.18.0', '1.19': '1.19.10',
  '1.20': '1.20.2', '1.21': '1.21.6', '1.22': '1.22.1', '1.23': '1.23.4', '1.24': '1.24.0', '1.25': '1.25.5',
  '1.26': '1.26.3', '1.27': '1.27.5', '1.28': '1.28.0', '1.29': '1.29.1',
};
const MAINLINE = '1.29.1';
const STABLE = '1.28.0';

/** The nginx version a tag runs (`1.25-alpine` → `1.25.5`, `stable` → the stable line, others mainline). Pure. */
export function nginxVersionFor(tag: string): string {
  if (tag.startsWith('stable')) return STABLE;
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return MAINLINE;
  return m[3] !== undefined ? `${m[1]}.${m[2]}.${m[3]}` : PATCHES[`${m[1]}.${m[2]}`] ?? `${m[1]}.${m[2]}.0`;
}

/** The demo version a tag names (`v2`), or undefined for ordinary tags. Pure. */
export function demoVersionOf(tag: string): string | undefined {
  return /^v\d+$/.test(tag) ? tag : undefined;
}

const WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

function errorPage(status: number, version: string): string {
  const title = `${status} ${STATUS_TEXT[status] ?? ''}`.trimEnd();
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

function startupLog(ctx: AppContext, version: string): void {
  const [major, minor] = version.split('.').map(Number);
  if (major === 1 && minor >= 19) {
    for (const line of [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ]) ctx.log(line);
  }
  const at = nginxDate(epochMsOf(ctx));
  for (const notice of [
    'using the "epoll" event method', `nginx/${version}`, 'built by gcc 12.2.0 (Debian 12.2.0-14)',
    'OS: Linux 5.15.0-1079-azure', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576', 'start worker processes',
    'start worker process 29', 'start worker process 30',
  ]) ctx.log(`${at} [notice] 1#1: ${notice}`);
}

function accessLogLine(epochMs: number, req: HttpRequest, res: HttpResponse): string {
  const q = (v: string | undefined): string => `"${v ?? '-'}"`;
  return `${remoteAddressOf(req) ?? '-'} - - [${clfDate(epochMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${utf8Length(res.body)} ${q(headerOf(req, 'referer'))} ${q(headerOf(req, 'user-agent'))} ${q(headerOf(req, 'x-forwarded-for'))}`;
}

function startNginx(ctx: AppContext, tag: string, port: number): AppInstance {
  const version = nginxVersionFor(tag);
  const demo = demoVersionOf(tag);
  startupLog(ctx, version);
  const headers = (): Record<string, string> => ({ Server: `nginx/${version}`, Date: httpDate(epochMsOf(ctx)), Connection: 'keep-alive' });
  const answer = (req: HttpRequest): HttpResponse => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return respond(405, errorPage(405, version), 'text/html', headers());
    // SIMPLIFIED: a demo tag serves a one-line page naming the version and the pod on every path.
    if (demo) return respond(200, `hello from ${ctx.podName} (${demo})\n`, 'text/plain', headers());
    const path = req.path.replace(/\?.*$/, '');
    if (path === '/' || path === '/index.html') return respond(200, WELCOME, 'text/html', { ...headers(), 'Accept-Ranges': 'bytes' });
    return respond(404, errorPage(404, version), 'text/html', headers());
  };
  let stopping = false;
  return {
    listening: (p) => !stopping && p === port,
    // The image's STOPSIGNAL is SIGQUIT, which nginx handles as a graceful shutdown.
    terminate: () => {
      stopping = true;
      const at = nginxDate(epochMsOf(ctx));
      for (const notice of ['1#1: signal 3 (SIGQUIT) received, shutting down', '29#29: gracefully shutting down', '29#29: exiting', '29#29: exit',
        '1#1: signal 17 (SIGCHLD) received from 29', '1#1: worker process 29 exited with code 0', '1#1: exit']) ctx.log(`${at} [notice] ${notice}`);
      return 100;
    },
    http: (_p, req) => {
      const res = answer(req);
      ctx.log(accessLogLine(epochMsOf(ctx), req, res));
      return req.method === 'HEAD' ? { ...res, body: '' } : res;
    },
    describe: () => ({ version, port, demoVersion: demo }),
  };
}

function tagOf(image: string): string {
  const parsed = parseImageRef(image);
  return parsed.ok ? parsed.ref.tag || 'latest' : 'latest';
}

function pathMatches(image: string, pattern: RegExp): boolean {
  const parsed = parseImageRef(image);
  return parsed.ok && pattern.test(parsed.ref.path);
}

/** nginx, nginxinc/nginx-unprivileged and bitnami/nginx (the last two listen on 8080). */
export const nginxImage: AppImage = {
  id: 'nginx',
  sizeBytes: 68 * 1_048_576,
  matches: (image) => pathMatches(image, /(^|\/)nginx(-unprivileged)?$/),
  start: (ctx) => {
    if (runsToolCommand(ctx)) return runToolProcess(ctx, containerArgv(processSpecOf(ctx), { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] }));
    const port = pathMatches(ctx.image, /^(nginxinc|bitnami)\//) ? 8080 : 80;
    return startNginx(ctx, tagOf(ctx.image), port);
  },
};

/** kubesim/hello: answers `hello from <pod> (<tag>)` on PORT (default 8080) and logs each request. */
export const helloImage: AppImage = {
  id: 'hello',
  sizeBytes: 8 * 1_048_576,
  matches: (image) => pathMatches(image, /(^|\/)kubesim\/hello$/),
  start: (ctx) => {
    if (runsToolCommand(ctx)) return runToolProcess(ctx, containerArgv(processSpecOf(ctx), { entrypoint: ['/hello'], cmd: [] }));
    const version = tagOf(ctx.image);
    const port = Number(ctx.env.PORT) || 8080;
    ctx.log(`hello ${version}: listening on :${port}`);
    return {
      listening: (p) => p === port,
      http: (_p, req) => {
        ctx.log(`${req.method} ${req.path} from ${remoteAddressOf(req) ?? 'unknown'}`);
        return respond(200, `hello from ${ctx.podName} (${version})\n`, 'text/plain; charset=utf-8');
      },
      describe: () => ({ version, port }),
    };
  },
};
