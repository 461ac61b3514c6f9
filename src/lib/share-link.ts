// A share link: a run (seed, timed command log — the editor's files are writeFile commands in it — and the virtual
// time reached) packed into the address's fragment as `#share=<base64url of deflate-raw(JSON)>`, using the
// browser's own CompressionStream. The link is untrusted: its length and its unpacked size are capped (unpacking
// streams and stops at the cap, so a zip bomb costs nothing), and what it holds is checked like a saved session
// before the engine sees it. It is data only: nothing in it is ever run as code.
import type { RunRecord } from '../../sim/protocol';
import { isRunRecord } from '../features/lessons/saved-shapes';
import { readLab, type SavedLab } from './persistence';

/** The fragment's parameter: `#share=…`. */
export const SHARE_PARAM = 'share';
/** The most characters of packed run a link may carry (after `#share=`). */
export const MAX_SHARE_CHARS = 64 * 1024;
/** The most bytes a link's run may unpack to. */
export const MAX_SHARE_JSON_BYTES = 2_000_000;
/** The most commands a shared run may hold. */
export const MAX_SHARE_COMMANDS = 10_000;
/** The latest virtual time a shared run may claim (a day: its replay must stay short). */
export const MAX_SHARE_AT_MS = 24 * 3_600_000;

/** What a link carries: the run, how far its clock had gone, and the lab being followed with its progress. */
export interface SharedRun {
  readonly record: RunRecord;
  readonly atMs: number;
  readonly lab?: SavedLab;
}

export type DecodedShare = { readonly kind: 'ok'; readonly run: SharedRun } | { readonly kind: 'bad'; readonly reason: string };

const bad = (reason: string): DecodedShare => ({ kind: 'bad', reason });

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | 'too-large'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function streamOf(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array<ArrayBuffer>> {
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** Packs a run for a link: the text that follows `#share=`. */
export async function encodeShare(run: SharedRun): Promise<string> {
  const json = JSON.stringify({ kubesim: 'share', version: 1, atMs: run.atMs, record: run.record, ...(run.lab ? { lab: run.lab } : {}) });
  const packed = await readAll(streamOf(new TextEncoder().encode(json)).pipeThrough(new CompressionStream('deflate-raw')), Number.MAX_SAFE_INTEGER);
  return toBase64Url(packed as Uint8Array);
}

/** Checks what a link unpacked to: a run the engine may replay, or why not. Pure. */
export function readSharedRun(data: unknown): DecodedShare {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return bad('it is not a kubesim share link');
  const fields = data as Record<string, unknown>;
  if (fields.kubesim !== 'share' || fields.version !== 1) return bad('it is not a kubesim share link');
  const record = fields.record;
  if (typeof record === 'object' && record !== null && Array.isArray((record as { commands?: unknown }).commands)
    && (record as { commands: unknown[] }).commands.length > MAX_SHARE_COMMANDS) return bad('it holds more commands than a link may carry');
  if (!isRunRecord(record)) return bad('its command record is damaged');
  const lastAt = record.commands.length > 0 ? record.commands[record.commands.length - 1].at : 0;
  const atMs = fields.atMs;
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || atMs < lastAt || atMs > MAX_SHARE_AT_MS) return bad('its clock is damaged');
  const lab = fields.lab === undefined ? undefined : readLab(fields.lab);
  if (fields.lab !== undefined && !lab) return bad('its lab progress is damaged');
  return { kind: 'ok', run: { record, atMs, ...(lab ? { lab } : {}) } };
}

/** Unpacks the text that followed `#share=`; never throws. */
export async function decodeShare(packed: string): Promise<DecodedShare> {
  if (packed.length > MAX_SHARE_CHARS) return bad('it is longer than a link may be');
  const bytes = fromBase64Url(packed);
  if (!bytes || bytes.length === 0) return bad('it is damaged');
  let unpacked: Uint8Array | 'too-large';
  try {
    unpacked = await readAll(streamOf(bytes).pipeThrough(new DecompressionStream('deflate-raw')), MAX_SHARE_JSON_BYTES);
  } catch {
    return bad('it is damaged');
  }
  if (unpacked === 'too-large') return bad('it unpacks to more than a link may carry');
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(unpacked));
  } catch {
    return bad('it is damaged');
  }
  return readSharedRun(data);
}

/** The packed run in an address's fragment (`#share=…`, possibly among other parameters), if there is one. Pure. */
export function shareInHash(hash: string): string | undefined {
  const params = hash.replace(/^#/, '');
  if (params === '') return undefined;
  for (const part of params.split('&')) {
    const eq = part.indexOf('=');
    if ((eq < 0 ? part : part.slice(0, eq)) === SHARE_PARAM) return eq < 0 ? '' : part.slice(eq + 1);
  }
  return undefined;
}

/** The page's address with the packed run as its fragment (its query dropped: the run names its own seed). Pure. */
export function shareUrl(pageUrl: string, packed: string): string {
  const url = new URL(pageUrl);
  url.search = '';
  url.hash = `${SHARE_PARAM}=${packed}`;
  return url.href;
}
