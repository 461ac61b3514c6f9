// The Node.js MongoDB driver (3.0, as the 2018 Smilr data API bundled it): a connection opened through the pod's
// DNS and kube-proxy (`connect(host, port)`), monitored, re-opened by name when lost, and used for commands.
import type { ConnectResult } from '../net/types';
import type { AppContext } from './app';
import { parseUrl } from './http';
import { parseWireReply, wireRequest, type Doc } from './mongo-wire';
import { resolvedAddress } from './net-tools';

export const DRIVER_VERSION = '3.0.11';
export const NODE_VERSION = 'v8.12.0';
export const OS_RELEASE = '4.15.0-1036-azure';
/** SIMPLIFIED: the driver's server monitor is modelled as a liveness check of the kept connection every 10 s. */
export const HEARTBEAT_MS = 10_000;
/** Driver 3.0 defaults for a single server: autoReconnect, reconnectTries 30, reconnectInterval 1000 ms. */
export const RECONNECT_TRIES = 30;
export const RECONNECT_INTERVAL_MS = 1_000;

export interface MongoTarget {
  readonly host: string;
  readonly port: number;
  /** `host:port`, as the driver names a server in its errors. */
  readonly address: string;
  /** The connection string's host part as Node's `url.parse(...).host` returns it (what the app logs). */
  readonly urlHost: string;
}

export interface MongoFailure {
  readonly name: 'MongoNetworkError' | 'MongoError';
  readonly message: string;
}

export type MongoResult = { ok: true; value: Doc } | { ok: false; error: MongoFailure };

