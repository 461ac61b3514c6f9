// `kubectl cordon|uncordon|drain` (cmd/drain/drain.go, pkg/drain): spec.unschedulable flips, and drain's pod
// filters (DaemonSet-managed, emptyDir, unmanaged, mirror), `evicting pod ns/name`, `pod/name evicted`, `node/x drained`.
// SIMPLIFIED: eviction is a graceful delete (kubesim has no PodDisruptionBudgets to consult).
import type { K8sObject } from '../model/types';
import { objectKey } from '../model/keys';
import { resourceFor } from '../model/resources';
import { parseSelector } from '../model/labels';
import { controllerOf } from '../model/pod';
import { clone } from '../core/clone';
import { notFoundStatus } from '../core/errors';
import type { ProgramContext, Wait } from '../shell/program';
import { boolFlag, flag, parseFlags, type FlagSpec } from './flags';
import { dryRunOf, errorText, flagError, nameLine, writeModified, type KubectlError, type Target } from './patch';
import { parseGoDuration } from './wait';

const NODE = resourceFor('Node');
const POD = resourceFor('Pod');
const FLAGS: FlagSpec = {
  selector: { short: 'l' }, 'dry-run': {}, 'ignore-daemonsets': { bool: true }, 'delete-emptydir-data': { bool: true }, 'delete-local-data': { bool: true },
  force: { bool: true }, 'grace-period': {}, timeout: {}, 'pod-selector': {}, 'disable-eviction': { bool: true },
  'skip-wait-for-delete-timeout': {}, 'chunk-size': {}, 'ignore-errors': { bool: true },
};

type PodLike = K8sObject & { spec?: { volumes?: { emptyDir?: unknown }[] }; status?: { phase?: string } };
/** What drain does with one pod, and why. */
export interface PodDecision { readonly pod: K8sObject; readonly remove: boolean; readonly reason: 'ok' | 'skip' | 'warning' | 'error'; readonly message: string }

