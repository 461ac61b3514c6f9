// The official `mongo` image: mongod on 27017 with its real start-up log (text lines up to 4.2, structured JSON
// from 4.4), databases kept in memory or, when a persistent volume is mounted at /data/db, on the volume.
import type { HttpRequest } from '../net/types';
import type { AppContext, AppImage, AppInstance } from './app';
import { isRecord, parseJsonBody, remoteAddressOf, respond } from './http';
import { parseImageRef } from './image-ref';
import { epochMsOf, hashHex, mongodDate, mongodJsonDate } from './log-formats';
import { DocumentStore, WIRE_METHOD, serveDataCommand, wireReply, type Doc } from './mongo-wire';
import { runsToolCommand, processSpecOf, containerArgv } from './process-args';
import { runToolProcess } from './busybox';

export const MONGO_PORT = 27017;
const HTTP_ON_NATIVE_PORT = 'It looks like you are trying to access MongoDB over HTTP on the native driver port.\n';

/** The newest patch release of each minor line. SIMPLIFIED: `latest` and code names mean 8.0. */
const PATCHES: Readonly<Record<string, string>> = {
  '2.6': '2.6.12', '3.0': '3.0.15', '3.2': '3.2.22', '3.4': '3.4.24', '3.6': '3.6.23', '4.0': '4.0.28',
  '4.2': '4.2.24', '4.4': '4.4.29', '5.0': '5.0.31', '6.0': '6.0.20', '7.0': '7.0.16', '8.0': '8.0.4',
};
const NEWEST_MINOR: Readonly<Record<string, string>> = { 2: '2.6', 3: '3.6', 4: '4.4', 5: '5.0', 6: '6.0', 7: '7.0', 8: '8.0' };

/** The mongod version an image tag runs (`3.4-jessie` → `3.4.24`, `4.4.6` → `4.4.6`). Pure. */
export function mongoVersionFor(tag: string): string {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag);
  if (!m) return PATCHES['8.0'];
  if (m[3] !== undefined) return `${m[1]}.${m[2]}.${m[3]}`;
  const minor = m[2] !== undefined ? `${m[1]}.${m[2]}` : NEWEST_MINOR[m[1]] ?? `${m[1]}.0`;
  return PATCHES[minor] ?? `${minor}.0`;
}

type Era = 'text34' | 'text' | 'json';
const eraOf = (version: string): Era => {
  const [major, minor] = version.split('.').map(Number);
  if (major < 3 || (major === 3 && minor <= 4)) return 'text34';
  return major < 4 || (major === 4 && minor < 4) ? 'text' : 'json';
};

function gitHash(version: string): string {
  return hashHex(`mongod:${version}`, 40);
}

