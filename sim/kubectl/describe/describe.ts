// `kubectl describe` (kubectl cmd/describe): TYPE [NAME_PREFIX], TYPE/NAME, -l, -A or -f; each object through its
// kind's describer, separated by a blank line; a name that matches nothing exactly describes every object whose
// name starts with it; NotFound per name; "No resources found" on stderr.
import type { K8sObject } from '../../model/types';
import { objectKey } from '../../model/keys';
import { resourceFor, resourceGroupName, type ResourceInfo } from '../../model/resources';
import { parseSelector } from '../../model/labels';
import type { ProgramContext, ShellHost, Wait } from '../../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from '../flags';
import { clientError } from '../errors';
import { resolveSelections } from '../resources';
import { readManifestArgs } from '../manifests';
import { currentNamespace } from '../namespace';
import { eventsFor } from './events';
import { describePod } from './pod';
import { describeDeployment, replicaSetsOf } from './deployment';
import { describeDaemonSet, describeReplicaSet, podPhases } from './replicaset';
import { describeService, slicesOf } from './service';
import { describeEndpoints } from './endpoints';
import { describeEndpointSlice } from './endpointslice';
import { describeNode, podsOnNode } from './node';
import { describeNamespace } from './namespace';
import { describeStatefulSet } from './statefulset';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, podsUsingClaim } from './storage';
import { describeConfig, describeGeneric } from './generic';
import { accountSecrets, describeServiceAccount } from './service-account';

const FLAGS: FlagSpec = {
  selector: { short: 'l' }, filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true },
  'show-events': { bool: true }, 'chunk-size': {},
};

export const DESCRIBE_HELP = `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or
controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label
selector.

Examples:
  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal
  
  # Describe a pod
  kubectl describe pods/nginx
  
  # Describe all pods managed by the 'frontend' replication controller
  kubectl describe pods frontend
  
  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel

Usage:
  kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** The describe text of one object, with its related objects and Events read from the store. */
export function describeObject(host: ShellHost, obj: K8sObject, showEvents = true): string {
  const now = host.nowEpochMs();
  const events = showEvents ? eventsFor(host.store, obj) : null;
  switch (obj.kind) {
    case 'Pod': return describePod(obj, events, now);
    case 'Deployment': return describeDeployment(obj, replicaSetsOf(host.store, obj), events, now);
    case 'ReplicaSet': return describeReplicaSet(obj, podPhases(host.store, obj), events, now);
    case 'DaemonSet': return describeDaemonSet(obj, podPhases(host.store, obj), events, now);
    case 'StatefulSet': return describeStatefulSet(obj, podPhases(host.store, obj), events, now);
    case 'PersistentVolumeClaim': return describePersistentVolumeClaim(obj, podsUsingClaim(host.store.list('Pod', obj.metadata.namespace), obj), events, now);
    case 'PersistentVolume': return describePersistentVolume(obj, events, now);
    case 'StorageClass': return describeStorageClass(obj, events, now);
    case 'Service': return describeService(obj, slicesOf(host.store, obj), events, now);
    case 'Endpoints': return describeEndpoints(obj, events, now);
    case 'EndpointSlice': return describeEndpointSlice(obj, events, now);
    case 'Node': return describeNode(obj, podsOnNode(host.store, obj), events, now);
    case 'Namespace': return describeNamespace(obj);
    case 'ConfigMap': case 'Secret': return describeConfig(obj, events, now);
    case 'ServiceAccount': return describeServiceAccount(obj, accountSecrets(host.store, obj), events, now);
    // SIMPLIFIED: the remaining kinds use the generic describer instead of their dedicated ones.
    default: return describeGeneric(obj, events, now);
  }
}

/** `kubectl describe`: prints each object's description; returns the exit code. */
export function* kubectlDescribe(ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> {
  if (args.includes('--help') || args.includes('-h')) { ctx.out(DESCRIBE_HELP); return 0; }
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) { ctx.err(`error: ${parsed.error}\nSee 'kubectl describe --help' for usage.\n`); return 1; }
  const f = parsed.flags;
  const namespace = currentNamespace(ctx, f);
  const allNs = boolFlag(f, 'all-namespaces');
  const store = ctx.host.store;
  const labels = parseSelector(flag(f, 'selector') ?? '');
  if (!labels.ok) { ctx.err(clientError(labels.error)); return 1; }
  const errors: string[] = [];
  const found: K8sObject[] = [];
  const nsFor = (info: ResourceInfo, own?: string): string | undefined => (info.namespaced ? own || namespace : undefined);
  const getOne = (info: ResourceInfo, ns: string | undefined, name: string): void => {
    const obj = store.get(objectKey(info.kind, ns, name));
    if (obj) found.push(obj);
    else errors.push(`Error from server (NotFound): ${resourceGroupName(info)} "${name}" not found`);
  };
  const files = f.values.get('filename') ?? [];
  let prefixFallback: { info: ResourceInfo; prefix: string } | undefined;
  if (files.length > 0) {
    const read = readManifestArgs(ctx.session.fs, ctx.session.cwd, files, ctx.stdin, boolFlag(f, 'recursive'));
    if (!read.ok) { ctx.err(clientError(read.error)); return 1; }
    for (const e of read.errors) errors.push(`error: ${e}`);
    for (const m of read.manifests) { const info = resourceFor(m.object.kind); getOne(info, nsFor(info, m.object.metadata?.namespace), m.object.metadata?.name ?? ''); }
  } else {
    if (f.positionals.length === 0) {
      ctx.err(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n`);
      return 1;
    }
    const sel = resolveSelections(f.positionals);
    if (!sel.ok) { ctx.err(clientError(sel.error)); return 1; }
    for (const s of sel.selections) {
      const ns = s.info.namespaced && !allNs ? namespace : undefined;
      if (s.names.length === 0) { found.push(...store.select(s.info.kind, ns, labels.requirements)); continue; }
      for (const name of s.names) getOne(s.info, ns, name);
    }
    if (f.positionals.length === 2 && !f.positionals[0].includes('/') && found.length === 0 && sel.selections.length === 1) {
      prefixFallback = { info: sel.selections[0].info, prefix: f.positionals[1] };
    }
  }
  if (found.some((o) => o.kind === 'Endpoints') || (prefixFallback?.info.kind === 'Endpoints')) ctx.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  const showEvents = flag(f, 'show-events') !== 'false';
  if (prefixFallback) {
    const { info, prefix } = prefixFallback;
    const matches = store.list(info.kind, info.namespaced ? namespace : undefined).filter((o) => o.metadata.name.startsWith(prefix));
    if (matches.length > 0) {
      for (const o of matches) ctx.out(`${describeObject(ctx.host, o, showEvents)}\n`);
      return 0;
    }
  }
  found.forEach((o, i) => ctx.out(`${i === 0 ? '' : '\n\n'}${describeObject(ctx.host, o, showEvents)}`));
  if (found.length === 0 && errors.length === 0) {
    ctx.err(allNs ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
  }
  for (const e of errors) ctx.err(`${e}\n`);
  return errors.length > 0 ? 1 : 0;
}
