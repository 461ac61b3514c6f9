// `jq`: reads JSON texts from stdin or files, runs a filter and pretty-prints the results as jq 1.7 does (two
// spaces, colours off). Path filters (`.items[0].status.podIP`, `.items[].metadata.name`, `keys`, `length`) run on
// kubesim's exact evaluator; any other filter runs on jqjs, a pure-JavaScript jq.
// SIMPLIFIED: filters beyond paths inherit jqjs's divergences from jq (some type errors yield null instead);
// builtins that read the clock, the environment or further inputs are refused so runs stay deterministic.
import jqjs from '@michaelhomer/jqjs';
import type { Program, ProgramContext } from '../program';
import { JqError, compilePathFilter, runPathFilter, type JqValue } from './jq-paths';
import { parseJsonTexts, type JsonText } from './json-texts';
import { resolvePath } from '../vfs';

/** jq 1.7's builtins (name/arity) that kubesim's jq refuses or that jqjs lacks: reported as unsupported. */
const JQ_BUILTINS = new Set(('now localtime strflocaltime mktime gmtime strftime strptime todate fromdate date dateadd datesub ' +
  'todateiso8601 fromdateiso8601 input inputs debug stderr input_filename input_line_number halt halt_error env ' +
  'error keys_unsorted getpath paths leaf_paths splits ascii tostream fromstream truncate_stream limit until repeat ' +
  'ltrimstr rtrimstr significand ldexp scalb scalbln nearbyint getpath pick have_decnum abs toarray trim ltrim rtrim ' +
  'utf8bytelength isvalid IN INDEX ascii getpath get_search_list $__loc__ splits implode explode @sh @csv @tsv @html @uri @base32 @base32d').split(' '));

const REFUSED = /(^|[^A-Za-z0-9_$@])(now|localtime|strflocaltime|mktime|input|inputs|debug|stderr|input_filename|env|\$ENV|halt|halt_error)(?![A-Za-z0-9_])/;

interface JqOptions {
  raw: boolean; compact: boolean; sort: boolean; nullInput: boolean; exitStatus: boolean; join: boolean; slurp: boolean; tab: boolean;
  indent: number; args: [string, string][]; filter?: string; files: string[];
}

function parseArgs(argv: readonly string[]): JqOptions | string {
  const o: JqOptions = { raw: false, compact: false, sort: false, nullInput: false, exitStatus: false, join: false, slurp: false, tab: false, indent: 2, args: [], files: [] };
  const LONG: Readonly<Record<string, string>> = {
    '--raw-output': 'r', '--compact-output': 'c', '--sort-keys': 'S', '--null-input': 'n', '--exit-status': 'e', '--join-output': 'j',
    '--slurp': 's', '--monochrome-output': 'M', '--color-output': 'C',
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--arg' || a === '--argjson') {
      const name = argv[++i], value = argv[++i];
      if (name === undefined || value === undefined) return `${a} takes two parameters (e.g. ${a} varname value)`;
      if (a === '--argjson') { try { JSON.parse(value); } catch { return `Invalid JSON text passed to --argjson`; } }
      o.args.push([name, a === '--arg' ? JSON.stringify(value) : value]);
    } else if (a === '--tab') o.tab = true;
    else if (a === '--indent') o.indent = Math.max(0, Math.min(7, Number(argv[++i]) || 0));
    else if (a.startsWith('-') && a.length > 1) {
      const letters = LONG[a] ?? (a.startsWith('--') ? undefined : a.slice(1));
      if (letters === undefined) return `Unknown option: ${a}`;
      for (const f of letters) {
        if (f === 'r') o.raw = true; else if (f === 'c') o.compact = true; else if (f === 'S') o.sort = true;
        else if (f === 'n') o.nullInput = true; else if (f === 'e') o.exitStatus = true; else if (f === 'j') { o.join = true; o.raw = true; }
        else if (f === 's') o.slurp = true; else if (f === 'M' || f === 'C') continue; else return `Unknown option: ${a}`;
      }
    } else if (o.filter === undefined) o.filter = a;
    else o.files.push(a);
  }
  return o;
}

