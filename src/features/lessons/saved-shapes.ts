// Shape checks for what a saved session holds (a run record, a terminal transcript): data read back from the
// browser's storage is untrusted, so every field is checked before the engine or the terminal sees it.
import type { Command, RunRecord } from '../../../sim/protocol';
import type { CommandEntry, FeedItem, JobText } from '../../lib/command-log';

/** The terminal transcript as saved: a CommandLog with its job texts as pairs. */
export interface SavedTranscript {
  readonly entries: readonly CommandEntry[];
  readonly jobs: readonly (readonly [number, JobText])[];
  readonly nextSeq: number;
  readonly feed: readonly FeedItem[];
  readonly feedEnd: number;
}

/** Most commands a saved record may hold. */
const MAX_COMMANDS = 200_000;

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isCount = (v: unknown): v is number => isInt(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string';
const optional = (v: unknown, test: (x: unknown) => boolean): boolean => v === undefined || test(v);

function isFlow(v: unknown): boolean {
  if (!isObject(v) || !isObject(v.from)) return false;
  const from = v.from;
  const origin = from.kind === 'external' || (from.kind === 'pods' && isStr(from.namespace) && isStr(from.selector));
  return origin && isStr(v.id) && isStr(v.host) && isCount(v.port) && isStr(v.path) && typeof v.everyMs === 'number' && v.everyMs > 0;
}

function isFault(v: unknown): boolean {
  if (!isObject(v) || !isStr(v.namespace)) return false;
  switch (v.kind) {
    case 'deletePod': return isStr(v.name);
    case 'failProbe': return isStr(v.name) && (v.probe === 'readiness' || v.probe === 'liveness') && typeof v.on === 'boolean';
    case 'breakImage': return isStr(v.deployment);
    default: return false;
  }
}

/** Whether `v` is a command the engine accepts, field by field. Pure. */
export function isCommand(v: unknown): v is Command {
  if (!isObject(v)) return false;
  const session = optional(v.session, isStr);
  switch (v.type) {
    case 'exec': return isStr(v.line) && session;
    case 'writeFile': return isStr(v.path) && isStr(v.content) && session;
    case 'deleteFile': return isStr(v.path) && session;
    case 'stopNode': case 'startNode': return isStr(v.node);
    case 'interrupt': return isCount(v.jobId) && session;
    case 'editorClosed': return isCount(v.requestId) && typeof v.saved === 'boolean';
    case 'traffic': return Array.isArray(v.flows) && v.flows.every(isFlow);
    case 'fault': return isFault(v.fault);
    default: return false;
  }
}

/** Whether `v` is a run record: a known format, a seed, and commands in time order. Pure. */
export function isRunRecord(v: unknown): v is RunRecord {
  if (!isObject(v) || v.format !== 'kubesim-run' || v.version !== 1 || !isObject(v.options)) return false;
  const o = v.options;
  const seedOk = (isStr(o.seed) && o.seed.length <= 200) || (typeof o.seed === 'number' && Number.isFinite(o.seed));
  const optionsOk = seedOk && optional(o.profile, isObject) && optional(o.epochMs, (x) => typeof x === 'number' && Number.isFinite(x))
    && optional(o.freezeObjects, (x) => typeof x === 'boolean') && optional(o.editor, (x) => x === 'page');
  if (!optionsOk || !Array.isArray(v.commands) || v.commands.length > MAX_COMMANDS) return false;
  let last = -Infinity;
  for (const c of v.commands as unknown[]) {
    // Virtual time advances by wall time × speed, so a command's time may have a fraction.
    if (!isObject(c) || typeof c.at !== 'number' || !Number.isFinite(c.at) || c.at < last || !isCommand(c.command)) return false;
    last = c.at;
  }
  return true;
}

function isJobText(v: unknown): v is JobText {
  return isObject(v) && isStr(v.stdout) && isStr(v.stderr) && optional(v.exitCode, isInt);
}

function isEntry(v: unknown): boolean {
  return isObject(v) && isCount(v.seq) && isStr(v.line) && optional(v.jobId, isCount) && optional(v.result, isJobText) && optional(v.error, isStr);
}

function isFeedItem(v: unknown): boolean {
  if (!isObject(v)) return false;
  switch (v.kind) {
    case 'line': return isCount(v.seq) && isStr(v.line) && isStr(v.source);
    case 'settled':
      return isCount(v.seq) && optional(v.jobId, isCount) && typeof v.done === 'boolean' && optional(v.exitCode, isInt) && isStr(v.stdout) && isStr(v.stderr) && optional(v.cwd, isStr)
        && optional(v.chunks, (c) => Array.isArray(c) && c.every((x) => isObject(x) && (x.stream === 'stdout' || x.stream === 'stderr') && isStr(x.text)));
    case 'failed': return isCount(v.seq) && isStr(v.error);
    case 'output': return isCount(v.jobId) && (v.stream === 'stdout' || v.stream === 'stderr') && isStr(v.text);
    case 'exit': return isCount(v.jobId) && isInt(v.exitCode) && optional(v.cwd, isStr);
    default: return false;
  }
}

/** Whether `v` is a saved transcript the terminal can show again. Pure. */
export function isSavedTranscript(v: unknown): v is SavedTranscript {
  if (!isObject(v) || !isCount(v.nextSeq) || !isCount(v.feedEnd)) return false;
  if (!Array.isArray(v.entries) || !Array.isArray(v.jobs) || !Array.isArray(v.feed) || v.feed.length > v.feedEnd) return false;
  return v.entries.every(isEntry) && v.feed.every(isFeedItem)
    && v.jobs.every((j) => Array.isArray(j) && j.length === 2 && isCount(j[0]) && isJobText(j[1]));
}
