// `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME --tcp=port:targetPort`
// (cmd/create/create_service.go): selector app=NAME, ports named `80-8080`, `failed to create <Type> service: …`.
import type { ProgramContext } from '../../shell/program';
import { flag, parseFlags, type FlagSpec } from '../flags';
import { flagError } from '../patch';
import { CREATE_COMMON, emitCreated, enforcedNamespace, nameArg } from './emit';
import { parseTcp, serviceFor } from './generators';

const TYPES: Readonly<Record<string, string>> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };

const FLAGS: FlagSpec = { ...CREATE_COMMON, tcp: { multi: true }, clusterip: {}, 'node-port': {}, 'external-name': {} };

const HELP = `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** `kubectl create service TYPE NAME --tcp=…`. */
export function createService(ctx: ProgramContext, args: readonly string[]): number {
  const subIndex = args.findIndex((a) => !a.startsWith('-'));
  const sub = subIndex >= 0 ? args[subIndex] : undefined;
  if (sub === undefined) { ctx.err(HELP); return 1; }
  const type = TYPES[sub];
  if (!type) { ctx.err(`error: unknown command "${sub}" for "kubectl create service"\n`); return 1; }
  const parsed = parseFlags([...args.slice(0, subIndex), ...args.slice(subIndex + 1)], FLAGS);
  if (!parsed.ok) return flagError(ctx, `create service ${sub}`, parsed.error);
  const f = parsed.flags;
  const named = nameArg(f.positionals, `create service ${sub}`);
  if ('error' in named) { ctx.err(named.error); return 1; }
  const clusterIP = flag(f, 'clusterip');
  const externalName = flag(f, 'external-name');
  if (type === 'ExternalName' && externalName === undefined) { ctx.err('error: required flag(s) "external-name" not set\n'); return 1; }
  const tcp = (f.values.get('tcp') ?? []).flatMap((v) => v.split(','));
  if (clusterIP === 'None' && type !== 'ClusterIP') { ctx.err('error: ClusterIP=None can only be used with ClusterIP service type\n'); return 1; }
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') { ctx.err('error: at least one tcp port specifier must be provided\n'); return 1; }
  if (type === 'ExternalName' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(externalName ?? '')) {
    ctx.err(`error: invalid service external name ${externalName}\n`);
    return 1;
  }
  const ports: { spec: string; port: number; targetPort: number | string }[] = [];
  for (const spec of tcp) {
    const p = parseTcp(spec);
    if ('error' in p) { ctx.err(`error: ${p.error}\n`); return 1; }
    ports.push({ spec, ...p });
  }
  const nodePort = Number(flag(f, 'node-port') ?? '0');
  const built = serviceFor(named.name, enforcedNamespace(f), type, ports, { nodePort: type === 'NodePort' ? nodePort : undefined, clusterIP, externalName });
  return emitCreated(ctx, f, built, (s) => `failed to create ${type} service: ${s.message}`);
}
