// `kubectl logs` (cmd/logs): a pod, `TYPE/NAME` or `-l`; `-c`, `--all-containers`, `--previous`, `--tail`
// (10 by default with a selector), `--since`/`--since-time`, `--timestamps`, `--prefix`, `--limit-bytes`, and
// `-f`, which streams new lines until the container stops or Ctrl-C.
// SIMPLIFIED: a followed log is polled every half second of virtual time; pods are read in name order.
import type { LogLine } from '../core/runtime';
import { parseSelector } from '../model/labels';
import { formatTimestamp, parseTimestamp } from '../model/time';
import type { ProgramContext, Wait } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec, type ParsedFlags } from './flags';
import { currentNamespace } from './namespace';
import { resolvePodTarget, selectedPods, type StoredPod } from './pod-target';
import { allContainerNames, chooseContainer, logSource, logTimestamp } from './logs-source';
import { parseGoDuration } from './wait';

const FLAGS: FlagSpec = {
  'all-containers': { bool: true }, follow: { short: 'f', bool: true }, timestamps: { bool: true }, 'limit-bytes': {},
  previous: { short: 'p', bool: true }, tail: {}, 'ignore-errors': { bool: true }, 'since-time': {}, since: {},
  container: { short: 'c' }, 'insecure-skip-tls-verify-backend': { bool: true }, 'pod-running-timeout': {},
  selector: { short: 'l' }, 'max-log-requests': {}, prefix: { bool: true }, 'all-pods': { bool: true },
};

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
const POLL_MS = 500;

interface Stream {
  readonly pod: StoredPod;
  readonly container: string;
  readonly lines: readonly LogLine[];
  readonly live: () => readonly LogLine[] | undefined;
}

const usageError = (ctx: ProgramContext, msg: string): number => { ctx.err(`error: ${msg}\nSee 'kubectl logs -h' for help and examples\n`); return 1; };
const fail = (ctx: ProgramContext, msg: string): number => { ctx.err(`error: ${msg}\n`); return 1; };

function intFlag(f: ParsedFlags, name: string): number | string | undefined {
  const v = flag(f, name);
  if (v === undefined) return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : `invalid argument "${v}" for "--${name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`;
}

