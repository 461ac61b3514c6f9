// kubectl's `-o jsonpath=` template language (client-go util/jsonpath): text outside braces, `{path}` actions,
// quoted literals such as `{"\n"}`, and `{range …}…{end}` loops; printed as the JSONPath printer does, with
// missing keys allowed (--allow-missing-template-keys defaults to true) and its verbose error on failure.
import { evalPath } from './printers/jsonpath-path';
import { toGoJson, toGoJsonCompact } from './printers/go-json';
import { goQuote, goSharpV, goSprint } from './printers/go-format';

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'range'; readonly path: string; readonly body: TemplateNode[] };

export type TemplateParse = { ok: true; nodes: TemplateNode[] } | { ok: false; error: string };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

function unquote(token: string): string | undefined {
  if (token.length < 2 || token[0] !== token[token.length - 1]) return undefined;
  let out = '';
  const body = token.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') { out += body[i]; continue; }
    const e = body[++i];
    if (e === undefined || ESCAPES[e] === undefined) return undefined;
    out += ESCAPES[e];
  }
  return out;
}

/** Splits the inside of one `{…}` action into whitespace-separated tokens, keeping quotes and brackets whole. */
function actionTokens(inner: string): string[] | undefined {
  const tokens: string[] = [];
  let cur = '', quote = '', depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) { cur += c; if (c === '\\') cur += inner[++i] ?? ''; else if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") { quote = c; cur += c; continue; }
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (/\s/.test(c) && depth === 0) { if (cur) tokens.push(cur); cur = ''; continue; }
    cur += c;
  }
  if (quote) return undefined;
  if (cur) tokens.push(cur);
  return tokens;
}

/** Parses a jsonpath template into nodes, or client-go's parse error text. Pure. */
export function parseTemplate(template: string): TemplateParse {
  const stack: TemplateNode[][] = [[]];
  const ranges: string[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const text = template.slice(i, open < 0 ? undefined : open);
    if (text) stack[stack.length - 1].push({ kind: 'text', text });
    if (open < 0) break;
    let close = -1, quote = '';
    for (let j = open + 1; j < template.length; j++) {
      const c = template[j];
      if (quote) { if (c === '\\') j++; else if (c === quote) quote = ''; continue; }
      if (c === '"' || c === "'") quote = c;
      else if (c === '}') { close = j; break; }
    }
    if (close < 0) return { ok: false, error: 'unclosed action' };
    const tokens = actionTokens(template.slice(open + 1, close));
    if (!tokens) return { ok: false, error: 'unclosed quote' };
    for (let t = 0; t < tokens.length; t++) {
      const tok = tokens[t];
      const current = stack[stack.length - 1];
      if (tok === 'range') {
        const path = tokens[++t];
        if (!path) return { ok: false, error: 'missing range expression' };
        const body: TemplateNode[] = [];
        current.push({ kind: 'range', path, body });
        stack.push(body);
        ranges.push(path);
      } else if (tok === 'end') {
        if (ranges.length === 0) return { ok: false, error: 'not in range, nothing to end' };
        ranges.pop();
        stack.pop();
      } else if (tok[0] === '"' || tok[0] === "'") {
        const s = unquote(tok);
        if (s === undefined) return { ok: false, error: `invalid syntax in ${tok}` };
        current.push({ kind: 'text', text: s });
      } else if (/^[.$@[]/.test(tok)) {
        current.push({ kind: 'path', path: tok });
      } else {
        return { ok: false, error: `unrecognized identifier ${tok.replace(/[.[].*$/, '')}` };
      }
    }
    i = close + 1;
  }
  if (ranges.length > 0) return { ok: false, error: 'unclosed range' };
  return { ok: true, nodes: stack[0] };
}

function valueText(v: unknown): string {
  if (v !== null && typeof v === 'object') return toGoJsonCompact(v);
  if (v === null) return 'null';
  return goSprint(v);
}

/** Runs parsed nodes against `data`, collecting one group of results per node. */
function run(nodes: readonly TemplateNode[], data: unknown, groups: unknown[][]): string | undefined {
  for (const node of nodes) {
    if (node.kind === 'text') { groups.push([node.text]); continue; }
    const res = evalPath(node.path, data);
    if (!res.ok) return res.error;
    if (node.kind === 'path') { groups.push(res.values); continue; }
    for (const v of res.values) {
      const err = run(node.body, v, groups);
      if (err) return err;
    }
  }
  return undefined;
}

export type TemplateResult = { ok: true; text: string } | { ok: false; error: string };

/** Executes a template as kubectl's JSONPath printer (or `jsonpath-as-json` when `asJson`). Pure. */
export function executeTemplate(template: string, nodes: readonly TemplateNode[], data: unknown, asJson = false): TemplateResult {
  const groups: unknown[][] = [];
  const err = run(nodes, data, groups);
  if (err) {
    const detail = `Error executing template: ${err}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n`;
    return { ok: false, error: `error executing jsonpath ${goQuote(template)}: ${detail}\n` };
  }
  if (asJson) return { ok: true, text: groups.map((g) => toGoJson(g)).join('') };
  return { ok: true, text: groups.map((g) => g.map(valueText).join(' ')).join('') };
}
