// `kubectl run NAME --image=IMAGE` (cmd/run/run.go): one Pod labelled run=NAME with a container named NAME,
// --restart, --port (and --expose for a ClusterIP Service), --env, --labels, --command and `-- args`.
// With --attach (implied by -i) it streams the pod's output and, with --rm, deletes the pod (run-attach.ts).
// SIMPLIFIED: an interactive shell (`-it … -- sh`) needs a terminal attached to the pod, which is not simulated.
import type { K8sObject } from '../model/types';
import { resourceFor } from '../model/resources';
import type { ProgramContext, Wait } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { apiErrorText } from './errors';
import { currentNamespace } from './namespace';
import { toJson, toYaml } from './output';
import { dryRunOf, flagError, nameLine } from './patch';
import { changeCause, warnRecord, withChangeCause } from './record';
import { attachToRun, readsFromTerminal } from './run-attach';

const FLAGS: FlagSpec = {
  image: {}, restart: {}, port: {}, env: { multi: true }, labels: { short: 'l' }, annotations: { multi: true }, command: { bool: true },
  'dry-run': {}, output: { short: 'o' }, expose: { bool: true }, 'image-pull-policy': {}, stdin: { short: 'i', bool: true }, tty: { short: 't', bool: true },
  attach: { bool: true }, rm: { bool: true }, 'pod-running-timeout': {}, privileged: { bool: true }, 'save-config': { bool: true },
  overrides: {}, 'field-manager': {}, quiet: { short: 'q', bool: true }, 'override-type': {}, 'dns-policy': {},
  record: { bool: true },
};

const IMAGE_REF = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** The Pod `kubectl run` builds (generator run-pod/v1 as the Go struct serialises it). Pure. */
export function podFor(name: string, namespace: string | undefined, image: string, opts: {
  labels: Record<string, string>; annotations: Record<string, string>; restart: string; port: number; env: { name: string; value: string }[];
  args: readonly string[]; command: boolean; pullPolicy?: string; dnsPolicy?: string;
}): K8sObject {
  const container = {
    ...(opts.args.length > 0 ? { [opts.command ? 'command' : 'args']: [...opts.args] } : {}),
    ...(opts.env.length > 0 ? { env: opts.env } : {}), image, ...(opts.pullPolicy ? { imagePullPolicy: opts.pullPolicy } : {}), name,
    ...(opts.port >= 0 ? { ports: [{ containerPort: opts.port }] } : {}), resources: {},
  };
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { ...(Object.keys(opts.annotations).length ? { annotations: opts.annotations } : {}), labels: opts.labels, name, ...(namespace ? { namespace } : {}) },
    spec: { containers: [container], dnsPolicy: opts.dnsPolicy ?? 'ClusterFirst', restartPolicy: opts.restart },
    status: {},
  } as K8sObject;
}