/** Serialises a value as jq prints it. Pure. */
export function formatJson(v: JqValue, o: { compact: boolean; sort: boolean; indent: number; tab: boolean }, depth = 0): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const pad = o.tab ? '\t' : ' '.repeat(o.indent);
  const multi = !o.compact && (o.tab || o.indent > 0);
  const inner = multi ? `\n${pad.repeat(depth + 1)}` : '';
  const close = multi ? `\n${pad.repeat(depth)}` : '';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => inner + formatJson(x, o, depth + 1)).join(',')}${close}]`;
  }
  const keys = o.sort ? Object.keys(v).sort() : Object.keys(v);
  if (keys.length === 0) return '{}';
  return `{${keys.map((k) => `${inner}${JSON.stringify(k)}:${multi ? ' ' : ''}${formatJson(v[k], o, depth + 1)}`).join(',')}${close}}`;
}

type Runner = (input: JqValue) => Iterable<JqValue>;

function compile(ctx: ProgramContext, o: JqOptions): Runner | number {
  const program = o.filter ?? '.';
  const refused = REFUSED.exec(program);
  if (refused) { ctx.err(`jq: error: ${refused[2]} is not supported by kubesim's jq\n`); return 3; }
  const paths = o.args.length === 0 ? compilePathFilter(program) : undefined;
  if (paths) return (input) => runPathFilter(paths, input);
  const full = o.args.map(([n, v]) => `${v} as $${n} | `).join('') + program;
  try {
    const fn = jqjs.compile(full);
    return (input) => fn(input) as Iterable<JqValue>;
  } catch (err) {
    ctx.err(`jq: error: ${String((err as { message?: string })?.message ?? err)} at <top-level>, line 1:\n${program}\njq: 1 compile error\n`);
    return 3;
  }
}

/** jqjs reports an unknown function only when it runs; this turns that into jq's compile error. */
function jqjsMessage(err: unknown): { message: string; compile: boolean } {
  const text = String((err as { message?: string })?.message ?? err);
  const m = /^no such function (\S+)\/(\d+)$/.exec(text);
  if (m) return { compile: true, message: JQ_BUILTINS.has(m[1]) ? `${m[1]}/${m[2]} is not supported by kubesim's jq` : `${m[1]}/${m[2]} is not defined` };
  return { compile: false, message: text.replace(/^Cannot index (\w+) with string "/, 'Cannot index $1 with "') };
}

export const jq: Program = (ctx) => {
  const o = parseArgs(ctx.argv);
  if (typeof o === 'string') { ctx.err(`jq: ${o}\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.org\n`); return 2; }
  const runner = compile(ctx, o);
  if (typeof runner === 'number') return runner;
  let texts: JsonText[] = [];
  if (!o.nullInput) {
    let source = ctx.stdin;
    if (o.files.length > 0) {
      source = '';
      for (const f of o.files) {
        const r = ctx.session.fs.read(resolvePath(ctx.session.cwd, f));
        if (!r.ok) { ctx.err(`jq: error: Could not open ${f}: ${r.error}\n`); return 2; }
        source += r.value;
      }
    }
    const parsed = parseJsonTexts(source);
    texts = parsed.texts;
    if (parsed.error) { runAll(ctx, o, runner, texts); ctx.err(`jq: parse error: ${parsed.error}\n`); return 2; }
  }
  const inputs: JsonText[] = o.nullInput ? [{ value: null, line: 0 }] : o.slurp ? [{ value: texts.map((t) => t.value), line: texts[texts.length - 1]?.line ?? 0 }] : texts;
  return runAll(ctx, o, runner, inputs);
};

function runAll(ctx: ProgramContext, o: JqOptions, runner: Runner, inputs: readonly JsonText[]): number {
  let last: JqValue | undefined;
  let any = false;
  for (const input of inputs) {
    try {
      for (const v of runner(input.value)) {
        any = true;
        last = v;
        const text = o.raw && typeof v === 'string' ? v : formatJson(v, o);
        ctx.out(o.join ? text : `${text}\n`);
      }
    } catch (err) {
      if (err instanceof JqError) { ctx.err(`jq: error (at <stdin>:${input.line}): ${err.message}\n`); return 5; }
      const m = jqjsMessage(err);
      if (m.compile) { ctx.err(`jq: error: ${m.message} at <top-level>, line 1:\n${o.filter ?? '.'}\njq: 1 compile error\n`); return 3; }
      ctx.err(`jq: error (at <stdin>:${input.line}): ${m.message}\n`);
      return 5;
    }
  }
  if (o.exitStatus) return !any ? 4 : last === null || last === false ? 1 : 0;
  return 0;
}
