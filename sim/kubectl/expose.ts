// `kubectl expose` (cmd/expose/expose.go, polymorphichelpers): builds a Service for a pod, service, deployment or
// replica set, taking the selector, ports, protocols and labels from the object unless flags say otherwise;
// prints `service/<name> exposed`.
import type { K8sObject } from '../model/types';
import { formatLabels } from '../model/labels';
import type { ProgramContext } from '../shell/program';
import { flag, parseFlags, type FlagSpec } from './flags';
import { apiErrorText } from './errors';
import { currentNamespace } from './namespace';
import { toJson, toYaml } from './output';
import { dryRunOf, errorText, flagError, nameLine, resolveTargets } from './patch';
import { resourceFor } from '../model/resources';
import { changeCause, warnRecord, withChangeCause } from './record';

const FLAGS: FlagSpec = {
  port: {}, 'target-port': {}, protocol: {}, type: {}, name: {}, selector: {}, labels: { short: 'l' }, 'external-ip': {},
  'load-balancer-ip': {}, 'session-affinity': {}, 'cluster-ip': {}, filename: { short: 'f', multi: true }, recursive: { short: 'R', bool: true },
  'dry-run': {}, output: { short: 'o' }, 'save-config': { bool: true }, overrides: {}, 'override-type': {}, record: { bool: true }, 'field-manager': {},
};

type Spec = { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | Record<string, string>; ports?: { port: number; protocol?: string }[];
  template?: { spec?: { containers?: { ports?: { containerPort: number; protocol?: string }[] }[] } }; containers?: { ports?: { containerPort: number; protocol?: string }[] }[] };

/** MapBasedSelectorForObject: the selector text for the exposed object, or the error. Pure. */
export function selectorFor(obj: K8sObject): string | { error: string } {
  const spec = (obj.spec ?? {}) as Spec;
  if (obj.kind === 'Pod') return Object.keys(obj.metadata.labels ?? {}).length === 0 ? { error: 'the pod has no labels and cannot be exposed' } : formatLabels(obj.metadata.labels);
  if (obj.kind === 'Service') {
    const sel = spec.selector as Record<string, string> | undefined;
    return !sel || Object.keys(sel).length === 0 ? { error: 'the service has no pod selector set' } : formatLabels(sel);
  }
  const sel = spec.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
  if ((sel?.matchExpressions ?? []).length > 0) return { error: `couldn't convert expressions - "${JSON.stringify(sel?.matchExpressions)}" to map-based selector format` };
  return formatLabels(sel?.matchLabels);
}

/** PortsForObject with MultiProtocolsForObject: the ports (as text) and each port's protocols. Pure. */
export function portsFor(obj: K8sObject): { port: string; protocol: string }[] {
  const spec = (obj.spec ?? {}) as Spec;
  if (obj.kind === 'Service') return (spec.ports ?? []).map((p) => ({ port: String(p.port), protocol: p.protocol ?? 'TCP' }));
  const containers = obj.kind === 'Pod' ? spec.containers : spec.template?.spec?.containers;
  return (containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: String(p.containerPort), protocol: p.protocol ?? 'TCP' })));
}

function parseMap(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) return `unexpected label spec: ${part}`;
    if (kv[0] === '') return 'unexpected empty label key';
    out[kv[0]] = kv[1];
  }
  return out;
}