/** `kubectl run`: creates the Pod (and with --expose its Service) and prints `created`. */
export function* kubectlRun(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, 'run', parsed.error);
  const f = parsed.flags;
  warnRecord(ctx, f);
  const fail = (m: string): number => { ctx.err(`error: ${m}\n`); return 1; };
  // cobra checks the flags marked required before the command runs.
  if (flag(f, 'image') === undefined) return fail('required flag(s) "image" not set');
  const name = f.positionals[0];
  if (name === undefined) return fail('NAME is required for run');
  const extra = [...f.positionals.slice(1), ...f.rest];
  const interactive = boolFlag(f, 'stdin');
  const attach = f.values.has('attach') ? boolFlag(f, 'attach') : interactive;
  if (boolFlag(f, 'rm') && !attach) return fail('--rm should only be used for attached containers');
  if (attach && (interactive || boolFlag(f, 'tty')) && readsFromTerminal(extra)) {
    return fail(`kubesim does not attach a terminal to kubectl run; create the pod without -i/-t/--rm, then use kubectl exec -it ${name} -- sh`);
  }
  const image = flag(f, 'image');
  if (!image) return fail('--image is required');
  if (!IMAGE_REF.test(image)) return fail(`Invalid image name "${image}": invalid reference format`);
  // getRestartPolicy: an interactive pod restarts only on failure unless told otherwise.
  const restart = flag(f, 'restart') ?? (interactive ? 'OnFailure' : 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return fail(`invalid restart policy: ${restart}`);
  const portText = flag(f, 'port') ?? '-1';
  if (!/^-?\d+$/.test(portText)) return fail(`invalid argument "${portText}" for "--port" flag: strconv.ParseInt: parsing "${portText}": invalid syntax`);
  const port = Number(portText);
  if (boolFlag(f, 'expose') && port < 0) return fail('--port must be set when exposing a service');
  const env: { name: string; value: string }[] = [];
  for (const e of f.values.get('env') ?? []) {
    const eq = e.indexOf('=');
    if (eq < 0) return fail(`invalid env: ${e}`);
    env.push({ name: e.slice(0, eq), value: e.slice(eq + 1) });
  }
  let labels: Record<string, string> = { run: name };
  if (flag(f, 'labels') !== undefined) {
    labels = {};
    for (const part of flag(f, 'labels')!.split(',')) {
      const kv = part.split('=');
      if (kv.length !== 2) return fail(`invalid label spec: ${part}`);
      labels[kv[0]] = kv[1];
    }
  }
  const annotations: Record<string, string> = {};
  for (const a of f.values.get('annotations') ?? []) { const eq = a.indexOf('='); if (eq > 0) annotations[a.slice(0, eq)] = a.slice(eq + 1); }
  const dry = dryRunOf(f);
  if (!dry.ok) return fail(dry.error);
  const enforced = flag(f, 'namespace');
  const cause = changeCause(['run'], f);
  const pod = podFor(name, enforced, image, { labels, annotations, restart, port, env, args: extra, command: boolFlag(f, 'command'), pullPolicy: flag(f, 'image-pull-policy'), dnsPolicy: flag(f, 'dns-policy') });
  const output = flag(f, 'output');
  const send = (generated: K8sObject): K8sObject | undefined => {
    const obj = withChangeCause(generated, cause);
    if (dry.value === 'client') return obj;
    const info = resourceFor(obj.kind);
    const res = ctx.host.api.create({ ...obj, metadata: { ...obj.metadata, ...(info.namespaced ? { namespace: currentNamespace(ctx, f) } : {}) } } as K8sObject, { dryRun: dry.value === 'server' });
    if (!res.ok) { ctx.err(apiErrorText(res.status)); return undefined; }
    return res.object;
  };
  const show = (obj: K8sObject): void => {
    if (output === 'yaml') ctx.out(toYaml(obj));
    else if (output === 'json') ctx.out(toJson(obj));
    else ctx.out(nameLine(resourceFor(obj.kind), obj.metadata.name, output === 'name' ? '' : 'created', output === 'name' ? undefined : dry.value));
  };
  if (boolFlag(f, 'expose')) {
    const svc = {
      apiVersion: 'v1', kind: 'Service', metadata: { name, ...(enforced ? { namespace: enforced } : {}) },
      spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector: labels }, status: { loadBalancer: {} },
    } as unknown as K8sObject;
    const created = send(svc);
    if (!created) return 1;
    show(created);
  }
  const created = send(pod);
  if (!created) return 1;
  if (!attach || dry.value !== undefined) { show(created); return 0; }
  return yield* attachToRun(ctx, {
    namespace: created.metadata.namespace ?? currentNamespace(ctx, f), name, restartPolicy: restart, tty: boolFlag(f, 'tty'),
    quiet: boolFlag(f, 'quiet'),
    remove: boolFlag(f, 'rm') ? [{ kind: 'Pod', name }, ...(boolFlag(f, 'expose') ? [{ kind: 'Service' as const, name }] : [])] : undefined,
  });
}
