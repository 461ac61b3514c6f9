// `kubectl create` (cmd/create): -f FILE, and the generators deployment, service, secret, configmap, namespace and
// serviceaccount.
// SIMPLIFIED: generators for kinds kubesim does not serve (job, cronjob, ingress, role, …) say so in one line.
import type { ProgramContext } from '../../shell/program';
import { flag, parseFlags, type FlagSpec } from '../flags';
import { flagError } from '../patch';
import { wantsHelp } from '../help';
import { CREATE_COMMON, emitCreated, enforcedNamespace, nameArg } from './emit';
import { deploymentFor, namespaceFor, serviceAccountFor } from './generators';
import { createFromFiles } from './from-files';
import { createService } from './service';
import { createConfigMap, createSecret } from './data';

const HELP = `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.

Examples:
  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json
  
  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -
  
  # Edit the data in registry.yaml in JSON then create the resource using the edited data
  kubectl create -f registry.yaml --edit -o json

Available Commands:
  configmap             Create a config map from a local file, directory or literal value
  deployment            Create a deployment with the specified name
  namespace             Create a namespace with the specified name
  secret                Create a secret using a specified subcommand
  service               Create a service using a specified subcommand
  serviceaccount        Create a service account with the specified name

Usage:
  kubectl create -f FILENAME [options]

Use "kubectl create <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const ALIASES: Readonly<Record<string, string>> = { deploy: 'deployment', svc: 'service', cm: 'configmap', ns: 'namespace', sa: 'serviceaccount' };
const UNSIMULATED = new Set(['clusterrole', 'clusterrolebinding', 'cronjob', 'ingress', 'job', 'poddisruptionbudget', 'pdb', 'priorityclass', 'pc',
  'quota', 'resourcequota', 'role', 'rolebinding', 'token']);

const DEPLOYMENT_FLAGS: FlagSpec = { ...CREATE_COMMON, image: { multi: true }, replicas: { short: 'r' }, port: {} };
const NAMESPACE_FLAGS: FlagSpec = { ...CREATE_COMMON };

/** `kubectl create`: dispatches to -f or to a generator. */
export function* kubectlCreate(ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> {
  const subIndex = args.findIndex((a, i) => !a.startsWith('-') && !['-f', '--filename', '-n', '--namespace', '-o', '--output'].includes(args[i - 1] ?? ''));
  const raw = subIndex >= 0 ? args[subIndex] : undefined;
  const sub = raw === undefined ? undefined : ALIASES[raw] ?? raw;
  const rest = subIndex >= 0 ? [...args.slice(0, subIndex), ...args.slice(subIndex + 1)] : [...args];
  if (sub === undefined || !['deployment', 'service', 'secret', 'configmap', 'namespace', 'serviceaccount'].includes(sub)) {
    if (sub !== undefined && UNSIMULATED.has(sub)) { ctx.err(`error: kubesim does not simulate "kubectl create ${raw}": that kind of object is not part of this cluster\n`); return 1; }
    if (sub !== undefined) { ctx.err(`error: unknown command "${raw}" for "kubectl create"\n`); return 1; }
    if (wantsHelp(args)) { ctx.out(HELP); return 0; }
    if (!args.some((a) => a === '-f' || a.startsWith('--filename') || a.startsWith('-f'))) { ctx.err(`Error: must specify one of -f and -k\n\n${HELP}`); return 1; }
    return createFromFiles(ctx, args, 'create');
  }
  if (sub === 'service') return createService(ctx, rest);
  if (sub === 'secret') return createSecret(ctx, rest);
  if (sub === 'configmap') return createConfigMap(ctx, rest);
  const parsed = parseFlags(rest, sub === 'deployment' ? DEPLOYMENT_FLAGS : NAMESPACE_FLAGS);
  if (!parsed.ok) return flagError(ctx, `create ${sub}`, parsed.error);
  const f = parsed.flags;
  const named = nameArg(f.positionals, `create ${sub}`);
  if ('error' in named) { ctx.err(named.error); return 1; }
  if (sub === 'namespace') return emitCreated(ctx, f, namespaceFor(named.name), undefined);
  if (sub === 'serviceaccount') return emitCreated(ctx, f, serviceAccountFor(named.name, enforcedNamespace(f)), (s) => `failed to create serviceaccount: ${s.message}`);
  const images = f.values.get('image') ?? [];
  if (images.length === 0) { ctx.err('error: required flag(s) "image" not set\n'); return 1; }
  const replicas = Number(flag(f, 'replicas') ?? '1');
  const port = Number(flag(f, 'port') ?? '-1');
  if (!Number.isInteger(replicas)) return flagError(ctx, `create ${sub}`, `invalid argument "${flag(f, 'replicas')}" for "-r, --replicas" flag: strconv.ParseInt: parsing "${flag(f, 'replicas')}": invalid syntax`);
  if (!Number.isInteger(port)) return flagError(ctx, `create ${sub}`, `invalid argument "${flag(f, 'port')}" for "--port" flag: strconv.ParseInt: parsing "${flag(f, 'port')}": invalid syntax`);
  if (images.length > 1 && f.rest.length > 0) { ctx.err('error: cannot specify multiple --image options and command\n'); return 1; }
  const built = deploymentFor(named.name, enforcedNamespace(f), images, replicas, port, f.rest, String(ctx.host.now()));
  return emitCreated(ctx, f, built, (s) => `failed to create deployment: ${s.message}`);
}
