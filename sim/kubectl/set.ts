// `kubectl set image` and `kubectl set env` (cmd/set/set_image.go, set_env.go): change the pod template of pods,
// deployments, replica sets, daemon sets and stateful sets; print `image updated` / `env updated`, or nothing when
// the patch is `{}`; `set env --list` prints the variables per container.
// `set resources` lives in set-resources.ts.
// SIMPLIFIED: `set selector|serviceaccount|subject` are not simulated and say so.
import type { Container, EnvVar, K8sObject } from '../model/types';
import { objectKey } from '../model/keys';
import { clone } from '../core/clone';
import type { ProgramContext } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { jsonEqual } from './apply-patch';
import { currentNamespace } from './namespace';
import { wantsHelp } from './help';
import { dryRunOf, errorText, flagError, nameLine, objectNameOf, resolveTargets, writeModified, type KubectlError } from './patch';
import { changeCause, warnRecord, withChangeCause } from './record';
import { kubectlSetResources } from './set-resources';

type PodSpecLike = { containers?: Container[]; initContainers?: Container[] };

/** UpdatePodSpecForObject's accessor: the pod spec of a pod or of a workload's template, or undefined. Pure. */
export function podSpecOf(obj: K8sObject): PodSpecLike | undefined {
  const spec = obj.spec as { template?: { spec?: PodSpecLike } } & PodSpecLike | undefined;
  if (obj.kind === 'Pod') return spec;
  if (['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) return spec?.template?.spec;
  return undefined;
}

/** GetResourcesAndPairs: resources first, then `k=v` / `k-` pairs, or the ordering error. Pure. */
export function splitPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } | { error: string } {
  const resources: string[] = [], pairs: string[] = [];
  for (const s of args) {
    const isPair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (isPair) pairs.push(s);
    else if (pairs.length > 0) return { error: `all resources must be specified before ${pairType} changes: ${s}` };
    else resources.push(s);
  }
  return { resources, pairs };
}

export function globMatch(pattern: string, name: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(name);
}

/** updateEnv: replaces variables in place, appends new ones, drops removed ones. Pure. */
export function updateEnv(existing: readonly EnvVar[], env: readonly EnvVar[], remove: readonly string[]): EnvVar[] {
  const covered = new Set(remove);
  const out: EnvVar[] = [];
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) { covered.add(e.name); out.push(newer); } else out.push(e);
  }
  for (const e of env) if (!covered.has(e.name)) { covered.add(e.name); out.push(e); }
  return out;
}

/** --from=configmap/NAME|secret/NAME: one variable per key (upper-cased, invalid characters as `_`). */
function envFromSource(ctx: ProgramContext, from: string, namespace: string, prefix: string, keys: string | undefined): EnvVar[] | string {
  const m = /^(configmaps?|cm|secrets?)\/(.+)$/.exec(from);
  if (!m) return 'unsupported resource specified in --from';
  const isSecret = m[1].startsWith('secret');
  const obj = ctx.host.store.get(objectKey(isSecret ? 'Secret' : 'ConfigMap', namespace, m[2])) as (K8sObject & { data?: Record<string, string> }) | undefined;
  if (!obj) return `${isSecret ? 'secrets' : 'configmaps'} "${m[2]}" not found`;
  const only = keys?.split(',');
  return Object.keys(obj.data ?? {}).sort().filter((k) => !only || only.includes(k)).map((key) => ({
    name: `${prefix}${key.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase()}`,
    valueFrom: isSecret ? { secretKeyRef: { name: m[2], key } } : { configMapKeyRef: { name: m[2], key } },
  }));
}

const FLAGS: FlagSpec = {
  filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true }, selector: { short: 'l' }, all: { bool: true },
  'dry-run': {}, output: { short: 'o' }, local: { bool: true }, record: { bool: true }, 'field-manager': {},
  containers: { short: 'c' }, env: { short: 'e', multi: true }, list: { bool: true }, overwrite: { bool: true }, from: {},
  prefix: {}, keys: {}, resolve: { bool: true }, 'all-namespaces': { short: 'A', bool: true },
};

