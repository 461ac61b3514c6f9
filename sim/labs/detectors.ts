// Wrong-turn detectors for lab hints: the common mistakes a student makes with Services and Deployments, each
// read from the cluster as it stands and explained in a sentence that names the objects and values involved.
import type { DeepReadonly, Deployment, Event, K8sObject, Secret, Service } from '../model/types';
import { objectKey } from '../model/keys';
import { formatSelector, requirementsOfMap } from '../model/labels';
import { podCondition } from '../model/pod';
import { cidrContains, isIPv4 } from '../net/ipv4';
import { parseImageRef } from '../apps/image-ref';
import { PUBLIC_REGISTRIES } from '../apps/image-catalogue';
import { podRow } from '../kubectl/printers/pod-status';
import type { CheckContext } from './check-context';
import type { PredicateOf } from './predicates-cluster';
import { envValue, hostOf, selectPods, type PodObject } from './predicates-pods';

/** A detector's verdict: whether the mistake is present, and what to tell the student. */
export interface Detection {
  readonly fired: boolean;
  readonly message: string;
}

type Svc = DeepReadonly<Service> & K8sObject;
const none: Detection = { fired: false, message: '' };
const fired = (message: string): Detection => ({ fired: true, message });

function serviceAndPods(ctx: CheckContext, name: string, namespace: string): { svc?: Svc; pods: PodObject[] } {
  const svc = ctx.sim.store.get(objectKey('Service', namespace, name)) as Svc | undefined;
  const selector = svc?.spec?.selector;
  if (!svc || !selector || Object.keys(selector).length === 0) return { svc, pods: [] };
  return { svc, pods: ctx.sim.store.select<PodObject>('Pod', namespace, requirementsOfMap(selector)).filter((p) => !p.metadata.deletionTimestamp) };
}

function scopePods(ctx: CheckContext, d: PredicateOf<'detect'>): PodObject[] {
  return d.selector ? selectPods(ctx, d.selector, d.namespace) : ctx.sim.store.list<PodObject>('Pod', d.namespace).filter((p) => !p.metadata.deletionTimestamp);
}

function selectorMatchesNoPods(ctx: CheckContext, d: PredicateOf<'detect'>): Detection {
  const { svc, pods } = serviceAndPods(ctx, d.service!, d.namespace);
  if (!svc?.spec?.selector || pods.length > 0) return none;
  // What the pods here carry under the selector's keys, so a misspelt value stands out (app=mongo vs app=mongodb).
  const keys = Object.keys(svc.spec.selector);
  const all = ctx.sim.store.list<PodObject>('Pod', d.namespace).filter((p) => !p.metadata.deletionTimestamp);
  const seen = [...new Set(all.flatMap((p) => keys.filter((k) => p.metadata.labels?.[k] !== undefined).map((k) => `${k}=${p.metadata.labels![k]}`)))].sort();
  const there = all.length === 0 ? ' There are no pods in the namespace yet.'
    : seen.length > 0 ? ` Pods here have ${seen.join(', ')}.` : ` No pod here has a label ${keys.join(' or ')}.`;
  return fired(`Service ${d.service} selects ${formatSelector({ matchLabels: { ...svc.spec.selector } })}, but no pod has those labels, so it has no endpoints.${there}`);
}

function targetPortNotListening(ctx: CheckContext, d: PredicateOf<'detect'>): Detection {
  const { svc, pods } = serviceAndPods(ctx, d.service!, d.namespace);
  if (!svc || pods.length === 0) return none;
  const declared = pods.flatMap((p) => (p.spec?.containers ?? []).flatMap((c) => c.ports ?? []));
  if (declared.length === 0) return none;
  for (const port of svc.spec?.ports ?? []) {
    const target = port.targetPort ?? port.port;
    const match = declared.some((cp) => (typeof target === 'number' ? cp.containerPort === target : cp.name === target || String(cp.containerPort) === target));
    if (!match) {
      const listening = [...new Set(declared.map((cp) => cp.containerPort))].join(', ');
      return fired(`Service ${d.service} sends port ${port.port} to targetPort ${target}, but its pods listen on ${listening}. Connections to the Service will be refused: set targetPort to ${listening.split(', ')[0]}.`);
    }
  }
  return none;
}

function envUsesPodIP(ctx: CheckContext, d: PredicateOf<'detect'>): Detection {
  const deploy = ctx.sim.store.get(objectKey('Deployment', d.namespace, d.deployment!)) as (DeepReadonly<Deployment> & K8sObject) | undefined;
  const cidr = ctx.sim.profile.podCidr;
  for (const c of deploy?.spec?.template?.spec?.containers ?? []) {
    for (const e of c.env ?? []) {
      if (d.variable !== undefined && e.name !== d.variable) continue;
      const host = hostOf(envValue(c, e.name) ?? '');
      if (isIPv4(host) && cidrContains(cidr, host)) {
        return fired(`${e.name} in ${d.deployment} still points at ${host}, the address of one pod. When that pod is replaced the address goes with it; use the Service's DNS name instead.`);
      }
    }
  }
  return none;
}

