// Lab checks over workloads: the pods a selector picks (phase, readiness, kubectl's STATUS, image, node spread,
// scheduling), a Deployment's environment variable (and whether its pods run with it), and container logs.
import type { Container, DeepReadonly, Deployment, K8sObject, LabelSelector, Pod } from '../model/types';
import { objectKey } from '../model/keys';
import { parseSelector, requirementsOf } from '../model/labels';
import { isPodReady, isTerminating, podCondition } from '../model/pod';
import { podRow } from '../kubectl/printers/pod-status';
import { isIPv4Literal } from '../net/hosts';
import type { CheckItem } from './lab-types';
import { countMet, countText, isSingular, type CheckContext } from './check-context';
import type { PredicateOf } from './predicates-cluster';
import { resolveRefs } from './refs';

export type PodObject = Pod & K8sObject;

const item = (label: string | undefined, fallback: string, passed: boolean, detail?: string): CheckItem =>
  ({ label: label ?? fallback, passed, ...(detail !== undefined && !passed ? { detail } : {}) });

/** The pods a selector picks in a namespace, leaving out pods being deleted. Pure read. */
export function selectPods(ctx: CheckContext, selector: string, namespace: string): PodObject[] {
  const parsed = parseSelector(selector);
  if (!parsed.ok) return [];
  return ctx.sim.store.select<PodObject>('Pod', namespace, parsed.requirements).filter((p) => !isTerminating(p));
}

/** A pod as the check list shows it: `name (STATUS)`. Pure. */
export function podSummary(ctx: CheckContext, pod: DeepReadonly<Pod> & { metadata: { name: string } }): string {
  return `${pod.metadata.name} (${podRow(pod, ctx.sim.clock.nowEpochMs).status})`;
}

