// `kubectl get` (kubectl cmd/get/get.go): by type, name, type/name, `all` or -f; -l, --field-selector, -n/-A;
// tables with kind-prefixed names and a blank line between groups, -o wide/yaml/json/name/jsonpath/
// custom-columns, --sort-by, --show-labels, -L; NotFound per name; "No resources found" on stderr; -w/--watch.
import type { K8sObject } from '../model/types';
import { objectKey } from '../model/keys';
import { resourceFor, resourceGroupName, type ResourceInfo } from '../model/resources';
import { parseSelector, type Requirement } from '../model/labels';
import type { ProgramContext, Wait } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec, type ParsedFlags } from './flags';
import { clientError } from './errors';
import { resolveSelections } from './resources';
import { readManifestArgs } from './manifests';
import { currentNamespace } from './namespace';
import { matchesFieldSelector, parseFieldSelector, unsupportedFieldLabel, type FieldRequirement } from './field-selector';
import { fatal, parseOutputFormat, printGeneric, type OutputFormat } from './printers/output-format';
import { parseLabelColumns } from './printers/get-table';
import { printTables, type Group } from './printers/get-tables';
import { watchResources } from './watch';

const FLAGS: FlagSpec = {
  output: { short: 'o' }, selector: { short: 'l' }, 'show-labels': { bool: true }, 'no-headers': { bool: true },
  watch: { short: 'w', bool: true }, 'watch-only': { bool: true }, 'field-selector': {}, 'show-kind': { bool: true },
  'ignore-not-found': { bool: true }, 'sort-by': {}, 'label-columns': { short: 'L', multi: true },
  filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true }, 'chunk-size': {},
  'output-watch-events': { bool: true }, 'server-print': { bool: true }, 'allow-missing-template-keys': { bool: true },
  subresource: {}, raw: {},
};

