// The tables `kubectl get` prints for several resource groups (get.go Run): each group flushed on its own with
// widths reset, a blank line before a group only when something was printed before, kind-prefixed names when
// more than one kind came back, and --sort-by applied to each group's rows.
import type { K8sObject } from '../../model/types';
import { kindGroupName, type ResourceInfo } from '../../model/resources';
import { formatTable } from '../tabwriter';
import { sortObjects } from '../sort-by';
import { tableHeader, tableRow, type TableOptions } from './get-table';

export interface Group {
  readonly info: ResourceInfo;
  readonly objects: K8sObject[];
  /** A list request (counts as a returned resource even when empty). */
  readonly listed: boolean;
}

export interface TablesOptions {
  readonly wide: boolean;
  readonly noHeaders: boolean;
  readonly allNamespaces: boolean;
  readonly showKind: boolean;
  readonly showLabels: boolean;
  readonly labelColumns: readonly string[];
  readonly sortBy?: string;
}

/** multipleGVKsRequested over what came back: list requests and found objects. Pure. */
export function printsWithKind(groups: readonly Group[], showKind: boolean): boolean {
  const kinds = new Set(groups.filter((g) => g.listed || g.objects.length > 0).map((g) => g.info.kind));
  return showKind || kinds.size > 1;
}

/** Per-group table options. Pure. */
export function groupTableOptions(group: Group, opts: TablesOptions, withKind: boolean): TableOptions {
  return {
    wide: opts.wide, kindPrefix: withKind ? kindGroupName(group.info) : undefined,
    withNamespace: opts.allNamespaces && group.info.namespaced, showLabels: opts.showLabels, labelColumns: opts.labelColumns,
  };
}

/** The text of all groups' tables, or a --sort-by error. Pure. */
export function printTables(groups: readonly Group[], opts: TablesOptions, nowEpochMs: number): { ok: true; text: string } | { ok: false; error: string } {
  const withKind = printsWithKind(groups, opts.showKind);
  let text = '';
  const merged: { info: ResourceInfo; objects: K8sObject[] }[] = [];
  for (const g of groups) {
    const last = merged[merged.length - 1];
    if (last && last.info === g.info) last.objects.push(...g.objects);
    else merged.push({ info: g.info, objects: [...g.objects] });
  }
  for (const g of merged) {
    let objects = g.objects;
    if (objects.length === 0) continue;
    if (opts.sortBy) {
      const sorted = sortObjects(objects, opts.sortBy);
      if (!sorted.ok) return sorted;
      objects = sorted.objects;
    }
    const tOpts = groupTableOptions({ info: g.info, objects, listed: true }, opts, withKind);
    const header = tableHeader(g.info.kind, tOpts);
    if (!header) continue;
    const rows = objects.map((o) => tableRow(o, tOpts, nowEpochMs));
    if (text !== '' && !opts.noHeaders) text += '\n';
    text += formatTable(opts.noHeaders ? rows : [header, ...rows]);
  }
  return { ok: true, text };
}