function podPasses(p: PredicateOf<'pods'>, ctx: CheckContext, pod: PodObject): boolean {
  if (p.phase !== undefined && pod.status?.phase !== p.phase) return false;
  if (p.ready !== undefined && isPodReady(pod) !== p.ready) return false;
  if (p.status !== undefined && !p.status.includes(podRow(pod, ctx.sim.clock.nowEpochMs).status)) return false;
  if (p.image !== undefined && !(pod.spec?.containers ?? []).some((c) => c.image === p.image)) return false;
  if (p.name !== undefined && !new RegExp(p.name).test(pod.metadata.name)) return false;
  if (p.unschedulable !== undefined) {
    const cond = podCondition(pod, 'PodScheduled');
    if (!(cond?.status === 'False' && cond.reason === 'Unschedulable' && new RegExp(p.unschedulable).test(cond.message ?? ''))) return false;
  }
  if (p.restarts !== undefined) {
    const restarts = (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
    if (!countMet(restarts, p.restarts)) return false;
  }
  return true;
}

function podsLabel(p: PredicateOf<'pods'>): string {
  const states = [
    p.phase, p.ready === undefined ? undefined : p.ready ? 'Ready' : 'not Ready', p.status?.join(' or '),
    p.image ? `running ${p.image}` : undefined, p.name ? `named /${p.name}/` : undefined,
    p.unschedulable !== undefined ? 'unschedulable' : undefined,
    p.restarts !== undefined ? `with ${countText(p.restarts)} restarts` : undefined,
  ].filter(Boolean).join(', ');
  const quantity = p.every ? `all ${countText(p.count)}` : countText(p.count);
  const spread = p.nodes === undefined ? '' : ` on ${countText(p.nodes)} different node${isSingular(p.nodes) ? '' : 's'}`;
  return `${quantity} pod${isSingular(p.count) ? '' : 's'} ${p.selector}${states ? ` ${states}` : ''}${spread}`;
}

/** The pods of a selector: how many are in the wanted state, all of them, and across how many nodes. Pure read. */
export function podsCheck(p: PredicateOf<'pods'>, ctx: CheckContext): CheckItem {
  const pods = selectPods(ctx, p.selector, p.namespace);
  const good = pods.filter((pod) => podPasses(p, ctx, pod));
  const counted = p.every ? pods : good;
  let passed = countMet(counted.length, p.count) && (!p.every || good.length === pods.length);
  if (p.nodes !== undefined) passed &&= countMet(new Set(good.map((pod) => pod.spec?.nodeName).filter(Boolean)).size, p.nodes);
  const found = pods.length === 0 ? 'no pod matches' : `found ${pods.map((pod) => podSummary(ctx, pod)).join(', ')}`;
  return item(p.label, podsLabel(p), passed, found);
}

type D = DeepReadonly<Deployment> & K8sObject;

/** The value of `variable` in a container's env: the literal, or a note that it comes from elsewhere. Pure. */
export function envValue(container: DeepReadonly<Container> | undefined, variable: string): string | undefined {
  const env = container?.env?.find((e) => e.name === variable);
  if (!env) return undefined;
  if (env.value !== undefined) return env.value;
  return env.valueFrom ? '<set from a reference>' : '';
}

/** The host part of a connection string or URL (`mongodb://mongodb-svc.default:27017/db` → `mongodb-svc.default`). Pure. */
export function hostOf(value: string): string {
  const afterScheme = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = afterScheme.split(/[/?#]/)[0].replace(/^.*@/, '');
  return authority.split(',')[0].replace(/:\d+$/, '');
}

/** A Deployment's container sets an env var as wanted, and (rolledOut) every pod of it runs with it, Ready. Pure read. */
export function envCheck(p: PredicateOf<'env'>, ctx: CheckContext): CheckItem {
  const wants = [
    p.equals !== undefined ? `= ${p.equals}` : '', p.matches !== undefined ? `matches /${p.matches}/` : '',
    p.dnsName ? 'uses a DNS name, not an IP' : '',
  ].filter(Boolean).join(' and ');
  const fallback = `${p.deployment}'s ${p.variable} ${wants || 'is set'}${p.rolledOut ? ', and every pod runs with it' : ''}`;
  const d = ctx.sim.store.get(objectKey('Deployment', p.namespace, p.deployment)) as D | undefined;
  if (!d) return item(p.label, fallback, false, `Deployment ${p.deployment} does not exist`);
  const pick = (cs: readonly DeepReadonly<Container>[] | undefined) => (p.container ? cs?.find((c) => c.name === p.container) : cs?.[0]);
  const value = envValue(pick(d.spec?.template?.spec?.containers), p.variable);
  if (value === undefined) return item(p.label, fallback, false, `${p.variable} is not set`);
  const problems: string[] = [];
  if (p.equals !== undefined) {
    const want = resolveRefs(ctx.sim.store, p.equals, { namespace: p.namespace });
    if (!want.ok) problems.push(want.missing);
    else if (value !== want.text) problems.push(`it is ${value}`);
  }
  if (p.matches !== undefined) {
    const want = resolveRefs(ctx.sim.store, p.matches, { regex: true, namespace: p.namespace });
    if (!want.ok) problems.push(want.missing);
    else if (!new RegExp(want.text).test(value)) problems.push(`it is ${value}`);
  }
  if (p.dnsName && (isIPv4Literal(hostOf(value)) || hostOf(value) === '')) problems.push(`it points at the address ${hostOf(value) || '(none)'}`);
  if (p.rolledOut && problems.length === 0) {
    const pods = ctx.sim.store.select<PodObject>('Pod', p.namespace, requirementsOf(d.spec?.selector as LabelSelector | undefined)).filter((pod) => !isTerminating(pod));
    const stale = pods.filter((pod) => envValue(pick(pod.spec?.containers), p.variable) !== value || !isPodReady(pod));
    const want = d.spec?.replicas ?? 1;
    if (stale.length > 0) problems.push(`not yet: ${stale.map((pod) => podSummary(ctx, pod)).join(', ')}`);
    else if (pods.length !== want) problems.push(`${pods.length} of ${want} pods are running`);
  }
  return item(p.label, fallback, problems.length === 0, [...new Set(problems)].join('; '));
}

/** A container of a selected pod has logged a line matching the pattern. Pure read. */
export function logsCheck(p: PredicateOf<'logs'>, ctx: CheckContext): CheckItem {
  const fallback = `a pod ${p.selector} logged /${p.matches}/${p.after === undefined ? '' : ` after /${p.after}/`}`;
  const re = new RegExp(p.matches);
  const after = p.after === undefined ? undefined : new RegExp(p.after);
  // With `after`, the line must come later in the same container's log than a line matching it.
  const logged = (lines: readonly { text: string }[]): boolean => {
    if (after === undefined) return lines.some((l) => re.test(l.text));
    const from = lines.findIndex((l) => after.test(l.text));
    return from >= 0 && lines.slice(from + 1).some((l) => re.test(l.text));
  };
  const pods = selectPods(ctx, p.selector, p.namespace);
  if (pods.length === 0) return item(p.label, fallback, false, 'no pod matches');
  const hit = pods.some((pod) => {
    const sandbox = pod.metadata.uid ? ctx.sim.runtime.sandboxByUid(pod.metadata.uid) : undefined;
    if (!sandbox) return false;
    return [...sandbox.containers.values()].some((c) => (p.container === undefined || c.name === p.container) &&
      logged(c.logs.all()));
  });
  return item(p.label, fallback, hit, `no such line in the logs of ${pods.map((pod) => pod.metadata.name).join(', ')}`);
}
