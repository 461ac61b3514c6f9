// `kubectl get -w` / `--watch-only` (get.go watch): the current list first, then one row per watch event on the
// same printer, so headers print once and tabwriter RememberWidths keeps columns from shrinking; it runs until
// the job is interrupted (Ctrl-C in the page, the runner's time limit headless).
import type { K8sObject } from '../model/types';
import { matchesRequirements, type Requirement } from '../model/labels';
import type { Change } from '../core/store';
import type { ProgramContext, Wait } from '../shell/program';
import { boolFlag, type ParsedFlags } from './flags';
import { clientError } from './errors';
import { currentNamespace } from './namespace';
import { matchesFieldSelector, type FieldRequirement } from './field-selector';
import { objectName } from './output';
import { parseLabelColumns, tableHeader, tableRow } from './printers/get-table';
import { groupTableOptions, type Group } from './printers/get-tables';
import { KUBECTL_TABS, tabwrite } from './printers/go-tabwriter';
import { customColumnsRow } from './custom-columns';
import { executeTemplate } from './jsonpath';
import { toGoYaml } from './printers/go-yaml';
import { toGoJson } from './printers/go-json';
import { fatal, type OutputFormat } from './printers/output-format';

/** Prints watched objects the way the chosen printer does, one object at a time. */
class WatchPrinter {
  private headerPrinted = false;
  private readonly remembered: number[] = [];
  private printed = 0;

  constructor(private readonly ctx: ProgramContext, private readonly f: ParsedFlags, private readonly format: OutputFormat,
    private readonly group: Group) {}

  /** Prints objects as one flush; returns an error text if a template fails. */
  print(objects: readonly K8sObject[], events?: readonly string[]): string | undefined {
    if (objects.length === 0) return undefined;
    const fmt = this.format;
    const noHeaders = boolFlag(this.f, 'no-headers');
    const lines: string[][] = [];
    if (fmt.kind === 'table') {
      const opts = groupTableOptions(this.group, {
        wide: fmt.wide, noHeaders, allNamespaces: boolFlag(this.f, 'all-namespaces'), showKind: false,
        showLabels: boolFlag(this.f, 'show-labels'), labelColumns: parseLabelColumns(this.f.values.get('label-columns') ?? []),
      }, false);
      if (!this.headerPrinted && !noHeaders) lines.push([...(events ? ['EVENT'] : []), ...tableHeader(this.group.info.kind, opts)!]);
      objects.forEach((o, i) => lines.push([...(events ? [events[i]] : []), ...tableRow(o, opts, this.ctx.host.nowEpochMs())]));
    } else if (fmt.kind === 'custom-columns') {
      if (!this.headerPrinted && !noHeaders) lines.push(fmt.columns.map((c) => c.header));
      for (const o of objects) {
        const row = customColumnsRow(fmt.columns, o);
        if (!row.ok) return row.error;
        lines.push(row.cells);
      }
    } else {
      for (const o of objects) {
        const text = this.single(o);
        if (typeof text !== 'string') return text.error;
        this.ctx.out(text);
      }
      return undefined;
    }
    this.headerPrinted = true;
    this.ctx.out(tabwrite(`${lines.map((l) => l.join('\t')).join('\n')}\n`, KUBECTL_TABS, this.remembered));
    return undefined;
  }

  private single(o: K8sObject): string | { error: string } {
    const fmt = this.format;
    this.printed++;
    if (fmt.kind === 'yaml') return `${this.printed > 1 ? '---\n' : ''}${toGoYaml(o)}`;
    if (fmt.kind === 'json') return toGoJson(o);
    if (fmt.kind === 'name') return `${objectName(o)}\n`;
    if (fmt.kind === 'jsonpath') {
      const res = executeTemplate(fmt.template, fmt.nodes, o, fmt.asJson);
      return res.ok ? res.text : { error: res.error };
    }
    return '';
  }
}

function matches(obj: K8sObject | undefined, labels: readonly Requirement[], fields: readonly FieldRequirement[]): boolean {
  return obj !== undefined && matchesRequirements(labels, obj.metadata.labels) && matchesFieldSelector(obj, fields);
}

/** Streams a get's objects and their changes until the job is interrupted. */
export function* watchResources(ctx: ProgramContext, f: ParsedFlags, groups: readonly Group[], format: OutputFormat,
  filters: { labels: Requirement[]; fields: FieldRequirement[] }, errors: readonly string[]): Generator<Wait, number, void> {
  if (new Set(groups.map((g) => g.info.kind)).size > 1) { ctx.err(clientError('you may only specify a single resource type')); return 1; }
  if (errors.length > 0) { for (const e of errors) ctx.err(`${e}\n`); return 1; }
  // Files that name no objects: nothing to watch, said as a get says it.
  if (groups.length === 0) {
    ctx.err(boolFlag(f, 'all-namespaces') ? 'No resources found\n' : `No resources found in ${currentNamespace(ctx, f)} namespace.\n`);
    return 0;
  }
  const group = groups[0];
  const allNs = boolFlag(f, 'all-namespaces');
  const namespace = group.info.namespaced && !allNs ? currentNamespace(ctx, f) : undefined;
  const names = group.listed ? undefined : new Set(group.objects.map((o) => o.metadata.name));
  const printer = new WatchPrinter(ctx, f, format, group);
  const withEvents = boolFlag(f, 'output-watch-events');
  if (!boolFlag(f, 'watch-only')) {
    const err = printer.print(group.objects, withEvents ? group.objects.map(() => 'ADDED') : undefined);
    if (err) { ctx.err(fatal(err)); return 1; }
  }
  let rv = ctx.host.store.resourceVersion;
  for (;;) {
    yield { kind: 'change' };
    const changes: readonly Change[] = ctx.host.store.changesSince(rv) ?? [];
    rv = ctx.host.store.resourceVersion;
    const relevant = changes.filter((c) => c.kind === group.info.kind &&
      (namespace === undefined || c.object.metadata.namespace === namespace) &&
      (names === undefined || names.has(c.object.metadata.name)) &&
      (matches(c.object, filters.labels, filters.fields) || matches(c.previous, filters.labels, filters.fields)));
    for (const c of relevant) {
      const err = printer.print([c.object], withEvents ? [c.type] : undefined);
      if (err) { ctx.err(fatal(err)); return 1; }
    }
  }
}