/** The drain filters in their order (daemonSet, mirror, localStorage, unreplicated); the last decision wins. Pure. */
export function podDecision(pod: PodLike, opts: { ignoreDaemonSets: boolean; deleteEmptyDir: boolean; force: boolean; daemonSetExists: boolean }): PodDecision {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const ref = controllerOf(pod);
  let d: PodDecision = { pod, remove: true, reason: 'ok', message: '' };
  if (ref?.kind === 'DaemonSet' && !finished) {
    if (!opts.daemonSetExists) d = opts.force ? { pod, remove: true, reason: 'warning', message: `daemonsets.apps "${ref.name}" not found` } : { pod, remove: false, reason: 'error', message: `daemonsets.apps "${ref.name}" not found` };
    else d = opts.ignoreDaemonSets ? { pod, remove: false, reason: 'warning', message: 'ignoring DaemonSet-managed Pods' } : { pod, remove: false, reason: 'error', message: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    if (!d.remove) return d;
  }
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return { pod, remove: false, reason: 'skip', message: '' };
  if ((pod.spec?.volumes ?? []).some((v) => v.emptyDir) && !finished) {
    d = opts.deleteEmptyDir ? { pod, remove: true, reason: 'warning', message: 'deleting Pods with local storage' } : { pod, remove: false, reason: 'error', message: 'Pods with local storage (use --delete-emptydir-data to override)' };
    if (!d.remove) return d;
  }
  if (!finished && !ref) d = opts.force ? { pod, remove: true, reason: 'warning', message: 'deleting Pods that declare no controller' } : { pod, remove: false, reason: 'error', message: 'cannot delete Pods that declare no controller (use --force to override)' };
  return d;
}

/** PodDeleteList.errors / Warnings: pods grouped by message (`ns/name, ns/name`), in first-seen order. Pure. */
export function grouped(decisions: readonly PodDecision[], reason: 'warning' | 'error'): string[] {
  const byMessage = new Map<string, string[]>();
  for (const d of decisions) if (d.reason === reason) byMessage.set(d.message, [...(byMessage.get(d.message) ?? []), `${d.pod.metadata.namespace}/${d.pod.metadata.name}`]);
  return [...byMessage].map(([m, pods]) => (reason === 'error' && !m.toLowerCase().startsWith('cannot delete') ? `cannot delete ${m}: ${pods.join(', ')}` : `${m}: ${pods.join(', ')}`));
}

function nodesOf(ctx: ProgramContext, args: readonly string[], selector: string | undefined, errors: KubectlError[]): Target[] | string {
  const out: Target[] = [];
  if (selector !== undefined) {
    const reqs = parseSelector(selector);
    if (!reqs.ok) return reqs.error;
    for (const n of ctx.host.store.select('Node', undefined, reqs.requirements)) out.push({ info: NODE, namespace: undefined, name: n.metadata.name, object: n });
  }
  for (const a of args) {
    const name = a.replace(/^(nodes?|no)\//, '');
    const node = ctx.host.store.get(objectKey('Node', undefined, name));
    if (node) out.push({ info: NODE, namespace: undefined, name, object: node });
    else errors.push({ status: notFoundStatus('nodes', name) });
  }
  return out;
}

function cordonAll(ctx: ProgramContext, nodes: readonly Target[], desired: boolean, dryRun: string | undefined): void {
  for (const n of nodes) {
    const spec = (n.object.spec ?? {}) as { unschedulable?: boolean };
    if ((spec.unschedulable ?? false) === desired) { ctx.out(nameLine(NODE, n.name, desired ? 'already cordoned' : 'already uncordoned', dryRun)); continue; }
    const next = clone(n.object) as K8sObject & { spec: { unschedulable?: boolean } };
    next.spec = next.spec ?? {};
    if (desired) next.spec.unschedulable = true; else delete next.spec.unschedulable;
    const res = writeModified(ctx, n, next, dryRun);
    if (!res.ok) { ctx.err(`error: unable to ${desired ? 'cordon' : 'uncordon'} node "${n.name}": ${res.status.message}\n`); continue; }
    ctx.out(nameLine(NODE, n.name, desired ? 'cordoned' : 'uncordoned', dryRun));
  }
}

/** Go's time.Duration.String for whole milliseconds: `30s`, `1m0s`, `1h30m0s`. Pure. */
export function goDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), rest = s % 60;
  return h > 0 ? `${h}h${m}m${rest}s` : `${m}m${rest}s`;
}