function startupLines(era: Era, version: string, host: string, hasData: boolean): { text: string[]; json: [string, number, string, string, string?][] } {
  const distmod = era === 'text34' ? 'debian81' : version.startsWith('4.2') ? 'ubuntu1804' : 'ubuntu1604';
  const openssl = era === 'text34' ? 'OpenSSL 1.0.1t  3 May 2016' : version.startsWith('4.2') ? 'OpenSSL 1.1.1  11 Sep 2018' : 'OpenSSL 1.0.2g  1 Mar 2016';
  const text = [
    `I CONTROL  [initandlisten] MongoDB starting : pid=1 port=${MONGO_PORT} dbpath=/data/db 64-bit host=${host}`,
    `I CONTROL  [initandlisten] db version v${version}`,
    `I CONTROL  [initandlisten] git version: ${gitHash(version)}`,
    `I CONTROL  [initandlisten] OpenSSL version: ${openssl}`,
    'I CONTROL  [initandlisten] allocator: tcmalloc',
    'I CONTROL  [initandlisten] modules: none',
    'I CONTROL  [initandlisten] build environment:',
    `I CONTROL  [initandlisten]     distmod: ${distmod}`,
    'I CONTROL  [initandlisten]     distarch: x86_64',
    'I CONTROL  [initandlisten]     target_arch: x86_64',
    `I CONTROL  [initandlisten] options: ${era === 'text34' ? '{}' : '{ net: { bindIpAll: true } }'}`,
    hasData
      ? "I STORAGE  [initandlisten] Detected data files in /data/db created by the 'wiredTiger' storage engine, so setting the active storage engine to 'wiredTiger'."
      : 'I STORAGE  [initandlisten] wiredtiger_open config: create,cache_size=3476M,session_max=20000,eviction=(threads_min=4,threads_max=4),statistics_log=(wait=0),',
    'I CONTROL  [initandlisten] ',
    'I CONTROL  [initandlisten] ** WARNING: Access control is not enabled for the database.',
    'I CONTROL  [initandlisten] **          Read and write access to data and configuration is unrestricted.',
    'I CONTROL  [initandlisten] ',
    "I FTDC     [initandlisten] Initializing full-time diagnostic data capture with directory '/data/db/diagnostic.data'",
  ];
  const json: [string, number, string, string, string?][] = [
    ['CONTROL', 23285, 'main', 'Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols \'none\''],
    ['CONTROL', 4615611, 'initandlisten', 'MongoDB starting', `{"pid":1,"port":${MONGO_PORT},"dbPath":"/data/db","architecture":"64-bit","host":"${host}"}`],
    ['CONTROL', 23403, 'initandlisten', 'Build Info', `{"buildInfo":{"version":"${version}","gitVersion":"${gitHash(version)}","allocator":"tcmalloc","environment":{"distarch":"x86_64","target_arch":"x86_64"}}}`],
    ['CONTROL', 21951, 'initandlisten', 'Options set by command line', '{"options":{"net":{"bindIp":"*"}}}'],
    ['STORAGE', 22315, 'initandlisten', 'Opening WiredTiger', `{"config":"${hasData ? '' : 'create,'}cache_size=3476M,session_max=33000,eviction=(threads_min=4,threads_max=4)"}`],
    ['CONTROL', 22120, 'initandlisten', 'Access control is not enabled for the database. Read and write access to data and configuration is unrestricted'],
    ['NETWORK', 23015, 'listener', 'Listening on', '{"address":"0.0.0.0"}'],
  ];
  return { text, json };
}

/** A document as the mongo shell prints it: `{ driver: { name: "nodejs" } }`. Pure. */
function shellJson(v: unknown): string {
  return isRecord(v) ? `{ ${Object.entries(v).map(([k, x]) => `${k}: ${shellJson(x)}`).join(', ')} }` : JSON.stringify(v) ?? 'null';
}

function jsonLine(epochMs: number, c: string, id: number, ctxName: string, msg: string, attr?: string): string {
  const head = `{"t":{"$date":"${mongodJsonDate(epochMs)}"},${'"s":"I",'.padEnd(10)}${`"c":"${c}",`.padEnd(16)}${`"id":${id},`.padEnd(14)}`;
  return `${head}"ctx":"${ctxName}","msg":"${msg}"${attr ? `,"attr":${attr}` : ''}}`;
}

