// Small HTTP helpers the simulated servers share: responses with real-looking headers, URL and body parsing.
import type { HttpRequest, HttpResponse } from '../net/types';

/**
 * A request as a server sees it. `remoteAddress` is the peer's IP when the network supplies it.
 * SIMPLIFIED: HttpRequest carries no peer address yet, so servers read it defensively and fall back to a header.
 */
export type IncomingRequest = HttpRequest & { readonly remoteAddress?: string };

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** A header's value, matched case-insensitively. Pure. */
export function headerOf(req: HttpRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The peer address of a request (network-supplied, else `X-Forwarded-For`), or undefined. Pure. */
export function remoteAddressOf(req: HttpRequest): string | undefined {
  const peer = (req as IncomingRequest).remoteAddress;
  if (typeof peer === 'string' && peer !== '') return peer;
  return headerOf(req, 'x-forwarded-for')?.split(',')[0]?.trim() || undefined;
}

/** The UTF-8 byte length of `text` (what Content-Length counts). Pure. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } else n += 3;
  }
  return n;
}

/** A response with Content-Type and Content-Length set, plus any extra headers. Pure. */
export function respond(status: number, body: string, contentType: string, extra: Record<string, string> = {}): HttpResponse {
  return { status, headers: { ...extra, 'Content-Type': contentType, 'Content-Length': String(utf8Length(body)) }, body };
}

/** A JSON response as Express's `res.send(object)` writes it. Pure. */
export function expressJson(status: number, value: unknown): HttpResponse {
  return respond(status, JSON.stringify(value) ?? '', 'application/json; charset=utf-8', { 'X-Powered-By': 'Express' });
}

/** A string response as Express's `res.send(string)` writes it (text/html). Pure. */
export function expressText(status: number, body: string, contentType = 'text/html; charset=utf-8'): HttpResponse {
  return respond(status, body, contentType, { 'X-Powered-By': 'Express' });
}

/** The path and decoded query parameters of a request target such as `/api/events?x=1`. Pure. */
export function splitTarget(target: string): { pathname: string; query: Readonly<Record<string, string>> } {
  const q = target.indexOf('?');
  const pathname = q === -1 ? target : target.slice(0, q);
  const query: Record<string, string> = {};
  if (q !== -1) {
    for (const pair of target.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      query[safeDecode(key)] = eq === -1 ? '' : safeDecode(pair.slice(eq + 1));
    }
  }
  return { pathname: pathname === '' ? '/' : pathname, query };
}

function safeDecode(text: string): string {
  try { return decodeURIComponent(text.replace(/\+/g, ' ')); } catch { return text; }
}

export interface ParsedUrl {
  readonly scheme: string;
  readonly userinfo?: string;
  /** The host list as written (`a,b` for a Mongo replica set); `host` is the first. */
  readonly hosts: readonly string[];
  readonly host: string;
  readonly port?: number;
  /** `host[:port]` of the first host, as Node's `url.parse(...).host` returns it. */
  readonly hostPort: string;
  readonly path: string;
}

/** Parses `scheme://[user[:pass]@]host[:port][,host2…][/path][?query]`; undefined when malformed. Pure. */
export function parseUrl(url: string): ParsedUrl | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:([^@/]*)@)?([^/?#]*)(.*)$/.exec(url.trim());
  if (!m || m[3] === '') return undefined;
  const hosts = m[3].split(',').filter((h) => h !== '');
  if (hosts.length === 0) return undefined;
  const first = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hosts[0]);
  if (!first) return undefined;
  const port = first[2] === undefined ? undefined : Number(first[2]);
  const path = m[4] === '' ? '/' : m[4];
  return { scheme: m[1].toLowerCase(), userinfo: m[2], hosts, host: first[1].toLowerCase(), port, hostPort: hosts[0].toLowerCase(), path };
}

/** The request body parsed as JSON: an empty body is `undefined`, malformed JSON is an error. Pure. */
export function parseJsonBody(body: string | undefined): { ok: true; value: unknown } | { ok: false; message: string } {
  if (body === undefined || body.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** Whether `value` is a plain JSON object (not null, not an array). Pure. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The server closed the connection without an HTTP reply (a non-HTTP port such as DNS, Redis or PostgreSQL):
 * curl reports `(52) Empty reply from server`. Status 0 marks it; it is never a real HTTP status.
 */
export const EMPTY_REPLY: HttpResponse = { status: 0, body: '' };

/** Whether a response is the EMPTY_REPLY marker (no HTTP reply at all). Pure. */
export function isEmptyReply(res: HttpResponse | undefined): boolean {
  return res === undefined || res.status === 0;
}