/** Reads `mongodb://[user:pass@]host[:port][,host2…][/db][?opts]` as driver 3.0 does. Pure. */
export function parseMongoConnstr(connstr: string): { ok: true; target: MongoTarget } | { ok: false; message: string } {
  if (!/^mongodb(\+srv)?:\/\//.test(connstr)) return { ok: false, message: 'invalid schema, expected mongodb or mongodb+srv' };
  const url = parseUrl(connstr);
  if (!url) return { ok: false, message: 'URL malformed, cannot be parsed' };
  const port = url.port ?? 27017;
  // SIMPLIFIED: of a replica-set host list only the first member is used.
  return { ok: true, target: { host: url.host, port, address: `${url.host}:${port}`, urlHost: url.hosts.join(',') } };
}

/** The network error text the driver reports for a failed connection attempt. Pure. */
export function networkErrorText(result: ConnectResult, target: MongoTarget, connectionId: number): string {
  // The client reports the address it dialled (the DNS answer, e.g. a Service's ClusterIP), not the pod behind it.
  const ip = resolvedAddress(result, target.host);
  switch (result.error) {
    case 'ENOTFOUND': return `getaddrinfo ENOTFOUND ${target.host} ${target.address}`;
    case 'ECONNREFUSED': return `connect ECONNREFUSED ${ip}:${target.port}`;
    case 'EHOSTUNREACH': return `connect EHOSTUNREACH ${ip}:${target.port}`;
    case 'ETIMEDOUT': return `connection ${connectionId} to ${target.address} timed out`;
    default: return `connection ${connectionId} to ${target.address} closed`;
  }
}

type Endpoint = NonNullable<ConnectResult['endpoint']>;
export type ConnectionState = 'disconnected' | 'connected' | 'reconnecting' | 'destroyed';

/** One client connection to a mongod, kept open and watched like the driver's single-server topology. */
export class MongoConnection {
  state: ConnectionState = 'disconnected';
  private endpoint: Endpoint | undefined;
  private connectionId = -1;
  private heartbeatGeneration = 0;

  constructor(private readonly ctx: AppContext, readonly target: MongoTarget, private readonly log: (line: string) => void) {}

  /** The pod IP the connection reached, while connected. */
  get peer(): string | undefined { return this.state === 'connected' ? this.endpoint?.ip : undefined; }

  /** Opens a connection with the driver's handshake; `done` runs when the attempt finishes (after its elapsed time). */
  open(done: (error?: string) => void): void {
    this.connectionId += 1;
    const id = this.connectionId;
    const hello = wireRequest('admin', '$cmd', 'hello', {
      client: { driver: { name: 'nodejs', version: DRIVER_VERSION }, os: { type: 'Linux', name: 'linux', architecture: 'x64', version: OS_RELEASE }, platform: `Node.js ${NODE_VERSION}, LE, mongodb-core: 3.0.9` },
      peer: this.ctx.podIP,
    });
    const result = this.ctx.connect(this.target.host, this.target.port, hello);
    const handshake = result.ok ? parseWireReply(result.response) : undefined;
    this.ctx.after(result.elapsedMs, () => {
      if (this.state === 'destroyed') return;
      if (result.ok && result.endpoint && handshake?.ok) {
        this.endpoint = result.endpoint;
        this.state = 'connected';
        this.scheduleHeartbeat();
        done();
      } else done(result.ok ? `connection ${id} to ${this.target.address} closed` : networkErrorText(result, this.target, id));
    });
  }

  private scheduleHeartbeat(): void {
    const generation = ++this.heartbeatGeneration;
    const tick = (): void => {
      if (generation !== this.heartbeatGeneration || this.state !== 'connected') return;
      if (this.endpoint && !this.ctx.isAlive(this.endpoint)) this.lost();
      else this.ctx.after(HEARTBEAT_MS, tick);
    };
    this.ctx.after(HEARTBEAT_MS, tick);
  }

  /** The kept connection has gone: start the driver's reconnect loop (by name, so a Service finds the new pod). */
  private lost(): void {
    if (this.state !== 'connected') return;
    this.state = 'reconnecting';
    this.heartbeatGeneration++;
    // SIMPLIFIED: the real app logs nothing here (the driver reconnects silently); these lines make it visible.
    this.log(`### MongoDB connection ${this.connectionId} to ${this.target.address} closed, reconnecting`);
    this.reconnect(1);
  }

  private reconnect(attempt: number): void {
    this.open((error) => {
      if (!error) {
        this.log(`### Reconnected to MongoDB server ${this.target.urlHost} (${this.endpoint?.ip}:${this.endpoint?.port})`);
        return;
      }
      this.state = 'reconnecting';
      this.log(`### MongoDB reconnect attempt ${attempt} failed: ${error}`);
      if (attempt >= RECONNECT_TRIES) {
        this.state = 'destroyed';
        this.log(`### MongoDB gave up: failed to reconnect after ${RECONNECT_TRIES} attempts with interval ${RECONNECT_INTERVAL_MS} ms`);
        return;
      }
      this.ctx.after(RECONNECT_INTERVAL_MS, () => this.reconnect(attempt + 1));
    });
  }

  /** Runs one command on the kept connection, failing as the driver does when it is gone. */
  command(db: string, coll: string, op: string, payload: unknown = {}): MongoResult {
    if (this.state === 'destroyed') return { ok: false, error: { name: 'MongoError', message: 'Topology was destroyed' } };
    const closed: MongoResult = { ok: false, error: { name: 'MongoNetworkError', message: `connection ${this.connectionId} to ${this.target.address} closed` } };
    // SIMPLIFIED: driver 3.0 buffers commands while reconnecting; here they fail at once.
    if (this.state !== 'connected' || !this.endpoint) return closed;
    if (!this.ctx.isAlive(this.endpoint)) { this.lost(); return closed; }
    const result = this.ctx.connect(this.endpoint.ip, this.endpoint.port, wireRequest(db, coll, op, payload));
    if (!result.ok) {
      this.lost();
      return { ok: false, error: { name: 'MongoNetworkError', message: networkErrorText(result, this.target, this.connectionId) } };
    }
    const reply = parseWireReply(result.response);
    return reply.ok ? reply : { ok: false, error: { name: 'MongoError', message: reply.errmsg } };
  }
}