export const GET_HELP = `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a
label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the
current namespace unless you pass --all-namespaces.

Examples:
  # List all pods in ps output format
  kubectl get pods
  
  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide
  
  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7
  
  # Return only the IP of the first pod
  kubectl get pods -o jsonpath='{.items[0].status.podIP}'
  
  # Watch pods change as they happen
  kubectl get pods -w

Usage:
  kubectl get [(-o|--output=)json|yaml|name|jsonpath|jsonpath-as-json|custom-columns|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** The objects asked for, grouped per resource type, with the errors met on the way. */
export interface Collected {
  readonly groups: Group[];
  readonly errors: string[];
  /** One object asked for by name: -o yaml/json print it bare rather than in a List. */
  readonly singleItemImplied: boolean;
}

interface Filters {
  readonly labels: Requirement[];
  readonly fields: FieldRequirement[];
  /** The selectors as typed, which the apiserver's list errors quote. */
  readonly labelText?: string;
  readonly fieldText?: string;
}

function listGroup(ctx: ProgramContext, info: ResourceInfo, ns: string | undefined, filters: Filters, errors: string[]): Group {
  const refused = unsupportedFieldLabel(info.kind, filters.fields);
  if (refused !== undefined) {
    // cli-runtime EnhanceListError wraps the BadRequest with the resource and both selectors.
    const gvr = `${info.group}/${info.version}, Resource=${info.plural}`;
    errors.push(`Error from server (BadRequest): Unable to find "${gvr}" that match label selector "${filters.labelText ?? ''}", field selector "${filters.fieldText ?? ''}": ${refused}`);
    return { info, objects: [], listed: true };
  }
  const objects = ctx.host.store.select(info.kind, ns, filters.labels).filter((o) => matchesFieldSelector(o, filters.fields));
  return { info, objects, listed: true };
}

function getNamed(ctx: ProgramContext, info: ResourceInfo, ns: string | undefined, names: readonly string[], errors: string[]): Group {
  const objects: K8sObject[] = [];
  for (const name of names) {
    const obj = ctx.host.store.get(objectKey(info.kind, info.namespaced ? ns : undefined, name));
    if (obj) objects.push(obj);
    else errors.push(`Error from server (NotFound): ${resourceGroupName(info)} "${name}" not found`);
  }
  return { info, objects, listed: false };
}

/** Reads what `get`'s arguments (or -f files) name from the store. */
export function collect(ctx: ProgramContext, f: ParsedFlags, filters: Filters): { ok: true; value: Collected } | { ok: false; error: string } {
  const allNs = boolFlag(f, 'all-namespaces');
  const namespace = currentNamespace(ctx, f);
  const errors: string[] = [];
  const groups: Group[] = [];
  const files = f.values.get('filename') ?? [];
  if (files.length > 0) {
    const read = readManifestArgs(ctx.session.fs, ctx.session.cwd, files, ctx.stdin, boolFlag(f, 'recursive'));
    if (!read.ok) return { ok: false, error: read.error };
    errors.push(...read.errors.map((e) => `error: ${e}`));
    for (const m of read.manifests) {
      const info = resourceFor(m.object.kind);
      groups.push(getNamed(ctx, info, m.object.metadata?.namespace || namespace, [m.object.metadata?.name ?? ''], errors));
    }
    return { ok: true, value: { groups, errors, singleItemImplied: read.manifests.length === 1 } };
  }
  const sel = resolveSelections(f.positionals);
  if (!sel.ok) return { ok: false, error: sel.error };
  const named = sel.selections.some((s) => s.names.length > 0);
  if (named && allNs) return { ok: false, error: 'a resource cannot be retrieved by name across all namespaces' };
  for (const s of sel.selections) {
    const ns = s.info.namespaced && !allNs ? namespace : undefined;
    groups.push(s.names.length > 0 ? getNamed(ctx, s.info, ns, s.names, errors) : listGroup(ctx, s.info, ns, filters, errors));
  }
  const single = sel.selections.length === 1 && sel.selections[0].names.length === 1;
  return { ok: true, value: { groups, errors, singleItemImplied: single } };
}

/** `kubectl get`: prints the objects asked for (or streams them with -w); returns the exit code. */
export function* kubectlGet(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  if (args.includes('--help') || args.includes('-h')) { ctx.out(GET_HELP); return 0; }
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl get --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  const watching = boolFlag(f, 'watch') || boolFlag(f, 'watch-only');
  // SIMPLIFIED: raw API paths are not simulated.
  if (flag(f, 'raw') !== undefined) { ctx.err(clientError('--raw is not simulated in kubesim; name resources instead (kubectl get pods -o json)')); return 1; }
  if (f.positionals.length === 0 && !(f.values.get('filename') ?? []).length) {
    ctx.err(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n`);
    return 1;
  }
  const output = parseOutputFormat(flag(f, 'output'));
  if (!output.ok) { ctx.err(fatal(output.error)); return 1; }
  const format: OutputFormat = output.format;
  if (boolFlag(f, 'show-labels') && format.kind !== 'table') {
    ctx.err(clientError(`--show-labels option cannot be used with ${flag(f, 'output')} printer`));
    return 1;
  }
  const labels = parseSelector(flag(f, 'selector') ?? '');
  if (!labels.ok) { ctx.err(clientError(labels.error)); return 1; }
  const fields = parseFieldSelector(flag(f, 'field-selector') ?? '');
  if (!fields.ok) { ctx.err(clientError(fields.error)); return 1; }
  const filters = { labels: labels.requirements, fields: fields.requirements, labelText: flag(f, 'selector') ?? '', fieldText: flag(f, 'field-selector') ?? '' };
  if (watching && flag(f, 'sort-by')) ctx.err('warning: --watch or --watch-only requested, --sort-by will be ignored\n');
  const got = collect(ctx, f, filters);
  if (!got.ok) { ctx.err(clientError(got.error)); return 1; }
  const { groups, errors } = got.value;
  if (groups.some((g) => g.info.kind === 'Endpoints')) ctx.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  const ignoreNotFound = boolFlag(f, 'ignore-not-found');
  const shownErrors = ignoreNotFound ? errors.filter((e) => !e.startsWith('Error from server (NotFound)')) : errors;
  if (watching) return yield* watchResources(ctx, f, groups, format, filters, shownErrors);
  let exit = shownErrors.length > 0 ? 1 : 0;
  if (format.kind !== 'table') {
    const objects = groups.flatMap((g) => g.objects);
    if (objects.length === 0 && ignoreNotFound) { for (const e of shownErrors) ctx.err(`${e}\n`); return exit; }
    // printGeneric: one named object that could not be read is an error alone, not an empty List.
    if (got.value.singleItemImplied && objects.length === 0) { for (const e of shownErrors) ctx.err(`${e}\n`); return exit; }
    const printed = printGeneric(format, objects, got.value.singleItemImplied, boolFlag(f, 'no-headers'));
    if (!printed.ok) { ctx.err(fatal(printed.error)); return 1; }
    ctx.out(printed.text);
  } else {
    const result = printTables(groups, {
      wide: format.wide, noHeaders: boolFlag(f, 'no-headers'), allNamespaces: boolFlag(f, 'all-namespaces'),
      showKind: boolFlag(f, 'show-kind'), showLabels: boolFlag(f, 'show-labels'),
      labelColumns: parseLabelColumns(f.values.get('label-columns') ?? []), sortBy: flag(f, 'sort-by'),
    }, ctx.host.nowEpochMs());
    if (!result.ok) { ctx.err(clientError(result.error)); return 1; }
    ctx.out(result.text);
    if (result.text === '' && shownErrors.length === 0 && !ignoreNotFound) {
      const allNamespaced = !boolFlag(f, 'all-namespaces') && groups.every((g) => g.info.namespaced);
      ctx.err(allNamespaced ? `No resources found in ${currentNamespace(ctx, f)} namespace.\n` : 'No resources found\n');
    }
  }
  for (const e of shownErrors) ctx.err(`${e}\n`);
  if (shownErrors.length > 0) exit = 1;
  return exit;
}