function pullCause(message: string): string {
  if (/401 Unauthorized|failed to authorize/.test(message)) return 'the registry wants credentials: add imagePullSecrets naming a docker-registry Secret for it';
  if (/not found|does not exist/.test(message)) return 'there is no such image or tag: check the name for typos';
  if (/invalid reference|couldn't parse/.test(message)) return 'the image reference is not a valid name';
  return message;
}

function imagePullFailing(ctx: CheckContext, d: PredicateOf<'detect'>): Detection {
  for (const pod of scopePods(ctx, d)) {
    for (const cs of pod.status?.containerStatuses ?? []) {
      const reason = cs.state?.waiting?.reason ?? '';
      if (['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName'].includes(reason)) {
        // In back-off the status only says "Back-off pulling image"; the pull error itself is in the Failed event.
        const failure = ctx.sim.store.list<Event & K8sObject>('Event', d.namespace)
          .filter((e) => e.involvedObject?.name === pod.metadata.name && e.reason === 'Failed' && /Failed to pull image/.test(e.message ?? ''))
          .map((e) => e.message ?? '').pop();
        return fired(`Pod ${pod.metadata.name} cannot pull "${cs.image}" (${reason}): ${pullCause(failure ?? cs.state?.waiting?.message ?? '')}.`);
      }
    }
  }
  return none;
}

function pullSecretMissing(ctx: CheckContext, d: PredicateOf<'detect'>): Detection {
  for (const pod of scopePods(ctx, d)) {
    const secrets = (pod.spec?.imagePullSecrets ?? []).map((s) => s.name ?? '');
    for (const c of pod.spec?.containers ?? []) {
      const ref = parseImageRef(c.image ?? '');
      if (!ref.ok || PUBLIC_REGISTRIES.includes(ref.ref.domain)) continue;
      if (secrets.length === 0) return fired(`Pod ${pod.metadata.name} pulls from ${ref.ref.domain}, a private registry, but has no imagePullSecrets.`);
      const missing = secrets.find((s) => !ctx.sim.store.get(objectKey('Secret', d.namespace, s)));
      if (missing) return fired(`Pod ${pod.metadata.name} names the pull secret "${missing}", which does not exist in namespace ${d.namespace}.`);
      const wrongType = secrets.map((s) => ctx.sim.store.get(objectKey('Secret', d.namespace, s)) as (Secret & K8sObject) | undefined)
        .find((s) => s && s.type !== 'kubernetes.io/dockerconfigjson');
      if (wrongType) return fired(`The pull secret "${wrongType.metadata.name}" has type ${wrongType.type ?? 'Opaque'}; image pulls need a docker-registry secret (kubectl create secret docker-registry).`);
    }
  }
  return none;
}

function lastLogLine(ctx: CheckContext, pod: PodObject): string | undefined {
  const sandbox = pod.metadata.uid ? ctx.sim.runtime.sandboxByUid(pod.metadata.uid) : undefined;
  for (const c of sandbox?.containers.values() ?? []) {
    const lines = (c.state === 'running' ? c.logs : c.previousLogs ?? c.logs).all();
    if (lines.length > 0) return lines[lines.length - 1].text;
  }
  return undefined;
}

function podsCrashing(ctx: CheckContext, d: PredicateOf<'detect'>): Detection {
  for (const pod of scopePods(ctx, d)) {
    const status = podRow(pod, ctx.sim.clock.nowEpochMs).status;
    const restarts = (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
    if (status === 'CrashLoopBackOff' || status === 'Error' || restarts > 0) {
      const last = lastLogLine(ctx, pod);
      return fired(`Pod ${pod.metadata.name} keeps stopping (${status}, ${restarts} restarts).${last ? ` Its last log line: ${last}` : ''}`);
    }
  }
  return none;
}

function podsUnschedulable(ctx: CheckContext, d: PredicateOf<'detect'>): Detection {
  for (const pod of scopePods(ctx, d)) {
    const cond = podCondition(pod, 'PodScheduled');
    if (cond?.status === 'False' && cond.reason === 'Unschedulable') return fired(`Pod ${pod.metadata.name} cannot be placed on any node: ${cond.message ?? ''}`);
  }
  return none;
}

const DETECT: Readonly<Record<PredicateOf<'detect'>['detector'], (ctx: CheckContext, d: PredicateOf<'detect'>) => Detection>> = {
  selectorMatchesNoPods, targetPortNotListening, envUsesPodIP, imagePullFailing, pullSecretMissing, podsCrashing, podsUnschedulable,
};

/** Runs one detector against the cluster as it stands. Pure read. */
export function detect(d: PredicateOf<'detect'>, ctx: CheckContext): Detection {
  return DETECT[d.detector](ctx, d);
}
