// The fault buttons as commands: delete a pod, stop or start a node, fail a pod's readiness probe, break a
// Deployment's image; what each did in one line, and how to undo it where that makes sense.
import type { ClusterView } from '../../lib/cluster-view';
import type { Command } from '../../../sim/protocol';
import type { Deployment, Pod, Stored } from '../../../sim/model/types';
import { isPodReady } from '../../../sim/model/pod';
import { podFaults } from '../../../sim/model/faults';
import { nodeList, nsName, userDeployments, userPods } from './workloads';

/** The tag a broken image gets; no registry has it. */
export const BROKEN_TAG = 'kubesim-broken';

export type FaultAction =
  | { readonly kind: 'deletePod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'stopNode'; readonly node: string }
  | { readonly kind: 'startNode'; readonly node: string }
  | { readonly kind: 'failReadiness'; readonly namespace: string; readonly name: string; readonly on: boolean }
  | { readonly kind: 'breakImage'; readonly namespace: string; readonly deployment: string }
  | { readonly kind: 'undoImage'; readonly namespace: string; readonly deployment: string };

/** How an action reaches the engine: a protocol command, or a terminal line (logged like one the student typed). */
export type FaultCommand = { readonly send: Command } | { readonly dispatch: string };

/** The command that carries out an action. Pure. */
export function commandFor(action: FaultAction): FaultCommand {
  switch (action.kind) {
    case 'deletePod': return { send: { type: 'fault', fault: { kind: 'deletePod', namespace: action.namespace, name: action.name } } };
    case 'stopNode': return { send: { type: 'stopNode', node: action.node } };
    case 'startNode': return { send: { type: 'startNode', node: action.node } };
    case 'failReadiness':
      return { send: { type: 'fault', fault: { kind: 'failProbe', namespace: action.namespace, name: action.name, probe: 'readiness', on: action.on } } };
    case 'breakImage': return { send: { type: 'fault', fault: { kind: 'breakImage', namespace: action.namespace, deployment: action.deployment } } };
    case 'undoImage': return { dispatch: `kubectl rollout undo deployment/${action.deployment} -n ${action.namespace}` };
  }
}

/** The action that takes an action back, if there is one. Pure. */
export function undoOf(action: FaultAction): FaultAction | undefined {
  switch (action.kind) {
    case 'stopNode': return { kind: 'startNode', node: action.node };
    case 'failReadiness': return action.on ? { ...action, on: false } : undefined;
    case 'breakImage': return { kind: 'undoImage', namespace: action.namespace, deployment: action.deployment };
    default: return undefined;
  }
}

/** What an action did, in one line; `before` is the pod's IP when it was deleted. Pure. */
export function describeAction(action: FaultAction, before: { podIP?: string } = {}): string {
  switch (action.kind) {
    case 'deletePod':
      return `deleted pod ${action.namespace}/${action.name}${before.podIP ? ` (${before.podIP})` : ''}: its ReplicaSet makes a new pod with a new name and IP`;
    case 'stopNode':
      return `stopped node ${action.node}: its pods stop answering at once; the node turns NotReady after the grace period`;
    case 'startNode':
      return `started node ${action.node}: its kubelet reports again and its pods come back`;
    case 'failReadiness':
      return action.on
        ? `readiness probe of ${action.namespace}/${action.name} now fails: the pod keeps running but leaves its Services' endpoints`
        : `readiness probe of ${action.namespace}/${action.name} passes again: the pod rejoins its Services' endpoints`;
    case 'breakImage':
      return `deployment ${action.namespace}/${action.deployment} now pulls an image tagged :${BROKEN_TAG}: new pods stay in ImagePullBackOff, old ones keep serving`;
    case 'undoImage':
      return `kubectl rollout undo deployment/${action.deployment}: back to the previous image`;
  }
}

/** Why an action did not happen, in one line. Pure. */
export function describeFailure(action: FaultAction, error: string): string {
  const what: Record<FaultAction['kind'], string> = {
    deletePod: 'delete the pod', stopNode: 'stop the node', startNode: 'start the node', failReadiness: 'change the readiness probe',
    breakImage: 'break the image', undoImage: 'undo the image change',
  };
  return `could not ${what[action.kind]}: ${error}`;
}

/** Whether a pod's readiness probe is being failed on purpose. Pure. */
export function readinessFailing(pod: Pod): boolean {
  return podFaults(pod.metadata?.annotations).has('readiness');
}

export interface PodOption {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly label: string;
  readonly ip: string | undefined;
  readonly failingReadiness: boolean;
}

/** Most pods the fault buttons list (a big cluster lists its first pods by namespace and name). */
export const MAX_POD_OPTIONS = 300;

/** The student's pods that can be deleted or probed (at most `limit`), with their IP and readiness in the label. Pure. */
export function podOptions(view: ClusterView, limit = MAX_POD_OPTIONS): PodOption[] {
  return userPods(view, limit).map((p: Stored<Pod>) => {
    const ip = p.status?.podIP ?? undefined;
    const failing = readinessFailing(p);
    const state = failing ? 'readiness failing' : isPodReady(p) ? 'ready' : 'not ready';
    return {
      key: nsName(p), namespace: p.metadata.namespace ?? 'default', name: p.metadata.name, ip, failingReadiness: failing,
      label: `${p.metadata.namespace === 'default' ? '' : `${p.metadata.namespace}/`}${p.metadata.name} · ${ip ?? 'no IP'} · ${state}`,
    };
  });
}

export interface NodeOption {
  readonly name: string;
  readonly stopped: boolean;
  readonly label: string;
}

/** Nodes with whether the page stopped them and their Ready condition. Pure. */
export function nodeOptions(view: ClusterView, stopped: ReadonlySet<string>): NodeOption[] {
  return nodeList(view).map((n) => {
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    const state = ready === 'True' ? 'Ready' : ready === 'Unknown' ? 'NotReady (Unknown)' : 'NotReady';
    const off = stopped.has(n.metadata.name);
    return { name: n.metadata.name, stopped: off, label: `${n.metadata.name} · ${off ? 'stopped · ' : ''}${state}` };
  });
}

export interface DeploymentOption {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly image: string;
  readonly broken: boolean;
  readonly label: string;
}

/** The student's Deployments with their first container's image and whether it was broken on purpose. Pure. */
export function deploymentOptions(view: ClusterView): DeploymentOption[] {
  return userDeployments(view).map((d: Stored<Deployment>) => {
    const image = d.spec?.template?.spec?.containers?.[0]?.image ?? '';
    return {
      key: nsName(d), namespace: d.metadata.namespace ?? 'default', name: d.metadata.name, image,
      broken: image.endsWith(`:${BROKEN_TAG}`),
      label: `${d.metadata.namespace === 'default' ? '' : `${d.metadata.namespace}/`}${d.metadata.name} · ${image}`,
    };
  });
}
