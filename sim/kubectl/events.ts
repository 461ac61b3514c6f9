// `kubectl events` (kubectl pkg/cmd/events/events.go, event_printer.go): the namespace's (or -A every) Events,
// sorted by last-seen time, as `LAST SEEN  TYPE  REASON  OBJECT  MESSAGE` with the involved object's Kind as it
// is stored (`Pod/web-…`); --for TYPE/NAME, --types, --no-headers, -o yaml|json|name, and -w to follow.
import type { K8sObject } from '../model/types';
import type { Change } from '../core/store';
import { parseTimestamp } from '../model/time';
import type { ProgramContext, Wait } from '../shell/program';
import type { Verb } from './verb';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { clientError } from './errors';
import { currentNamespace } from './namespace';
import { resolveTypes } from './resources';
import { objectName } from './output';
import { since } from './describe/writer';
import { KUBECTL_TABS, tabwrite } from './printers/go-tabwriter';
import { toGoYaml } from './printers/go-yaml';
import { toGoJson } from './printers/go-json';

type Any = Record<string, any>;

const FLAGS: FlagSpec = {
  watch: { short: 'w', bool: true }, for: {}, types: { multi: true }, 'no-headers': { bool: true }, output: { short: 'o' },
  'chunk-size': {}, 'allow-missing-template-keys': { bool: true }, 'show-managed-fields': { bool: true }, template: {},
};

const HELP = `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all
namespace, or filtered to only those pertaining to a specified resource.

Examples:
  # List recent events in the default namespace
  kubectl events
  
  # List recent events in all namespaces
  kubectl events --all-namespaces
  
  # List recent events for the specified pod, then wait for more events and list them as they arrive
  kubectl events --for pod/web-pod-13je7 --watch
  
  # List recent events in YAML format
  kubectl events -oyaml
  
  # List recent only events of type 'Warning' or 'Normal'
  kubectl events --types=Warning,Normal

Usage:
  kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** SortableEvents' eventTime: series last-observed time, else lastTimestamp, else eventTime. Pure.
 * SIMPLIFIED: events seen at the same instant keep their list order (Go's sort.Sort is not stable). */
function sortTime(e: Any): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return t ? parseTimestamp(String(t)) : Number.NEGATIVE_INFINITY;
}

/** getInterval: `<age>`, or `<last> (xN over <first>)` for a repeated event. Pure. */
function interval(e: Any, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

function row(e: Any, now: number, allNs: boolean): string {
  const ref = e.involvedObject ?? {};
  return [...(allNs ? [e.metadata.namespace ?? ''] : []), interval(e, now), e.type ?? '', e.reason ?? '', `${ref.kind ?? ''}/${ref.name ?? ''}`,
    String(e.message ?? '').trim()].join('\t');
}

interface Filter { readonly types: readonly string[]; readonly kind?: string; readonly name?: string }

function wanted(e: Any, filter: Filter): boolean {
  if (filter.types.length > 0 && !filter.types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase())) return false;
  if (filter.name !== undefined && (e.involvedObject?.kind !== filter.kind || e.involvedObject?.name !== filter.name)) return false;
  return true;
}

/** Follows new and changed Events (a watch from now on prints the existing ones first, as ADDED). */
function* follow(ctx: ProgramContext, ns: string | undefined, filter: Filter, allNs: boolean, noHeaders: boolean, existing: readonly Any[]): Generator<Wait, number, void> {
  const remembered: number[] = [];
  let header = noHeaders;
  const print = (events: readonly Any[]): void => {
    if (events.length === 0) return;
    const lines = events.map((e) => row(e, ctx.host.nowEpochMs(), allNs));
    if (!header) { lines.unshift(`${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`); header = true; }
    ctx.out(tabwrite(`${lines.join('\n')}\n`, KUBECTL_TABS, remembered));
  };
  print(existing);
  let rv = ctx.host.store.resourceVersion;
  for (;;) {
    yield { kind: 'change' };
    const changes: readonly Change[] = ctx.host.store.changesSince(rv) ?? [];
    rv = ctx.host.store.resourceVersion;
    print(changes.filter((c) => c.kind === 'Event' && c.type !== 'DELETED' && (ns === undefined || c.object.metadata.namespace === ns) && wanted(c.object, filter))
      .map((c) => c.object));
  }
}

/** `kubectl events`: prints the Events asked for; returns the exit code. */
export const kubectlEvents: Verb = function* (ctx, args) {
  if (args.includes('--help') || args.includes('-h')) { ctx.out(HELP); return 0; }
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl events --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  const allNs = boolFlag(f, 'all-namespaces');
  const namespace = currentNamespace(ctx, f);
  const output = flag(f, 'output') ?? '';
  if (!['', 'yaml', 'json', 'name'].includes(output)) {
    // SIMPLIFIED: the template printers are not simulated for events.
    ctx.err(clientError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`));
    return 1;
  }
  let kind: string | undefined;
  let name: string | undefined;
  const forObject = flag(f, 'for');
  if (forObject !== undefined && forObject !== '') {
    const parts = forObject.split('/');
    if (parts.length === 1) { ctx.err(clientError('--for must be in resource/name form')); return 1; }
    if (parts.length > 2) { ctx.err(clientError('arguments in resource/name form may not have more than one slash')); return 1; }
    const types = resolveTypes(parts[0]);
    if (!types.ok) { ctx.err(clientError(types.error)); return 1; }
    kind = types.infos[0].kind;
    name = parts[1];
  }
  const types = (f.values.get('types') ?? []).flatMap((t) => t.split(',')).filter((t) => t !== '');
  if (types.some((t) => !['normal', 'warning'].includes(t.toLowerCase()))) { ctx.err(clientError('valid --types are Normal or Warning')); return 1; }
  const filter: Filter = { types, kind, name };
  const ns = allNs ? undefined : namespace;
  const events = (ctx.host.store.list('Event', ns) as Any[]).filter((e) => wanted(e, filter));
  if (boolFlag(f, 'watch')) return yield* follow(ctx, ns, filter, allNs, boolFlag(f, 'no-headers'), events);
  if (events.length === 0) { ctx.err(allNs ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`); return 0; }
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => sortTime(a.e) - sortTime(b.e) || a.i - b.i).map((x) => x.e);
  if (output === 'yaml' || output === 'json') {
    const list = { apiVersion: 'v1', items: sorted, kind: 'EventList', metadata: {} };
    ctx.out(output === 'yaml' ? toGoYaml(list) : toGoJson(list));
    return 0;
  }
  if (output === 'name') { ctx.out(sorted.map((e) => `${objectName(e as K8sObject)}\n`).join('')); return 0; }
  const now = ctx.host.nowEpochMs();
  const lines = sorted.map((e) => row(e, now, allNs));
  if (!boolFlag(f, 'no-headers')) lines.unshift(`${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`);
  ctx.out(tabwrite(`${lines.join('\n')}\n`, KUBECTL_TABS));
  return 0;
};