/** Starts mongod: logs, becomes ready after 1–2 s of virtual time, then serves HTTP's warning and the wire protocol. */
function startMongod(ctx: AppContext): AppInstance {
  const parsed = parseImageRef(ctx.image);
  const version = mongoVersionFor(parsed.ok ? parsed.ref.tag : 'latest');
  const era = eraOf(version);
  const persistent = ctx.persistentData('/data/db');
  const store = new DocumentStore(persistent ?? new Map<string, unknown>());
  const hasData = store.initialised;
  store.markInitialised(version);
  let ready = false;
  let connections = 0;
  const log = (text: string, c = 'NETWORK', id = 0, ctxName = '', attr?: string): void => {
    const at = epochMsOf(ctx);
    ctx.log(era === 'json' ? jsonLine(at, c, id, ctxName, text, attr) : `${mongodDate(at)} ${text}`);
  };
  const lines = startupLines(era, version, ctx.podName, hasData);
  if (era === 'json') for (const [c, id, name, msg, attr] of lines.json) log(msg, c, id, name, attr);
  else for (const line of lines.text) ctx.log(`${mongodDate(epochMsOf(ctx))} ${line}`);
  ctx.after(1200 + Math.floor(ctx.random() * 800), () => {
    ready = true;
    if (era === 'json') log('Waiting for connections', 'NETWORK', 23016, 'listener', `{"port":${MONGO_PORT},"ssl":"off"}`);
    else log(`I NETWORK  [${era === 'text34' ? 'thread1' : 'initandlisten'}] waiting for connections on port ${MONGO_PORT}`);
  });

  const hello = (req: HttpRequest, body: Doc): Doc => {
    connections += 1;
    const peer = `${remoteAddressOf(req) ?? (typeof body.peer === 'string' ? body.peer : '127.0.0.1')}:${40000 + Math.floor(ctx.random() * 20000)}`;
    if (era === 'json') {
      log('Connection accepted', 'NETWORK', 22943, 'listener', `{"remote":"${peer}","connectionId":${connections},"connectionCount":${connections}}`);
    } else {
      const listener = era === 'text34' ? 'thread1' : 'listener';
      log(`I NETWORK  [${listener}] connection accepted from ${peer} #${connections} (${connections} connection${connections === 1 ? '' : 's'} now open)`);
      if (isRecord(body.client)) log(`I NETWORK  [conn${connections}] received client metadata from ${peer} conn${connections}: ${shellJson(body.client)}`);
    }
    return { ok: 1, ismaster: true, isWritablePrimary: true, maxWireVersion: era === 'text34' ? 5 : 21, connectionId: connections };
  };

  const shutdown = (): number => {
    ready = false;
    if (era === 'json') {
      log('Received signal', 'CONTROL', 23377, 'SignalHandler', '{"signal":15,"error":"Terminated"}');
      log('Shutting down', 'NETWORK', 4784923, 'SignalHandler');
      log('Now exiting', 'CONTROL', 20609, 'SignalHandler');
      log('Shutting down', 'CONTROL', 23138, 'SignalHandler', '{"exitCode":0}');
    } else {
      for (const line of [
        'I CONTROL  [signalProcessingThread] got signal 15 (Terminated), will terminate after current cmd ends',
        'I NETWORK  [signalProcessingThread] shutdown: going to close listening sockets...',
        'I STORAGE  [signalProcessingThread] WiredTigerKVEngine shutting down',
        'I CONTROL  [signalProcessingThread] now exiting',
        'I CONTROL  [signalProcessingThread] shutting down with code:0',
      ]) log(line);
    }
    return 300;
  };

  return {
    listening: (port) => ready && port === MONGO_PORT,
    terminate: shutdown,
    http: (_port, req) => {
      if (req.method !== WIRE_METHOD) return respond(200, HTTP_ON_NATIVE_PORT, 'text/plain', { Connection: 'close' });
      const [, db = '', coll = '', op = ''] = req.path.split('/');
      const body = parseJsonBody(req.body);
      const payload = body.ok && isRecord(body.value) ? body.value : {};
      if (op === 'hello' || op === 'isMaster') return wireReply(hello(req, payload));
      if (op === 'serverStatus') return wireReply({ ok: 1, version, host: ctx.podName, process: 'mongod', connections: { current: connections } });
      return serveDataCommand(store, db, coll, op, payload);
    },
    describe: () => ({ version, ready, persistent: persistent !== undefined, namespaces: store.namespaces() }),
  };
}

/** The official mongo image (any tag) and look-alikes such as bitnami/mongodb. */
export const mongoImage: AppImage = {
  id: 'mongo',
  sizeBytes: 260 * 1_048_576,
  matches: (image) => {
    const parsed = parseImageRef(image);
    return parsed.ok && /(^|\/)mongo(db)?$/.test(parsed.ref.path);
  },
  start: (ctx) => (runsToolCommand(ctx)
    ? runToolProcess(ctx, containerArgv(processSpecOf(ctx), { entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'] }))
    : startMongod(ctx)),
};
