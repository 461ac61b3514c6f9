// Well-known images that run a server with a fixed port and a recognisable log (redis, postgres, mysql, httpd,
// the Kubernetes tutorial apps), including the entrypoint checks that make some of them exit at once.
import { formatTimestamp } from '../model/time';
import type { HttpRequest, HttpResponse } from '../net/types';
import type { AppContext } from './app';
import { EMPTY_REPLY, headerOf, remoteAddressOf, respond, utf8Length } from './http';
import { apacheDate, clfDate, epochMsOf, nginxDate, redisDate } from './log-formats';

export interface KnownServer {
  /** Matches the repository path (`library/redis`, `google-samples/hello-app`). */
  readonly pattern: RegExp;
  readonly ports: readonly number[];
  /** Start-up time before the ports accept connections (virtual ms). */
  readonly readyMs: number;
  /** Log lines at start, and an exit code when the entrypoint refuses to start. */
  readonly boot: (ctx: AppContext, tag: string) => { readonly lines: readonly string[]; readonly exitCode?: number; readonly readyLines?: readonly string[] };
  readonly http: (ctx: AppContext, port: number, req: HttpRequest, tag: string) => HttpResponse;
}

const text = (body: string): HttpResponse => respond(200, body, 'text/plain; charset=utf-8');
const mysqlDate = (ms: number): string => `${formatTimestamp(ms).replace('T', ' ').replace('Z', '')}+00:00`;
const peer = (req: HttpRequest): string => remoteAddressOf(req) ?? '10.244.0.1';