/** `kubectl expose`: creates the Service for each target and prints `exposed`. */
export function* kubectlExpose(ctx: ProgramContext, args: readonly string[]): Generator<never, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, 'expose', parsed.error);
  const f = parsed.flags;
  warnRecord(ctx, f);
  const cause = changeCause(['expose'], f);
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  if (f.positionals.length === 0 && !(f.values.get('filename') ?? []).length) {
    ctx.err(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`);
    return 1;
  }
  const found = resolveTargets(ctx, f, f.positionals, 'never');
  if (!found.ok) { ctx.err(`error: ${found.error}\n`); return 1; }
  if (found.errors.length > 0) { ctx.err(errorText(found.errors)); return 1; }
  for (const t of found.targets) {
    if (!['Pod', 'Service', 'Deployment', 'ReplicaSet'].includes(t.info.kind)) { ctx.err(`error: cannot expose a ${t.info.kind}${t.info.group ? `.${t.info.group}` : ''}\n`); return 1; }
    const selectorText = flag(f, 'selector') ?? selectorFor(t.object);
    if (typeof selectorText !== 'string') { ctx.err(`error: couldn't retrieve selectors via --selector flag or introspection: ${selectorText.error}\n`); return 1; }
    const selector = parseMap(selectorText);
    if (typeof selector === 'string') { ctx.err(`error: ${selector}\n`); return 1; }
    const clusterIP = flag(f, 'cluster-ip');
    const introspected = portsFor(t.object);
    const portFlag = flag(f, 'port');
    const portTexts = portFlag !== undefined ? [portFlag] : introspected.map((p) => p.port);
    if (portTexts.length === 0 && clusterIP !== 'None') { ctx.err("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n"); return 1; }
    const ports: Record<string, unknown>[] = [];
    for (const [i, text] of portTexts.entries()) {
      if (!/^-?\d+$/.test(text)) { ctx.err(`error: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax\n`); return 1; }
      const protocols = flag(f, 'protocol') ? [flag(f, 'protocol')!] : introspected.filter((p) => p.port === text).map((p) => p.protocol);
      const list = protocols.length === 0 ? ['TCP'] : protocols.length === 1 || flag(f, 'protocol') ? [protocols[0]] : protocols;
      for (const protocol of list) {
        const name = list.length > 1 ? `port-${i + 1}-${protocol.toLowerCase()}` : portTexts.length > 1 ? `port-${i + 1}` : '';
        ports.push({ ...(name ? { name } : {}), port: Number(text), protocol });
      }
    }
    const target = flag(f, 'target-port');
    for (const p of ports) p.targetPort = target === undefined ? p.port : /^\d+$/.test(target) ? Number(target) : target;
    const labelText = flag(f, 'labels') ?? (Object.keys(t.object.metadata.labels ?? {}).length > 0 ? formatLabels(t.object.metadata.labels) : '');
    const labels = labelText ? parseMap(labelText) : undefined;
    if (typeof labels === 'string') { ctx.err(`error: ${labels}\n`); return 1; }
    const type = flag(f, 'type');
    const affinity = flag(f, 'session-affinity');
    if (affinity !== undefined && affinity !== 'None' && affinity !== 'ClientIP') { ctx.err(`error: unknown session affinity: ${affinity}\n`); return 1; }
    const name = flag(f, 'name') ?? t.name.slice(0, 63);
    const ns = flag(f, 'namespace');
    const svc = {
      apiVersion: 'v1', kind: 'Service', metadata: { ...(labels ? { labels } : {}), name, ...(dry.value === 'client' && ns ? { namespace: ns } : {}) },
      spec: {
        ...(clusterIP ? { clusterIP } : {}), ...(flag(f, 'external-ip') ? { externalIPs: [flag(f, 'external-ip')] } : {}),
        ...(type === 'LoadBalancer' && flag(f, 'load-balancer-ip') ? { loadBalancerIP: flag(f, 'load-balancer-ip') } : {}),
        ports, selector, ...(affinity ? { sessionAffinity: affinity } : {}), ...(type ? { type } : {}),
      },
      status: { loadBalancer: {} },
    } as unknown as K8sObject;
    const recorded = withChangeCause(svc, cause);
    let out = recorded;
    if (dry.value !== 'client') {
      const res = ctx.host.api.create({ ...recorded, metadata: { ...recorded.metadata, namespace: currentNamespace(ctx, f) } } as K8sObject, { dryRun: dry.value === 'server' });
      if (!res.ok) { ctx.err(apiErrorText(res.status)); return 1; }
      out = res.object;
    }
    const output = flag(f, 'output');
    if (output === 'yaml') ctx.out(toYaml(out));
    else if (output === 'json') ctx.out(toJson(out));
    else ctx.out(nameLine(resourceFor('Service'), name, output === 'name' ? '' : 'exposed', output === 'name' ? undefined : dry.value));
  }
  return 0;
}