/** `kubectl set image|env`: rewrites the pod template and prints only the objects that changed. */
export function* kubectlSet(ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> {
  const sub = args[0];
  if (sub === undefined || sub.startsWith('-')) {
    // DefaultSubCommandRun(ErrOut): the group's help on stderr and exit 1, unless the help was asked for.
    const text = 'Configure application resources.\n\n These commands help you make changes to existing application resources.\n\nAvailable Commands:\n  env              Update environment variables on a pod template\n  image            Update the image of a pod template\n  resources        Update resource requests/limits on objects with pod templates\n\nUsage:\n  kubectl set SUBCOMMAND [options]\n';
    if (wantsHelp(args)) { ctx.out(text); return 0; }
    ctx.err(text);
    return 1;
  }
  if (sub === 'resources') return kubectlSetResources(ctx, args.slice(1));
  if (['selector', 'serviceaccount', 'sa', 'subject'].includes(sub)) { ctx.err(`error: kubesim does not simulate "kubectl set ${sub}"; edit the manifest and kubectl apply it\n`); return 1; }
  if (sub !== 'image' && sub !== 'env') { ctx.err(`error: unknown command "${sub}" for "kubectl set"\n`); return 1; }
  const parsed = parseFlags(args.slice(1), FLAGS);
  if (!parsed.ok) return flagError(ctx, `set ${sub}`, parsed.error);
  const f = parsed.flags;
  warnRecord(ctx, f);
  const cause = changeCause(['set', sub], f);
  const split = splitPairs(f.positionals, sub === 'image' ? 'image' : 'environment');
  if ('error' in split) { ctx.err(`error: ${split.error}\n`); return 1; }
  if (split.resources.length === 0 && !(f.values.get('filename') ?? []).length) {
    ctx.err('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    return 1;
  }
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  const images = new Map<string, string>();
  const env: EnvVar[] = [];
  const remove: string[] = [];
  if (sub === 'image') {
    for (const p of split.pairs) {
      const eq = p.indexOf('=');
      if (eq < 0) { ctx.err(`error: invalid image format: ${p}\n`); return 1; }
      images.set(p.slice(0, eq), p.slice(eq + 1));
    }
    if (images.size === 0) { ctx.err('error: at least one image update is required\n'); return 1; }
  } else {
    for (const p of [...(f.values.get('env') ?? []), ...split.pairs]) {
      const eq = p.indexOf('=');
      if (eq > 0) {
        const name = p.slice(0, eq);
        if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) { ctx.err(`error: "${name}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`); return 1; }
        env.push({ name, value: p.slice(eq + 1) });
      } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
      else { ctx.err(`error: unknown environment variable: ${p}\n`); return 1; }
    }
    const from = flag(f, 'from');
    if (from !== undefined) {
      const refs = envFromSource(ctx, from, currentNamespace(ctx, f), flag(f, 'prefix') ?? '', flag(f, 'keys'));
      if (typeof refs === 'string') { ctx.err(`error: ${refs}\n`); return 1; }
      env.push(...refs);
    }
    if (remove.some((r) => env.some((e) => e.name === r))) { ctx.err('error: can not both modify and remove the same environment variable in the same command\n'); return 1; }
  }
  const found = resolveTargets(ctx, f, split.resources);
  if (!found.ok) { ctx.err(`error: ${found.error}\n`); return 1; }
  const errors: KubectlError[] = [...found.errors];
  const selector = flag(f, 'containers') ?? '*';
  for (const t of found.targets) {
    const next = clone(t.object) as K8sObject;
    const spec = podSpecOf(next);
    if (!spec) { errors.push({ message: `error: ${objectNameOf(t.info, t.name)} the object is not a pod or does not have a pod template: *v1.${t.info.kind}\n` }); continue; }
    if (sub === 'image') {
      for (const [name, image] of images) {
        let found2 = false;
        for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) if (name === '*' || c.name === name) { c.image = image; found2 = true; }
        if (!found2) errors.push({ message: `error: unable to find container named "${name}"` });
      }
    } else {
      const selected = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) => globMatch(selector, c.name));
      if (selected.length === 0) ctx.err(`Warning: ${t.info.kind}/${t.name} does not have any containers matching "${selector}"\n`);
      for (const c of selected) {
        const updated = updateEnv(c.env ?? [], env, remove);
        if (updated.length > 0) c.env = updated; else delete c.env;
        if (boolFlag(f, 'list')) {
          ctx.out(`# ${t.info.kind} ${t.name}, container ${c.name}\n`);
          for (const e of c.env ?? []) {
            if (!e.valueFrom) { ctx.out(`${e.name}=${e.value ?? ''}\n`); continue; }
            const ref = e.valueFrom.fieldRef ? `field path ${e.valueFrom.fieldRef.fieldPath}` : e.valueFrom.configMapKeyRef ? `configmap ${e.valueFrom.configMapKeyRef.name}, key ${e.valueFrom.configMapKeyRef.key}`
              : e.valueFrom.secretKeyRef ? `secret ${e.valueFrom.secretKeyRef.name}, key ${e.valueFrom.secretKeyRef.key}` : `resource ${e.valueFrom.resourceFieldRef?.resource ?? ''}`;
            ctx.out(`# ${e.name} from ${ref}\n`);
          }
        }
      }
      if (boolFlag(f, 'list')) continue;
    }
    const recorded = withChangeCause(next, cause);
    if (jsonEqual(recorded, t.object)) continue;
    const res = writeModified(ctx, t, recorded, dry.value);
    if (!res.ok) { errors.push({ message: `failed to patch ${sub} update to pod template: ${res.status.message}` }); continue; }
    ctx.out(flag(f, 'output') === 'name' ? nameLine(t.info, t.name, '') : nameLine(t.info, t.name, sub === 'image' ? 'image updated' : 'env updated', dry.value));
  }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  return 0;
}