/** The known servers, first match wins. */
export const KNOWN_SERVERS: readonly KnownServer[] = [
  {
    pattern: /(^|\/)redis$/, ports: [6379], readyMs: 200,
    boot: (ctx) => {
      const d = redisDate(epochMsOf(ctx));
      return { lines: [
        `1:C ${d} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${d} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started`,
        `1:C ${d} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        `1:M ${d} * monotonic clock: POSIX clock_gettime`,
        `1:M ${d} * Running mode=standalone, port=6379.`,
        `1:M ${d} * Server initialized`,
      ], readyLines: [`1:M ${d} * Ready to accept connections tcp`] };
    },
    http: (ctx, _port, req) => {
      if (headerOf(req, 'host') !== undefined || req.method === 'POST') {
        ctx.log(`1:M ${redisDate(epochMsOf(ctx))} # Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from ${peer(req)}:41234 aborted.`);
      }
      return EMPTY_REPLY;
    },
  },
  {
    pattern: /(^|\/)postgres$/, ports: [5432], readyMs: 3000,
    boot: (ctx) => {
      if (!ctx.env.POSTGRES_PASSWORD && ctx.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
        return { exitCode: 1, lines: [
          'Error: Database is uninitialized and superuser password is not specified.',
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
          '',
          '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
          '       connections without a password. This is *not* recommended.',
          '',
          '       See PostgreSQL documentation about "trust":',
          '       https://www.postgresql.org/docs/current/auth-trust.html',
        ] };
      }
      const d = `${formatTimestamp(epochMsOf(ctx)).replace('T', ' ').replace('Z', '')}.000 UTC`;
      return { lines: ['PostgreSQL init process complete; ready for start up.', '', `${d} [1] LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu`, `${d} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`],
        readyLines: [`${d} [1] LOG:  database system is ready to accept connections`] };
    },
    http: () => EMPTY_REPLY,
  },
  {
    pattern: /(^|\/)(mysql|mariadb)$/, ports: [3306], readyMs: 8000,
    boot: (ctx) => {
      const d = mysqlDate(epochMsOf(ctx));
      const head = [`${d} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.`, `${d} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`, `${d} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.`];
      const e = ctx.env;
      if (!e.MYSQL_ROOT_PASSWORD && !e.MYSQL_ALLOW_EMPTY_PASSWORD && !e.MYSQL_RANDOM_ROOT_PASSWORD && !e.MARIADB_ROOT_PASSWORD) {
        return { exitCode: 1, lines: [...head, `${d} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
          '    You need to specify one of the following as an environment variable:', '    - MYSQL_ROOT_PASSWORD', '    - MYSQL_ALLOW_EMPTY_PASSWORD', '    - MYSQL_RANDOM_ROOT_PASSWORD'] };
      }
      return { lines: [...head, `${d} [Note] [Entrypoint]: Initializing database files`],
        readyLines: [`${d}Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.1.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`] };
    },
    http: () => EMPTY_REPLY,
  },
  {
    pattern: /(^|\/)httpd$/, ports: [80], readyMs: 100,
    boot: (ctx) => {
      const d = apacheDate(epochMsOf(ctx));
      return { lines: [
        `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`,
        `[${d}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
        `[${d}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
      ] };
    },
    http: (ctx, _port, req) => {
      const ok = req.path === '/' || req.path === '/index.html';
      const body = ok ? '<html><body><h1>It works!</h1></body></html>\n' : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
      ctx.log(`${peer(req)} - - [${clfDate(epochMsOf(ctx))}] "${req.method} ${req.path} HTTP/1.1" ${ok ? 200 : 404} ${utf8Length(body)}`);
      return respond(ok ? 200 : 404, body, 'text/html', { Server: 'Apache/2.4.62 (Unix)' });
    },
  },
  {
    pattern: /(^|\/)google-samples\/hello-app$/, ports: [8080], readyMs: 100,
    boot: (ctx) => ({ lines: [`${nginxDate(epochMsOf(ctx))} Server listening on port 8080`] }),
    http: (ctx, _port, req, tag) => {
      ctx.log(`${nginxDate(epochMsOf(ctx))} Serving request: ${req.path}`);
      return text(`Hello, world!\nVersion: ${tag === 'latest' ? '1.0.0' : /^\d+\.\d+$/.test(tag) ? `${tag}.0` : tag}\nHostname: ${ctx.podName}\n`);
    },
  },
  {
    pattern: /(^|\/)google-samples\/kubernetes-bootcamp$/, ports: [8080], readyMs: 300,
    boot: (ctx) => ({ lines: [`Kubernetes Bootcamp App Started At: ${formatTimestamp(epochMsOf(ctx)).replace('Z', '.000Z')} | Running On:  ${ctx.podName} `, ''] }),
    http: (ctx, _port, _req, tag) => text(`Hello Kubernetes bootcamp! | Running on: ${ctx.podName} | v=${tag.replace(/^v/, '')}\n`),
  },
  {
    pattern: /(^|\/)stefanprodan\/podinfo$/, ports: [9898], readyMs: 500,
    boot: (ctx) => ({ lines: [`{"level":"info","ts":"${formatTimestamp(epochMsOf(ctx))}","caller":"podinfo/main.go:153","msg":"Starting podinfo","version":"6.7.1","port":"9898"}`] }),
    http: (ctx) => {
      const info = { hostname: ctx.podName, version: '6.7.1', revision: '', color: '#34577c', logo: '', message: 'greetings from podinfo v6.7.1',
        goos: 'linux', goarch: 'amd64', runtime: 'go1.23.4', num_goroutine: '8', num_cpu: '2' };
      return respond(200, `${JSON.stringify(info, null, 2)}\n`, 'application/json; charset=utf-8');
    },
  },
  {
    pattern: /(^|\/)echoserver$/, ports: [8080], readyMs: 300,
    boot: () => ({ lines: [] }),
    http: (ctx, _port, req) => text([
      'CLIENT VALUES:', `client_address=${peer(req)}`, `command=${req.method}`, `real path=${req.path}`, 'query=nil',
      'request_version=1.1', `request_uri=http://${headerOf(req, 'host') ?? ctx.podIP}:8080${req.path}`, '',
      'SERVER VALUES:', 'server_version=nginx: 1.10.0 - lua: 10001', '', 'HEADERS RECEIVED:',
      ...Object.entries(req.headers ?? {}).map(([k, v]) => `${k.toLowerCase()}=${v}`), 'BODY:', '-no body in request-',
    ].join('\n')),
  },
  {
    pattern: /(^|\/)azuredocs\/aks-helloworld$/, ports: [80], readyMs: 800,
    boot: () => ({ lines: ['Checking for script in /app/prestart.sh', 'Running script /app/prestart.sh', 'Running inside /app/prestart.sh, you could add migrations to this file, e.g.:'] }),
    http: () => respond(200, '<!DOCTYPE html>\n<html>\n<head><title>Welcome to Azure Kubernetes Service (AKS)</title></head>\n<body><h1>Welcome to Azure Kubernetes Service (AKS)</h1></body>\n</html>\n', 'text/html; charset=utf-8'),
  },
];