export function* kubectlLogs(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl logs --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  const selector = flag(f, 'selector') ?? '';
  const pos = f.positionals;
  if (pos.length === 0 && selector === '') return usageError(ctx, USAGE);
  if (pos.length === 1 && selector !== '') return usageError(ctx, 'only a selector (-l) or a POD name is allowed');
  if (pos.length > 2) return usageError(ctx, USAGE);
  let container = flag(f, 'container');
  if (pos.length === 2 && container !== undefined) return fail(ctx, 'only one of -c or an inline [CONTAINER] arg is allowed');
  if (pos.length === 2) container = pos[1];
  const tail = intFlag(f, 'tail');
  const limit = intFlag(f, 'limit-bytes');
  for (const v of [tail, limit]) if (typeof v === 'string') { ctx.err(`error: ${v}\nSee 'kubectl logs --help' for usage.\n`); return 1; }
  const sinceText = flag(f, 'since');
  const sinceMs = sinceText === undefined ? undefined : parseGoDuration(sinceText);
  if (sinceText !== undefined && sinceMs === undefined) { ctx.err(`error: invalid argument "${sinceText}" for "--since" flag: time: invalid duration "${sinceText}"\nSee 'kubectl logs --help' for usage.\n`); return 1; }
  const sinceTime = flag(f, 'since-time');
  if (sinceTime !== undefined && Number.isNaN(parseTimestamp(sinceTime))) return fail(ctx, `parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
  if (sinceTime !== undefined && sinceMs) return fail(ctx, 'at most one of `sinceTime` or `sinceSeconds` may be specified');
  const all = boolFlag(f, 'all-containers');
  if (all && container) return fail(ctx, `--all-containers=true should not be specified with container name ${container}`);
  if ((limit as number | undefined) !== undefined && (limit as number) < 0) return fail(ctx, '--limit-bytes must be greater than 0');
  if (sinceMs !== undefined && sinceMs < 0) return fail(ctx, '--since must be greater than 0');
  if (typeof tail === 'number' && tail < -1) return fail(ctx, '--tail must be greater than or equal to -1');
  const namespace = currentNamespace(ctx, f);

  let pods: StoredPod[];
  if (selector !== '') {
    const reqs = parseSelector(selector);
    if (!reqs.ok) return fail(ctx, reqs.error);
    pods = ctx.host.store.select<StoredPod>('Pod', namespace, reqs.requirements).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    if (pods.length === 0) { ctx.err(`No resources found in ${namespace} namespace.\n`); return 0; }
  } else {
    const timeout = parseGoDuration(flag(f, 'pod-running-timeout') ?? '20s') ?? 20_000;
    const target = yield* resolvePodTarget(ctx, pos[0], namespace, 'logging', timeout, 'get the logs from');
    if (!target.ok) { ctx.err(target.error); return 1; }
    if (target.matched > 1 && !boolFlag(f, 'all-pods')) ctx.err(`Found ${target.matched} pods, using pod/${target.pod.metadata.name}\n`);
    const every = boolFlag(f, 'all-pods') && target.object.kind !== 'Pod' ? selectedPods(ctx, target.object, 'logging') : undefined;
    pods = every?.ok ? every.pods : [target.pod];
  }
  const requests: { pod: StoredPod; container: string }[] = [];
  for (const pod of pods) {
    if (all) {
      for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) requests.push({ pod, container: c.name });
      continue;
    }
    const chosen = chooseContainer(pod, container);
    if (!chosen) return fail(ctx, `container ${container} is not valid for pod ${pod.metadata.name} out of: ${allContainerNames(pod)}`);
    if (chosen.notice) ctx.err(chosen.notice);
    requests.push({ pod, container: chosen.name });
  }
  const follow = boolFlag(f, 'follow');
  const maxFollow = Number(flag(f, 'max-log-requests') ?? 5);
  if (follow && requests.length > 1 && requests.length > maxFollow) {
    return fail(ctx, `you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxFollow}, use --max-log-requests to increase the limit`);
  }
  const effectiveTail = typeof tail === 'number' ? tail : selector !== '' ? 10 : -1;
  const nowEpoch = ctx.host.nowEpochMs();
  const since = sinceTime !== undefined ? parseTimestamp(sinceTime) : sinceMs !== undefined ? nowEpoch - Math.round(sinceMs / 1000) * 1000 : undefined;
  const render = (s: { pod: StoredPod; container: string }, line: LogLine): string =>
    `${boolFlag(f, 'prefix') ? `[pod/${s.pod.metadata.name}/${s.container}] ` : ''}${boolFlag(f, 'timestamps') ? `${logTimestamp(line.atEpochMs, formatTimestamp)} ` : ''}${line.text}\n`;
  let budget = typeof limit === 'number' && limit > 0 ? limit : Infinity;
  const emit = (text: string): void => {
    if (budget <= 0) return;
    const cut = text.length > budget ? text.slice(0, budget) : text;
    budget -= cut.length;
    ctx.out(cut);
  };
  const streams: Stream[] = [];
  for (const r of requests) {
    const src = logSource(ctx.host.runtime, r.pod, r.container, boolFlag(f, 'previous'));
    if (!src.ok) {
      if (boolFlag(f, 'ignore-errors') && follow) { emit(`error: ${src.error.replace(/^Error from server \(BadRequest\): /, '')}`); continue; }
      ctx.err(src.error);
      return 1;
    }
    let lines = since === undefined ? [...src.lines] : src.lines.filter((l) => l.atEpochMs >= since);
    if (effectiveTail >= 0) lines = effectiveTail === 0 ? [] : lines.slice(-effectiveTail);
    for (const l of lines) emit(render(r, l));
    streams.push({ ...r, lines: src.lines, live: src.live });
  }
  if (!follow) return 0;
  yield* followStreams(ctx, streams, (s, l) => emit(render(s, l)));
  return 0;
}

/** Streams lines appended after the ones already printed, until every container has stopped. */
function* followStreams(ctx: ProgramContext, streams: readonly Stream[], print: (s: Stream, l: LogLine) => void): Generator<Wait, void, void> {
  const last = streams.map((s) => s.lines[s.lines.length - 1]);
  const open = streams.map((s) => s.live() !== undefined);
  while (open.some(Boolean)) {
    yield { kind: 'sleep', untilMs: ctx.host.now() + POLL_MS };
    streams.forEach((s, k) => {
      if (!open[k]) return;
      const lines = s.live();
      if (!lines) { open[k] = false; return; }
      const from = last[k] === undefined ? 0 : lines.lastIndexOf(last[k]!) + 1;
      for (let i = from; i < lines.length; i++) print(s, lines[i]);
      if (lines.length > 0) last[k] = lines[lines.length - 1];
    });
  }
}
