// Pets vs cattle: two clients in the same pods, one configured with a pod's IP (a pet's address, taken when the
// view starts) and one with the Service's DNS name, sending steady requests while pods die and come back; and the
// address book that counts how often the app's pod IPs changed against how often the Service's address did.
import type { ClusterView, ObjectsByKey } from '../../lib/cluster-view';
import { objectsOf } from '../../lib/cluster-view';
import type { Pod, Service, Stored } from '../../../sim/model/types';
import type { TrafficFlow } from '../../../sim/protocol';
import { objectKey } from '../../../sim/model/keys';
import { pathFor, mentionsService } from './presets';
import {
  deploymentOfPod, deploymentSelector, deploymentsBehind, isServing, nsName, podsOfService, podsOfServiceUnsorted, serviceHostFrom,
  userDeployments, userServices,
} from './workloads';

export const PET_FLOW_ID = 'pets: by pod IP';
export const CATTLE_FLOW_ID = 'pets: by Service name';

/** A Deployment whose pods run the two clients. */
export interface ClientChoice {
  /** `namespace/name` of the Deployment. */
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly selector: string;
  /** The Deployment is the app behind the Service itself (its pods call their own Service). */
  readonly own: boolean;
}

export interface PetsSetup {
  /** `namespace/name` of the Service. */
  readonly service: string;
  readonly namespace: string;
  readonly serviceName: string;
  /** The name the clients use for the Service. */
  readonly dnsName: string;
  readonly servicePort: number;
  readonly clusterIP: string;
  /** The pod whose IP the first client was configured with. */
  readonly pet: { readonly name: string; readonly ip: string; readonly node: string };
  /** The port the pet listens on (the Service's targetPort). */
  readonly podPort: number;
  readonly path: string;
  /** The Deployment behind the Service, if one owns the pet. */
  readonly deployment?: string;
  readonly client: ClientChoice;
  /** Virtual time the view started (when the pet address was taken). */
  readonly startedAt: number;
}

/** Services the view can run against: a selector, a ClusterIP and at least one serving pod. Pure. */
export function petsServices(view: ClusterView): Stored<Service>[] {
  return userServices(view).filter((s) => s.spec?.type !== 'ExternalName' && !!s.spec?.clusterIP && s.spec.clusterIP !== 'None'
    && (s.spec.ports?.length ?? 0) > 0 && podsOfServiceUnsorted(view, s).some(isServing));
}

/** Deployments that can run the clients, best first: those that talk to the Service, then others, then the app itself. Pure. */
export function clientChoices(view: ClusterView, svc: Stored<Service>): ClientChoice[] {
  const behind = new Set(deploymentsBehind(view, svc).map(nsName));
  const ranked = userDeployments(view).filter((d) => deploymentSelector(d) !== '').map((d) => {
    const own = behind.has(nsName(d));
    const score = own ? 0 : (mentionsService(d, svc) ? 3 : 1) + (d.metadata.namespace === svc.metadata.namespace ? 1 : 0);
    const choice: ClientChoice = { key: nsName(d), name: d.metadata.name, namespace: d.metadata.namespace ?? 'default', selector: deploymentSelector(d), own };
    return { choice, score };
  });
  return ranked.sort((a, b) => b.score - a.score || a.choice.key.localeCompare(b.choice.key)).map((r) => r.choice);
}

/** The port a Service port sends to on a pod: its targetPort, by number or by the container port's name. Pure. */
export function targetPortOf(svc: Service, pod: Pod): number | undefined {
  const sp = svc.spec?.ports?.[0];
  if (!sp) return undefined;
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    const named = c.ports?.find((p) => p.name === target);
    if (named) return named.containerPort;
  }
  return undefined;
}

/** Sets the view up: takes a serving pod's IP as the pet address now. Pure; a string says why it cannot start. */
export function startPets(view: ClusterView, serviceKey: string, client: ClientChoice | undefined): PetsSetup | string {
  const svc = petsServices(view).find((s) => nsName(s) === serviceKey);
  if (!svc) return `no Service ${serviceKey} with a ready pod behind it`;
  if (!client) return 'no Deployment to run the clients in';
  const pet = podsOfService(view, svc).find(isServing);
  if (!pet) return `no ready pod behind ${serviceKey}`;
  const podPort = targetPortOf(svc, pet);
  if (podPort === undefined) return `cannot tell which port ${pet.metadata.name} listens on`;
  return {
    service: serviceKey, namespace: svc.metadata.namespace ?? 'default', serviceName: svc.metadata.name,
    dnsName: serviceHostFrom(svc, client.namespace), servicePort: svc.spec!.ports![0].port, clusterIP: svc.spec!.clusterIP!,
    pet: { name: pet.metadata.name, ip: pet.status!.podIP!, node: pet.spec?.nodeName ?? '' }, podPort,
    path: pathFor(view, svc), deployment: deploymentOfPod(view, pet)?.metadata.name, client, startedAt: view.time,
  };
}

/** The two clients as traffic flows: the pet address and the Service name, from the same pods at the same rate. Pure. */
export function petsFlows(setup: PetsSetup, everyMs: number): TrafficFlow[] {
  const from = { kind: 'pods' as const, namespace: setup.client.namespace, selector: setup.client.selector };
  return [
    { id: PET_FLOW_ID, from, host: setup.pet.ip, port: setup.podPort, path: setup.path, everyMs },
    { id: CATTLE_FLOW_ID, from, host: setup.dnsName, port: setup.servicePort, path: setup.path, everyMs },
  ];
}

