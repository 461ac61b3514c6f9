// The human-readable `kubectl get` table for one resource group (cli-runtime tableprinter.go decorateTable):
// the kind's columns, `-o wide` columns, NAMESPACE in front with -A, kind-prefixed names when several kinds
// print, then -L label columns and the LABELS column of --show-labels.
import type { K8sObject } from '../../model/types';
import { formatLabels } from '../../model/labels';
import { cell } from '../tabwriter';
import { COLUMNS, type Columns } from './columns';

export interface TableOptions {
  readonly wide: boolean;
  /** `pod`, `deployment.apps`: prefixed to names when several kinds are printed. */
  readonly kindPrefix?: string;
  readonly withNamespace: boolean;
  readonly showLabels: boolean;
  /** Label keys given with -L. */
  readonly labelColumns: readonly string[];
}

/** -L headers: the upper-cased last path segment of each key (formatLabelHeaders). Pure. */
export function labelColumnHeaders(keys: readonly string[]): string[] {
  return keys.map((k) => k.split('/').pop()!.toUpperCase());
}

/** The header cells of a kind's table, or undefined for a kind without columns. Pure. */
export function tableHeader(kind: K8sObject['kind'], opts: TableOptions): string[] | undefined {
  const cols: Columns | undefined = COLUMNS[kind];
  if (!cols) return undefined;
  return [
    ...(opts.withNamespace ? ['NAMESPACE'] : []), ...(opts.wide ? cols.wideHeaders ?? [...cols.headers, ...cols.wide] : cols.headers),
    ...labelColumnHeaders(opts.labelColumns), ...(opts.showLabels ? ['LABELS'] : []),
  ];
}

/** One object's row of cells at `nowEpochMs`. Pure. */
export function tableRow(obj: K8sObject, opts: TableOptions, nowEpochMs: number): string[] {
  const cols = COLUMNS[obj.kind]!;
  const row = cols.row(obj, nowEpochMs, opts.wide).map(cell);
  if (opts.kindPrefix) row[0] = `${opts.kindPrefix}/${row[0]}`;
  const labels = obj.metadata.labels ?? {};
  return [
    ...(opts.withNamespace ? [obj.metadata.namespace ?? ''] : []), ...row,
    ...opts.labelColumns.map((k) => labels[k] ?? ''), ...(opts.showLabels ? [formatLabels(obj.metadata.labels)] : []),
  ];
}

/** Splits -L values (repeatable, comma-separated) into label keys. Pure. */
export function parseLabelColumns(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((k) => k.trim()).filter((k) => k !== '');
}