function* run(ctx: ProgramContext, args: readonly string[], verb: 'cordon' | 'uncordon' | 'drain'): Generator<Wait, number, void> {
  const parsed = parseFlags(args, FLAGS);
  if (!parsed.ok) return flagError(ctx, verb, parsed.error);
  const f = parsed.flags;
  const selector = flag(f, 'selector');
  if (f.positionals.length === 0 && selector === undefined) { ctx.err(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples\n`); return 1; }
  if (f.positionals.length > 0 && selector !== undefined) { ctx.err(`error: error: cannot specify both a node name and a --selector option\nSee 'kubectl ${verb} -h' for help and examples\n`); return 1; }
  const dry = dryRunOf(f);
  if (!dry.ok) { ctx.err(`error: ${dry.error}\n`); return 1; }
  const errors: KubectlError[] = [];
  const nodes = nodesOf(ctx, f.positionals, selector, errors);
  if (typeof nodes === 'string') { ctx.err(`error: ${nodes}\n`); return 1; }
  if (errors.length > 0) { ctx.err(errorText(errors)); return 1; }
  cordonAll(ctx, nodes, verb !== 'uncordon', dry.value);
  if (verb !== 'drain') return 0;
  const timeoutMs = parseGoDuration(flag(f, 'timeout') ?? '0s') ?? 0;
  const grace = Number(flag(f, 'grace-period') ?? '-1');
  const podReqs = parseSelector(flag(f, 'pod-selector') ?? '');
  if (!podReqs.ok) { ctx.err('error: --pod-selector=<pod_selector> must be a valid label selector\n'); return 1; }
  const evict = !boolFlag(f, 'disable-eviction');
  for (const [i, n] of nodes.entries()) {
    const pods = ctx.host.store.list<PodLike>('Pod').filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === n.name)
      .filter((p) => podReqs.requirements.length === 0 || ctx.host.store.select('Pod', p.metadata.namespace, podReqs.requirements).some((q) => q.metadata.uid === p.metadata.uid));
    const decisions = pods.map((p) => {
      const ref = controllerOf(p);
      const dsExists = ref?.kind === 'DaemonSet' ? ctx.host.store.get(objectKey('DaemonSet', p.metadata.namespace, ref.name)) !== undefined : true;
      return podDecision(p, { ignoreDaemonSets: boolFlag(f, 'ignore-daemonsets'), deleteEmptyDir: boolFlag(f, 'delete-emptydir-data') || boolFlag(f, 'delete-local-data'), force: boolFlag(f, 'force'), daemonSetExists: dsExists });
    });
    const fatal = grouped(decisions, 'error');
    if (fatal.length > 0) {
      ctx.err(`error: unable to drain node "${n.name}", aborting command...\n\nThere are pending nodes to be drained:\n${nodes.slice(i).map((x) => ` ${x.name}\n`).join('')}`);
      ctx.err(errorText(fatal.map((message) => ({ message }))));
      return 1;
    }
    const warnings = grouped(decisions, 'warning');
    if (warnings.length > 0) ctx.err(`Warning: ${warnings.join('; ')}\n`);
    const victims = decisions.filter((d) => d.remove).map((d) => d.pod);
    if (dry.value === 'client') {
      for (const p of victims) ctx.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
      ctx.out(nameLine(NODE, n.name, 'drained', dry.value));
      continue;
    }
    const waiting: K8sObject[] = [];
    for (const p of victims) {
      if (evict) ctx.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}${dry.value === 'server' ? ' (server dry run)' : ''}\n`);
      const res = ctx.host.api.delete('Pod', p.metadata.namespace, p.metadata.name, { gracePeriodSeconds: grace >= 0 ? grace : undefined, dryRun: dry.value === 'server' });
      if (res.ok) waiting.push(p);
    }
    const deadline = timeoutMs > 0 ? ctx.host.now() + timeoutMs : Number.POSITIVE_INFINITY;
    const key = (p: K8sObject): string => objectKey('Pod', p.metadata.namespace, p.metadata.name);
    while (dry.value !== 'server' && waiting.length > 0) {
      for (const p of [...waiting]) {
        if (ctx.host.store.get(key(p))?.metadata.uid === p.metadata.uid) continue;
        waiting.splice(waiting.indexOf(p), 1);
        ctx.out(nameLine(POD, p.metadata.name, evict ? 'evicted' : 'deleted'));
      }
      if (waiting.length === 0) break;
      if (ctx.host.now() >= deadline) {
        const reason = `global timeout reached: ${goDuration(timeoutMs)}`;
        const each = waiting.map((p) => `error when waiting for pod "${p.metadata.name}" terminating: ${reason}`);
        ctx.err(`There are pending pods in node "${n.name}" when an error occurred: ${each.length === 1 ? each[0] : `[${each.join(', ')}]`}\n${waiting.map((p) => `pod/${p.metadata.name}\n`).join('')}`);
        ctx.err(`error: unable to drain node "${n.name}", aborting command...\n\nThere are pending nodes to be drained:\n${nodes.slice(i).map((x) => ` ${x.name}\n`).join('')}`);
        ctx.err(errorText(each.map((message) => ({ message }))));
        return 1;
      }
      yield { kind: 'change', timeoutAt: deadline === Number.POSITIVE_INFINITY ? undefined : deadline };
    }
    ctx.out(nameLine(NODE, n.name, 'drained', dry.value));
  }
  return 0;
}

/** `kubectl cordon NODE`. */
export const kubectlCordon = (ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> => run(ctx, args, 'cordon');
/** `kubectl uncordon NODE`. */
export const kubectlUncordon = (ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> => run(ctx, args, 'uncordon');
/** `kubectl drain NODE`. */
export const kubectlDrain = (ctx: ProgramContext, args: readonly string[]): Generator<Wait, number, void> => run(ctx, args, 'drain');
