// kubectl's `-o custom-columns=HEADER:.path,…` printer (cli-runtime customcolumn.go) and the relaxed path form it
// and --sort-by accept (`.a.b`, `a.b`, `{.a.b}`); cells are fmt.Sprint of each value, joined by commas.
import { evalPath } from './printers/jsonpath-path';
import { goSprint } from './printers/go-format';

export interface CustomColumn {
  readonly header: string;
  /** The relaxed path turned into `{.a.b}` form. */
  readonly fieldSpec: string;
}

/** RelaxedJSONPathExpression: `.a.b`, `a.b` or `{.a.b}` → `{.a.b}`; undefined for anything else. Pure. */
export function relaxedJsonPath(expression: string): string | undefined {
  if (expression === '') return '';
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expression);
  if (!m) return undefined;
  return `{.${m[1] || m[2]}}`;
}

export const RELAXED_PATH_ERROR = "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";

/** Parses a custom-columns spec, or the error kubectl prints for it. Pure. */
export function parseCustomColumns(spec: string): { ok: true; columns: CustomColumn[] } | { ok: false; error: string } {
  if (spec === '') return { ok: false, error: 'custom-columns format specified but no custom columns given' };
  const columns: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return { ok: false, error: `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const fieldSpec = relaxedJsonPath(part.slice(colon + 1));
    if (fieldSpec === undefined) return { ok: false, error: RELAXED_PATH_ERROR };
    columns.push({ header: part.slice(0, colon), fieldSpec });
  }
  return { ok: true, columns };
}

/** The values a `{.path}` field spec finds in an object (missing keys give none). Pure. */
export function fieldValues(fieldSpec: string, obj: unknown): { ok: true; values: unknown[] } | { ok: false; error: string } {
  return evalPath(fieldSpec.replace(/^\{|\}$/g, ''), obj);
}

/** One object's row of cells: values joined by `,`, `<none>` when the path finds nothing. Pure. */
export function customColumnsRow(columns: readonly CustomColumn[], obj: unknown): { ok: true; cells: string[] } | { ok: false; error: string } {
  const cells: string[] = [];
  for (const c of columns) {
    const res = fieldValues(c.fieldSpec, obj);
    if (!res.ok) return res;
    cells.push(res.values.length === 0 ? '<none>' : res.values.map(goSprint).join(','));
  }
  return { ok: true, cells };
}
