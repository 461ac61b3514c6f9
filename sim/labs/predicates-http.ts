// The HTTP lab check: requests from outside the cluster (or from a pod) through DNS, kube-proxy and the cloud load
// balancer, sent to a replica of the cluster so that the student's cluster sees no extra traffic or random draws.
import type { K8sObject, Pod } from '../model/types';
import type { ConnectResult, Origin } from '../net/types';
import { parseSelector } from '../model/labels';
import { isPodReady, isTerminating } from '../model/pod';
import type { CheckItem } from './lab-types';
import type { CheckContext } from './check-context';
import type { PredicateOf } from './predicates-cluster';
import { resolveRefs } from './refs';

/** `http://host[:port]/path` split into its parts (port 80 when absent). Pure. */
export function splitUrl(url: string): { host: string; port: number; path: string } | undefined {
  const m = /^http:\/\/([^/:\s]+)(?::(\d+))?(\/\S*)?$/.exec(url);
  return m ? { host: m[1], port: m[2] ? Number(m[2]) : 80, path: m[3] ?? '/' } : undefined;
}

/** Who answered a request: the `hostname` of a JSON body (the Smilr API reports its pod name), else the pod reached. Pure. */
export function answeredBy(result: ConnectResult): string | undefined {
  try {
    const body = JSON.parse(result.response?.body ?? '') as { hostname?: unknown };
    if (typeof body?.hostname === 'string') return body.hostname;
  } catch {
    // not JSON: fall back to the pod the hop trace reached
  }
  const hop = result.hops.find((h) => h.step === 'pod');
  return hop && hop.step === 'pod' ? hop.pod : undefined;
}

function originFor(p: PredicateOf<'http'>, ctx: CheckContext): Origin | string {
  if (p.from.kind === 'outside') return { kind: 'external' };
  const parsed = parseSelector(p.from.selector);
  if (!parsed.ok) return parsed.error;
  const replica = ctx.replica();
  const pod = replica.store.select<Pod & K8sObject>('Pod', p.from.namespace, parsed.requirements)
    .find((x) => !isTerminating(x) && isPodReady(x) && x.metadata.uid);
  return pod ? { kind: 'pod', podUid: pod.metadata.uid! } : `no ready pod ${p.from.selector} to send from`;
}

/**
 * Sends `tries` requests and passes when every one is answered with the expected status (and body), and the
 * answers came from at least `hostnames` different pods. Reads the student's cluster only to fill placeholders.
 */
export function httpCheck(p: PredicateOf<'http'>, ctx: CheckContext): CheckItem {
  const resolved = resolveRefs(ctx.sim.store, p.url);
  const shownUrl = resolved.ok ? resolved.text : p.url;
  const spread = p.hostnames && p.hostnames > 1 ? ` from at least ${p.hostnames} different pods` : '';
  const fallback = `${p.method} ${shownUrl}${p.from.kind === 'pod' ? ` from a pod ${p.from.selector}` : ' from outside'} answers ${p.status}${p.bodyMatches ? ` with /${p.bodyMatches}/` : ''}${spread}`;
  const fail = (detail: string): CheckItem => ({ label: p.label ?? fallback, passed: false, detail });
  if (!resolved.ok) return fail(resolved.missing);
  const target = splitUrl(resolved.text);
  if (!target) return fail(`cannot read the address ${resolved.text}`);
  const origin = originFor(p, ctx);
  if (typeof origin === 'string') return fail(origin);
  const network = ctx.replica().runtime.network;
  const problems: string[] = [];
  const hosts = new Set<string>();
  const bodyRe = p.bodyMatches === undefined ? undefined : new RegExp(p.bodyMatches);
  for (let i = 0; i < p.tries; i++) {
    const request = { method: p.method, path: target.path, headers: { Host: target.host, 'User-Agent': 'curl/8.12.1' }, ...(p.body !== undefined ? { body: p.body } : {}) };
    const result = network.connect(origin, target.host, target.port, request, { timeoutMs: 5_000 });
    if (!result.ok) { problems.push(`request ${i + 1}: ${result.error}`); continue; }
    const status = result.response?.status;
    if (status !== p.status) { problems.push(`request ${i + 1}: status ${status ?? 'none'}`); continue; }
    if (bodyRe && !bodyRe.test(result.response?.body ?? '')) { problems.push(`request ${i + 1}: body ${JSON.stringify((result.response?.body ?? '').slice(0, 80))}`); continue; }
    const who = answeredBy(result);
    if (who) hosts.add(who);
  }
  if (problems.length > 0) return fail(`${problems.length} of ${p.tries} failed (${problems.slice(0, 2).join('; ')})`);
  if (p.hostnames !== undefined && hosts.size < p.hostnames) return fail(`all ${p.tries} answers came from ${[...hosts].join(', ') || 'nowhere'}`);
  return { label: p.label ?? fallback, passed: true };
}
