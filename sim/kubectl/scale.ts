// `kubectl scale` (cmd/scale/scale.go, pkg/scale): sets spec.replicas of deployments, replica sets and stateful
// sets through the scale subresource, with the --current-replicas / --resource-version preconditions and
// `--timeout` waiting until status.replicas matches; prints `deployment.apps/web scaled`.
import type { K8sObject } from '../model/types';
import { clone } from '../core/clone';
import type { ProgramContext, Wait } from '../shell/program';
import { flag, parseFlags, type FlagSpec } from './flags';
import { dryRunOf, errorText, flagError, nameLine, resolveTargets, writeModified, type KubectlError } from './patch';
import { parseGoDuration } from './wait';
import { changeCause, warnRecord, withChangeCause } from './record';

const FLAGS: FlagSpec = {
  replicas: {}, 'current-replicas': {}, 'resource-version': {}, timeout: {}, all: { bool: true }, selector: { short: 'l' },
  filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true }, 'dry-run': {}, output: { short: 'o' }, record: { bool: true },
};

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/** The scale subresource's precondition check: `Expected replicas to be 2, was 3`, or undefined when it holds. Pure. */
export function scalePrecondition(obj: K8sObject, currentReplicas: number, resourceVersion: string | undefined): string | undefined {
  const replicas = (obj.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  if (currentReplicas !== -1 && replicas !== currentReplicas) return `Expected replicas to be ${currentReplicas}, was ${replicas}`;
  if (resourceVersion && obj.metadata.resourceVersion !== resourceVersion) return `Expected resource version to be ${resourceVersion}, was ${obj.metadata.resourceVersion}`;
  return undefined;
}

function intFlag(text: string | undefined, fallback: number, name: string): number | string {
  if (text === undefined) return fallback;
  return /^-?\d+$/.test(text) ? Number(text) : `invalid argument "${text}" for "--${name}" flag: strconv.ParseInt: parsing "${text}": invalid syntax`;
}

/** `kubectl scale`: sets spec.replicas on each target after checking the preconditions. */
export function* kubectlScale(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, 'scale', parsed.error);
  const f = parsed.flags;
  warnRecord(ctx, f);
  // pflag rejects a malformed value while parsing, before cobra checks the required flags.
  const replicas = intFlag(flag(f, 'replicas'), -1, 'replicas');
  const current = intFlag(flag(f, 'current-replicas'), -1, 'current-replicas');
  if (typeof replicas === 'string' || typeof current === 'string') return flagError(ctx, 'scale', typeof replicas === 'string' ? replicas : String(current));
  const timeoutMs = parseGoDuration(flag(f, 'timeout') ?? '0s');
  if (timeoutMs === undefined) return flagError(ctx, 'scale', `invalid argument "${flag(f, 'timeout')}" for "--timeout" flag: time: invalid duration "${flag(f, 'timeout')}"`);
  if (flag(f, 'replicas') === undefined) { ctx.err('error: required flag(s) "replicas" not set\n'); return 1; }
  if (replicas < 0) { ctx.err('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n'); return 1; }
  if (current < -1) { ctx.err('error: The --current-replicas must specify an integer of -1 or greater\n'); return 1; }
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  if (f.positionals.length === 0 && !(f.values.get('filename') ?? []).length) {
    ctx.err(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`);
    return 1;
  }
  const found = resolveTargets(ctx, f, f.positionals);
  if (!found.ok) { ctx.err(`error: ${found.error}\n`); return 1; }
  const rv = flag(f, 'resource-version');
  if (rv && found.targets.length > 1) { ctx.err('error: cannot use --resource-version with multiple resources\n'); return 1; }
  if (found.targets.length === 0) { ctx.err(errorText(found.errors.length > 0 ? found.errors : [{ message: 'no objects passed to scale' }])); return 1; }
  for (const t of found.targets) {
    if (!SCALABLE.has(t.info.kind)) {
      ctx.err(`Error from server (NotFound): the server could not find the requested resource\n`);
      return 1;
    }
    const failed = scalePrecondition(t.object, current, rv);
    if (failed) { ctx.err(`error: ${failed}\n`); return 1; }
    const next = clone(t.object) as K8sObject & { spec: { replicas?: number } };
    next.spec.replicas = replicas;
    // The change cause goes with the new size (kubectl sends it as a second merge patch).
    const res = writeModified(ctx, t, withChangeCause(next, changeCause(['scale'], f)), dry.value);
    if (!res.ok) { ctx.err(errorText([{ status: res.status }])); return 1; }
    if (timeoutMs > 0 && dry.value === undefined) {
      const deadline = ctx.host.now() + timeoutMs;
      const key = `${t.info.kind}/${t.namespace ?? ''}/${t.name}`;
      const settled = (): boolean => ((ctx.host.store.get(key)?.status as { replicas?: number } | undefined)?.replicas ?? 0) === replicas;
      while (!settled() && ctx.host.now() < deadline) yield { kind: 'change', timeoutAt: deadline };
      if (!settled()) { ctx.err('error: timed out waiting for the condition\n'); return 1; }
    }
    ctx.out(flag(f, 'output') === 'name' ? nameLine(t.info, t.name, '') : nameLine(t.info, t.name, 'scaled', dry.value));
  }
  const errors: KubectlError[] = found.errors;
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  return 0;
}
