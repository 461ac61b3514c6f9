// Lab checks over API objects, as `kubectl get`/`describe` would show them: an object and its fields,
// a Service's ready endpoints and external IP, node readiness, and Events.
import type { DeepReadonly, Endpoints, Event, K8sObject, Node, Service } from '../model/types';
import { objectKey } from '../model/keys';
import type { CheckItem, Predicate } from './lab-types';
import { countMet, countText, isSingular, plural, type CheckContext } from './check-context';
import { describeExpectation, meetsExpectation, parseFieldPath, readPath, showValue } from './field-path';
import { resolveRefs } from './refs';

export type PredicateOf<K extends Predicate['kind']> = Extract<Predicate, { kind: K }>;

const item = (p: Predicate, label: string, passed: boolean, detail?: string): CheckItem =>
  ({ label: p.label ?? label, passed, ...(detail !== undefined && !passed ? { detail } : {}) });

/** An object exists (or is gone) and its fields hold the expected values. Pure read. */
export function objectCheck(p: PredicateOf<'object'>, ctx: CheckContext): CheckItem {
  const obj = ctx.sim.store.get(objectKey(p.objectKind, p.namespace || undefined, p.name));
  const what = `${p.objectKind} ${p.name}`;
  if (p.absent) return item(p, `${what} is gone`, !obj, `${what} still exists`);
  const tests = p.fields.map((f) => `${f.path} ${describeExpectation(f.expect)}`);
  const label = tests.length === 0 ? `${what} exists` : `${what}: ${tests.join(', ')}`;
  if (!obj) return item(p, label, false, `${what} does not exist`);
  const wrong: string[] = [];
  for (const f of p.fields) {
    const segments = parseFieldPath(f.path);
    if (typeof segments === 'string') { wrong.push(segments); continue; }
    let expect = f.expect;
    if (typeof expect === 'string') {
      const resolved = resolveRefs(ctx.sim.store, expect, { namespace: p.namespace || 'default' });
      if (!resolved.ok) { wrong.push(resolved.missing); continue; }
      expect = resolved.text;
    }
    const actual = readPath(obj, segments);
    if (!meetsExpectation(actual, expect)) wrong.push(`${f.path} is ${showValue(actual)}`);
  }
  return item(p, label, wrong.length === 0, wrong.join('; '));
}

/** The number of ready addresses in a Service's Endpoints. Pure read. */
export function readyEndpointCount(ctx: CheckContext, service: string, namespace: string): number | undefined {
  const ep = ctx.sim.store.get(objectKey('Endpoints', namespace, service)) as (DeepReadonly<Endpoints> & K8sObject) | undefined;
  if (!ep) return undefined;
  return (ep.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
}

/** A Service has so many ready endpoints. Pure read. */
export function endpointsCheck(p: PredicateOf<'endpoints'>, ctx: CheckContext): CheckItem {
  const label = `Service ${p.service} has ${plural(p.ready, 'ready endpoint')}`;
  const svc = ctx.sim.store.get(objectKey('Service', p.namespace, p.service));
  if (!svc) return item(p, label, false, `Service ${p.service} does not exist`);
  const n = readyEndpointCount(ctx, p.service, p.namespace) ?? 0;
  return item(p, label, countMet(n, p.ready), `it has ${n}`);
}

/** A LoadBalancer Service has been given an external address. Pure read. */
export function externalIPCheck(p: PredicateOf<'externalIP'>, ctx: CheckContext): CheckItem {
  const label = `Service ${p.service} has an external IP`;
  const svc = ctx.sim.store.get(objectKey('Service', p.namespace, p.service)) as (DeepReadonly<Service> & K8sObject) | undefined;
  if (!svc) return item(p, label, false, `Service ${p.service} does not exist`);
  const ingress = svc.status?.loadBalancer?.ingress?.[0];
  const type = svc.spec?.type ?? 'ClusterIP';
  const why = type !== 'LoadBalancer' ? `its type is ${type}, so no load balancer is made for it` : 'EXTERNAL-IP is still <pending>';
  return item(p, label, Boolean(ingress?.ip || ingress?.hostname), why);
}

const nodeReady = (n: DeepReadonly<Node>): boolean => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** So many nodes are (or are not) Ready / powered on. Pure read. */
export function nodesCheck(p: PredicateOf<'nodes'>, ctx: CheckContext): CheckItem {
  const nodes = ctx.sim.store.list<Node & K8sObject>('Node');
  const matching = nodes.filter((n) => (p.ready === undefined || nodeReady(n) === p.ready) &&
    (p.running === undefined || (ctx.sim.runtime.nodes.get(n.metadata.name)?.running ?? false) === p.running));
  const state = [p.ready === undefined ? '' : p.ready ? 'Ready' : 'NotReady', p.running === undefined ? '' : p.running ? 'powered on' : 'powered off'].filter(Boolean).join(' and ');
  const label = `${countText(p.count)} node${isSingular(p.count) ? ' is' : 's are'} ${state || 'in the cluster'}`;
  return item(p, label, countMet(matching.length, p.count), `${matching.length} ${matching.length === 1 ? 'is' : 'are'}`);
}

/** An Event with this reason (and object and message) has been recorded. Pure read. */
export function eventCheck(p: PredicateOf<'event'>, ctx: CheckContext): CheckItem {
  const message = p.message === undefined ? undefined : resolveRefs(ctx.sim.store, p.message, { regex: true, namespace: p.namespace });
  const events = ctx.sim.store.list<Event & K8sObject>('Event', p.namespace).filter((e) => e.reason === p.reason &&
    (p.object === undefined || new RegExp(p.object).test(`${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`)) &&
    (message === undefined || (message.ok && new RegExp(message.text).test(e.message ?? ''))));
  const label = `an event ${p.reason}${p.object ? ` for /${p.object}/` : ''}${p.message ? ` saying /${p.message}/` : ''}`;
  return item(p, label, events.length > 0, `no such event in namespace ${p.namespace}`);
}