/** The pod to delete or whose node to stop: the pet while it lives, else the first serving pod of the Service. Pure. */
export function currentTarget(view: ClusterView, setup: PetsSetup): Stored<Pod> | undefined {
  const pet = objectsOf(view, 'Pod').get(objectKey('Pod', setup.namespace, setup.pet.name)) as Stored<Pod> | undefined;
  if (pet && !pet.metadata.deletionTimestamp) return pet;
  const svc = objectsOf(view, 'Service').get(objectKey('Service', setup.namespace, setup.serviceName)) as Stored<Service> | undefined;
  return svc ? podsOfService(view, svc).find(isServing) : undefined;
}

/** Every pod IP and Service address seen since the view started. */
export interface AddressBook {
  readonly podIPs: ReadonlySet<string>;
  readonly startPodIPs: number;
  readonly serviceAddresses: ReadonlySet<string>;
  /** The Pod and Service maps last read, to skip frames that changed neither. */
  readonly seenPods: ObjectsByKey | undefined;
  readonly seenServices: ObjectsByKey | undefined;
}

function addressesNow(view: ClusterView, setup: PetsSetup): { pods: string[]; service: string | undefined } {
  const svc = objectsOf(view, 'Service').get(objectKey('Service', setup.namespace, setup.serviceName)) as Stored<Service> | undefined;
  const pods = svc ? podsOfServiceUnsorted(view, svc).map((p) => p.status?.podIP).filter((ip): ip is string => !!ip) : [];
  return { pods, service: svc?.spec?.clusterIP ?? undefined };
}

/** The address book when the view starts: today's pod IPs and the Service's address. Pure. */
export function openAddressBook(view: ClusterView, setup: PetsSetup): AddressBook {
  const now = addressesNow(view, setup);
  const podIPs = new Set([setup.pet.ip, ...now.pods]);
  return {
    podIPs, startPodIPs: podIPs.size, serviceAddresses: new Set([setup.clusterIP]),
    seenPods: objectsOf(view, 'Pod'), seenServices: objectsOf(view, 'Service'),
  };
}

/** Adds any new pod IP or Service address in `view` (frames that changed no Pod or Service cost nothing). Pure. */
export function observeAddresses(book: AddressBook, view: ClusterView, setup: PetsSetup): AddressBook {
  const pods = objectsOf(view, 'Pod');
  const services = objectsOf(view, 'Service');
  if (pods === book.seenPods && services === book.seenServices) return book;
  const now = addressesNow(view, setup);
  const newPods = now.pods.filter((ip) => !book.podIPs.has(ip));
  const newService = now.service !== undefined && !book.serviceAddresses.has(now.service);
  const seen = { ...book, seenPods: pods, seenServices: services };
  if (newPods.length === 0 && !newService) return seen;
  return {
    ...seen,
    podIPs: newPods.length ? new Set([...book.podIPs, ...newPods]) : book.podIPs,
    serviceAddresses: newService ? new Set([...book.serviceAddresses, now.service!]) : book.serviceAddresses,
  };
}

/** New pod IPs the app got since the view started. Pure. */
export function ipChanges(book: AddressBook): number {
  return book.podIPs.size - book.startPodIPs;
}

/** Times the Service's address changed since the view started (0 unless it was deleted and made again). Pure. */
export function serviceAddressChanges(book: AddressBook): number {
  return book.serviceAddresses.size - 1;
}

/** The Service the view starts with: one a Deployment's configuration names, else the first. Pure. */
export function preferredService(view: ClusterView, services: readonly Stored<Service>[]): Stored<Service> | undefined {
  const named = services.find((s) => userDeployments(view).some((d) => mentionsService(d, s)));
  const withClient = services.find((s) => clientChoices(view, s).some((c) => !c.own));
  return named ?? withClient ?? services[0];
}

/** How a client is doing over its recent requests. */
export type ClientVerdict = 'waiting' | 'working' | 'failing' | 'mixed';

/** A client's verdict from its recent success rate (`undefined` before any request). Pure. */
export function clientVerdict(rate: number | undefined, samples: number): ClientVerdict {
  if (rate === undefined || samples < 3) return 'waiting';
  if (rate >= 0.9) return 'working';
  if (rate <= 0.1) return 'failing';
  return 'mixed';
}

/** The Service's full DNS name. Pure. */
export function serviceFqdn(setup: PetsSetup, clusterDomain = 'cluster.local'): string {
  return `${setup.serviceName}.${setup.namespace}.svc.${clusterDomain}`;
}

/** The sentence under the two clients: what the student is looking at, or what to try next. Pure. */
export function petsLesson(pet: ClientVerdict, cattle: ClientVerdict, ipChangeCount: number): string | undefined {
  if (pet === 'failing' && cattle === 'working') {
    return 'The pod IP died with its pod. The Service name still reaches whichever pods are ready now.';
  }
  if (cattle === 'failing') return 'No pod behind the Service answers right now; the same name works again as soon as one is ready.';
  if (pet === 'working' && cattle === 'working' && ipChangeCount === 0) {
    return 'Both clients work while the pet lives. Now delete the pod, roll the Deployment or stop its node.';
  }
  return undefined;
}
