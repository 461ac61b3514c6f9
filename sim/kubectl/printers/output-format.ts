// kubectl's -o flag (genericclioptions PrintFlags): which printer a value asks for, the errors for bad values,
// and the non-table printers (yaml, json, name, jsonpath, jsonpath-as-json, custom-columns) over a List.
import type { K8sObject } from '../../model/types';
import { objectName } from '../output';
import { parseTemplate, executeTemplate, type TemplateNode } from '../jsonpath';
import { customColumnsRow, parseCustomColumns, type CustomColumn } from '../custom-columns';
import { toGoYaml } from './go-yaml';
import { toGoJson } from './go-json';
import { KUBECTL_TABS, tabwrite } from './go-tabwriter';

export type OutputFormat =
  | { readonly kind: 'table'; readonly wide: boolean }
  | { readonly kind: 'yaml' | 'json' | 'name' }
  | { readonly kind: 'jsonpath'; readonly template: string; readonly nodes: TemplateNode[]; readonly asJson: boolean }
  | { readonly kind: 'custom-columns'; readonly columns: CustomColumn[] };

const ALLOWED = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Parses `-o` (`wide`, `yaml`, `jsonpath={…}`, `custom-columns=A:.a`), or kubectl's error text. Pure. */
export function parseOutputFormat(value: string | undefined): { ok: true; format: OutputFormat } | { ok: false; error: string } {
  if (value === undefined || value === '') return { ok: true, format: { kind: 'table', wide: false } };
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  const arg = eq < 0 ? '' : value.slice(eq + 1);
  switch (name) {
    case 'wide': return { ok: true, format: { kind: 'table', wide: true } };
    case 'yaml': case 'json': case 'name': return { ok: true, format: { kind: name } };
    case 'jsonpath': case 'jsonpath-as-json': {
      if (arg === '') return { ok: false, error: 'template format specified but no template given' };
      const parsed = parseTemplate(arg);
      if (!parsed.ok) return { ok: false, error: `error parsing jsonpath ${arg}, ${parsed.error}\n` };
      return { ok: true, format: { kind: 'jsonpath', template: arg, nodes: parsed.nodes, asJson: name === 'jsonpath-as-json' } };
    }
    case 'custom-columns': {
      const parsed = parseCustomColumns(arg);
      return parsed.ok ? { ok: true, format: { kind: 'custom-columns', columns: parsed.columns } } : parsed;
    }
    case 'go-template': case 'go-template-file': case 'template': case 'templatefile': case 'jsonpath-file': case 'custom-columns-file':
      // SIMPLIFIED: Go templates and template files are not simulated.
      return { ok: false, error: `-o ${name} is not simulated in kubesim; use -o jsonpath=… or -o custom-columns=… instead` };
    default:
      return { ok: false, error: `unable to match a printer suitable for the output format "${value}", allowed formats are: ${ALLOWED}` };
  }
}

/** How kubectl's checkErr prints a plain error: `error: ` prefix, a newline only if missing. Pure. */
export function fatal(message: string): string {
  const msg = message.startsWith('error: ') ? message : `error: ${message}`;
  return msg.endsWith('\n') ? msg : `${msg}\n`;
}

/** What printGeneric prints: the one object asked for by name, else a `kind: List`. Pure. */
export function genericValue(objects: readonly K8sObject[], singleItemImplied: boolean): unknown {
  if (singleItemImplied && objects.length === 1) return objects[0];
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Prints objects with a non-table printer: stdout text, or an error for stderr. Pure. */
export function printGeneric(format: Exclude<OutputFormat, { kind: 'table' }>, objects: readonly K8sObject[], singleItemImplied: boolean, noHeaders = false): { ok: true; text: string } | { ok: false; error: string } {
  const value = genericValue(objects, singleItemImplied);
  switch (format.kind) {
    case 'yaml': return { ok: true, text: toGoYaml(value) };
    case 'json': return { ok: true, text: toGoJson(value) };
    case 'name': return { ok: true, text: objects.map((o) => `${objectName(o)}\n`).join('') };
    case 'jsonpath': return executeTemplate(format.template, format.nodes, value, format.asJson);
    case 'custom-columns': {
      const rows: string[] = noHeaders ? [] : [format.columns.map((c) => c.header).join('\t')];
      for (const o of objects) {
        const row = customColumnsRow(format.columns, o);
        if (!row.ok) return row;
        rows.push(row.cells.join('\t'));
      }
      return { ok: true, text: rows.length === 0 ? '' : tabwrite(`${rows.join('\n')}\n`, KUBECTL_TABS) };
    }
  }
}
