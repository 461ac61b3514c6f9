// `kubectl get`: tables (kind-prefixed names and blank lines between groups when several kinds are asked for),
// -o wide/yaml/json/name, -l, -n/-A, --show-labels, --no-headers, and "No resources found" on stderr.
import type { K8sObject } from '../model/types';
import { objectKey } from '../model/keys';
import { kindGroupName, resourceGroupName } from '../model/resources';
import { formatLabels, parseSelector } from '../model/labels';
import type { ProgramContext } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { clientError } from './errors';
import { resolveSelections } from './resources';
import { formatTable } from './tabwriter';
import { COLUMNS } from './printers/columns';
import { listOrObject, objectName, toJson, toYaml } from './output';
import { currentNamespace } from './namespace';
import { matchesFieldSelector, parseFieldSelector } from './field-selector';

const FLAGS: FlagSpec = {
  output: { short: 'o' }, selector: { short: 'l' }, 'show-labels': { bool: true }, 'no-headers': { bool: true },
  watch: { short: 'w', bool: true }, 'field-selector': {}, 'show-kind': { bool: true }, 'ignore-not-found': { bool: true },
};

export function* kubectlGet(ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl get --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  const sel = resolveSelections(f.positionals);
  if (!sel.ok) {
    if (f.positionals.length === 0) {
      ctx.err(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n`);
    } else ctx.err(clientError(sel.error));
    return 1;
  }
  const allNamespaces = boolFlag(f, 'all-namespaces');
  const namespace = currentNamespace(ctx, f);
  const labelReqs = parseSelector(flag(f, 'selector') ?? '');
  if (!labelReqs.ok) { ctx.err(clientError(labelReqs.error)); return 1; }
  const fieldSel = parseFieldSelector(flag(f, 'field-selector') ?? '');
  if (!fieldSel.ok) { ctx.err(clientError(fieldSel.error)); return 1; }
  const output = flag(f, 'output') ?? '';
  const wide = output === 'wide';
  if (output !== '' && !['wide', 'yaml', 'json', 'name'].includes(output)) {
    ctx.err(clientError(`unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`));
    return 1;
  }
  const store = ctx.host.store;
  let exit = 0;
  const groups: { kindName: string; objects: K8sObject[]; namespaced: boolean }[] = [];
  const everything: K8sObject[] = [];
  const named = sel.selections.some((s) => s.names.length > 0);
  for (const s of sel.selections) {
    const ns = s.info.namespaced ? (allNamespaces && s.names.length === 0 ? undefined : namespace) : undefined;
    let objects: K8sObject[];
    if (s.names.length > 0) {
      objects = [];
      for (const name of s.names) {
        const obj = store.get(objectKey(s.info.kind, ns, name));
        if (obj) objects.push(obj);
        else if (!boolFlag(f, 'ignore-not-found')) {
          ctx.err(`Error from server (NotFound): ${resourceGroupName(s.info)} "${name}" not found\n`);
          exit = 1;
        }
      }
    } else {
      objects = store.select(s.info.kind, ns, labelReqs.requirements);
      if (s.info.kind === 'Event') objects = objects.sort(byLastSeen);
    }
    objects = objects.filter((o) => matchesFieldSelector(o, fieldSel.requirements));
    if (s.info.kind === 'Endpoints' && objects.length > 0) ctx.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    groups.push({ kindName: kindGroupName(s.info), objects, namespaced: s.info.namespaced });
    everything.push(...objects);
  }
  if (everything.length === 0) {
    if (exit === 0 && !named) {
      const allNamespaced = sel.selections.every((s) => s.info.namespaced);
      ctx.err(allNamespaced && !allNamespaces ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n');
    }
    return exit;
  }
  if (output === 'yaml' || output === 'json') {
    const single = named && sel.selections.length === 1 && sel.selections[0].names.length === 1;
    const value = listOrObject(everything, single);
    ctx.out(output === 'yaml' ? toYaml(value) : toJson(value));
    return exit;
  }
  if (output === 'name') {
    for (const o of everything) ctx.out(`${objectName(o)}\n`);
    return exit;
  }
  const withKind = sel.selections.length > 1 || boolFlag(f, 'show-kind');
  const now = ctx.host.nowEpochMs();
  let first = true;
  for (const g of groups) {
    if (g.objects.length === 0) continue;
    const cols = COLUMNS[g.objects[0].kind];
    if (!cols) continue;
    const rows: string[][] = [];
    const headers = [...cols.headers, ...(wide ? cols.wide : [])];
    const showNs = allNamespaces && g.namespaced;
    if (!boolFlag(f, 'no-headers')) rows.push([...(showNs ? ['NAMESPACE'] : []), ...headers, ...(boolFlag(f, 'show-labels') ? ['LABELS'] : [])]);
    for (const o of g.objects) {
      const row = cols.row(o, now, wide);
      if (withKind) row[0] = `${g.kindName}/${row[0]}`;
      rows.push([...(showNs ? [o.metadata.namespace ?? ''] : []), ...row, ...(boolFlag(f, 'show-labels') ? [formatLabels(o.metadata.labels)] : [])]);
    }
    if (!first) ctx.out('\n');
    first = false;
    ctx.out(formatTable(rows));
  }
  return exit;
}

function byLastSeen(a: K8sObject, b: K8sObject): number {
  const ta = String((a as Record<string, unknown>).lastTimestamp ?? '');
  const tb = String((b as Record<string, unknown>).lastTimestamp ?? '');
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}
