// `kubectl set resources` (cmd/set/set_resources.go): sets limits and requests on the containers of a pod template
// (all of them by default, or those -c matches), printing `resource requirements updated`, or nothing when the patch
// is `{}`. Quantities are parsed as generateversioned.HandleResourceRequirementsV1 does and sent in canonical form.
import type { Container, K8sObject } from '../model/types';
import { clone } from '../core/clone';
import type { ProgramContext } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { jsonEqual } from './apply-patch';
import { dryRunOf, errorText, flagError, nameLine, objectNameOf, resolveTargets, writeModified, type KubectlError } from './patch';
import { changeCause, warnRecord, withChangeCause } from './record';
import { canonicalQuantityText, QUANTITY_REGEX_MSG } from '../registry/quantity-canonical';
import { globMatch, podSpecOf } from './set';

const FLAGS: FlagSpec = {
  filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true }, selector: { short: 'l' }, all: { bool: true },
  'dry-run': {}, output: { short: 'o' }, local: { bool: true }, record: { bool: true }, 'field-manager': {},
  containers: { short: 'c' }, limits: {}, requests: {},
};

type ResourceList = Record<string, string>;

/** populateResourceListV1: `cpu=200m,memory=512Mi` into a list, or kubectl's error text. Pure. */
export function parseResourceList(spec: string): ResourceList | string {
  const out: ResourceList = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) return `Invalid argument syntax ${statement}, expected <resource>=<value>`;
    const q = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.test(parts[1]) ? canonicalQuantityText(parts[1]) : undefined;
    if (q === undefined) return QUANTITY_REGEX_MSG;
    out[parts[0]] = q;
  }
  return out;
}

/** Merges the lists into a container's resources, as set_resources.go's transform does. */
function setResources(c: Container, limits: ResourceList, requests: ResourceList): void {
  const r = { ...(c.resources ?? {}) } as { limits?: ResourceList; requests?: ResourceList };
  if (Object.keys(limits).length > 0) r.limits = { ...(r.limits ?? {}), ...limits };
  if (Object.keys(requests).length > 0) r.requests = { ...(r.requests ?? {}), ...requests };
  c.resources = r as Container['resources'];
}

/** `kubectl set resources TYPE NAME --limits=… --requests=… [-c NAME]`. */
export function kubectlSetResources(ctx: ProgramContext, args: readonly string[]): number {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, 'set resources', parsed.error);
  const f = parsed.flags;
  warnRecord(ctx, f);
  const cause = changeCause(['set', 'resources'], f);
  if (f.positionals.length === 0 && !(f.values.get('filename') ?? []).length && !boolFlag(f, 'all')) {
    ctx.err('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    return 1;
  }
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  const found = resolveTargets(ctx, f, f.positionals);
  if (!found.ok) { ctx.err(`error: ${found.error}\n`); return 1; }
  if (found.errors.length > 0) { ctx.err(errorText(found.errors)); return 1; }
  if (boolFlag(f, 'all') && flag(f, 'selector') !== undefined) { ctx.err('error: cannot set --all and --selector at the same time\n'); return 1; }
  const limitsText = flag(f, 'limits') ?? '';
  const requestsText = flag(f, 'requests') ?? '';
  if (limitsText === '' && requestsText === '') { ctx.err('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'); return 1; }
  const limits = limitsText === '' ? {} : parseResourceList(limitsText);
  if (typeof limits === 'string') { ctx.err(`error: ${limits}\n`); return 1; }
  const requests = requestsText === '' ? {} : parseResourceList(requestsText);
  if (typeof requests === 'string') { ctx.err(`error: ${requests}\n`); return 1; }
  const selector = flag(f, 'containers') ?? '*';
  const errors: KubectlError[] = [];
  for (const t of found.targets) {
    const next = clone(t.object) as K8sObject;
    const spec = podSpecOf(next);
    if (!spec) { errors.push({ message: `error: ${objectNameOf(t.info, t.name)} the object is not a pod or does not have a pod template: *v1.${t.info.kind}` }); continue; }
    const selected = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) => globMatch(selector, c.name));
    if (selected.length === 0) errors.push({ message: `error: unable to find container named ${selector}` });
    for (const c of selected) setResources(c, limits, requests);
    const recorded = withChangeCause(next, cause);
    if (jsonEqual(recorded, t.object)) continue;
    const res = writeModified(ctx, t, recorded, dry.value);
    if (!res.ok) { errors.push({ message: `failed to patch resources update to pod template ${res.status.message}` }); continue; }
    ctx.out(flag(f, 'output') === 'name' ? nameLine(t.info, t.name, '') : nameLine(t.info, t.name, 'resource requirements updated', dry.value));
  }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  return 0;
}
